import datetime as dt
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from openpyxl import load_workbook

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.reports.tests.conftest import CITIZEN_ID, add_person

pytestmark = pytest.mark.django_db

STRUCTURE = reverse("reports:structure")
EXPORT = reverse("reports:structure_export")


@pytest.fixture
def population(tree):
    add_person(tree.cell, birth=dt.date(1985, 3, 1), citizen_id=CITIZEN_ID, qualification="Cử nhân Luật")
    add_person(tree.cell, birth=dt.date(1990, 7, 9), gender="female", ethnicity="Tày", theory="intermediate")
    add_person(
        tree.commune2, birth=dt.date(1962, 1, 2), qualification="Thạc sĩ Kinh tế", status="probationary"
    )
    add_person(tree.other_cell, birth=dt.date(1970, 1, 1), ethnicity="Vân Kiều")


def cells(book):
    return {
        str(c.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if c.value is not None
    }


@pytest.mark.parametrize("url", [reverse("reports:index"), STRUCTURE, EXPORT + "?unit=T01"])
def test_anonymous_is_sent_to_log_in(client, tree, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_inside_sees_their_province(population, inside):
    response = login(inside).get(STRUCTURE, {"unit": "T01"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="chart-pyramid"' in page and 'role="img"' in page
    assert 'data-testid="pyramid-table"' in page
    assert "Tày" in page and "Vân Kiều" not in page  # the other province is not counted
    assert "Thạc sĩ" in page and "Dự bị" in page
    assert "66,7%" in page  # two men of three
    assert "tochuc/reports.css" in page
    assert CITIZEN_ID not in page and "•" + CITIZEN_ID[-4:] not in page
    assert 'style="' not in page and "<script>" not in page
    # The province sees its whole subtree: the figures are the kept ones, and the page says how ages count.
    assert "Tuổi tính theo năm sinh (năm nay trừ năm sinh)" in page


def test_default_unit_is_the_first_of_the_scope(population, inside):
    response = login(inside).get(STRUCTURE)
    assert response.status_code == 200
    assert response.context["unit"].code == "T01"
    assert response.context["data"].total == 3


def test_a_commune_and_its_links(population, inside, tree):
    response = login(inside).get(STRUCTURE, {"unit": "t01-x01 "})
    assert response.context["data"].total == 2
    page = response.content.decode()
    assert "?unit=T01-X01-CS1" in page  # drill down to the children
    assert f'{STRUCTURE}?unit=T01"' in page  # and back up the chain


def test_outside_scope_is_not_found(population, inside, outside, leader):
    assert login(outside).get(STRUCTURE, {"unit": "T01-X01"}).status_code == 404
    assert login(outside).get(EXPORT, {"unit": "T01-X01"}).status_code == 404
    assert login(inside).get(STRUCTURE, {"unit": "T02"}).status_code == 404
    assert login(inside).get(STRUCTURE, {"unit": "NO-SUCH-UNIT"}).status_code == 404
    assert login(leader).get(STRUCTURE, {"unit": "T01"}).status_code == 404
    assert login(outside).get(STRUCTURE, {"unit": "T02"}).status_code == 200
    assert not AuditEvent.objects.filter(action="reports.structure_export").exists()


def test_empty_state(tree, inside):
    page = login(inside).get(STRUCTURE, {"unit": "T01"}).content.decode()
    assert 'data-testid="structure-empty"' in page
    assert "tệp Excel" in page and "kiểm tra lại mã đơn vị" in page
    assert "Tải tệp Excel" not in page


def test_user_without_grants(tree):
    from tochuc.conftest import make_user

    page = login(make_user("nobody")).get(STRUCTURE).content.decode()
    assert "chưa được phân quyền" in page


def test_export_workbook(population, inside, tree):
    response = login(inside).get(EXPORT, {"unit": "T01"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith("filename*=UTF-8''co-cau-doi-ngu-T01.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Tổng hợp",
        "Tháp tuổi",
        "Giới tính",
        "Dân tộc",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
        "Tình trạng đảng viên",
    ]
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Mã đơn vị"] == "T01"
    assert summary["Tổng số người"] == 3
    pyramid = list(book["Tháp tuổi"].iter_rows(values_only=True))
    assert pyramid[0][:4] == ("Nhóm tuổi", "Nam", "Nữ", "Tổng số")
    assert pyramid[-1][:4] == ("Tổng số", 2, 1, 3)
    gender = list(book["Giới tính"].iter_rows(values_only=True))
    assert gender[0] == ("Giới tính", "Số người", "Tỷ lệ")
    assert gender[1][:2] == ("Nam", 2) and gender[1][2] == pytest.approx(2 / 3)
    assert ("Tày", 1) in [r[:2] for r in book["Dân tộc"].iter_rows(values_only=True)]
    assert "Vân Kiều" not in cells(book)
    assert CITIZEN_ID not in "".join(cells(book))
    event = AuditEvent.objects.get(action="reports.structure_export")
    assert event.actor_id == inside.pk and event.unit_path == tree.province.path
    assert event.summary == {"report": "structure", "unit": "T01", "people": 3}


def test_index_lists_the_reports(tree, inside):
    page = login(inside).get(reverse("reports:index")).content.decode()
    assert reverse("reports:structure") in page
    try:
        staffing = reverse("positions:reports")
    except NoReverseMatch:
        staffing = None
    if staffing:
        assert staffing in page
    else:
        assert "Biên chế và vị trí việc làm" not in page


def test_query_counts_stay_flat(tree, inside, people_of):
    client = login(inside)
    people_of(tree.cell, 3)
    client.get(STRUCTURE, {"unit": "T01"})
    with CaptureQueriesContext(connection) as few_page:
        client.get(STRUCTURE, {"unit": "T01"})
    with CaptureQueriesContext(connection) as few_export:
        client.get(EXPORT, {"unit": "T01"})
    people_of(tree.cell, 30)
    people_of(tree.commune2, 15)
    with CaptureQueriesContext(connection) as many_page:
        response = client.get(STRUCTURE, {"unit": "T01"})
    with CaptureQueriesContext(connection) as many_export:
        client.get(EXPORT, {"unit": "T01"})
    assert response.context["data"].total == 48
    assert len(many_page) == len(few_page) <= 14
    assert len(many_export) == len(few_export)


def test_numbers_use_vietnamese_separators(tree, inside):
    from tochuc.reports.templatetags.reports import vn_number, vn_percent

    assert vn_number(1234567) == "1.234.567"
    assert vn_percent(12.34) == "12,3%"
    assert vn_number(None) == ""
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*", vn_number(98765))
