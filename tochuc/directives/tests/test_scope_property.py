"""The task scope written as a union of index lookups keeps exactly the rows of the plain
``OR`` of the three reaches (lead path, cooperating units, assigning unit), over random grants
and tasks. The ``OR`` form lives only here, as the reference."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.db.models import Q
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.policy import Action, scope_q
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree
from tochuc.core.actors import Actor
from tochuc.directives.models import Directive, Task
from tochuc.directives.selectors import (
    directive_list_for,
    task_for,
    task_scope_q,
    task_scope_rows_q,
    unit_tasks_q,
)
from tochuc.directives.tests.task_factory import register
from tochuc.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db

UNITS = 11  # the units of the ``tree`` fixture


def reference_scope_q(user: Actor) -> Q:
    cooperating = Task.cooperating_units.through.objects.filter(
        scope_q(user, Action.VIEW, "orgunit__path")
    ).values("task_id")
    return (
        scope_q(user, Action.VIEW, "lead_path")
        | Q(pk__in=cooperating)
        | scope_q(user, Action.VIEW, "assigned_by__path")
    )


def reference_unit_q(unit: OrgUnit) -> Q:
    cooperating = Task.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values("task_id")
    return Q(lead_path__startswith=unit.path) | Q(pk__in=cooperating) | Q(assigned_by_id=unit.pk)


@dataclass(frozen=True)
class TaskDraw:
    lead: int | None
    assigner: int
    cooperating: frozenset[int]


@dataclass(frozen=True)
class GrantDraw:
    unit: int
    include_subtree: bool


unit_index = st.integers(0, UNITS - 1)
task_draws = st.builds(
    TaskDraw,
    lead=st.one_of(st.none(), unit_index),
    assigner=unit_index,
    cooperating=st.frozensets(unit_index, max_size=3),
)
grant_draws = st.builds(GrantDraw, unit=unit_index, include_subtree=st.booleans())


def _units(tree: Tree) -> list[OrgUnit]:
    units = tree.units()
    assert len(units) == UNITS
    return units


def _ids(q: Q) -> list[int]:
    return sorted(Task.objects.filter(q).values_list("pk", flat=True))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    drawn_tasks=st.lists(task_draws, max_size=10),
    grants=st.lists(grant_draws, max_size=3, unique_by=lambda g: g.unit),
    unit=unit_index,
)
def test_union_scope_keeps_the_rows_of_the_or_scope(
    tree: Tree, drawn_tasks: list[TaskDraw], grants: list[GrantDraw], unit: int
) -> None:
    units = _units(tree)
    with transaction.atomic():
        directives = [register(units[u], number=str(77 + u), tasks=0) for u in (0, 3, 8)]
        for i, t in enumerate(drawn_tasks):
            lead = units[t.lead] if t.lead is not None else None
            task = Task.objects.create(
                directive=directives[i % len(directives)],
                assigned_by=units[t.assigner],
                lead_unit=lead,
                lead_path=lead.path if lead else "",
                no=str(i),
                text="Nhiệm vụ",
            )
            task.cooperating_units.set([units[c] for c in t.cooperating])
        user = User.objects.create_user(username="viewer", password="x")
        for g in grants:
            grant_role(
                actor=None,
                user=user,
                role=Role.SPECIALIST,
                unit=units[g.unit],
                include_subtree=g.include_subtree,
            )
        assert _ids(task_scope_q(user)) == _ids(reference_scope_q(user))
        # Row by row, as the task page and the lists' rows check it.
        assert _ids(task_scope_rows_q(user)) == _ids(reference_scope_q(user))
        assert sorted(t.pk for t in Task.objects.all() if task_for(user, t.pk)) == _ids(
            reference_scope_q(user)
        )
        # The directives listed: registered in reach, or with a task in reach.
        listed = sorted(directive_list_for(user).values_list("pk", flat=True))
        visible = Task.objects.filter(reference_scope_q(user)).values("directive_id")
        reference = Directive.objects.filter(scope_q(user, Action.VIEW, "unit__path") | Q(pk__in=visible))
        assert listed == sorted(reference.values_list("pk", flat=True))
        assert _ids(unit_tasks_q(units[unit])) == _ids(reference_unit_q(units[unit]))
        both = task_scope_q(user) & unit_tasks_q(units[unit])
        assert _ids(both) == _ids(reference_scope_q(user) & reference_unit_q(units[unit]))
        transaction.set_rollback(True)
