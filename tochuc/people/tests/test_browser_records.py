"""A provincial specialist adds a person from the form, adds a career line, corrects it with a reason
and sees it on the 2C; an auditor then reads the change on the audit page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, make_user
from tochuc.people.models import CareerEntry, Person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shots(tmp_path: Path) -> Path:
    """Screenshots go to ``TOCHUC_SCREENSHOTS`` when set (to look at them), else to the test's folder."""
    folder = Path(os.environ.get("TOCHUC_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _sign_in(page, username: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_add_a_person_then_a_career_line_then_correct_it(page, tree, tmp_path):
    shots = _shots(tmp_path)
    make_user("chuyenvien", Role.SPECIALIST, tree.province)
    make_user("kiemtra", Role.AUDITOR, tree.province)
    page.goto(page.base_url + "/people/")
    _sign_in(page, "chuyenvien")
    page.get_by_test_id("person-add").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thêm đảng viên")

    form = page.get_by_test_id("person-create-form")
    form.get_by_label("Mã đơn vị sinh hoạt").fill("T01-X01-CS1-CB1")
    form.get_by_label("Họ và tên").fill("Phạm Thị Lan")
    form.get_by_label("Ngày sinh").fill("31/02/1990")  # no such day: the form says so
    form.get_by_label("Giới tính").select_option("female")
    form.get_by_label("Dân tộc").select_option("Tày")
    form.get_by_label("Ngạch công chức, viên chức").fill("Chuyên viên")
    form.get_by_label("Hệ số lương").fill("2,67")
    form.get_by_label("Ngày nhập ngũ").fill("01/03/2008")
    form.get_by_label("Ngày xuất ngũ").fill("01/03/2010")
    form.get_by_label("Quân hàm, chức vụ cao nhất").fill("Trung sĩ")
    form.get_by_label("Ngày vào Đảng").fill("03/02/2016")
    form.get_by_label("Ngày chính thức").fill("03/02/2017")
    form.get_by_role("button", name="Lưu hồ sơ").click()
    expect(page.locator(".has-error")).to_contain_text("Ngày phải có dạng dd/mm/yyyy")
    page.get_by_label("Ngày sinh").fill("12/04/1990")
    page.get_by_role("button", name="Lưu hồ sơ").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Phạm Thị Lan")
    expect(page.locator(".messages")).to_contain_text("T01-X01-CS1-CB1-0001")
    expect(page.get_by_test_id("salary")).to_contain_text("2,67")
    expect(page.get_by_test_id("army")).to_contain_text("Trung sĩ")

    # A career line, then its correction with the reason.
    page.locator("#h-career").get_by_role("link", name="Thêm").click()
    page.get_by_label("Từ ngày").fill("01/09/2012")
    page.get_by_label("Chức danh, chức vụ, đơn vị công tác").fill("Giáo viên Trường THPT An Bình")
    page.get_by_role("button", name="Thêm quá trình công tác").click()
    entry = CareerEntry.objects.get()
    page.get_by_test_id(f"edit-career-{entry.pk}").click()
    page.get_by_label("Chức danh, chức vụ, đơn vị công tác").fill(
        "Tổ trưởng Tổ Toán – Tin, Trường THPT An Bình"
    )
    page.get_by_role("button", name="Sửa quá trình công tác").click()
    expect(page.locator(".has-error")).to_be_visible()  # the reason is required
    page.get_by_label("Lý do sửa, xóa").fill("Theo Quyết định số 12-QĐ/ĐU ngày 05/3/2026")
    page.get_by_role("button", name="Sửa quá trình công tác").click()

    expect(page.locator("#h-career").locator("..")).to_contain_text("Tổ trưởng Tổ Toán – Tin")
    history = page.locator(".corrections")
    expect(history).to_contain_text("Theo Quyết định số 12-QĐ/ĐU ngày 05/3/2026")
    expect(history).to_contain_text("Quá trình công tác — Chức danh, chức vụ, đơn vị công tác")
    assert Person.objects.get().code == "T01-X01-CS1-CB1-0001"
    page.screenshot(path=str(shots / "person-2c.png"), full_page=True)

    # The auditor reads the same change as sentences, not keys.
    page.context.clear_cookies()
    page.goto(page.base_url + "/audit/")
    _sign_in(page, "kiemtra")
    table = page.get_by_test_id("audit-table")
    expect(table).to_contain_text("Sửa quá trình công tác")
    expect(table).to_contain_text("Theo Quyết định số 12-QĐ/ĐU ngày 05/3/2026")
    expect(table).not_to_contain_text("career.description")
    expect(table).not_to_contain_text("True")
    page.screenshot(path=str(shots / "audit.png"), full_page=True)
