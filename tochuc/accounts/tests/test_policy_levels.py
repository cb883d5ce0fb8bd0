"""``users_who_can_by_level``: the nearest level's users and those above, against a per-unit reading."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.policy import Action, Levels, can, users_who_can, users_who_can_by_level
from tochuc.conftest import Tree, make_user
from tochuc.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db

UNITS = 11  # the units of the ``tree`` fixture
# Written out here rather than read from the policy's table.
ALLOWED = {Action.EDIT: {Role.SPECIALIST, Role.ADMIN}, Action.APPROVE: {Role.LEADER}}
ROLES = [Role.VIEWER, Role.SPECIALIST, Role.LEADER, Role.ADMIN, Role.AUDITOR]


@dataclass(frozen=True)
class GrantDraw:
    user: int
    role: str
    unit: int
    include_subtree: bool


grant_draws = st.builds(
    GrantDraw,
    user=st.integers(0, 4),
    role=st.sampled_from(ROLES),
    unit=st.integers(0, UNITS - 1),
    include_subtree=st.booleans(),
)


def reference(action: Action, unit: OrgUnit, users: list[User]) -> Levels:
    """One user at a time: who may act on the unit, and how close their closest grant is."""
    closest: dict[int, int] = {}
    for user in users:
        if not can(user, action, unit):
            continue
        depths = [
            len(grant.unit.path)
            for grant in RoleGrant.objects.filter(user=user).select_related("unit")
            if grant.role in ALLOWED[action]
            and (
                grant.unit.path == unit.path
                or (grant.include_subtree and unit.path.startswith(grant.unit.path))
            )
        ]
        closest[user.pk] = max(depths)
    if not closest:
        return Levels(frozenset(), frozenset())
    deepest = max(closest.values())
    return Levels(
        frozenset(u for u, d in closest.items() if d == deepest),
        frozenset(u for u, d in closest.items() if d < deepest),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    grants=st.lists(grant_draws, max_size=8, unique_by=lambda g: (g.user, g.role, g.unit)),
    inactive=st.frozensets(st.integers(0, 4), max_size=2),
    action=st.sampled_from([Action.EDIT, Action.APPROVE]),
)
def test_levels_match_a_per_unit_reading(
    tree: Tree, grants: list[GrantDraw], inactive: frozenset[int], action: Action
) -> None:
    units = tree.units()
    assert len(units) == UNITS
    with transaction.atomic():
        users = [make_user(f"u{i}") for i in range(5)]
        for g in grants:
            RoleGrant.objects.create(
                user=users[g.user], role=g.role, unit=units[g.unit], include_subtree=g.include_subtree
            )
        for i in inactive:
            users[i].is_active = False
            users[i].save()
        paths = [u.path for u in units]
        levels = users_who_can_by_level(action, paths)
        flat = users_who_can(action, paths)
        for unit in units:
            found = levels[unit.path]
            assert found == reference(action, unit, users), unit.code
            assert found.nearest | found.above == flat[unit.path]
            assert not found.nearest & found.above
        transaction.set_rollback(True)


def test_nearest_is_the_unit_itself_or_the_closest_ancestor_with_staff(tree: Tree) -> None:
    province = make_user("tinh", Role.SPECIALIST, tree.province)
    centre = make_user("tw", Role.ADMIN, tree.centre)
    commune = make_user("xa", None)
    RoleGrant.objects.create(user=commune, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False)
    make_user("lanhdao", Role.LEADER, tree.commune)  # no EDIT
    levels = users_who_can_by_level(Action.EDIT, [tree.commune.path, tree.cell.path, tree.other_cell.path])
    assert levels[tree.commune.path] == Levels(frozenset({commune.pk}), frozenset({province.pk, centre.pk}))
    # The commune-only grant does not reach the cell: the province is the nearest level there.
    assert levels[tree.cell.path] == Levels(frozenset({province.pk}), frozenset({centre.pk}))
    assert levels[tree.other_cell.path] == Levels(frozenset({centre.pk}), frozenset())


def test_one_query_whatever_the_number_of_units(tree: Tree, django_assert_num_queries: Any) -> None:
    make_user("tinh", Role.SPECIALIST, tree.province)
    with django_assert_num_queries(1):
        users_who_can_by_level(Action.EDIT, [u.path for u in tree.units()])
