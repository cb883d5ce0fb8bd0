"""Moving a unit carries the paths its tasks and disciplines keep: the new superiors see them, the
former ones no longer do."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.accounts.models import Role
from tochuc.conftest import Tree, make_user
from tochuc.directives.models import Task
from tochuc.directives.selectors import tasks_for
from tochuc.directives.tests.task_factory import assigned, register
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import unit_create, unit_move
from tochuc.rewards.discipline_services import discipline_propose
from tochuc.rewards.models import Discipline

pytestmark = pytest.mark.django_db


def _village_cell(tree: Tree) -> OrgUnit:
    return unit_create(
        actor=None, parent=tree.commune2, code="T01-X02-CB1", name="Chi bộ thôn Trung", kind=UnitKind.CELL
    )


def test_a_moved_commune_takes_its_tasks_to_the_new_province(tree: Tree) -> None:
    cell = _village_cell(tree)
    # The commune assigns one task to its cell; the province assigns one to the commune.
    own = assigned(register(tree.commune2, number="12"), cell)
    from_above = assigned(register(tree.province, number="13"), tree.commune2)
    former, new = (
        make_user("former", Role.SPECIALIST, tree.province),
        make_user("new", Role.SPECIALIST, tree.other_province),
    )
    assert {t.pk for t in tasks_for(former)} >= {own.pk, from_above.pk}
    assert own.pk not in {t.pk for t in tasks_for(new)}

    unit_move(actor=None, unit=tree.commune2, new_parent=tree.other_province)

    own.refresh_from_db()
    assert own.lead_path.startswith(tree.other_province.path)
    assert own.assigned_path.startswith(tree.other_province.path)
    seen_by_new = {t.pk for t in tasks_for(new)}
    assert own.pk in seen_by_new and from_above.pk in seen_by_new  # led inside its new province
    # The former province keeps the task it assigned itself, not the commune's own.
    seen_by_former = {t.pk for t in tasks_for(former)}
    assert from_above.pk in seen_by_former
    assert own.pk not in seen_by_former


def test_assigned_path_is_filled_from_the_assigning_unit(tree: Tree) -> None:
    directive = register(tree.commune, number="14", tasks=1)
    task = Task.objects.create(directive=directive, assigned_by=tree.commune, no="9", text="Rà soát")
    assert task.assigned_path == tree.commune.path
    assert directive.tasks.get(no="1").assigned_path == tree.commune.path


def test_a_moved_unit_takes_its_disciplines(tree: Tree) -> None:
    cell = _village_cell(tree)
    discipline = discipline_propose(
        actor=None,
        unit=cell,
        form="reprimand",
        violation="Không tổ chức sinh hoạt chi bộ ba tháng liền",
        violation_on=dt.date(2026, 6, 1),
        proposed_by=tree.commune2,
        proposed_on=dt.date(2026, 9, 1),
    )
    unit_move(actor=None, unit=tree.commune2, new_parent=tree.other_province)
    discipline = Discipline.objects.get(pk=discipline.pk)
    cell.refresh_from_db()
    assert discipline.subject_path == cell.path
    assert discipline.subject_path.startswith(tree.other_province.path)
