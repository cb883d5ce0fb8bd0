"""The daily jobs: management commands, each put in the background queue once a day.

The list is the setting ``TOCHUC_DAILY_COMMANDS`` (command names); any command
that needs no argument may join it. ``enqueue_due`` records each job and day in
``DailyRun`` in the same transaction as the queue row, so a restarted worker or a
second scheduler never queues a day's job twice.

Beside them, the minute jobs (setting ``TOCHUC_MINUTE_JOBS``, dotted paths of functions without
arguments) run in the scheduler itself on each of its rounds, about once a minute: short counts that
pages read with the time they were counted.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from tochuc.schedule.models import DailyRun

logger = logging.getLogger(__name__)


def daily_commands() -> list[str]:
    return list(getattr(settings, "TOCHUC_DAILY_COMMANDS", []))


@task()
def run_daily_command(name: str) -> str:
    """The background job: run one daily command and keep what it printed."""
    out = io.StringIO()
    call_command(name, stdout=out)
    logger.info("daily job %s: %s", name, out.getvalue().strip())
    return out.getvalue()


def enqueue_due(today: dt.date | None = None) -> list[str]:
    """Queue each daily job not yet queued ``today``; returns the names queued now."""
    day = today or timezone.localdate()
    queued: list[str] = []
    for name in daily_commands():
        with transaction.atomic():
            try:
                with transaction.atomic():
                    run = DailyRun.objects.create(job=name, day=day)
            except IntegrityError:
                continue
            result = run_daily_command.enqueue(name)
            run.task_result_id = str(result.id)
            run.save(update_fields=["task_result_id"])
        queued.append(name)
    return queued


def minute_jobs() -> list[str]:
    return list(getattr(settings, "TOCHUC_MINUTE_JOBS", []))


def run_minute_jobs() -> list[str]:
    """Run each minute job once; one that fails is logged and the others still run. Returns those run."""
    done: list[str] = []
    for path in minute_jobs():
        try:
            import_string(path)()
        except Exception:
            logger.exception("minute job %s failed", path)
            continue
        done.append(path)
    return done
