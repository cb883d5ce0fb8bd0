"""Whatever moves happen in the tree, a user sees exactly what their grants reach.

The expected scope is worked out here from ``parent`` links alone, without paths:
a unit is visible when a grant names it, or names one of its ancestors and
includes the subtree.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.policy import Action, can
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit, UnitKind, path_segment
from tochuc.orgunits.selectors import visible_units
from tochuc.orgunits.services import unit_create, unit_move

# Index 0 is the Centre, 1 and 2 are provinces; the rest are grassroots organizations
# (which may nest) and cells (which may not hold anything, nor stand under a province).
PROVINCES = (1, 2)


@dataclass(frozen=True)
class Scenario:
    units: tuple[tuple[int, str], ...]  # (parent index, kind) for units 3, 4, ...
    grants: tuple[tuple[int, bool, str], ...]  # (unit index, include_subtree, role)
    moves: tuple[tuple[int, int], ...]  # (unit index, new parent index)

    @property
    def size(self) -> int:
        return 3 + len(self.units)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    count = draw(st.integers(min_value=15, max_value=30))
    holders = list(PROVINCES)
    units = []
    for index in range(3, count):
        parent = draw(st.sampled_from(tuple(holders)))
        kind = UnitKind.GRASSROOTS
        if parent not in PROVINCES and draw(st.integers(0, 3)) == 0:
            kind = UnitKind.CELL
        units.append((parent, str(kind)))
        if kind == UnitKind.GRASSROOTS:
            holders.append(index)
    grants = draw(
        st.lists(
            st.tuples(st.integers(0, count - 1), st.booleans(), st.sampled_from(Role.values)),
            max_size=5,
            unique_by=lambda g: (g[0], g[2]),  # one grant per (role, unit), as the table demands
        )
    )
    moves = draw(
        st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)), min_size=1, max_size=12)
    )
    return Scenario(tuple(units), tuple(grants), tuple(moves))


def expected_visible(grants: tuple[tuple[int, bool, str], ...], ids: list[int]) -> set[int]:
    parent_of = dict(OrgUnit.objects.values_list("pk", "parent_id"))
    seen: set[int] = set()
    for pk in parent_of:
        ancestors = []
        up = parent_of[pk]
        while up is not None:
            ancestors.append(up)
            up = parent_of[up]
        for index, subtree, _role in grants:
            granted = ids[index]
            if granted == pk or (subtree and granted in ancestors):
                seen.add(pk)
    return seen


def assert_paths_follow_parents() -> None:
    units = {u.pk: u for u in OrgUnit.objects.all()}
    for unit in units.values():
        parent = units[unit.parent_id] if unit.parent_id else None
        assert unit.path == (parent.path if parent else "") + path_segment(unit.pk)
        assert unit.depth == (parent.depth + 1 if parent else 0)


def build(scenario: Scenario) -> list[int]:
    root = unit_create(actor=None, parent=None, code="R", name="Trung ương", kind=UnitKind.CENTRAL)
    units = [root]
    for n in PROVINCES:
        units.append(
            unit_create(actor=None, parent=root, code=f"P{n}", name=f"Tỉnh {n}", kind=UnitKind.PROVINCIAL)
        )
    for index, (parent, kind) in enumerate(scenario.units, start=3):
        units.append(
            unit_create(actor=None, parent=units[parent], code=f"U{index}", name=f"Đơn vị {index}", kind=kind)
        )
    return [u.pk for u in units]


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(scenario=scenarios())
def test_visible_units_match_grants_after_any_moves(scenario: Scenario) -> None:
    with transaction.atomic():
        ids = build(scenario)
        person = User.objects.create_user(username="person", password="x")
        for index, subtree, role in scenario.grants:
            RoleGrant.objects.create(user=person, role=role, unit_id=ids[index], include_subtree=subtree)

        def check() -> None:
            user = User.objects.get(pk=person.pk)  # a new request: grants read afresh
            expected = expected_visible(scenario.grants, ids)
            assert set(visible_units(user).values_list("pk", flat=True)) == expected
            for unit in OrgUnit.objects.all():
                assert can(user, Action.VIEW, unit) is (unit.pk in expected)
            assert_paths_follow_parents()

        check()
        for unit_index, parent_index in scenario.moves:
            unit = OrgUnit.objects.get(pk=ids[unit_index])
            new_parent = OrgUnit.objects.get(pk=ids[parent_index])
            try:
                unit_move(actor=None, unit=unit, new_parent=new_parent)
            except DomainError:
                continue  # illegal move (kind, cycle, same parent): nothing changed
            check()
        transaction.set_rollback(True)
