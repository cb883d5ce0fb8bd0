"""Task statuses of the shallow units (the Centre, the provinces), counted by the worker about once a minute.

Counting the statuses of every task led in the country takes seconds (a status is computed from dates,
percent and reports, never stored), so the worker counts them for the units at depth
``TOCHUC_TASK_COUNTS_DEPTH`` or above, per child branch, in one grouped read of the task table
(``refresh``). Pages read the latest counting while it is fresh (``TOCHUC_TASK_COUNTS_MAX_AGE``
seconds, the same day) and say when it was counted; otherwise, and below that depth, they count live.
The figures count every task led in the subtree, so a page uses them only for a reader who sees the
whole subtree (``can_subtree``). A unit move drops the counting (paths change), until the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.utils import timezone

from tochuc.directives.models import Task, TaskCount, TaskCountRun
from tochuc.directives.status import status_expression
from tochuc.orgunits.models import PATH_STEP

logger = logging.getLogger(__name__)

# A counting younger than this is not repeated (two workers, or a loop that came round early).
MIN_INTERVAL = dt.timedelta(seconds=30)


def max_depth() -> int:
    """Units at this depth or above are counted (0: the Centre; 1: and the provinces)."""
    return int(getattr(settings, "TOCHUC_TASK_COUNTS_DEPTH", 1))


def max_age() -> int:
    """Seconds a counting is read for; 0 turns the reading off (every page counts live)."""
    return int(getattr(settings, "TOCHUC_TASK_COUNTS_MAX_AGE", 120))


def depth_of(path: str) -> int:
    return len(path) // PATH_STEP - 1


def count_rows(today: dt.date, depth: int) -> dict[tuple[str, str, str], int]:
    """{(unit path, branch path, status): tasks} for every unit at ``depth`` or above; one grouped read.

    The branch of a task is the child of the unit whose subtree leads it, or the unit itself when it
    leads the task (as ``dashboards.status_counts`` groups them).
    """
    width = (depth + 2) * PATH_STEP
    rows = (
        Task.objects.exclude(lead_path="")
        .annotate(key=Substr("lead_path", 1, width), status=status_expression(today))
        .order_by()
        .values_list("key", "status")
        .annotate(n=Count("id"))
    )
    found: dict[tuple[str, str, str], int] = defaultdict(int)
    for key, status, n in rows:
        for level in range(depth + 1):
            end = (level + 1) * PATH_STEP
            if len(key) < end:
                break
            branch = key[: end + PATH_STEP] if len(key) > end else key[:end]
            found[(key[:end], branch, status)] += n
    return found


# Held by a counting and by a unit move on PostgreSQL, so a counting begun before a move is never kept
# after it (SQLite's writers queue already: each transaction takes the write lock when it begins).
COUNTING_LOCK = 0x7A5C0C


def _serialise_with_moves() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [COUNTING_LOCK])


def refresh(*, today: dt.date | None = None) -> TaskCountRun:
    """Count again, keeping this counting and the one before it (a page may be reading that one now)."""
    day = today or timezone.localdate()
    depth = max_depth()
    with transaction.atomic():
        _serialise_with_moves()
        counted_at = timezone.now()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # The grouping hashes in memory instead of sorting on disk.
                cursor.execute("SET LOCAL work_mem = '64MB'")
        rows = count_rows(day, depth)
        run = TaskCountRun.objects.create(counted_at=counted_at, day=day, max_depth=depth)
        TaskCount.objects.bulk_create(
            (
                TaskCount(run=run, unit_path=unit_path, branch_path=branch, status=status, n=n)
                for (unit_path, branch, status), n in rows.items()
            ),
            batch_size=2000,
        )
        kept_runs = list(TaskCountRun.objects.order_by("-id").values_list("pk", flat=True)[:2])
        TaskCount.objects.exclude(run_id__in=kept_runs).delete()
        TaskCountRun.objects.exclude(pk__in=kept_runs).delete()
    return run


def refresh_if_due() -> TaskCountRun | None:
    """``refresh`` unless a counting younger than ``MIN_INTERVAL`` exists or reading is off (the minute job)."""
    if max_age() <= 0:
        return None
    latest = TaskCountRun.objects.order_by("-id").first()
    if latest is not None and timezone.now() - latest.counted_at < MIN_INTERVAL:
        return None
    run = refresh()
    logger.info("task statuses counted for units at depth ≤ %d", run.max_depth)
    return run


def forget() -> None:
    """Drop the counting (after a unit moved: its paths are no longer those counted); called inside the
    move's transaction, it waits for a counting under way and holds the next one off until the move ends."""
    _serialise_with_moves()
    TaskCount.objects.all().delete()
    TaskCountRun.objects.all().delete()


def fresh_run(today: dt.date) -> TaskCountRun | None:
    """The latest counting if it may be read now for ``today``."""
    age = max_age()
    if age <= 0:
        return None
    run = TaskCountRun.objects.order_by("-id").first()
    if run is None or run.day != today or timezone.now() - run.counted_at > dt.timedelta(seconds=age):
        return None
    return run


@dataclass(frozen=True)
class Kept:
    """The counted tasks led in one unit's subtree: {branch path: {status: n}}, and when."""

    counted_at: dt.datetime
    branches: dict[str, dict[str, int]]

    def totals(self) -> dict[str, int]:
        found: dict[str, int] = defaultdict(int)
        for counts in self.branches.values():
            for status, n in counts.items():
                found[status] += n
        return dict(found)


def kept(unit_path: str, today: dt.date, run: TaskCountRun | None = None) -> Kept | None:
    """The counting of the tasks led in the subtree at ``unit_path`` if it is fresh and covers it."""
    run = run or fresh_run(today)
    if run is None or depth_of(unit_path) > run.max_depth:
        return None
    branches: dict[str, dict[str, int]] = defaultdict(dict)
    for branch, status, n in TaskCount.objects.filter(run=run, unit_path=unit_path).values_list(
        "branch_path", "status", "n"
    ):
        branches[branch][status] = n
    return Kept(run.counted_at, dict(branches))
