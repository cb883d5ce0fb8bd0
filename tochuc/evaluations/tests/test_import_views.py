"""The Excel import page: the cast, the template, all-or-nothing with every bad cell, scope and conflicts."""

from __future__ import annotations

import time
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tochuc.conftest import login
from tochuc.evaluations.models import Rating, Stage
from tochuc.evaluations.services.importing import HEADERS
from tochuc.evaluations.tests.workflow_data import build_world, ev, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def cycle(world):
    return open_cycle(world.tree)


def _xlsx(rows: list[list[object]]) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("ket-qua.xlsx", buffer.getvalue())


def test_page_is_for_people_who_enter_data_inside_the_cycle(client, cycle, inside, outside, leader):
    url = reverse("evaluations:cycle_import", args=[cycle.code])
    assert login(inside).get(url).status_code == 200
    assert login(outside).get(url).status_code == 404
    assert login(leader).get(url).status_code == 404
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    page = login(inside).get(reverse("evaluations:cycle", args=[cycle.code])).content.decode()
    assert url in page


def test_template_has_the_five_headers(cycle, inside, outside):
    url = reverse("evaluations:import_template", args=[cycle.code])
    response = login(inside).get(url)
    sheet = load_workbook(BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert login(outside).get(url).status_code == 404


def test_good_file_lands_as_the_appraisal(world, cycle, inside):
    member = world.members[1]
    upload = _xlsx([["T01-X01-CS1-CB1", member.code, 85, str(Rating.GOOD.label), ""]])
    response = login(inside).post(reverse("evaluations:cycle_import", args=[cycle.code]), {"file": upload})
    assert response.status_code == 302
    evaluation = ev(cycle, member)
    assert (evaluation.stage, evaluation.proposed_rating, str(evaluation.proposed_score)) == (
        Stage.APPRAISAL,
        Rating.GOOD,
        "85.0",
    )


def test_bad_cells_are_all_listed_and_nothing_changes(world, cycle, inside):
    member, other = world.members[1], world.members[2]
    upload = _xlsx(
        [
            ["T01-X01-CS1-CB1", member.code, 85, str(Rating.GOOD.label), ""],
            ["T01-X01-CS1-CB1", other.code, 140, "Tốt", ""],
        ]
    )
    page = login(inside).post(reverse("evaluations:cycle_import", args=[cycle.code]), {"file": upload})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Điểm phải là số từ 0 đến 100." in body and "Xếp loại phải là một trong" in body
    assert ev(cycle, member).stage != Stage.APPRAISAL


def test_nobody_imports_a_proposal_for_themselves(world, cycle, inside):
    own = world.members[1]
    inside.person = own
    inside.save(update_fields=["person"])
    upload = _xlsx([["T01-X01-CS1-CB1", own.code, 95, str(Rating.EXCELLENT.label), ""]])
    body = login(inside).post(reverse("evaluations:cycle_import", args=[cycle.code]), {"file": upload})
    assert "Không được nhập đề xuất xếp loại cho chính mình" in body.content.decode()
    assert ev(cycle, own).proposed_rating == ""


def test_not_an_xlsx_is_refused(cycle, inside):
    upload = SimpleUploadedFile("ket-qua.csv", b"a,b,c")
    body = login(inside).post(reverse("evaluations:cycle_import", args=[cycle.code]), {"file": upload})
    assert "Chỉ nhận tệp Excel .xlsx." in body.content.decode()


@pytest.mark.parametrize("kind", ["shared strings", "entries"])
def test_a_bomb_is_refused_fast_and_nothing_changes(world, cycle, inside, kind):
    from tochuc.audit.models import AuditEvent
    from tochuc.core.tests.bombs import crowded, xlsx_bomb

    content = xlsx_bomb() if kind == "shared strings" else crowded("xlsx")
    url = reverse("evaluations:cycle_import", args=[cycle.code])
    client = login(inside)
    assert client.get(url).status_code == 200  # the page itself, before the clock starts
    events = AuditEvent.objects.count()
    started = time.monotonic()
    response = client.post(url, {"file": SimpleUploadedFile("ket-qua.xlsx", content)})
    assert time.monotonic() - started < 1
    body = response.content.decode()
    assert response.status_code == 200
    assert "bom nén" in body or "quá nhiều đối với một bảng tính" in body
    assert "Đã nhập" not in body
    assert not cycle.evaluations.filter(stage=Stage.APPRAISAL).exists()
    assert AuditEvent.objects.count() == events
