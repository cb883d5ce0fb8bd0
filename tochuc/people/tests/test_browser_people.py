"""A provincial specialist finds a person, reveals the citizen ID with a reason and downloads the 2C file."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import PASSWORD, Tree, make_user
from tochuc.people.services import person_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CID = "001080012345"


def _people(tree: Tree) -> None:
    for code, name, born, cid in [
        ("P1", "Trần Thị Bình", dt.date(1985, 2, 3), ""),
        ("P2", "Nguyễn Văn Ánh", dt.date(1980, 5, 1), CID),
        ("P3", "Lê Đức Anh", dt.date(1975, 7, 9), ""),
    ]:
        person_create(
            actor=None,
            unit=tree.cell,
            code=code,
            values={"full_name": name, "birth_date": born, "gender": "male", "citizen_id": cid},
            membership={"status": "full", "admitted_on": dt.date(2005, 3, 2)},
        )


def test_specialist_finds_reveals_and_downloads(page, tree, tmp_path):
    make_user("chuyenvien", Role.SPECIALIST, tree.province)
    _people(tree)
    page.goto(page.base_url + "/people/")
    page.get_by_label("Tên đăng nhập").fill("chuyenvien")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Danh sách đảng viên")).to_be_visible()
    table = page.get_by_test_id("people-table")
    expect(table.locator("tbody tr")).to_have_count(3)
    expect(table.locator("tbody tr").first).to_contain_text("Lê Đức Anh")  # Anh < Ánh < Bình

    # Typed without diacritics, as on any keyboard; the results update as you type.
    page.get_by_placeholder(re.compile("Tìm theo tên")).fill("nguyen anh 1980")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=nguyen"))
    expect(page.locator("body")).not_to_contain_text(CID)

    # Clicking anywhere on the row opens the person.
    table.locator("tbody tr").first.click(position={"x": 600, "y": 12})
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn Ánh")
    citizen_id = page.get_by_test_id("citizen-id")
    expect(citizen_id).to_contain_text("••••••••2345")
    expect(page.locator("body")).not_to_contain_text(CID)

    # Reveal: a reason is required, then the number appears in place.
    citizen_id.get_by_role("link", name="Xem số CCCD").click()
    reason = page.get_by_label("Lý do xem số CCCD")
    reason.fill("Đối chiếu hồ sơ chuyển sinh hoạt")
    page.get_by_role("button", name="Xem số").click()
    expect(page.get_by_test_id("revealed")).to_have_text(CID)
    assert AuditEvent.objects.filter(action="person.reveal_citizen_id").count() == 1

    # The 2C Word file.
    with page.expect_download() as info:
        page.get_by_test_id("download-2c").click()
    download = info.value
    assert download.suggested_filename == "2C-P2.docx"
    path = tmp_path / "2c.docx"
    download.save_as(path)
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    assert "SƠ YẾU LÝ LỊCH" in paragraphs
    assert any("NGUYỄN VĂN ÁNH" in p for p in paragraphs)
    text = "\n".join(paragraphs) + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Mẫu 2C/TCTW-98" in text and "TÓM TẮT QUÁ TRÌNH CÔNG TÁC" in text
    assert CID not in text
    assert AuditEvent.objects.filter(action="person.download_2c").count() == 1
