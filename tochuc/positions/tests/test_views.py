"""Position pages with the named cast: inside 200, outside 404, anonymous to the login page."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.positions.models import Assignment, DutyResponsibility, Position
from tochuc.positions.requirements import Requirements
from tochuc.positions.services import assignment_create, duty_holder_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(tree, position_factory, person_factory):
    position = position_factory(quota=2, requirements=Requirements(min_theory_level="advanced"))
    holder = person_factory(name="Nguyễn Văn An", theory="intermediate")
    assignment = assignment_create(
        actor=None, position=position, person=holder, accept_warnings=True, justification="Đang học cao cấp"
    )
    duty_holder_set(actor=None, duty=position.duties.first(), person=holder)
    return position, holder, assignment


def object_pages(position, assignment):
    return [
        reverse("positions:detail", args=[position.pk]),
        reverse("positions:edit", args=[position.pk]),
        reverse("positions:assign", args=[position.pk]),
        reverse("positions:assignment_end", args=[assignment.pk]),
        reverse("positions:duty_holder", args=[position.duties.first().pk]),
    ]


LIST_PAGES = ["positions:list", "positions:reports", "positions:create"]


def test_anonymous_is_sent_to_login(client: Client, staffed):
    position, _, assignment = staffed
    urls = [*object_pages(position, assignment), *(reverse(n) for n in LIST_PAGES)]
    urls.append(reverse("positions:report_export", args=["staffing"]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/")


def test_inside_reads_and_outside_gets_404(staffed, inside, outside, leader):
    position, _, assignment = staffed
    for url in object_pages(position, assignment):
        assert login(inside).get(url).status_code == 200, url
        assert login(outside).get(url).status_code == 404, url
    # A leader of the commune reads the position but may not change it.
    assert login(leader).get(object_pages(position, assignment)[0]).status_code == 200
    for url in object_pages(position, assignment)[1:]:
        assert login(leader).get(url).status_code == 404, url


def test_lists_show_only_the_scope(staffed, inside, outside, tree, position_factory):
    position_factory(unit=tree.other_commune, name="Chuyên viên Quảng Trị")
    page = login(inside).get(reverse("positions:list")).content.decode()
    assert "Chuyên viên tổ chức đảng" in page and "Quảng Trị" not in page.split("<main", 1)[1]
    page = login(outside).get(reverse("positions:list")).content.decode()
    assert "Chuyên viên Quảng Trị" in page and "Chuyên viên tổ chức đảng" not in page
    assert login(outside).get(reverse("positions:list"), {"unit": "T01"}).status_code == 404
    filtered = login(inside).get(reverse("positions:list"), {"unit": "t01-x02"}).content.decode()
    assert "Không có vị trí nào khớp bộ lọc" in filtered
    reports = login(outside).get(reverse("positions:reports")).content.decode()
    assert "Nguyễn Văn An" not in reports and "Đảng bộ xã An Bình" not in reports


def test_detail_shows_duties_holders_and_vacancy(staffed, inside):
    position, holder, _ = staffed
    page = login(inside).get(reverse("positions:detail", args=[position.pk])).content.decode()
    assert "Quản lý hồ sơ đảng viên" in page and holder.full_name in page
    assert "Còn 1 chỗ trống" in page
    assert "Chưa giao" in page  # the second duty has nobody yet
    assert 'style="' not in page and "<script>" not in page


def test_list_query_count_is_flat(staffed, inside, tree, position_factory, person_factory):
    client = login(inside)
    client.get(reverse("positions:list"))
    with CaptureQueriesContext(connection) as first:
        assert client.get(reverse("positions:list")).status_code == 200
    for i in range(12):
        position = position_factory(unit=tree.commune2 if i % 2 else tree.commune, name=f"Vị trí {i}")
        assignment_create(actor=None, position=position, person=person_factory(name=f"Lê Văn Số {i}"))
    with CaptureQueriesContext(connection) as second:
        assert client.get(reverse("positions:list")).status_code == 200
    assert len(second) == len(first)


def test_reports_query_count_is_flat(staffed, inside, tree, position_factory, person_factory):
    client = login(inside)
    client.get(reverse("positions:reports"))
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("positions:reports"))
    person = person_factory(name="Trần Văn Nhiều", theory="none")
    for i in range(6):
        position = position_factory(
            name=f"Vị trí {i}", requirements=Requirements(min_theory_level="advanced")
        )
        assignment_create(
            actor=None, position=position, person=person, accept_warnings=True, justification="Tạm thời"
        )
    with CaptureQueriesContext(connection) as second:
        page = client.get(reverse("positions:reports"), {"n": 2}).content.decode()
    assert len(second) == len(first)
    assert "Trần Văn Nhiều" in page and "<svg" in page and 'style="' not in page


def test_create_edit_and_assign_with_confirmation(tree, inside, person_factory):
    client = login(inside)
    response = client.post(
        reverse("positions:create"),
        {
            "unit_code": "t01-x01",
            "name": "Chuyên viên Ban Xây dựng Đảng",
            "group": "professional",
            "duties": "Quản lý hồ sơ đảng viên\nTổng hợp đánh giá, xếp loại",
            "headcount_quota": 1,
            "min_degree": 3,
            "min_theory_level": "advanced",
            "min_experience_years": 0,
        },
    )
    position = Position.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "positions:detail", args=[position.pk]
    )
    assert [d.text for d in position.duties.all()] == [
        "Quản lý hồ sơ đảng viên",
        "Tổng hợp đánh giá, xếp loại",
    ]
    refused = client.post(
        reverse("positions:create"),
        {
            "unit_code": "T02",
            "name": "X",
            "group": "support",
            "headcount_quota": 1,
            "min_degree": 0,
            "min_theory_level": "none",
            "min_experience_years": 0,
        },
    )
    assert "Không tìm thấy đơn vị trong phạm vi" in refused.content.decode()

    person = person_factory(theory="intermediate")
    url = reverse("positions:assign", args=[position.pk])
    first = client.post(url, {"person_code": person.code.lower(), "kind": "holder"})
    assert first.status_code == 200
    text = first.content.decode()
    assert "Chưa đạt trình độ lý luận chính trị Cao cấp (hiện: Trung cấp)" in text
    assert not Assignment.objects.exists()
    no_reason = client.post(url, {"person_code": person.code, "kind": "holder", "accept_warnings": "on"})
    assert "Cần ghi rõ lý do" in no_reason.content.decode() and not Assignment.objects.exists()
    done = client.post(
        url,
        {
            "person_code": person.code,
            "kind": "holder",
            "accept_warnings": "on",
            "justification": "Đang học cao cấp",
        },
    )
    assert done.status_code == 302
    assert Assignment.objects.get().justification == "Đang học cao cấp"

    unknown = client.post(url, {"person_code": "KHONGCO", "kind": "holder"})
    assert "Không tìm thấy người có mã này" in unknown.content.decode()


def test_end_assignment_and_set_duty_holder_pages(staffed, inside, person_factory):
    position, _holder, assignment = staffed
    client = login(inside)
    other = person_factory(name="Trần Thị Bình")
    assignment_create(
        actor=None, position=position, person=other, accept_warnings=True, justification="Tạm thời"
    )
    duty = position.duties.first()
    response = client.post(reverse("positions:duty_holder", args=[duty.pk]), {"person": other.pk})
    assert response.status_code == 302
    assert DutyResponsibility.objects.get(duty=duty, end__isnull=True).person == other
    unconfirmed = client.post(reverse("positions:assignment_end", args=[assignment.pk]), {})
    assert unconfirmed.status_code == 200
    assert Assignment.objects.get(pk=assignment.pk).end is None
    done = client.post(
        reverse("positions:assignment_end", args=[assignment.pk]), {"confirm": "on", "end": "01/02/2099"}
    )
    assert done.status_code == 302
    assert Assignment.objects.get(pk=assignment.pk).end is not None
    assert client.get(reverse("positions:assignment_end", args=[assignment.pk])).status_code == 404


@pytest.mark.parametrize("table", ["staffing", "vacancies", "many_posts", "unmet"])
def test_excel_exports_are_scoped_and_audited(staffed, inside, outside, table):
    response = login(inside).get(reverse("positions:report_export", args=[table]), {"n": 0})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) >= 2
    event = AuditEvent.objects.get(action="positions.report_export")
    assert event.summary["table"] == table and event.summary["rows"] == len(rows) - 1
    outside_rows = list(
        load_workbook(
            io.BytesIO(login(outside).get(reverse("positions:report_export", args=[table])).content)
        ).active.iter_rows(values_only=True)
    )
    assert len(outside_rows) == 1
    assert (
        login(outside).get(reverse("positions:report_export", args=[table]), {"unit": "T01"}).status_code
        == 404
    )


def test_unknown_report_is_404(inside):
    assert login(inside).get("/positions/reports/other.xlsx").status_code == 404
