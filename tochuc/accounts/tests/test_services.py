"""Writes to accounts and grants: audited, and never beyond the granting admin's reach."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.policy import Action, can, required_otp
from tochuc.accounts.services import grant_role, otp_requirement_set, revoke_grant, user_create
from tochuc.audit.models import AuditEvent
from tochuc.conftest import make_user
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.orgunits.selectors import visible_units


def snapshot() -> tuple[Any, ...]:
    return (
        sorted(RoleGrant.objects.values_list("user_id", "role", "unit_id", "include_subtree")),
        sorted(User.objects.values_list("username", flat=True)),
        AuditEvent.objects.count(),
    )


@contextmanager
def refused(code: ErrorCode, field: str = "") -> Iterator[pytest.ExceptionInfo[DomainError]]:
    before = snapshot()
    with pytest.raises(DomainError) as info:
        yield info
    assert info.value.kind == code, info.value.message
    assert info.value.field == field
    assert snapshot() == before


def new_events(head: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(seq__gt=head).order_by("seq"))


def head() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


@pytest.fixture
def province_admin(tree) -> User:
    return make_user("padmin", Role.ADMIN, tree.province)


# --- grant_role / revoke_grant ------------------------------------------------


def test_grant_is_audited_and_takes_effect(tree, province_admin):
    clerk = make_user("clerk")
    start = head()
    grant = grant_role(actor=province_admin, user=clerk, role=Role.SPECIALIST, unit=tree.commune)
    assert (grant.granted_by_id, grant.include_subtree) == (province_admin.pk, True)
    [event] = new_events(start)
    assert event.action == "rolegrant.grant"
    assert event.actor_id == province_admin.pk
    assert event.unit_path == tree.commune.path
    assert event.summary == {
        "user": "clerk",
        "role": "specialist",
        "unit": "T01-X01",
        "include_subtree": True,
    }
    assert can(clerk, Action.MANAGE_UNITS, tree.cell)
    assert {u.code for u in visible_units(clerk)} == {"T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1"}


def test_same_grant_twice_is_refused_but_scope_can_change(tree, province_admin):
    clerk = make_user("clerk", Role.VIEWER, tree.commune)
    with refused(ErrorCode.CONFLICT):
        grant_role(actor=province_admin, user=clerk, role=Role.VIEWER, unit=tree.commune)
    start = head()
    grant_role(actor=province_admin, user=clerk, role=Role.VIEWER, unit=tree.commune, include_subtree=False)
    assert [e.action for e in new_events(start)] == ["rolegrant.grant"]
    assert RoleGrant.objects.get(user=clerk).include_subtree is False
    assert not can(clerk, Action.VIEW, tree.cell)


def test_revoke_is_audited_and_access_ends(tree, province_admin):
    clerk = make_user("clerk", Role.SPECIALIST, tree.commune)
    grant = RoleGrant.objects.get(user=clerk)
    start = head()
    revoke_grant(actor=province_admin, grant=grant)
    [event] = new_events(start)
    assert event.action == "rolegrant.revoke"
    assert event.summary == {"user": "clerk", "role": "specialist", "unit": "T01-X01"}
    assert not RoleGrant.objects.filter(user=clerk).exists()
    assert not can(clerk, Action.VIEW, tree.commune)


def test_admin_cannot_grant_or_revoke_outside_their_subtree(tree, province_admin, outside):
    clerk = make_user("clerk")
    with refused(ErrorCode.NOT_FOUND):
        grant_role(actor=province_admin, user=clerk, role=Role.VIEWER, unit=tree.other_commune)
    with refused(ErrorCode.NOT_FOUND):
        grant_role(actor=province_admin, user=clerk, role=Role.VIEWER, unit=tree.centre)
    with refused(ErrorCode.NOT_FOUND):
        revoke_grant(actor=province_admin, grant=RoleGrant.objects.get(user=outside))


def test_nobody_grants_to_or_revokes_from_themselves(tree, province_admin):
    with refused(ErrorCode.FORBIDDEN):
        grant_role(actor=province_admin, user=province_admin, role=Role.AUDITOR, unit=tree.commune)
    with refused(ErrorCode.FORBIDDEN):
        revoke_grant(actor=province_admin, grant=RoleGrant.objects.get(user=province_admin))


@pytest.mark.parametrize("who", ["inside", "leader", "auditor"])
def test_only_admins_manage_grants(tree, who, request):
    actor = request.getfixturevalue(who)
    clerk = make_user("clerk")
    with refused(ErrorCode.NOT_FOUND):
        grant_role(actor=actor, user=clerk, role=Role.VIEWER, unit=tree.cell)


def test_admin_of_one_unit_cannot_hand_out_its_subtree(tree):
    # An admin of the province alone must not give anyone the communes below it.
    local_admin = make_user("local")
    RoleGrant.objects.create(user=local_admin, role=Role.ADMIN, unit=tree.province, include_subtree=False)
    clerk = make_user("clerk")
    with refused(ErrorCode.FORBIDDEN, field="include_subtree"):
        grant_role(actor=local_admin, user=clerk, role=Role.ADMIN, unit=tree.province)
    grant_role(actor=local_admin, user=clerk, role=Role.VIEWER, unit=tree.province, include_subtree=False)
    assert {u.code for u in visible_units(clerk)} == {"T01"}


def test_unknown_role_is_refused(tree, province_admin):
    clerk = make_user("clerk")
    with refused(ErrorCode.INVALID, field="role"):
        grant_role(actor=province_admin, user=clerk, role="owner", unit=tree.commune)


# --- otp_requirement_set ----------------------------------------------------------


def test_admin_sets_otp_requirement_inside_their_subtree(tree, province_admin, inside):
    start = head()
    otp_requirement_set(actor=province_admin, user=inside, required=True, unit=tree.province)
    inside.refresh_from_db()
    assert inside.otp_required and required_otp(inside)
    [event] = new_events(start)
    assert (event.action, event.summary) == ("user.otp_requirement", {"otp_required": True})


def test_admin_cannot_relax_otp_of_someone_reaching_beyond_them(tree, province_admin, admin):
    # The central admin also holds a grant inside the province.
    admin.otp_required = True
    admin.save()
    RoleGrant.objects.create(user=admin, role=Role.VIEWER, unit=tree.commune)
    with refused(ErrorCode.FORBIDDEN):
        otp_requirement_set(actor=province_admin, user=admin, required=False, unit=tree.province)
    admin.refresh_from_db()
    assert admin.otp_required


def test_admin_cannot_relax_own_otp_or_reach_outsiders(tree, province_admin, outside):
    province_admin.otp_required = True
    province_admin.save()
    with refused(ErrorCode.FORBIDDEN):
        otp_requirement_set(actor=province_admin, user=province_admin, required=False, unit=tree.province)
    with refused(ErrorCode.NOT_FOUND):
        otp_requirement_set(actor=province_admin, user=outside, required=True, unit=tree.province)
    with refused(ErrorCode.NOT_FOUND):
        otp_requirement_set(actor=province_admin, user=outside, required=True, unit=tree.other_province)


# --- user_create ---------------------------------------------------------------


def test_user_create_is_audited_and_can_log_in(tree, admin):
    start = head()
    user = user_create(
        actor=admin,
        username="  nguyenvana ",
        password="Hai-Muoi-Sau-11",
        full_name=" Nguyễn Văn A ",
        email=" a@x.vn ",
    )
    assert (user.username, user.full_name, user.email) == ("nguyenvana", "Nguyễn Văn A", "a@x.vn")
    assert user.check_password("Hai-Muoi-Sau-11")
    [event] = new_events(start)
    assert (event.action, event.summary) == ("user.create", {"username": "nguyenvana"})
    assert "Hai-Muoi-Sau-11" not in str(event.summary) + event.object_label


@pytest.mark.parametrize("username", ["inside", "INSIDE", " Inside "])
def test_user_create_refuses_duplicate_username(tree, admin, inside, username):
    with refused(ErrorCode.CONFLICT, field="username"):
        user_create(actor=admin, username=username, password="Hai-Muoi-Sau-11")


@pytest.mark.parametrize("password", ["123", "12345678901", "password", "nguyenvana1"])
def test_user_create_refuses_weak_password(tree, admin, password):
    with refused(ErrorCode.INVALID, field="password") as info:
        user_create(actor=admin, username="nguyenvana", password=password)
    assert info.value.message


def test_user_create_refuses_blank_username(tree, admin):
    with refused(ErrorCode.INVALID, field="username"):
        user_create(actor=admin, username="   ", password="Hai-Muoi-Sau-11")
