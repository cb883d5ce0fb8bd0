"""The dashboard's and the task page's reads: the statuses said on the stored columns and the
children read in one query keep the rows of the plain computed-status reads, over random tasks,
grants and days; the pages' query counts do not grow with the tasks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.db import connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, login
from tochuc.directives.dashboards import parts_of, status_of
from tochuc.directives.models import Task, TaskStatus
from tochuc.directives.selectors import task_rollup, task_scope_q, tasks_for, unit_tasks_q
from tochuc.directives.status import status_expression
from tochuc.directives.tests.task_factory import make_task, register
from tochuc.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db

UNITS = 11  # the units of the ``tree`` fixture
TODAY = dt.date(2025, 4, 10)


@dataclass(frozen=True)
class ChildDraw:
    lead: int
    deadline: int | None  # days from TODAY
    completed: int | None
    last_report: int | None
    percent: int
    period: str


offsets = st.one_of(st.none(), st.integers(-60, 60))
child_draws = st.builds(
    ChildDraw,
    lead=st.integers(0, UNITS - 1),
    deadline=offsets,
    completed=offsets,
    last_report=offsets,
    percent=st.sampled_from([0, 0, 10, 50, 99, 100]),
    period=st.sampled_from(["", "monthly", "quarterly"]),
)


def _day(offset: int | None) -> dt.date | None:
    return None if offset is None else TODAY + dt.timedelta(days=offset)


def _build(tree: Tree, draws: list[ChildDraw], grants: list[tuple[int, bool]]) -> tuple[Task, User]:
    units = tree.units()
    assert len(units) == UNITS
    directive = register(tree.centre, number="77", tasks=0)
    parent = Task.objects.create(
        directive=directive,
        assigned_by=tree.centre,
        lead_unit=tree.province,
        lead_path=tree.province.path,
        no="1",
        text="Nhiệm vụ",
    )
    for i, d in enumerate(draws):
        lead = units[d.lead]
        Task.objects.create(
            directive=directive,
            parent=parent,
            assigned_by=tree.province,
            lead_unit=lead,
            lead_path=lead.path,
            no=f"1.{i}",
            text="Phần việc",
            deadline=_day(d.deadline),
            completed_on=_day(d.completed),
            last_report_on=_day(d.last_report),
            percent=d.percent,
            report_period=d.period,
        )
    user = User.objects.create_user(username="viewer", password="x")
    for unit, subtree in grants:
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=units[unit], include_subtree=subtree)
    return parent, user


grant_lists = st.lists(
    st.tuples(st.integers(0, UNITS - 1), st.booleans()), max_size=3, unique_by=lambda g: g[0]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(draws=st.lists(child_draws, max_size=8), grants=grant_lists)
def test_the_parts_of_a_task_are_the_children_the_reader_sees_and_the_rollup_of_all(
    tree: Tree, draws: list[ChildDraw], grants: list[tuple[int, bool]]
) -> None:
    with transaction.atomic():
        parent, user = _build(tree, draws, grants)
        parts = parts_of(user, parent, today=TODAY)
        seen = tasks_for(user, directive=parent.directive, today=TODAY).filter(parent=parent).order_by("pk")
        assert [(r.task.pk, r.status) for r in parts.children] == [(t.pk, status_of(t)) for t in seen]
        if not parts.children:
            assert parts.rollup is None
        else:
            rollup = task_rollup(parent, today=TODAY)
            assert parts.rollup is not None
            for key in ("total", "by_status", "done"):
                assert parts.rollup[key] == rollup[key]
            # The mean of every child's percent, to one decimal (the grouped read rounded 28.75 to 28.7).
            percents = list(Task.objects.filter(parent=parent).values_list("percent", flat=True))
            assert parts.rollup["mean_percent"] == round(sum(percents) / len(percents), 1)
            assert parts.rollup["mean_percent"] == pytest.approx(rollup["mean_percent"], abs=0.1001)
        transaction.set_rollback(True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    draws=st.lists(child_draws, max_size=8),
    grants=grant_lists,
    unit=st.one_of(st.none(), st.integers(0, UNITS - 1)),
    wanted=st.lists(st.sampled_from(TaskStatus.values), min_size=1, max_size=3, unique=True),
)
def test_a_status_said_on_the_stored_columns_lists_the_rows_of_the_computed_status(
    tree: Tree, draws: list[ChildDraw], grants: list[tuple[int, bool]], unit: int | None, wanted: list[str]
) -> None:
    with transaction.atomic():
        _parent, user = _build(tree, draws, grants)
        chosen: OrgUnit | None = None if unit is None else tree.units()[unit]
        try:
            listed = [(t.pk, status_of(t)) for t in tasks_for(user, unit=chosen, status=wanted, today=TODAY)]
        except Http404:  # a unit out of reach, whichever the status
            listed = None
        reference = (
            Task.objects.filter(task_scope_q(user))
            .annotate(status=status_expression(TODAY))
            .filter(status__in=wanted)
        )
        if listed is not None:
            if chosen is not None:
                reference = reference.filter(unit_tasks_q(chosen))
            assert sorted(listed) == sorted((t.pk, str(t.status)) for t in reference)
        transaction.set_rollback(True)


def _queries(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)  # type: ignore[attr-defined]
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_and_the_task_page_read_the_same_few_queries_however_many_tasks(
    tree: Tree, inside: User
) -> None:
    today = dt.date.today()
    parent = make_task(tree.province, tree.centre, no="1", deadline=today + dt.timedelta(days=30))
    units = [tree.commune, tree.commune2, tree.grassroots]

    def add(n: int) -> None:
        for i in range(n):
            lead = units[i % len(units)]
            late = i % 2 == 0
            Task.objects.create(
                directive=parent.directive,
                parent=parent,
                assigned_by=tree.province,
                lead_unit=lead,
                lead_path=lead.path,
                no=f"1.{Task.objects.count()}",
                text="Phần việc",
                deadline=today + dt.timedelta(days=-5 if late else 40),
            )

    c = login(inside)
    add(3)
    dashboard = _queries(c, f"/directives/dashboard/?unit={tree.province.code}")
    task_page = _queries(c, f"/directives/tasks/{parent.pk}/")
    add(30)
    assert _queries(c, f"/directives/dashboard/?unit={tree.province.code}") == dashboard
    assert _queries(c, f"/directives/tasks/{parent.pk}/") == task_page
    # The session, the reader and their grants, the task, its children with the rollup, its reports,
    # its cooperating units, the lead unit's path and the bell.
    assert task_page <= 9
    assert dashboard <= 20


def test_the_directive_page_reads_the_same_few_queries_however_many_tasks(tree: Tree, inside: User) -> None:
    directive = register(tree.province, number="88", tasks=0)
    units = [tree.commune, tree.commune2, tree.grassroots]

    def add(n: int) -> None:
        for _i in range(n):
            lead = units[Task.objects.count() % len(units)]
            Task.objects.create(
                directive=directive,
                assigned_by=tree.province,
                assigned_path=tree.province.path,
                lead_unit=lead,
                lead_path=lead.path,
                no=str(Task.objects.count()),
                text="Nhiệm vụ",
            )

    c = login(inside)
    add(3)
    few = _queries(c, f"/directives/{directive.pk}/")
    add(30)
    # Whether the reader may assign each task is decided without a query per task.
    assert _queries(c, f"/directives/{directive.pk}/") == few <= 10


def test_the_on_time_page_reads_the_same_few_queries_however_many_units(tree: Tree, inside: User) -> None:
    from tochuc.orgunits.services.structure import unit_create

    c = login(inside)
    url = f"/directives/on-time/?unit={tree.province.code}"
    few = _queries(c, url)
    for i in range(4):
        commune = unit_create(
            actor=None,
            parent=tree.province,
            code=f"T01-X9{i}",
            name=f"Đảng bộ xã Mới {i}",
            kind=tree.commune.kind,
        )
        make_task(commune, tree.province, no=f"9{i}", deadline=dt.date.today())
    # Each unit's name and short name come with it, not one query per unit.
    assert _queries(c, url) == few
