"""The audit page: auditors of a subtree only; the chain can be checked from it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tochuc.accounts.models import Role
from tochuc.audit.models import AuditEvent
from tochuc.audit.tests.tamper import tamper
from tochuc.conftest import login, make_user
from tochuc.orgunits.services import unit_rename

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_login(client: Client, tree):
    assert client.get(reverse("audit:list")).status_code == 302
    assert client.post(reverse("audit:verify")).status_code == 302


@pytest.mark.parametrize("who", ["inside", "outside", "leader", "admin"])
def test_only_auditors_see_the_trail(request, tree, who):
    user = request.getfixturevalue(who)
    client = login(user)
    assert client.get(reverse("audit:list")).status_code == 404
    assert client.post(reverse("audit:verify")).status_code == 404


def test_auditor_sees_events_and_filters_by_unit(tree, auditor):
    unit_rename(actor=None, unit=tree.commune, name="Đảng bộ xã An Bình Đông")
    client = login(auditor)
    page = client.get(reverse("audit:list")).content.decode()
    assert "orgunit.rename" in page
    only_other = client.get(reverse("audit:list"), {"unit": tree.other_province.code}).content.decode()
    table = only_other.split('data-testid="audit-table"', 1)[1]
    assert "orgunit.rename" not in table
    assert "Đảng bộ xã Bình Minh" in only_other


def test_provincial_auditor_sees_only_the_province(tree):
    auditor = make_user("auditor.t02", Role.AUDITOR, tree.other_province)
    unit_rename(actor=None, unit=tree.commune, name="Đảng bộ xã An Bình Đông")
    client = login(auditor)
    page = client.get(reverse("audit:list")).content.decode()
    assert "Đảng bộ xã Bình Minh" in page
    assert "An Bình" not in page
    refused = client.get(reverse("audit:list"), {"unit": tree.province.code}).content.decode()
    assert "Không có đơn vị này trong phạm vi của bạn" in refused
    assert 'data-testid="audit-table"' not in refused


def test_after_a_move_the_new_subtrees_auditor_sees_the_older_events(tree):
    """The commune moves from the first province to the second: its history goes with it."""
    from tochuc.orgunits.services import unit_move

    unit_rename(actor=None, unit=tree.cell, name="Chi bộ trước khi chuyển")
    receiving = make_user("auditor.t02", Role.AUDITOR, tree.other_province)
    cell_only = make_user("auditor.cell", Role.AUDITOR, tree.cell)
    before_move = list(
        AuditEvent.objects.filter(unit_path__startswith=tree.commune.path).values_list("seq", flat=True)
    )
    assert len(before_move) >= 4  # the commune, its grassroots unit and cell created, a rename
    unit_move(actor=None, unit=tree.commune, new_parent=tree.other_province)
    tree.cell.refresh_from_db()
    unit_rename(actor=None, unit=tree.cell, name="Chi bộ sau khi chuyển")
    others = make_user("auditor.t01", Role.AUDITOR, tree.province)
    from tochuc.audit.selectors import events_for

    seen = set(events_for(receiving).values_list("seq", flat=True))
    assert set(before_move) <= seen
    assert AuditEvent.objects.get(action="orgunit.move").seq in seen
    # The unit filter follows the move too.
    filtered = set(events_for(receiving, unit_path=tree.cell.path).values_list("action", flat=True))
    assert filtered == {"orgunit.create", "orgunit.rename", "rolegrant.grant"}  # the grant: cell_only
    # An auditor of the cell alone (without the subtree flag it is the same) sees its own past.
    cell_seen = events_for(cell_only).values_list("object_label", flat=True)
    assert {"Chi bộ trước khi chuyển", "Chi bộ sau khi chuyển"} <= set(cell_seen)
    # The province it left keeps what happened while the commune was there, nothing after.
    left = set(events_for(others).values_list("seq", flat=True))
    assert set(before_move) <= left
    assert not AuditEvent.objects.filter(seq__in=left, object_label="Chi bộ sau khi chuyển").exists()
    # A province that never held it sees none of it.
    stranger = make_user("auditor.x02", Role.AUDITOR, tree.commune2)
    assert not set(events_for(stranger).values_list("seq", flat=True)) & set(before_move)


def test_list_query_count_is_flat(tree, auditor, django_assert_max_num_queries):
    from django.test.utils import CaptureQueriesContext

    client = login(auditor)
    client.get(reverse("audit:list"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("audit:list"))
    for i in range(30):
        unit_rename(actor=None, unit=tree.cell, name=f"Chi bộ số {i}")
    with django_assert_max_num_queries(len(first)):
        client.get(reverse("audit:list"))


def test_filter_by_action_and_dates(tree, auditor):
    client = login(auditor)
    page = client.get(reverse("audit:list"), {"action": "orgunit.create", "date_from": "01/01/2020"})
    assert page.status_code == 200
    assert "orgunit.create" in page.content.decode()
    bad = client.get(reverse("audit:list"), {"date_from": "31/02/2024"})
    assert bad.status_code == 200
    assert "errorlist" in bad.content.decode()
    # A filter that could not be read shows nothing rather than everything.
    assert 'data-testid="audit-table"' not in bad.content.decode()


def test_verify_reports_intact_then_altered(tree, auditor):
    client = login(auditor)
    ok = client.post(reverse("audit:verify"), HTTP_HX_REQUEST="true").content.decode()
    assert "Nguyên vẹn" in ok
    victim = AuditEvent.objects.order_by("seq")[2]
    tamper("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["người khác", victim.pk])
    broken = client.post(reverse("audit:verify"), HTTP_HX_REQUEST="true").content.decode()
    assert "Bị thay đổi" in broken
    assert str(victim.pk) in broken


def test_verify_detects_a_head_that_differs_from_the_one_written_down(tree, auditor):
    page = login(auditor).post(reverse("audit:verify"), {"expected_head": "f" * 64}).content.decode()
    assert "Bị thay đổi" in page
    assert "<html" in page  # without HTMX the result is a whole page


def test_account_events_are_seen_by_whole_tree_auditors_only(tree, auditor, inside):
    from tochuc.accounts.services import password_change

    password_change(actor=inside, new_password="Mat-khau-moi-2026")
    whole = login(auditor).get(reverse("audit:list"), {"action": "user.password_change"}).content.decode()
    assert "Đổi mật khẩu" in whole.split('data-testid="audit-table"', 1)[1]
    provincial = make_user("auditor.t01", Role.AUDITOR, tree.province)
    page = login(provincial).get(reverse("audit:list"), {"action": "user.password_change"}).content.decode()
    assert 'data-testid="audit-table"' not in page
