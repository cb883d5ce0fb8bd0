"""Pieces the directive pages share: units offered in choosers, status display, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from tochuc.directives.models import Task, TaskStatus
from tochuc.directives.status import task_status


def today() -> dt.date:
    return timezone.localdate()


def status_of(task: Task) -> str:
    """The computed status, from the ``status`` annotation when the selector added it."""
    annotated = getattr(task, "status", None)
    return str(annotated) if annotated else task_status(task, today()).value


def status_label(status: str) -> str:
    try:
        return str(TaskStatus(status).label)
    except ValueError:
        return status


def decorate(tasks: Any) -> list[Task]:
    """Attach ``status_code`` and ``status_text`` to each task for the templates."""
    rows = list(tasks)
    for task in rows:
        code = status_of(task)
        task.status_code = code
        task.status_text = status_label(code)
    return rows
