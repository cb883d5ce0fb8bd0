"""The status counts the worker keeps for the shallow units, and the lists read status by status, give
the very counts, rows and order of the plain live queries (kept here as the reference), over random
tasks, readers and units; the dashboard and home page say "as of" when they read a counting."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.db.models import Case, CharField, Count, Value, When
from django.db.models.functions import Substr
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.policy import Action, can
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, login, make_user
from tochuc.core.actors import Actor
from tochuc.directives import counts, dashboards
from tochuc.directives.models import ReportPeriod, Task, TaskCount, TaskCountRun, TaskStatus
from tochuc.directives.selectors import led_tasks_for, overdue_in_subtree, status_counts, tasks_for
from tochuc.directives.status import STATUS_ORDER
from tochuc.directives.tests.task_factory import make_task, register
from tochuc.orgunits.models import PATH_STEP, OrgUnit
from tochuc.schedule.jobs import run_minute_jobs

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 5, 20)
STATUSES = [s.value for s in STATUS_ORDER]


# --- the references: the live queries as they were -------------------------------------------------


def reference_counts(
    user: Actor, unit: OrgUnit, day: dt.date
) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    width = len(unit.path) + PATH_STEP
    rows = (
        tasks_for(user, unit=unit, today=day)
        .order_by()
        .annotate(
            branch=Case(
                When(lead_path__startswith=unit.path, then=Substr("lead_path", 1, width)),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .values("branch", "status")
        .annotate(n=Count("id"))
    )
    totals = {s: 0 for s in STATUSES}
    branches: dict[str, dict[str, int]] = defaultdict(lambda: {s: 0 for s in STATUSES})
    for row in rows:
        totals[row["status"]] += row["n"]
        if row["branch"]:
            branch = row["branch"] if len(row["branch"]) == width else unit.path
            branches[branch][row["status"]] += row["n"]
    existing = set(OrgUnit.objects.filter(path__in=list(branches)).values_list("path", flat=True))
    return totals, {p: c for p, c in branches.items() if p in existing}


def got_counts(found: dashboards.StatusCounts) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    return found.totals, {u.path: c for u, c in found.branches}


def reference_ids(user: Actor, unit: OrgUnit, status: str | None, day: dt.date) -> list[int]:
    return list(tasks_for(user, unit=unit, status=status, today=day).values_list("pk", flat=True))


# --- random tasks ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskDraw:
    lead: int | None
    assigner: int
    cooperating: frozenset[int]
    deadline: int | None  # days from DAY
    done: int | None  # completed this many days from the deadline (or from DAY)
    percent: int
    reported: int | None  # days before DAY
    period: str
    created: int  # days before DAY


unit_index = st.integers(0, 10)
task_draws = st.builds(
    TaskDraw,
    lead=st.one_of(st.none(), unit_index, unit_index),
    assigner=unit_index,
    cooperating=st.frozensets(unit_index, max_size=2),
    deadline=st.one_of(st.none(), st.integers(-40, 40), st.integers(0, 14)),
    done=st.one_of(st.none(), st.integers(-10, 10)),
    percent=st.sampled_from([0, 0, 10, 50, 90, 100]),
    reported=st.one_of(st.none(), st.integers(0, 200)),
    period=st.sampled_from([p.value for p in ReportPeriod]),
    created=st.integers(0, 400),
)


def write_tasks(units: list[OrgUnit], drawn: list[TaskDraw]) -> None:
    directive = register(units[0], number="77", tasks=0)
    for i, t in enumerate(drawn):
        lead = units[t.lead] if t.lead is not None else None
        deadline = DAY + dt.timedelta(days=t.deadline) if t.deadline is not None else None
        completed = None
        if t.done is not None:
            completed = (deadline or DAY) + dt.timedelta(days=t.done)
        task = Task.objects.create(
            directive=directive,
            assigned_by=units[t.assigner],
            lead_unit=lead,
            lead_path=lead.path if lead else "",
            no=str(i),
            text="Nhiệm vụ",
            deadline=deadline,
            completed_on=completed,
            percent=t.percent,
            last_report_on=DAY - dt.timedelta(days=t.reported) if t.reported is not None else None,
            report_period=t.period,
        )
        created = timezone.make_aware(dt.datetime.combine(DAY - dt.timedelta(days=t.created), dt.time(9)))
        Task.objects.filter(pk=task.pk).update(created_at=created)
        task.cooperating_units.set([units[c] for c in t.cooperating])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drawn=st.lists(task_draws, max_size=14),
    grant=st.tuples(unit_index, st.booleans()),
    unit=unit_index,
    depth=st.integers(0, 2),
    offset=st.integers(0, 9),
    limit=st.integers(1, 6),
    status=st.one_of(st.none(), st.sampled_from(STATUSES)),
)
def test_counted_and_paged_reads_equal_the_live_queries(
    tree: Tree,
    drawn: list[TaskDraw],
    grant: tuple[int, bool],
    unit: int,
    depth: int,
    offset: int,
    limit: int,
    status: str | None,
) -> None:
    units = tree.units()
    with transaction.atomic():
        write_tasks(units, drawn)
        user = User.objects.create_user(username="viewer", password="x")
        grant_role(actor=None, user=user, role=Role.VIEWER, unit=units[grant[0]], include_subtree=grant[1])
        target = units[unit]
        with override_settings(TOCHUC_TASK_COUNTS_DEPTH=depth, TOCHUC_TASK_COUNTS_MAX_AGE=120):
            # Live (no counting yet), then from the counting where it covers the unit.
            live = (
                dashboards.status_counts(user, target, today=DAY) if can(user, Action.VIEW, target) else None
            )
            counts.refresh(today=DAY)
            counted = dashboards.status_counts(user, target, today=DAY) if live is not None else None
            led = dashboards.led_status_counts(user, [TaskStatus.OVERDUE, TaskStatus.AT_RISK], today=DAY)
            first_led = dashboards.first_led_tasks(
                user, [TaskStatus.OVERDUE, TaskStatus.AT_RISK], limit=limit, today=DAY
            )
        if live is not None and counted is not None:
            expected = reference_counts(user, target, DAY)
            assert got_counts(live) == expected
            assert live.as_of is None
            assert got_counts(counted) == expected
            covered = target.depth <= depth and target.path.startswith(units[grant[0]].path) and grant[1]
            assert (counted.as_of is not None) == covered
            totals = live.totals
            # A page of the list, with exact counts and without.
            wanted = [status] if status else STATUSES
            expected_ids = reference_ids(user, target, status, DAY)[offset : offset + limit]

            def listed(s: str) -> Any:
                return tasks_for(user, unit=target, status=s, today=DAY)

            for known in (totals, None):
                ids = dashboards.first_ids(
                    listed, wanted, offset=offset, limit=limit, counts=known, today=DAY
                )
                assert ids == expected_ids
            escalated = list(overdue_in_subtree(user, target, today=DAY).values_list("pk", flat=True))
            reference = list(
                tasks_for(user, today=DAY, status=TaskStatus.OVERDUE)
                .filter(lead_path__startswith=target.path)
                .order_by("deadline", "lead_path", "id")
                .values_list("pk", flat=True)
            )
            assert escalated == reference
        late = led_tasks_for(user, status=[TaskStatus.OVERDUE, TaskStatus.AT_RISK], today=DAY)
        reference_late = status_counts(late)
        assert led.totals == {s: reference_late[s] for s in (TaskStatus.OVERDUE, TaskStatus.AT_RISK)}
        assert [t.pk for t in first_led] == [t.pk for t in late[:limit]]
        transaction.set_rollback(True)


def test_the_counting_keeps_branches_of_the_centre_and_the_provinces(tree: Tree) -> None:
    make_task(tree.commune, tree.province, deadline=DAY - dt.timedelta(days=2))
    make_task(tree.province, tree.province, deadline=DAY + dt.timedelta(days=60), percent=10)
    make_task(tree.cell, tree.commune, deadline=DAY - dt.timedelta(days=1), completed_on=DAY)
    run = counts.refresh(today=DAY)
    rows = {(c.unit_path, c.branch_path, c.status): c.n for c in run.counts.all()}
    assert rows == {
        (tree.centre.path, tree.province.path, TaskStatus.OVERDUE): 1,
        (tree.centre.path, tree.province.path, TaskStatus.ON_TRACK): 1,
        (tree.centre.path, tree.province.path, TaskStatus.DONE_LATE): 1,
        (tree.province.path, tree.commune.path, TaskStatus.OVERDUE): 1,
        (tree.province.path, tree.province.path, TaskStatus.ON_TRACK): 1,
        (tree.province.path, tree.commune.path, TaskStatus.DONE_LATE): 1,
    }
    # The latest counting and the one before it are kept (a page may be reading that one), no more;
    # pages read the latest.
    again = counts.refresh(today=DAY)
    third = counts.refresh(today=DAY)
    assert list(TaskCountRun.objects.values_list("pk", flat=True)) == [third.pk, again.pk]
    assert not TaskCount.objects.filter(run_id=run.pk).exists()
    assert counts.fresh_run(DAY) == third


def test_a_counting_is_read_only_while_fresh_and_of_the_same_day(tree: Tree, inside: User) -> None:
    make_task(tree.commune, tree.province, deadline=DAY - dt.timedelta(days=2))
    run = counts.refresh(today=DAY)
    assert dashboards.status_counts(inside, tree.province, today=DAY).as_of == run.counted_at
    # Counted yesterday: the statuses may have changed at midnight.
    assert dashboards.status_counts(inside, tree.province, today=DAY + dt.timedelta(days=1)).as_of is None
    TaskCountRun.objects.update(counted_at=timezone.now() - dt.timedelta(minutes=3))
    assert dashboards.status_counts(inside, tree.province, today=DAY).as_of is None
    with override_settings(TOCHUC_TASK_COUNTS_MAX_AGE=0):
        counts.refresh(today=DAY)
        assert dashboards.status_counts(inside, tree.province, today=DAY).as_of is None
    # A commune is below the counted depth: always live.
    counts.refresh(today=DAY)
    assert dashboards.status_counts(inside, tree.commune, today=DAY).as_of is None


def test_a_reader_who_does_not_see_the_whole_subtree_is_counted_live(tree: Tree) -> None:
    make_task(tree.commune, tree.commune, deadline=DAY - dt.timedelta(days=2))
    make_task(tree.province, tree.centre, deadline=DAY - dt.timedelta(days=2))
    only_the_province = User.objects.create_user(username="p", password="x")
    grant_role(
        actor=None, user=only_the_province, role=Role.VIEWER, unit=tree.province, include_subtree=False
    )
    counts.refresh(today=DAY)
    found = dashboards.status_counts(only_the_province, tree.province, today=DAY)
    assert found.as_of is None
    assert found.totals[TaskStatus.OVERDUE] == 1  # the commune's task is not theirs to see


def test_the_minute_job_counts_and_a_moved_unit_drops_the_counting(tree: Tree) -> None:
    from tochuc.orgunits.services.structure import unit_move

    make_task(tree.commune, tree.province, deadline=DAY - dt.timedelta(days=2))
    with override_settings(TOCHUC_MINUTE_JOBS=["tochuc.directives.counts.refresh_if_due", "no.such.job"]):
        assert run_minute_jobs() == ["tochuc.directives.counts.refresh_if_due"]
    first = TaskCountRun.objects.get()
    assert counts.refresh_if_due() is None  # counted less than a minute ago
    assert TaskCountRun.objects.get() == first
    unit_move(actor=None, unit=tree.commune, new_parent=tree.other_province)
    assert not TaskCountRun.objects.exists()


# --- the pages, with the cast ------------------------------------------------------------------------


@pytest.fixture
def tasks(tree: Tree) -> list[Task]:
    today = timezone.localdate()
    return [
        make_task(
            tree.commune, tree.province, no="1", text="Việc quá hạn", deadline=today - dt.timedelta(days=3)
        ),
        make_task(tree.grassroots, tree.commune, no="2", text="Việc đúng tiến độ", percent=30),
        make_task(tree.other_commune, tree.other_province, no="3", text="Việc tỉnh khác"),
        make_task(
            tree.commune2,
            tree.province,
            no="4",
            text="Việc sắp đến hạn",
            deadline=today + dt.timedelta(days=2),
        ),
    ]


def _between(body: str, testid: str, end: str) -> str:
    return body.split(f'data-testid="{testid}"')[1].split(end)[0]


@pytest.mark.parametrize(("who", "code"), [("inside", "T01"), ("admin", "TW")])
def test_dashboard_from_the_counting_says_as_of_and_shows_the_live_figures(
    who: str, code: str, tree: Tree, tasks: list[Task], request: pytest.FixtureRequest
) -> None:
    client = login(request.getfixturevalue(who))
    live = client.get("/directives/dashboard/", {"unit": code}).content.decode()
    assert 'data-testid="counts-as-of"' not in live
    run = counts.refresh()
    counted = client.get("/directives/dashboard/", {"unit": code}).content.decode()
    label = timezone.localtime(run.counted_at).strftime("%H:%M")
    assert f"Số liệu lúc {label}" in _between(counted, "counts-as-of", "</span>")
    for testid, end in (
        ("status-counts", "</ul>"),
        ("branches", "</table>"),
        ("dashboard-tasks", "</table>"),
    ):
        assert _between(counted, testid, end) == _between(live, testid, end), testid
    assert "Việc quá hạn" in _between(counted, "escalated", "</section>")
    # The province sees its own tasks only; the Centre sees both provinces'.
    assert ("Việc tỉnh khác" in counted) == (code == "TW")


def test_dashboard_as_of_in_english(tree: Tree, inside: User, tasks: list[Task]) -> None:
    counts.refresh()
    client = login(inside)
    client.cookies["django_language"] = "en"
    body = client.get("/directives/dashboard/", {"unit": "T01"}).content.decode()
    assert "Figures as of" in _between(body, "counts-as-of", "</span>")


def test_outside_gets_404_and_anonymous_goes_to_login_with_a_counting(
    client: Any, tree: Tree, outside: User, tasks: list[Task]
) -> None:
    counts.refresh()
    assert login(outside).get("/directives/dashboard/", {"unit": "T01"}).status_code == 404
    response = client.get("/directives/dashboard/", {"unit": "T01"})
    assert response.status_code == 302 and "/login" in response["Location"]


def test_home_reads_the_counting_for_the_centre_and_says_as_of(tree: Tree, tasks: list[Task]) -> None:
    centre = make_user("tw", Role.SPECIALIST, tree.centre)
    client = login(centre)
    live = client.get("/").content.decode()
    run = counts.refresh()
    # Counted 75 s ago (still fresh): the label is that minute, never the minute the page was drawn.
    run.counted_at = timezone.now() - dt.timedelta(seconds=75)
    run.save(update_fields=["counted_at"])
    counted = client.get("/").content.decode()
    label = timezone.localtime(run.counted_at).strftime("%H:%M")
    assert label != timezone.localtime().strftime("%H:%M")
    assert label in _between(counted, "waiting-tasks-as-of", "</span>")
    assert label in _between(counted, "overview-as-of", "</span>")
    for testid, end in (("waiting-tasks", "</table>"), ("figure-tasks", "</a>")):
        assert _figures(_between(counted, testid, end)) == _figures(_between(live, testid, end)), testid
    assert "Việc quá hạn" in _between(counted, "waiting-tasks", "</table>")


def _figures(block: str) -> list[str]:
    return re.findall(r'class="figure">([^<]*)<', block)
