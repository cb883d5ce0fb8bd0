"""Taking the seed in: upload → review what was read → correct one field → confirm; and the refusals."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, login, make_user
from tochuc.demo.directives import SEED_DOCUMENT
from tochuc.directives.forms import MAX_UPLOAD_BYTES
from tochuc.directives.models import Directive

pytestmark = pytest.mark.django_db

SEED = SEED_DOCUMENT


def post_data(context: Any) -> dict[str, Any]:
    """What the review page would post back unchanged: every field's shown value."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for bf in form:
            value = bf.field.prepare_value(bf.value())
            if isinstance(value, list):
                data[bf.html_name] = value
            elif value is None or value is False:
                continue
            else:
                data[bf.html_name] = bf.field.widget.format_value(value) or ""

    add(context["form"])
    rows = context["rows"]
    add(rows.management_form)
    for row in rows:
        add(row)
    return data


def upload_seed(c: Client) -> str:
    response = c.post("/directives/new/", {"file": SimpleUploadedFile(SEED.name, SEED.read_bytes())})
    assert response.status_code == 302, response.content.decode()[:2000]
    return str(response["Location"])


def test_seed_upload_review_correct_confirm_then_duplicate_refused(inside: User, tree: Tree) -> None:
    c = login(inside)
    review_url = upload_seed(c)
    review = c.get(review_url)
    assert review.status_code == 200
    body = review.content.decode()
    # What was read, next to the text itself.
    assert 'data-testid="source-text"' in body and "Hội nghị toàn quốc Ngành Tổ chức xây dựng Đảng" in body
    assert "03-KL/BTCTW" in body
    assert 'value="Nguyễn Thanh Bình"' in body
    # The issuer was inferred from the symbol: highlighted, and the warning said in words.
    assert "Không thấy tên cơ quan ban hành" in body
    assert "field doubt" in body.split('name="issuer"')[0].rsplit("<div", 1)[1]
    data = post_data(review.context)
    assert data["number"] == "03" and data["issuer_code"] == "BTCTW" and data["issued_on"] == "16/03/2017"
    assert data["term"] == "2015-2020"
    assert data["tasks-TOTAL_FORMS"] == "9"  # 8 tasks read and one empty row
    # The user corrects one field: the place.
    data["place"] = "Thủ đô Hà Nội"
    response = c.post(review_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get()
    assert response["Location"] == f"/directives/{directive.pk}/"
    assert directive.number_symbol == "03-KL/BTCTW" and directive.place == "Thủ đô Hà Nội"
    assert directive.unit == tree.province
    assert directive.tasks.count() == 8 and len(directive.recipients) == 9
    assert directive.signing_capacity == "K/T TRƯỞNG BAN" and directive.source_name == SEED.name
    assert "Hội nghị toàn quốc" in directive.body
    page = c.get(response["Location"]).content.decode()
    assert "Đã đăng ký văn bản 03-KL/BTCTW với 8 nhiệm vụ" in page

    # The same document again: refused with a clear message, the form kept as typed.
    again_url = upload_seed(c)
    data = post_data(c.get(again_url).context)
    data["title"] = "Tiêu đề đã sửa"
    refused = c.post(again_url, data)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Đã có văn bản số 03-KL/BTCTW trong nhiệm kỳ 2015-2020" in text
    assert "Tiêu đề đã sửa" in text
    assert Directive.objects.count() == 1


def test_paste_add_a_row_remove_a_row_and_fix_a_bad_date(inside: User) -> None:
    c = login(inside)
    text = (
        "BAN CHẤP HÀNH TRUNG ƯƠNG\n*\nSố 12-CT/TW\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Nội, ngày 02 tháng 6 năm 2022\n\n"
        "CHỈ THỊ\nvề tăng cường sinh hoạt chi bộ\n\n"
        "1. Các cấp ủy quán triệt chỉ thị này.\n2. Ban Tổ chức Trung ương hướng dẫn thực hiện.\n\n"
        "T/M BAN BÍ THƯ\nNguyễn Văn A\n"
    )
    response = c.post("/directives/new/", {"text": text})
    assert response.status_code == 302
    url = response["Location"]
    data = post_data(c.get(url).context)
    total = int(data["tasks-TOTAL_FORMS"])
    data["add_row"] = "1"
    more = c.post(url, data)
    assert more.status_code == 200
    assert 'data-testid="form-errors"' not in more.content.decode()
    data = post_data(more.context)
    assert int(data["tasks-TOTAL_FORMS"]) == total + 1
    data.pop("add_row", None)
    data[f"tasks-{total}-no"] = "9"
    data[f"tasks-{total}-text"] = "Báo cáo kết quả sau một năm."
    data[f"tasks-{total}-deadline"] = "31/02/2023"
    data["tasks-0-DELETE"] = "on"
    data["doc_type"], data["number"], data["issuer_code"] = "CT", "12", "TW"
    data["issuer"] = data.get("issuer") or "Ban Chấp hành Trung ương"
    data["title"] = data.get("title") or "Chỉ thị về tăng cường sinh hoạt chi bộ"
    bad = c.post(url, data)
    assert bad.status_code == 200
    assert "Ngày phải có dạng dd/mm/yyyy" in bad.content.decode()
    data[f"tasks-{total}-deadline"] = "28/02/2023"
    done = c.post(url, data)
    assert done.status_code == 302, done.content.decode()[:3000]
    directive = Directive.objects.get()
    numbers = sorted(directive.tasks.values_list("no", flat=True))
    assert "1" not in numbers and "9" in numbers
    assert directive.tasks.get(no="9").deadline.isoformat() == "2023-02-28"


def test_upload_too_large_or_of_the_wrong_kind_is_refused_with_a_message(inside: User) -> None:
    c = login(inside)
    big = SimpleUploadedFile("lon.txt", b"a" * (MAX_UPLOAD_BYTES + 1))
    response = c.post("/directives/new/", {"file": big})
    assert response.status_code == 200
    assert "vượt giới hạn 10 MB" in response.content.decode()
    odd = c.post("/directives/new/", {"file": SimpleUploadedFile("x.exe", b"MZ")})
    assert "Chỉ nhận tệp .txt, .md, .docx, .pdf hoặc ảnh .jpg, .png, .tif" in odd.content.decode()
    empty = c.post("/directives/new/", {})
    assert "Hãy chọn một tệp văn bản hoặc dán nội dung" in empty.content.decode()
    assert not Directive.objects.exists()


def test_review_session_is_private_and_expires(inside: User, outside: User) -> None:
    url = upload_seed(login(inside))
    # Another user (another session) cannot open or confirm someone else's reading.
    other = login(outside).get(url)
    assert other.status_code == 302 and other["Location"] == "/directives/new/"
    assert login(inside).get("/directives/new/not-a-token/").status_code == 302


def test_only_those_who_may_enter_data_take_documents_in(client: Client, tree: Tree) -> None:
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    assert login(viewer).get("/directives/new/").status_code == 404
    assert client.get("/directives/new/").status_code == 302


def test_confirm_rechecks_the_unit_against_the_users_scope(inside: User, tree: Tree) -> None:
    c = login(inside)
    url = upload_seed(c)
    data = post_data(c.get(url).context)
    data["unit"] = str(tree.other_province.pk)  # not offered; forged
    response = c.post(url, data)
    assert response.status_code == 200
    assert not Directive.objects.exists()


def test_a_word_file_is_read_too(inside: User) -> None:
    import io

    from docx import Document

    doc = Document()
    for line in [
        "TỈNH ỦY HÀ TĨNH",
        "*",
        "Số 45-KH/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Hà Tĩnh, ngày 10 tháng 5 năm 2026",
        "KẾ HOẠCH",
        "thực hiện Kết luận số 03-KL/BTCTW",
        "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát tổ chức bộ máy.",
        "2. Các huyện ủy báo cáo kết quả trước ngày 30/9/2026.",
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
        "Nguyễn Văn B",
    ]:
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    c = login(inside)
    response = c.post("/directives/new/", {"file": SimpleUploadedFile("ke-hoach.docx", buffer.getvalue())})
    assert response.status_code == 302
    review = c.get(response["Location"]).content.decode()
    assert "45-KH/TU" in review
    assert "rà soát tổ chức bộ máy" in review


def test_a_damaged_file_says_so(inside: User) -> None:
    response = login(inside).post("/directives/new/", {"file": SimpleUploadedFile("hong.docx", b"not a zip")})
    assert response.status_code == 200
    body = response.content.decode()
    assert "không phải tệp Word (.docx)" in body and not Directive.objects.exists()


def test_a_scan_is_recognised_in_the_background_then_reviewed(inside: User, tree: Tree) -> None:
    from tochuc.directives.models import RecognitionJob, RecognitionStatus
    from tochuc.directives.tests.scans import image_only_pdf, render_page

    lines = (Path(__file__).parent / "documents" / "07-cv-tu-spaced.txt").read_text(encoding="utf-8")
    scan = image_only_pdf([render_page(lines)])
    c = login(inside)
    response = c.post("/directives/new/", {"file": SimpleUploadedFile("cong-van.pdf", scan)})
    assert response.status_code == 302
    job = RecognitionJob.objects.get(created_by=inside)
    assert response["Location"] == f"/directives/new/scan/{job.pk}/"
    # The test settings run the task at once; the worker recorded each page.
    assert (job.status, job.pages_done, job.pages_total) == (RecognitionStatus.DONE, 1, 1)
    polled = c.get(response["Location"], HTTP_HX_REQUEST="true")
    assert polled["HX-Redirect"] == response["Location"]
    review = c.get(response["Location"])
    assert review.status_code == 302 and review["Location"].startswith("/directives/new/")
    page = c.get(review["Location"]).content.decode()
    assert "132-CV/TU" in page or 'value="132"' in page
    # Another user never sees someone else's scan.
    other = make_user("other", Role.SPECIALIST, tree.province)
    assert login(other).get(response["Location"]).status_code == 404


def test_a_scan_that_cannot_be_recognised_says_why(inside: User) -> None:
    c = login(inside)
    response = c.post("/directives/new/", {"file": SimpleUploadedFile("anh.png", b"\x89PNG broken")})
    page = c.get(response["Location"]).content.decode()
    assert 'data-testid="recognition-error"' in page and "Không nhận dạng được ảnh" in page


def test_the_review_page_shows_suggested_lead_units_with_their_reason(inside: User, tree: Tree) -> None:
    from tochuc.orgunits.models import UnitKind
    from tochuc.orgunits.services import unit_create

    unit_create(
        actor=None,
        parent=tree.province,
        code="T01-BTC",
        name="Ban Tổ chức Tỉnh ủy Hà Tĩnh",
        kind=UnitKind.AGENCY,
    )
    text = (
        "TỈNH ỦY HÀ TĨNH\nSố 46-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nHà Tĩnh, ngày 10 tháng 5 năm 2026\n"
        "KẾ HOẠCH\nthực hiện Kết luận số 03-KL/BTCTW\n"
        "1. Ban Tổ chức Tỉnh ủy chủ trì rà soát tổ chức bộ máy.\n2. Trồng cây xanh ven đường.\n"
    )
    c = login(inside)
    response = c.post("/directives/new/", {"text": text})
    page = c.get(response["Location"]).content.decode()
    assert page.count('data-testid="suggested-units"') == 1
    assert "<strong>Ban Tổ chức Tỉnh ủy Hà Tĩnh (T01-BTC)</strong>" in page
    assert "Được giao chủ trì trong nhiệm vụ: Ban Tổ chức Tỉnh ủy Hà Tĩnh." in page
