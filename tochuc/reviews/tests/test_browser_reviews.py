"""The province opens a quarter, a commune submits, the other is reminded, the province downloads the Word report."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, Tree, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path(os.environ.get("TOCHUC_SCREENSHOTS", tempfile.gettempdir()))


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("who")).to_be_visible()


def test_open_submit_remind_download(page, tree: Tree, tmp_path) -> None:
    make_user("tinh", Role.SPECIALIST, tree.province)
    make_user("xa1", Role.SPECIALIST, tree.commune)
    make_user("xa2", Role.SPECIALIST, tree.commune2)
    today = timezone.localdate()
    deadline = (today + dt.timedelta(days=10)).strftime("%d/%m/%Y")
    quarter = (today.month - 1) // 3 + 1

    # The province opens the quarter.
    sign_in(page, "tinh")
    page.goto(page.base_url + "/reviews/")
    expect(page.get_by_text("Chưa có kỳ báo cáo nào.")).to_be_visible()
    form = page.get_by_test_id("open-period-form")
    form.get_by_label("Mã kỳ báo cáo").fill("T01-QUY")
    form.get_by_label("Đơn vị mở kỳ").select_option("T01")
    form.get_by_label("Loại kỳ").select_option("quarter")
    form.locator("#id_year").fill(str(today.year))
    form.get_by_label("Quý (hoặc nửa năm)").fill(str(quarter))
    form.get_by_label("Hạn gửi báo cáo").fill(deadline)
    form.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở kỳ báo cáo T01-QUY")
    expect(page.get_by_test_id("period-counts")).to_contain_text("Phải báo cáo: 2")
    page.get_by_role("button", name="Đăng xuất").click()

    # The first commune writes and submits its report.
    sign_in(page, "xa1")
    page.goto(page.base_url + "/reviews/periods/T01-QUY/units/T01-X01/")
    page.get_by_label("Kết quả đạt được").fill("Hoàn thành 100% chỉ tiêu kết nạp đảng viên.")
    page.get_by_label("Đề xuất, kiến nghị, vướng mắc").fill("Đề nghị tập huấn nghiệp vụ cho cấp ủy chi bộ.")
    minutes = tmp_path / "bien-ban-hop.pdf"
    minutes.write_bytes(b"%PDF-1.4 bien ban")
    page.get_by_label("Tệp gửi kèm (không bắt buộc)").set_input_files(str(minutes))
    page.get_by_test_id("submit-report").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo lên cấp trên.")
    expect(page.get_by_test_id("report-files")).to_contain_text("bien-ban-hop.pdf")
    page.screenshot(path=str(SHOTS / "reviews-report.png"), full_page=True)
    page.get_by_role("button", name="Đăng xuất").click()

    # The province sees who is missing and reminds them.
    sign_in(page, "tinh")
    page.goto(page.base_url + "/reviews/periods/T01-QUY/")
    expect(page.get_by_test_id("period-counts")).to_contain_text("Đã gửi: 1")
    expect(page.get_by_test_id("period-counts")).to_contain_text("Chưa gửi: 1")
    page.get_by_test_id("expected-link").click()
    expect(page.get_by_test_id("expected-units")).to_contain_text("Đảng bộ xã Đức Thọ")
    page.screenshot(path=str(SHOTS / "reviews-expected.png"), full_page=True)
    page.go_back()
    page.get_by_test_id("remind").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhắc 1 đơn vị chưa gửi báo cáo")
    page.get_by_test_id("issue-number").click()
    expect(page.locator(".messages")).to_contain_text("còn thiếu: Họ tên người ký")
    page.get_by_test_id("issue-form").get_by_label("Họ tên người ký").fill("Trần Văn Bình")
    page.get_by_test_id("issue-number").click()
    expect(page.get_by_test_id("issued-number")).to_contain_text("01-BC/TU")
    page.screenshot(path=str(SHOTS / "reviews-period.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_test_id("consolidated-docx").click()
    path = tmp_path / "report.docx"
    info.value.save_as(path)
    document = Document(str(path))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Đề nghị tập huấn nghiệp vụ cho cấp ủy chi bộ." in text
    assert "Đảng bộ xã Đức Thọ" in text  # listed among the units that did not report
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "Trần Văn Bình" in cells and "01-BC/TU" in cells
    # Dispatched to the two communes; the sender sees who has not acknowledged.
    page.get_by_test_id("dispatch-form").get_by_label("Đảng bộ xã An Bình").check()
    page.get_by_test_id("dispatch-form").get_by_label("Đảng bộ xã Đức Thọ").check()
    page.get_by_test_id("dispatch-form").get_by_label("Ban Chấp hành Trung ương").uncheck()
    page.get_by_test_id("dispatch").click()
    expect(page.get_by_test_id("not-acknowledged")).to_contain_text("Chưa xác nhận: 2")
    page.get_by_role("button", name="Đăng xuất").click()

    # The second commune finds the reminder and the document under the bell, and acknowledges it.
    sign_in(page, "xa2")
    expect(page.get_by_test_id("notification-unread")).to_have_text("2")
    page.goto(page.base_url + "/reviews/incoming/")
    expect(page.get_by_test_id("incoming")).to_contain_text("01-BC/TU")
    page.screenshot(path=str(SHOTS / "reviews-incoming.png"), full_page=True)
    page.get_by_test_id("acknowledge").click()
    expect(page.locator(".messages")).to_contain_text("Đã xác nhận nhận văn bản 01-BC/TU")
