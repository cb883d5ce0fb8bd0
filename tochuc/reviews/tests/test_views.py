from __future__ import annotations

import io

import pytest
from django.test import Client
from docx import Document

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.reviews import services
from tochuc.reviews.models import OutgoingNumber, ReportStatus, ReviewPeriod, UnitReport
from tochuc.reviews.tests.helpers import D, member

pytestmark = pytest.mark.django_db


def _period(tree: Tree, inside: User) -> ReviewPeriod:
    return services.period_open(
        actor=inside,
        code="T01-2025-Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )


def test_open_a_period_from_the_list_page(tree: Tree, inside: User) -> None:
    page = login(inside)
    assert "Mở kỳ báo cáo" in page.get("/reviews/").content.decode()
    response = page.post(
        "/reviews/periods/new/",
        {
            "code": "T01-2025-Q2",
            "unit": "T01",
            "kind": "quarter",
            "year": "2025",
            "quarter": "2",
            "deadline": "10/07/2025",
        },
    )
    assert response.status_code == 302
    detail = page.get(response["Location"]).content.decode()
    assert "Đảng bộ xã An Bình" in detail and "Đảng bộ xã Đức Thọ" in detail
    bad = page.post(
        "/reviews/periods/new/",
        {
            "code": "T01-2025-Q2",
            "unit": "T01",
            "kind": "quarter",
            "year": "2025",
            "quarter": "2",
            "deadline": "10/07/2025",
        },
    )
    assert bad.status_code == 200
    assert "đã được dùng" in bad.content.decode()


def test_outside_and_anonymous_get_nothing(tree: Tree, inside: User, outside: User, client: Client) -> None:
    _period(tree, inside)
    other = login(outside)
    for url in (
        "/reviews/periods/T01-2025-Q1/",
        "/reviews/periods/T01-2025-Q1/consolidated.docx",
        "/reviews/periods/T01-2025-Q1/figures.xlsx",
        "/reviews/periods/T01-2025-Q1/units/T01-X01/",
    ):
        assert other.get(url).status_code == 404, url
        assert client.get(url).status_code == 302, url
    assert other.post("/reviews/periods/T01-2025-Q1/remind/").status_code == 404
    assert "/reviews/periods/T01-2025-Q1/" not in other.get("/reviews/").content.decode()


def test_unit_submits_and_the_province_returns_then_accepts(tree: Tree, inside: User, leader: User) -> None:
    period = _period(tree, inside)
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    page = login(inside)
    draft = page.get("/reviews/periods/T01-2025-Q1/units/T01-X01/")
    assert draft.status_code == 200
    assert UnitReport.objects.get(period=period, unit=tree.commune).figures["members"] == 1
    sent = page.post(
        "/reviews/periods/T01-2025-Q1/units/T01-X01/",
        {"results": "Hoàn thành các chỉ tiêu", "proposals": "Đề nghị bổ sung biên chế", "submit": "1"},
    )
    assert sent.status_code == 302
    report = UnitReport.objects.get(period=period, unit=tree.commune)
    assert report.status == ReportStatus.SUBMITTED
    detail = page.get("/reviews/periods/T01-2025-Q1/").content.decode()
    assert "Đề nghị bổ sung biên chế" in detail
    # The commune's leader may look at the commune's report but not decide on it.
    assert login(leader).get("/reviews/periods/T01-2025-Q1/units/T01-X01/").status_code == 200
    assert login(leader).post("/reviews/periods/T01-2025-Q1/units/T01-X01/accept/").status_code == 404
    page.post("/reviews/periods/T01-2025-Q1/units/T01-X01/return/", {"comment": "Bổ sung số liệu kết nạp"})
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (ReportStatus.RETURNED, "Bổ sung số liệu kết nạp")
    page.post("/reviews/periods/T01-2025-Q1/units/T01-X01/", {"results": "Đã bổ sung", "submit": "1"})
    page.post("/reviews/periods/T01-2025-Q1/units/T01-X01/accept/")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED


def test_consolidated_word_lists_missing_units_and_is_audited(tree: Tree, inside: User) -> None:
    period = _period(tree, inside)
    services.report_submit(
        actor=inside, period=period, unit=tree.commune, sections={"proposals": "Kiến nghị A"}
    )
    response = login(inside).get("/reviews/periods/T01-2025-Q1/consolidated.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Kiến nghị A" in text
    assert "Đảng bộ xã Đức Thọ" in text  # did not report
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in "\n".join(
        c.text for t in Document(io.BytesIO(response.content)).tables for row in t.rows for c in row.cells
    )
    assert AuditEvent.objects.filter(action="review_period.consolidated_export").count() == 1
    sheet = login(inside).get("/reviews/periods/T01-2025-Q1/figures.xlsx")
    assert sheet.status_code == 200
    assert AuditEvent.objects.filter(action="review_period.figures_export").count() == 1


def test_a_commune_opens_the_period_for_its_subordinates(tree: Tree, inside: User) -> None:
    _period(tree, inside)
    response = login(inside).post("/reviews/periods/T01-2025-Q1/sub-period/", {"unit": "T01-X01"})
    assert response.status_code == 302
    below = ReviewPeriod.objects.get(parent__code="T01-2025-Q1")
    assert below.unit == tree.commune
    assert list(below.expected.values_list("unit__code", flat=True)) == ["T01-X01-CS1"]


def test_the_consolidated_report_takes_its_number_from_the_register(
    tree: Tree, inside: User, outside: User
) -> None:
    _period(tree, inside)
    page = login(inside)
    assert login(outside).post("/reviews/periods/T01-2025-Q1/issue/").status_code == 404
    refused = page.post("/reviews/periods/T01-2025-Q1/issue/", follow=True).content.decode()
    assert "còn thiếu: Họ tên người ký" in refused  # the component check names what is missing
    assert not OutgoingNumber.objects.exists()
    page.post("/reviews/periods/T01-2025-Q1/issue/", {"signer_name": "Nguyễn Văn A"})
    page.post("/reviews/periods/T01-2025-Q1/issue/", {"signer_name": "Nguyễn Văn A"})  # no second number
    assert OutgoingNumber.objects.count() == 1
    assert "01-BC/TU" in page.get("/reviews/periods/T01-2025-Q1/").content.decode()
    response = page.get("/reviews/periods/T01-2025-Q1/consolidated.docx")
    cells = "\n".join(
        c.text for t in Document(io.BytesIO(response.content)).tables for row in t.rows for c in row.cells
    )
    assert "01-BC/TU" in cells
    assert (
        "Nguyễn Văn A" in "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs) + cells
    )


def test_a_reporting_unit_sees_only_its_own_report(tree: Tree, inside: User, leader: User) -> None:
    period = _period(tree, inside)
    services.report_submit(
        actor=inside, period=period, unit=tree.commune, sections={"results": "Kết quả An Bình"}
    )
    services.report_submit(
        actor=inside, period=period, unit=tree.commune2, sections={"results": "Kết quả riêng của Đức Thọ"}
    )
    own = login(leader)
    html = own.get("/reviews/periods/T01-2025-Q1/").content.decode()
    assert "Kết quả An Bình" in html and 'data-unit="T01-X01"' in html
    assert "Kết quả riêng của Đức Thọ" not in html and 'data-unit="T01-X02"' not in html
    assert "Đảng bộ xã Đức Thọ" not in html
    assert own.get("/reviews/periods/T01-2025-Q1/units/T01-X02/").status_code == 404
    assert own.get("/reviews/periods/T01-2025-Q1/consolidated.docx").status_code == 404
    assert own.get("/reviews/periods/T01-2025-Q1/figures.xlsx").status_code == 404
    api = own.get("/api/v1/reviews/periods/T01-2025-Q1").json()
    assert api["expected"] == ["T01-X01"] and api["submitted"] == ["T01-X01"]
    # The province that consolidates sees both.
    whole = login(inside).get("/reviews/periods/T01-2025-Q1/").content.decode()
    assert "Kết quả An Bình" in whole and "Kết quả riêng của Đức Thọ" in whole
    assert login(inside).get("/api/v1/reviews/periods/T01-2025-Q1").json()["submitted"] == [
        "T01-X01",
        "T01-X02",
    ]
