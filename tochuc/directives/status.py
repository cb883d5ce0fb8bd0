"""A task's status, computed from its dates and figures — never typed.

The same rules twice: ``task_status`` in Python (one task in hand) and
``status_expression`` as one SQL ``CASE`` (``.annotate(status=...)``) so lists
and dashboards filter and count in the database. A property test checks that
the two agree.

Rules, first match wins (``today`` is always passed in):

1. **done on time** — ``completed_on`` is set and there is no deadline or
   ``completed_on <= deadline``;
2. **done late** — ``completed_on`` is set and after the deadline;
3. **overdue** — not done and ``today > deadline`` (on the deadline day itself
   the task is not yet overdue);
4. **at risk** — not done and either
   a. the deadline falls within the next ``AT_RISK_DAYS`` days (setting
      ``TOCHUC_TASK_AT_RISK_DAYS``, default 14) and the percent reported is
      below the share of that window already gone: with *d* days left out of
      *N*, at least ``100 × (N − d) / N`` % is expected (half-way through the
      window, half done; on the deadline day, 100 %); or
   b. a scheduled report is missing: the task has a reporting period, the
      last period ended **before** today (calendar months, quarters, halves,
      years; the report is due on the period's last day, so one day later it
      is late), the task existed before that day, and no report was filed
      after the end of the period before it;
5. **on track** — a report was filed or the percent is above zero;
6. **not started** — otherwise.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.utils import timezone

from tochuc.directives.models import ReportPeriod, Task, TaskStatus

DEFAULT_AT_RISK_DAYS = 14

# Months (1-12) in which a reporting period ends, per period kind.
PERIOD_END_MONTHS: dict[str, tuple[int, ...]] = {
    ReportPeriod.MONTHLY: tuple(range(1, 13)),
    ReportPeriod.QUARTERLY: (3, 6, 9, 12),
    ReportPeriod.HALF_YEAR: (6, 12),
    ReportPeriod.ANNUAL: (12,),
}

DONE_STATUSES = (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)


def at_risk_days() -> int:
    return int(getattr(settings, "TOCHUC_TASK_AT_RISK_DAYS", DEFAULT_AT_RISK_DAYS))


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def period_ends_before(period: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The last two period ends strictly before ``today``: (the one before, the latest).

    A report filed after the first and up to any time later answers the latest period.
    ``None`` when the task has no reporting period.
    """
    months = PERIOD_END_MONTHS.get(period)
    if not months:
        return None
    ends: list[dt.date] = []
    year, month = today.year, today.month
    while len(ends) < 2:
        if month in months:
            end = _month_end(year, month)
            if end < today:
                ends.append(end)
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return ends[1], ends[0]


def _start_of_day(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _expected_percent(days_left: int, window: int) -> int:
    """Smallest whole percent that is not behind: ceil(100 × (N − d) / N)."""
    return math.ceil(100 * (window - days_left) / window)


def report_missing(task: Task, today: dt.date) -> bool:
    """Whether the latest scheduled report of ``task`` is missing on ``today``."""
    ends = period_ends_before(task.report_period, today)
    if ends is None or task.completed_on is not None:
        return False
    previous_end, latest_end = ends
    if task.created_at is None or task.created_at >= _start_of_day(latest_end):
        return False
    return task.last_report_on is None or task.last_report_on <= previous_end


def task_status(task: Task, today: dt.date) -> TaskStatus:
    """The status of one task on ``today`` (see the module docstring for the rules)."""
    if task.completed_on is not None:
        if task.deadline is None or task.completed_on <= task.deadline:
            return TaskStatus.DONE_ON_TIME
        return TaskStatus.DONE_LATE
    if task.deadline is not None and today > task.deadline:
        return TaskStatus.OVERDUE
    window = at_risk_days()
    if task.deadline is not None and window > 0:
        days_left = (task.deadline - today).days
        if days_left <= window and task.percent < _expected_percent(days_left, window):
            return TaskStatus.AT_RISK
    if report_missing(task, today):
        return TaskStatus.AT_RISK
    if task.last_report_on is not None or task.percent > 0:
        return TaskStatus.ON_TRACK
    return TaskStatus.NOT_STARTED


def behind_schedule_q(today: dt.date) -> Q:
    """Not done, deadline within the window and the percent behind (rule 4a), as a filter."""
    window = at_risk_days()
    condition = Q(pk__in=[])
    if window <= 0:
        return condition
    for days_left in range(window + 1):
        expected = _expected_percent(days_left, window)
        if expected > 0:
            condition |= Q(deadline=today + dt.timedelta(days=days_left), percent__lt=expected)
    return Q(completed_on__isnull=True) & condition


def report_missing_q(today: dt.date) -> Q:
    """Rule 4b as a filter (only constants: one branch per period kind)."""
    condition = Q(pk__in=[])
    for period in PERIOD_END_MONTHS:
        ends = period_ends_before(period, today)
        assert ends is not None
        previous_end, latest_end = ends
        condition |= Q(report_period=period, created_at__lt=_start_of_day(latest_end)) & (
            Q(last_report_on__isnull=True) | Q(last_report_on__lte=previous_end)
        )
    return Q(completed_on__isnull=True) & condition


def _status_rules(today: dt.date) -> list[tuple[Q, TaskStatus]]:
    """The rules as (condition, status), first match wins; the default is not started."""
    return [
        (
            Q(completed_on__isnull=False) & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline"))),
            TaskStatus.DONE_ON_TIME,
        ),
        (Q(completed_on__isnull=False), TaskStatus.DONE_LATE),
        (Q(deadline__lt=today), TaskStatus.OVERDUE),
        (behind_schedule_q(today) | report_missing_q(today), TaskStatus.AT_RISK),
        (Q(last_report_on__isnull=False) | Q(percent__gt=0), TaskStatus.ON_TRACK),
    ]


def stored_status_q(status: str, today: dt.date) -> Q:
    """The tasks whose status on ``today`` is ``status``, as conditions on the stored columns.

    The same rules as ``status_expression``, each status said outright (done or open, the deadline
    against ``today``) so the database reads the open tasks' index or the lead path's ranges instead of
    working the status out for every row and keeping the matches.
    """
    done, open_ = Q(completed_on__isnull=False), Q(completed_on__isnull=True)
    if status == TaskStatus.DONE_ON_TIME:
        return done & (Q(deadline__isnull=True) | Q(completed_on__lte=F("deadline")))
    if status == TaskStatus.DONE_LATE:
        return done & Q(deadline__isnull=False, completed_on__gt=F("deadline"))
    if status == TaskStatus.OVERDUE:
        return open_ & Q(deadline__lt=today)
    in_time = open_ & (Q(deadline__isnull=True) | Q(deadline__gte=today))
    at_risk = behind_schedule_q(today) | report_missing_q(today)
    if status == TaskStatus.AT_RISK:
        return in_time & at_risk
    started = Q(last_report_on__isnull=False) | Q(percent__gt=0)
    if status == TaskStatus.ON_TRACK:
        return in_time & ~at_risk & started
    if status == TaskStatus.NOT_STARTED:
        return in_time & ~at_risk & Q(last_report_on__isnull=True, percent=0)
    return Q(pk__in=[])


def status_expression(today: dt.date) -> Case:
    """The status as SQL: ``Task.objects.annotate(status=status_expression(today))``."""
    return Case(
        *(When(condition, then=Value(status.value)) for condition, status in _status_rules(today)),
        default=Value(TaskStatus.NOT_STARTED.value),
        output_field=CharField(max_length=20),
    )


# Order in which lists show statuses: what needs attention first.
STATUS_ORDER = (
    TaskStatus.OVERDUE,
    TaskStatus.AT_RISK,
    TaskStatus.NOT_STARTED,
    TaskStatus.ON_TRACK,
    TaskStatus.DONE_LATE,
    TaskStatus.DONE_ON_TIME,
)


def status_rank_expression(today: dt.date) -> Case:
    """0 for overdue … 5 for done on time, for ``order_by`` (overdue first).

    The same rules as ``status_expression`` with ranks as values, so the database
    evaluates them once per row rather than comparing the status six times.
    """
    return Case(
        *(
            When(condition, then=Value(STATUS_ORDER.index(status)))
            for condition, status in _status_rules(today)
        ),
        default=Value(STATUS_ORDER.index(TaskStatus.NOT_STARTED)),
        output_field=IntegerField(),
    )
