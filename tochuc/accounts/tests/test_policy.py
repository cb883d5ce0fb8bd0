"""The access policy: which role may do what, and where a grant reaches."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.policy import (
    Action,
    Reach,
    can,
    forget_grants,
    has_any,
    reaches,
    require,
    required_otp,
    scope_q,
)
from tochuc.conftest import make_user
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.selectors import visible_units

# Written out here rather than read from ROLE_ACTIONS, so a change to the table shows up as a failure.
EXPECTED: dict[str, set[Action]] = {
    Role.VIEWER: {Action.VIEW},
    Role.SPECIALIST: {Action.VIEW, Action.EDIT, Action.MANAGE_UNITS, Action.REVEAL_CITIZEN_ID},
    Role.LEADER: {Action.VIEW, Action.APPROVE, Action.REVEAL_CITIZEN_ID},
    Role.ADMIN: {Action.VIEW, Action.EDIT, Action.MANAGE_UNITS, Action.MANAGE_GRANTS},
    Role.AUDITOR: {Action.VIEW, Action.READ_AUDIT},
}


def fresh_user(user: User) -> User:
    """The same person in a new request: no cached grants."""
    return type(user).objects.get(pk=user.pk)


def codes(units) -> set[str]:
    return {u.code for u in units}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_action_table(tree, role):
    user = make_user("someone", role, tree.commune)
    for action in Action:
        allowed = action in EXPECTED[role]
        assert can(user, action, tree.commune) is allowed, action
        assert can(user, action, tree.cell) is allowed, action
        assert has_any(user, action) is allowed, action
        # Never above or beside the granted unit.
        assert not can(user, action, tree.province)
        assert not can(user, action, tree.commune2)


def test_cast_cannot_do_what_their_role_lacks(tree, leader, auditor, inside, admin):
    assert not can(leader, Action.MANAGE_UNITS, tree.commune)
    assert not can(auditor, Action.MANAGE_UNITS, tree.commune)
    assert not can(auditor, Action.EDIT, tree.cell)
    assert can(auditor, Action.READ_AUDIT, tree.other_cell)
    assert not can(inside, Action.READ_AUDIT, tree.commune)
    assert not can(inside, Action.MANAGE_GRANTS, tree.commune)
    assert can(admin, Action.MANAGE_GRANTS, tree.other_cell)
    assert not can(admin, Action.APPROVE, tree.cell)


def test_grant_without_subtree_covers_only_the_unit(tree):
    user = make_user("clerk")
    RoleGrant.objects.create(user=user, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False)
    assert can(user, Action.VIEW, tree.commune)
    assert can(user, Action.MANAGE_UNITS, tree.commune)
    assert not can(user, Action.VIEW, tree.grassroots)
    assert not can(user, Action.VIEW, tree.cell)
    assert not can(user, Action.VIEW, tree.province)
    assert codes(visible_units(user)) == {"T01-X01"}
    assert reaches(user, Action.VIEW) == [Reach(tree.commune.pk, tree.commune.path, False)]


def test_nested_grants_collapse_into_the_outer_one(tree):
    user = make_user("layered", Role.VIEWER, tree.province)
    RoleGrant.objects.create(user=user, role=Role.SPECIALIST, unit=tree.commune)
    RoleGrant.objects.create(user=user, role=Role.LEADER, unit=tree.cell, include_subtree=False)
    RoleGrant.objects.create(user=user, role=Role.AUDITOR, unit=tree.province, include_subtree=False)
    user = fresh_user(user)
    # Viewing: the province subtree covers everything else.
    assert reaches(user, Action.VIEW) == [Reach(tree.province.pk, tree.province.path, True)]
    # Editing comes only from the specialist grant.
    assert reaches(user, Action.EDIT) == [Reach(tree.commune.pk, tree.commune.path, True)]
    assert reaches(user, Action.APPROVE) == [Reach(tree.cell.pk, tree.cell.path, False)]
    assert reaches(user, Action.READ_AUDIT) == [Reach(tree.province.pk, tree.province.path, False)]
    assert codes(visible_units(user)) == {"T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"}


def test_separate_subtrees_both_stay(tree):
    user = make_user("two", Role.VIEWER, tree.commune)
    RoleGrant.objects.create(user=user, role=Role.VIEWER, unit=tree.other_commune)
    RoleGrant.objects.create(user=user, role=Role.VIEWER, unit=tree.province, include_subtree=False)
    user = fresh_user(user)
    assert [r.unit_id for r in reaches(user, Action.VIEW)] == [
        tree.province.pk,
        tree.commune.pk,
        tree.other_commune.pk,
    ]
    assert codes(visible_units(user)) == {
        "T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T02-X01", "T02-X01-CB1",
    }  # fmt: skip


def test_anonymous_reaches_nothing(tree):
    anonymous = AnonymousUser()
    for action in Action:
        assert reaches(anonymous, action) == []
        assert not has_any(anonymous, action)
        assert not can(anonymous, action, tree.centre)
    assert not OrgUnit.objects.filter(scope_q(anonymous, Action.VIEW)).exists()
    assert not required_otp(anonymous)
    with pytest.raises(Http404):
        require(anonymous, Action.VIEW, tree.centre)


def test_inactive_user_reaches_nothing(tree, admin):
    admin.is_active = False
    admin.save()
    admin = fresh_user(admin)
    assert reaches(admin, Action.VIEW) == []
    assert not can(admin, Action.VIEW, tree.centre)
    assert visible_units(admin).count() == 0


def test_require_raises_404_outside_scope(tree, inside):
    require(inside, Action.EDIT, tree.cell)
    with pytest.raises(Http404):
        require(inside, Action.EDIT, tree.other_cell)
    with pytest.raises(Http404):
        require(inside, Action.READ_AUDIT, tree.cell)


def test_scope_q_on_a_related_path(tree, inside):
    from tochuc.orgunits.models import UnitFunction
    from tochuc.orgunits.services import function_create

    mine = function_create(actor=None, lead_unit=tree.cell, title="Sinh hoạt chi bộ")
    function_create(actor=None, lead_unit=tree.other_cell, title="Sinh hoạt chi bộ")
    assert list(UnitFunction.objects.filter(scope_q(inside, Action.VIEW, "lead_unit__path"))) == [mine]


def test_grants_are_read_once_per_request_until_forgotten(tree, django_assert_num_queries):
    user = fresh_user(make_user("cached", Role.VIEWER, tree.commune))
    with django_assert_num_queries(1):
        reaches(user, Action.VIEW)
        reaches(user, Action.EDIT)
        can(user, Action.VIEW, tree.cell)
    RoleGrant.objects.create(user=user, role=Role.VIEWER, unit=tree.other_commune)
    assert not can(user, Action.VIEW, tree.other_cell)
    forget_grants(user)
    assert can(user, Action.VIEW, tree.other_cell)


def test_required_otp_follows_the_user_flag(tree, settings):
    settings.TOCHUC_OTP_REQUIRED_ROLES = []
    user = make_user("flagged", Role.VIEWER, tree.commune)
    assert not required_otp(user)
    user.otp_required = True
    assert required_otp(user)


def test_required_otp_follows_roles_setting(tree, settings, admin, inside, auditor):
    settings.TOCHUC_OTP_REQUIRED_ROLES = [Role.ADMIN, Role.AUDITOR]
    assert required_otp(admin)
    assert required_otp(auditor)
    assert not required_otp(inside)
    settings.TOCHUC_OTP_REQUIRED_ROLES = []
    assert not required_otp(admin)
