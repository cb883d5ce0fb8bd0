"""Login, lockout, TOTP, password change and the grants page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.audit.chain import verify_chain
from tochuc.audit.models import AuditEvent
from tochuc.conftest import PASSWORD, login

pytestmark = pytest.mark.django_db


def test_healthz(client: Client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_login_page_is_vietnamese(client: Client):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in page and "Mật khẩu" in page


def test_login_and_logout(tree, inside):
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("orgunits:tree")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("orgunits:tree")).status_code == 302


def test_lockout_after_five_failures_even_with_the_right_password(tree, inside):
    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "inside", "password": "wrong"})
    response = client.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tạm khóa" in response.content.decode()


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_logins_failures_lockouts_and_logouts_are_audit_events(tree, inside, auditor):
    client = Client()
    client.post(reverse("accounts:login"), {"username": "inside", "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": "nobody", "password": "wrong"})
    (failed, unknown) = _events("user.login_failed")
    assert (failed.actor_id, failed.summary["username"], failed.object_id) == (None, "inside", str(inside.pk))
    assert (unknown.summary["username"], unknown.object_id) == ("nobody", "")
    assert "wrong" not in str(failed.summary) and failed.summary["address"] == "127.0.0.1"
    assert (
        client.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD}).status_code
        == 302
    )
    (logged_in,) = _events("user.login")
    assert (logged_in.actor_id, logged_in.unit_path) == (inside.pk, "")
    client.post(reverse("accounts:logout"))
    (logged_out,) = _events("user.logout")
    assert logged_out.actor_id == inside.pk
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "inside", "password": "wrong"})
    assert [e.summary["username"] for e in _events("user.lockout")][:1] == ["inside"]
    # The whole tree's auditor reads them on the audit page.
    page = login(auditor).get(reverse("audit:list")).content.decode()
    assert "Đăng nhập không thành công" in page and "Tạm khóa đăng nhập" in page
    assert verify_chain().ok


def test_lockout_is_per_username_and_ip(tree, inside, outside):
    client = Client()
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "inside", "password": "wrong"})
    other = client.post(reverse("accounts:login"), {"username": "outside", "password": PASSWORD})
    assert other.status_code == 302


def test_password_change_is_audited(tree, inside):
    client = login(inside)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    inside.refresh_from_db()
    assert inside.check_password("Mat-khau-moi-2026")
    event = AuditEvent.objects.order_by("-seq").first()
    assert event.action == "user.password_change"
    assert "Mat-khau" not in str(event.summary)


def test_user_who_must_use_totp_sets_it_up_then_passes(tree, inside):
    inside.otp_required = True
    inside.save()
    client = login(inside)
    response = client.get(reverse("orgunits:tree"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp"))
    setup = client.get(reverse("accounts:otp")).content.decode()
    assert "Quét mã QR" in setup
    device = TOTPDevice.objects.get(user=inside)
    wrong_code = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    wrong = client.post(reverse("accounts:otp"), {"code": wrong_code})
    assert "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    code = f"{totp(device.bin_key):06d}"
    ok = client.post(reverse("accounts:otp") + "?next=/units/", {"code": code})
    assert ok.status_code == 302 and ok["Location"] == "/units/"
    assert client.get(reverse("orgunits:tree")).status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_totp_required_by_role_setting(tree, leader, settings):
    settings.TOCHUC_OTP_REQUIRED_ROLES = [Role.LEADER]
    response = login(leader).get(reverse("orgunits:tree"))
    assert response.status_code == 302 and "otp" in response["Location"]


def test_otp_next_cannot_leave_the_site(tree, inside):
    inside.otp_required = True
    inside.save()
    client = login(inside)
    client.get(reverse("accounts:otp"))
    device = TOTPDevice.objects.get(user=inside)
    ok = client.post(
        reverse("accounts:otp") + "?next=https://example.org/", {"code": f"{totp(device.bin_key):06d}"}
    )
    assert ok["Location"] == "/"


@pytest.mark.parametrize("who", ["inside", "outside", "leader", "auditor"])
def test_only_admins_open_grants(request, tree, who):
    assert login(request.getfixturevalue(who)).get(reverse("accounts:grants")).status_code == 404


def test_anonymous_grants_redirects(client: Client, tree):
    assert client.get(reverse("accounts:grants")).status_code == 302


def test_admin_grants_and_revokes(tree, admin, outside):
    client = login(admin)
    response = client.post(
        reverse("accounts:grants"),
        {"username": "outside", "role": Role.VIEWER, "unit_code": tree.commune.code, "include_subtree": "on"},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(user=outside, role=Role.VIEWER)
    assert grant.unit == tree.commune
    page = client.get(reverse("accounts:grants")).content.decode()
    assert "outside" in page
    client.post(reverse("accounts:grant_revoke", args=[grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()


def test_provincial_admin_cannot_grant_outside_the_province(tree, outside):
    from tochuc.conftest import make_user

    province_admin = make_user("admin.t01", Role.ADMIN, tree.province)
    client = login(province_admin)
    response = client.post(
        reverse("accounts:grants"),
        {"username": "outside", "role": Role.VIEWER, "unit_code": tree.other_commune.code},
    )
    assert response.status_code == 200
    assert "Không có đơn vị này trong phạm vi" in response.content.decode()
    assert not RoleGrant.objects.filter(user=outside, role=Role.VIEWER).exists()
    foreign = RoleGrant.objects.get(user=outside)
    assert client.post(reverse("accounts:grant_revoke", args=[foreign.pk])).status_code == 404
    assert User.objects.filter(username="outside").exists()


def test_admin_requires_totp_for_a_leader_and_it_is_enforced(tree, admin, leader):
    grant = RoleGrant.objects.get(user=leader)
    client = login(admin)
    assert client.post(reverse("accounts:grant_otp", args=[grant.pk])).status_code == 302
    leader.refresh_from_db()
    assert leader.otp_required
    assert AuditEvent.objects.order_by("-seq").first().action == "user.otp_requirement"
    response = login(leader).get(reverse("orgunits:tree"))
    assert response.status_code == 302 and "otp" in response["Location"]


def test_otp_toggle_outside_the_admins_reach_is_404(tree, outside):
    from tochuc.conftest import make_user

    province_admin = make_user("admin.t01", Role.ADMIN, tree.province)
    foreign = RoleGrant.objects.get(user=outside)
    assert login(province_admin).post(reverse("accounts:grant_otp", args=[foreign.pk])).status_code == 404
    outside.refresh_from_db()
    assert not outside.otp_required
