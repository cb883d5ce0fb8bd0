"""Who sees which tasks and directives; roll-up, escalation and on-time rates."""

from __future__ import annotations

import datetime as dt
from typing import cast

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, make_user
from tochuc.core.actors import Actor
from tochuc.directives.models import TaskStatus
from tochuc.directives.permissions import get_directive_for, get_task_for
from tochuc.directives.selectors import (
    directive_list_for,
    on_time_rate_by_unit,
    overdue_in_subtree,
    quarters,
    status_counts,
    task_rollup,
    tasks_for,
)
from tochuc.directives.services import progress_report_submit, task_assign, task_break_down
from tochuc.directives.tests.task_factory import assigned, make_task, register

D = dt.date
TODAY = D(2025, 4, 10)


def test_a_unit_sees_what_it_leads_cooperates_on_or_sits_below_it(
    tree: Tree, inside: User, outside: User
) -> None:
    led_below = make_task(tree.commune, tree.province, no="a")
    elsewhere = make_task(tree.other_commune, tree.other_province, no="b")
    directive = register(tree.commission, number="07")
    cooperated = task_assign(
        actor=None,
        task=directive.tasks.get(no="1"),
        lead_unit=tree.department,
        cooperating_units=[tree.commission],
    )
    hidden = task_assign(actor=None, task=directive.tasks.get(no="2"), lead_unit=tree.department)
    task_assign(actor=None, task=cooperated, lead_unit=tree.department, cooperating_units=[tree.commission])
    # Give the province a say on the commission's task 1 only.
    cooperated.cooperating_units.add(tree.province)
    assert set(tasks_for(inside, today=TODAY)) == {led_below, cooperated}
    assert set(tasks_for(outside, today=TODAY)) == {elsewhere}
    assert not tasks_for(cast(Actor, AnonymousUser()), today=TODAY).exists()
    assert hidden not in tasks_for(inside, today=TODAY)
    # The directive of a cooperated task is visible; the one of nobody's task is not.
    assert directive in directive_list_for(inside)
    assert get_directive_for(inside, directive.pk) == directive
    with pytest.raises(Http404):
        get_task_for(inside, hidden.pk)
    with pytest.raises(Http404):
        get_task_for(outside, led_below.pk)
    with pytest.raises(Http404):
        get_directive_for(outside, led_below.directive_id)
    assert get_task_for(inside, led_below.pk).status == TaskStatus.NOT_STARTED  # type: ignore[attr-defined]


def test_unassigned_tasks_are_seen_by_the_registering_unit(tree: Tree, inside: User, outside: User) -> None:
    directive = register(tree.province)
    assert tasks_for(inside, directive=directive, today=TODAY).count() == 2
    assert not tasks_for(outside, directive=directive, today=TODAY).exists()


def test_unit_filter_and_status_filter(tree: Tree, inside: User) -> None:
    late = make_task(tree.commune, tree.province, no="a", deadline=D(2025, 4, 9))
    make_task(tree.commune2, tree.province, no="b", deadline=D(2025, 12, 31))
    commune_tasks = tasks_for(inside, unit=tree.commune, today=TODAY)
    assert list(commune_tasks) == [late]
    assert list(tasks_for(inside, status=TaskStatus.OVERDUE, today=TODAY)) == [late]
    counts = status_counts(tasks_for(inside, today=TODAY))
    assert counts[TaskStatus.OVERDUE] == 1 and counts[TaskStatus.NOT_STARTED] == 1
    with pytest.raises(Http404):
        tasks_for(inside, unit=tree.other_commune, today=TODAY)


def test_overdue_first(tree: Tree, inside: User) -> None:
    later = make_task(tree.commune, tree.province, no="a", deadline=D(2025, 12, 31))
    overdue = make_task(tree.commune, tree.province, no="b", deadline=D(2025, 3, 1))
    assert list(tasks_for(inside, today=TODAY)) == [overdue, later]


def test_rollup_of_children(tree: Tree, inside: User) -> None:
    parent = assigned(register(tree.province), tree.commune, deadline=D(2030, 12, 31))
    a, b, c = task_break_down(
        actor=inside,
        task=parent,
        items=[
            {"text": "A", "lead_unit": tree.grassroots, "deadline": D(2025, 3, 31)},
            {"text": "B", "lead_unit": tree.grassroots, "deadline": D(2025, 12, 31)},
            {"text": "C", "lead_unit": tree.cell, "deadline": D(2025, 12, 31)},
        ],
    )
    progress_report_submit(actor=inside, task=b, percent=100, narrative="Xong", reported_on=D(2025, 4, 1))
    progress_report_submit(actor=inside, task=c, percent=50, narrative="Nửa", reported_on=D(2025, 4, 1))
    rollup = task_rollup(parent, today=TODAY)
    assert rollup["total"] == 3 and rollup["done"] == 1
    assert rollup["by_status"][TaskStatus.OVERDUE] == 1
    assert rollup["by_status"][TaskStatus.DONE_ON_TIME] == 1
    assert rollup["by_status"][TaskStatus.ON_TRACK] == 1
    assert rollup["mean_percent"] == 50.0
    assert task_rollup(a, today=TODAY) == {
        "total": 0,
        "by_status": {s.value: 0 for s in TaskStatus},
        "mean_percent": None,
        "done": 0,
    }


def test_overdue_escalates_to_every_level_above(tree: Tree, inside: User) -> None:
    late = make_task(tree.cell, tree.province, no="a", deadline=D(2025, 4, 1))
    make_task(tree.cell, tree.province, no="b", deadline=D(2025, 4, 10))  # due today: not overdue
    commune_leader = make_user("xa", Role.VIEWER, tree.commune)
    for user, unit in ((inside, tree.province), (inside, tree.commune), (commune_leader, tree.grassroots)):
        assert list(overdue_in_subtree(user, unit, today=TODAY)) == [late]
    assert not overdue_in_subtree(inside, tree.commune2, today=TODAY).exists()
    with pytest.raises(Http404):
        overdue_in_subtree(commune_leader, tree.province, today=TODAY)


def test_on_time_rate_by_child_unit_and_quarter(tree: Tree, inside: User) -> None:
    make_task(tree.commune, tree.province, no="a", deadline=D(2025, 2, 1), completed_on=D(2025, 1, 30))
    make_task(tree.cell, tree.province, no="b", deadline=D(2025, 3, 31), completed_on=D(2025, 4, 2))
    make_task(tree.commune2, tree.province, no="c", deadline=D(2025, 5, 5), completed_on=D(2025, 5, 5))
    make_task(tree.province, tree.province, no="d", deadline=D(2025, 5, 5))
    make_task(tree.other_commune, tree.other_province, no="e", deadline=D(2025, 5, 5))
    rows = on_time_rate_by_unit(inside, tree.province, quarters(2025)[:2])
    table = {(r["unit"].code, r["period"]): (r["due"], r["on_time"], r["rate"]) for r in rows}
    assert table[("T01-X01", "Q1/2025")] == (2, 1, 50.0)
    assert table[("T01-X02", "Q2/2025")] == (1, 1, 100.0)
    assert table[("T01", "Q2/2025")] == (1, 0, 0.0)
    assert table[("T01-X01", "Q2/2025")] == (0, 0, None)
    assert len(rows) == 3 * 2
    with pytest.raises(Http404):
        on_time_rate_by_unit(inside, tree.other_province, quarters(2025))


def test_a_grant_on_the_unit_alone_does_not_reach_below_it(tree: Tree) -> None:
    from tochuc.accounts.models import RoleGrant

    own = make_task(tree.commune, tree.province, no="a")
    below = make_task(tree.cell, tree.province, no="b")
    viewer = make_user("xa_rieng")
    RoleGrant.objects.create(user=viewer, role=Role.VIEWER, unit=tree.commune, include_subtree=False)
    assert list(tasks_for(viewer, today=TODAY)) == [own]
    assert list(tasks_for(viewer, unit=tree.commune, today=TODAY)) == [own]
    with pytest.raises(Http404):
        get_task_for(viewer, below.pk)
    with pytest.raises(Http404):
        tasks_for(viewer, unit=tree.grassroots, today=TODAY)
