"""Status computed from dates and figures: the boundaries, and SQL agreeing with Python."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.conftest import Tree
from tochuc.directives.models import ReportPeriod, Task, TaskStatus
from tochuc.directives.status import period_ends_before, status_expression, stored_status_q, task_status
from tochuc.directives.tests.task_factory import make_task

D = dt.date
TODAY = D(2025, 4, 10)


def created(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


def sql_status(task: Task, today: dt.date) -> str:
    return str(
        Task.objects.annotate(status=status_expression(today))
        .values_list("status", flat=True)
        .get(pk=task.pk)
    )


def both(task: Task, today: dt.date) -> str:
    python = task_status(task, today)
    assert sql_status(task, today) == python
    return python


@pytest.fixture
def task(tree: Tree) -> Task:
    t = make_task(tree.commune, tree.province, deadline=D(2025, 6, 30))
    Task.objects.filter(pk=t.pk).update(created_at=created(D(2025, 1, 5)))
    t.refresh_from_db()
    return t


def test_not_started_then_on_track(task: Task) -> None:
    assert both(task, TODAY) == TaskStatus.NOT_STARTED
    task.percent, task.last_report_on = 10, D(2025, 3, 1)
    task.save()
    assert both(task, TODAY) == TaskStatus.ON_TRACK


def test_deadline_today_is_not_overdue_the_day_after_is(task: Task) -> None:
    task.percent = 100 - 1
    task.last_report_on = D(2025, 6, 20)
    task.save()
    assert both(task, D(2025, 6, 30)) == TaskStatus.AT_RISK  # due today, not finished
    assert both(task, D(2025, 7, 1)) == TaskStatus.OVERDUE


def test_done_on_the_deadline_is_on_time_a_day_later_is_late(task: Task) -> None:
    task.completed_on, task.percent = D(2025, 6, 30), 100
    task.save()
    assert both(task, D(2025, 12, 1)) == TaskStatus.DONE_ON_TIME
    task.completed_on = D(2025, 7, 1)
    task.save()
    assert both(task, D(2025, 12, 1)) == TaskStatus.DONE_LATE
    task.deadline = None
    task.save()
    assert both(task, D(2025, 12, 1)) == TaskStatus.DONE_ON_TIME


def test_at_risk_when_behind_in_the_last_two_weeks(task: Task) -> None:
    # 7 of 14 days left: half is expected.
    task.percent, task.last_report_on = 49, D(2025, 6, 1)
    task.save()
    assert both(task, D(2025, 6, 23)) == TaskStatus.AT_RISK
    task.percent = 50
    task.save()
    assert both(task, D(2025, 6, 23)) == TaskStatus.ON_TRACK
    # 15 days left: outside the window, any progress is on track.
    task.percent = 1
    task.save()
    assert both(task, D(2025, 6, 15)) == TaskStatus.ON_TRACK


def test_report_one_day_late_is_late(task: Task) -> None:
    task.report_period = ReportPeriod.QUARTERLY  # assigned 05/01/2025, first report due 31/03/2025
    task.save()
    assert both(task, D(2025, 3, 31)) == TaskStatus.NOT_STARTED  # the quarter's last day: still in time
    assert both(task, D(2025, 4, 1)) == TaskStatus.AT_RISK  # one day after: the Q1 report is missing
    task.percent, task.last_report_on = 20, D(2025, 4, 1)  # filed a day late: no longer missing
    task.save()
    assert both(task, D(2025, 4, 2)) == TaskStatus.ON_TRACK


def test_a_report_within_the_period_answers_it(task: Task) -> None:
    task.report_period, task.deadline = ReportPeriod.QUARTERLY, D(2025, 12, 31)
    task.percent, task.last_report_on = 20, D(2025, 2, 10)
    task.save()
    assert both(task, D(2025, 4, 1)) == TaskStatus.ON_TRACK
    assert both(task, D(2025, 7, 1)) == TaskStatus.AT_RISK  # nothing since: the Q2 report is missing


def test_a_task_assigned_after_the_period_ended_owes_no_report(task: Task) -> None:
    Task.objects.filter(pk=task.pk).update(
        created_at=created(D(2025, 4, 2)), report_period=ReportPeriod.MONTHLY
    )
    task.refresh_from_db()
    assert both(task, D(2025, 4, 10)) == TaskStatus.NOT_STARTED
    assert both(task, D(2025, 5, 1)) == TaskStatus.AT_RISK  # April's report now due and missing


def test_period_ends() -> None:
    assert period_ends_before(ReportPeriod.QUARTERLY, D(2025, 4, 1)) == (D(2024, 12, 31), D(2025, 3, 31))
    assert period_ends_before(ReportPeriod.HALF_YEAR, D(2025, 1, 1)) == (D(2024, 6, 30), D(2024, 12, 31))
    assert period_ends_before(ReportPeriod.MONTHLY, D(2024, 3, 1)) == (D(2024, 1, 31), D(2024, 2, 29))
    assert period_ends_before(ReportPeriod.ANNUAL, D(2025, 12, 31)) == (D(2023, 12, 31), D(2024, 12, 31))
    assert period_ends_before(ReportPeriod.NONE, D(2025, 1, 1)) is None


BASE = D(2025, 1, 1)
dates = st.one_of(st.none(), st.integers(0, 400).map(lambda n: BASE + dt.timedelta(days=n)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    deadline=dates,
    completed=dates,
    last_report=dates,
    percent=st.integers(0, 100),
    period=st.sampled_from(ReportPeriod.values),
    created_offset=st.integers(0, 400),
    today_offset=st.integers(0, 420),
)
def test_sql_and_python_agree(task: Task, **draw: Any) -> None:
    today = BASE + dt.timedelta(days=draw["today_offset"])
    Task.objects.filter(pk=task.pk).update(
        deadline=draw["deadline"],
        completed_on=draw["completed"],
        last_report_on=draw["last_report"],
        percent=draw["percent"],
        report_period=draw["period"],
        created_at=created(BASE + dt.timedelta(days=draw["created_offset"])),
    )
    task.refresh_from_db()
    python = task_status(task, today)
    assert sql_status(task, today) == python
    # Each status said on the stored columns holds for exactly the computed one.
    held = Task.objects.filter(pk=task.pk).aggregate(
        **{s.value: Count("id", filter=stored_status_q(s.value, today)) for s in TaskStatus}
    )
    assert {s for s, n in held.items() if n} == {python.value}
