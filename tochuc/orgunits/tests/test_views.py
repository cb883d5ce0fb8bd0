"""Pages of the unit tree, with the named cast: inside, outside, leader, anonymous."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import function_create, unit_create

pytestmark = pytest.mark.django_db

READ_PAGES = [
    ("orgunits:detail", True),
    ("orgunits:children", True),
    ("orgunits:subtree", True),
]
WRITE_PAGES = [
    "orgunits:create_child",
    "orgunits:rename",
    "orgunits:move",
    "orgunits:merge",
    "orgunits:split",
    "orgunits:dissolve",
    "orgunits:function_create",
]


@pytest.mark.parametrize("name", [n for n, _ in READ_PAGES] + WRITE_PAGES)
def test_anonymous_is_sent_to_login(client: Client, tree, name):
    response = client.get(reverse(name, args=[tree.commune.code]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", ["orgunits:tree", "orgunits:search", "orgunits:overlaps"])
def test_anonymous_lists_are_sent_to_login(client: Client, tree, name):
    response = client.get(reverse(name))
    assert response.status_code == 302


@pytest.mark.parametrize("name", [n for n, _ in READ_PAGES] + WRITE_PAGES)
def test_outside_gets_404_for_units_of_another_province(tree, outside, name):
    response = login(outside).get(reverse(name, args=[tree.commune.code]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", [n for n, _ in READ_PAGES])
def test_inside_reads_units_of_the_province(tree, inside, name):
    response = login(inside).get(reverse(name, args=[tree.commune.code]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_unit_above_the_scope_is_404_even_for_inside(tree, inside):
    assert login(inside).get(reverse("orgunits:detail", args=["TW"])).status_code == 404


def test_tree_shows_only_the_users_scope(tree, inside):
    page = login(inside).get(reverse("orgunits:tree")).content.decode()
    assert "Đảng bộ tỉnh Hà Tĩnh" in page
    assert "Quảng Trị" not in page
    assert "Ban Chấp hành Trung ương" not in page.split("<main", 1)[1]


def test_header_names_the_scope(tree, inside):
    page = login(inside).get(reverse("orgunits:tree")).content.decode()
    assert "Phạm vi" in page and "Đảng bộ tỉnh Hà Tĩnh" in page


def test_children_partial_lists_direct_children(tree, inside):
    page = (
        login(inside).get(reverse("orgunits:children", args=["T01"]), HTTP_HX_REQUEST="true").content.decode()
    )
    assert "Đảng bộ xã An Bình" in page and "Đảng bộ xã Đức Thọ" in page
    assert "Chi bộ Tổ Toán" not in page  # grandchildren load when their parent opens
    assert "<html" not in page


def test_search_without_diacritics_finds_the_commune(tree, inside):
    page = (
        login(inside)
        .get(reverse("orgunits:search"), {"q": "dang bo xa an binh"}, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "Đảng bộ xã An Bình" in page
    assert "<html" not in page


def test_search_never_shows_units_outside_scope(tree, inside):
    page = login(inside).get(reverse("orgunits:search"), {"q": "binh minh"}, HTTP_HX_REQUEST="true")
    assert "Bình Minh" not in page.content.decode()
    assert "Không tìm thấy" in page.content.decode()


def test_search_without_htmx_renders_the_full_tree_page(tree, inside):
    page = login(inside).get(reverse("orgunits:tree"), {"q": "an binh"}).content.decode()
    assert "<html" in page and "Đảng bộ xã An Bình" in page


def test_detail_shows_kind_code_parents_children_functions_history(tree, inside):
    function_create(
        actor=None,
        lead_unit=tree.commune,
        title="Tham mưu công tác cán bộ",
        cooperating_units=[tree.grassroots],
    )
    page = login(inside).get(reverse("orgunits:detail", args=[tree.commune.code])).content.decode()
    assert "Đảng bộ xã, phường, đặc khu" in page  # kind label
    assert "T01-X01" in page
    assert "Đảng bộ tỉnh Hà Tĩnh" in page  # parent chain
    assert "Đảng bộ Trường Trung học phổ thông An Bình" in page  # child
    assert "Tham mưu công tác cán bộ" in page
    assert "Thành lập" in page  # history


def test_cooperating_function_hides_lead_outside_scope(tree, inside):
    function_create(
        actor=None, lead_unit=tree.other_commune, title="Phối hợp liên tỉnh", cooperating_units=[tree.commune]
    )
    page = login(inside).get(reverse("orgunits:detail", args=[tree.commune.code])).content.decode()
    assert "Phối hợp liên tỉnh" in page
    assert "Bình Minh" not in page
    assert "đơn vị ngoài phạm vi" in page


def _grow(parent: OrgUnit, count: int) -> None:
    for i in range(count):
        unit_create(
            actor=None, parent=parent, code=f"{parent.code}-N{i}", name=f"Chi bộ số {i}", kind=UnitKind.CELL
        )


def test_tree_and_subtree_query_counts_do_not_grow_with_units(tree, inside, django_assert_max_num_queries):
    client = login(inside)
    client.get(reverse("orgunits:subtree", args=["T01"]))  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(reverse("orgunits:subtree", args=["T01"]))
    with CaptureQueriesContext(connection) as small_children:
        client.get(reverse("orgunits:children", args=["T01-X01"]), HTTP_HX_REQUEST="true")
    _grow(tree.commune, 30)
    with django_assert_max_num_queries(len(small)):
        client.get(reverse("orgunits:subtree", args=["T01"]))
    with django_assert_max_num_queries(len(small_children)):
        client.get(reverse("orgunits:children", args=["T01-X01"]), HTTP_HX_REQUEST="true")


def test_subtree_paginates_with_total(tree, inside):
    _grow(tree.commune, 60)
    client = login(inside)
    first = client.get(reverse("orgunits:subtree", args=["T01"])).content.decode()
    total = OrgUnit.objects.filter(path__startswith=tree.province.path).count() - 1
    assert f"trên tổng số {total}" in first
    second = client.get(reverse("orgunits:subtree", args=["T01"]), {"page": 2})
    assert second.status_code == 200


def test_inside_renames_a_unit_and_it_is_audited(tree, inside):
    before = AuditEvent.objects.count()
    response = login(inside).post(
        reverse("orgunits:rename", args=[tree.commune.code]),
        {"name": "Đảng bộ xã An Bình Mới", "short_name": "", "effective_on": "", "note": "QĐ 12"},
    )
    assert response.status_code == 302
    tree.commune.refresh_from_db()
    assert tree.commune.name == "Đảng bộ xã An Bình Mới"
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-seq").first().actor_label == "inside"


def test_outside_cannot_rename_and_nothing_changes(tree, outside):
    before = AuditEvent.objects.count()
    response = login(outside).post(reverse("orgunits:rename", args=[tree.commune.code]), {"name": "X"})
    assert response.status_code == 404
    tree.commune.refresh_from_db()
    assert tree.commune.name == "Đảng bộ xã An Bình"
    assert AuditEvent.objects.count() == before


def test_leader_may_read_but_not_restructure(tree, leader):
    client = login(leader)
    assert client.get(reverse("orgunits:detail", args=[tree.commune.code])).status_code == 200
    assert client.get(reverse("orgunits:rename", args=[tree.commune.code])).status_code == 404
    page = client.get(reverse("orgunits:detail", args=[tree.commune.code])).content.decode()
    assert reverse("orgunits:rename", args=[tree.commune.code]) not in page


def test_bad_code_shows_the_error_and_creates_nothing(tree, inside):
    count = OrgUnit.objects.count()
    response = login(inside).post(
        reverse("orgunits:create_child", args=[tree.commune.code]),
        {"code": "có dấu", "name": "Chi bộ mới", "kind": UnitKind.CELL, "valid_from": ""},
    )
    assert response.status_code == 200
    assert "Mã đơn vị chỉ gồm" in response.content.decode()
    assert OrgUnit.objects.count() == count


def test_create_child_with_date_typed_dd_mm_yyyy(tree, inside):
    response = login(inside).post(
        reverse("orgunits:create_child", args=[tree.commune.code]),
        {"code": "T01-X01-CB9", "name": "Chi bộ thôn Tây", "kind": UnitKind.CELL, "valid_from": "01/02/2025"},
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="T01-X01-CB9")
    assert unit.parent == tree.commune and str(unit.valid_from) == "2025-02-01"


def test_dissolve_needs_confirmation(tree, inside):
    url = reverse("orgunits:dissolve", args=[tree.commune2.code])
    client = login(inside)
    unconfirmed = client.post(url, {"note": "QĐ 5", "effective_on": ""})
    assert unconfirmed.status_code == 200
    tree.commune2.refresh_from_db()
    assert tree.commune2.is_active
    confirmed = client.post(url, {"note": "QĐ 5", "effective_on": "", "confirm": "on"})
    assert confirmed.status_code == 302
    tree.commune2.refresh_from_db()
    assert not tree.commune2.is_active


def test_dissolve_refused_while_children_remain(tree, inside):
    response = login(inside).post(
        reverse("orgunits:dissolve", args=[tree.commune.code]), {"note": "x", "confirm": "on"}
    )
    assert response.status_code == 200
    assert "đơn vị trực thuộc" in response.content.decode()
    tree.commune.refresh_from_db()
    assert tree.commune.is_active


def test_merge_form_moves_children_to_survivor(tree, inside):
    response = login(inside).post(
        reverse("orgunits:merge", args=[tree.commune2.code]),
        {"source_codes": tree.commune.code, "note": "NQ sáp nhập", "confirm": "on"},
    )
    assert response.status_code == 302
    tree.grassroots.refresh_from_db()
    assert tree.grassroots.parent_id == tree.commune2.pk


def test_merge_cannot_reach_a_unit_outside_scope(tree, inside):
    response = login(inside).post(
        reverse("orgunits:merge", args=[tree.commune2.code]),
        {"source_codes": tree.other_commune.code, "confirm": "on"},
    )
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị" in response.content.decode()
    tree.other_commune.refresh_from_db()
    assert tree.other_commune.is_active


def test_move_form(tree, inside):
    response = login(inside).post(
        reverse("orgunits:move", args=[tree.grassroots.code]), {"new_parent_code": tree.commune2.code}
    )
    assert response.status_code == 302
    tree.cell.refresh_from_db()
    assert tree.cell.path.startswith(tree.commune2.path)


def test_split_form(tree, inside):
    response = login(inside).post(
        reverse("orgunits:split", args=[tree.commune.code]),
        {
            "parts": f"T01-X01A | Đảng bộ xã An Bình Bắc | {tree.grassroots.code}\nT01-X01B | Đảng bộ xã An Bình Nam |",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    tree.grassroots.refresh_from_db()
    assert tree.grassroots.parent.code == "T01-X01A"
    assert OrgUnit.objects.get(code="T01-X01B").parent_id == tree.province.pk


def test_overlap_report_lists_near_duplicates_in_scope(tree, inside):
    function_create(actor=None, lead_unit=tree.commune, title="Tham mưu công tác tổ chức, cán bộ")
    function_create(actor=None, lead_unit=tree.commune2, title="tham muu cong tac to chuc can bo")
    function_create(actor=None, lead_unit=tree.other_commune, title="Tham mưu công tác tổ chức cán bộ")
    page = login(inside).get(reverse("orgunits:overlaps")).content.decode()
    assert "tham muu cong tac to chuc can bo" in page
    assert "Bình Minh" not in page


def test_unit_pages_send_a_content_security_policy(tree, inside):
    response = login(inside).get(reverse("orgunits:tree"))
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_english_switch(tree, inside):
    client = login(inside)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/units/"})
    assert response.status_code == 302
    page = client.get(reverse("orgunits:tree"))
    assert page["Content-Language"] == "en"
    assert "Organization tree" in page.content.decode()


def test_vietnamese_is_the_default_whatever_the_browser_says(tree, inside):
    page = login(inside).get(reverse("orgunits:tree"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page["Content-Language"] == "vi"
    assert "Cây tổ chức" in page.content.decode()


def test_search_does_not_name_a_parent_outside_scope(tree, inside):
    page = login(inside).get(reverse("orgunits:search"), {"q": "tinh ha tinh"}, HTTP_HX_REQUEST="true")
    text = page.content.decode()
    assert "Đảng bộ tỉnh Hà Tĩnh" in text
    assert "Ban Chấp hành Trung ương" not in text
