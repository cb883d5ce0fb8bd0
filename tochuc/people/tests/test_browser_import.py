"""A specialist imports a list with a mistake, fixes it, imports it, and finds the new member."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tochuc.conftest import PASSWORD
from tochuc.people.models import Person
from tochuc.people.tests.import_helpers import member, write_book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_import_with_an_error_then_fixed(page, tree, inside, tmp_path):
    rows = [
        member(Họ_và_tên="Nguyễn Văn Ánh", Ngày_sinh="31/02/1980", Số_CCCD="001080012345"),
        member(Họ_và_tên="Trần Thị Bình", Ngày_sinh="12/07/1985", Giới_tính="Nữ", Số_CCCD="001185012346"),
    ]
    broken = write_book(tmp_path / "danh-sach.xlsx", rows)

    page.goto(page.base_url + "/people/import/")
    page.get_by_label("Tên đăng nhập").fill("inside")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1, name="Nhập đảng viên từ Excel")).to_be_visible()

    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(broken))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("không dòng nào được nhập")
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Ngày sinh")
    expect(errors).to_contain_text("31/02/1980")
    assert Person.objects.count() == 0

    rows[0]["Ngày sinh"] = "28/02/1980"
    fixed = write_book(tmp_path / "danh-sach-da-sua.xlsx", rows)
    page.goto(page.base_url + "/people/import/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(fixed))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("Đã nhập 2 dòng.")
    assert Person.objects.count() == 2

    # The earlier, refused attempt is still listed with its errors.
    page.goto(page.base_url + "/people/import/")
    expect(page.get_by_test_id("import-jobs")).to_contain_text("danh-sach.xlsx")

    page.goto(page.base_url + "/people/")
    page.get_by_placeholder(re.compile("Tìm theo tên")).fill("nguyen anh 1980")
    expect(page.get_by_role("link", name="Nguyễn Văn Ánh")).to_be_visible()
    expect(page.get_by_role("link", name="Trần Thị Bình")).to_have_count(0)
