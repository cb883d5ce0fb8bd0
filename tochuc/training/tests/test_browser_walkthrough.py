"""The department opens the needs list, opens a course, nominates, records the results; the need is gone
and the 2C shows the training."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import User
from tochuc.conftest import PASSWORD, Tree
from tochuc.people.models import MembershipStatus
from tochuc.training.tests.conftest import member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("TOCHUC_SCREENSHOTS", "")


def sign_in(page: Any, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"training-{name}.png"), full_page=True)


def test_department_trains_a_probationary_member(page: Any, tree: Tree, inside: User) -> None:
    probationary = member(tree.cell, "Ngô Văn Dự", status=MembershipStatus.PROBATIONARY)
    other = member(tree.cell, "Phan Thị Mai", status=MembershipStatus.PROBATIONARY)
    member(tree.cell, "Bùi Văn Đủ")

    sign_in(page, "inside")
    page.get_by_role("link", name="Đào tạo, bồi dưỡng").click()
    page.get_by_label("Mã đơn vị").fill("T01")
    page.get_by_label("Loại lớp").select_option("new_member")
    page.get_by_test_id("needs-show").click()
    needs = page.get_by_test_id("needs")
    expect(needs).to_contain_text("Ngô Văn Dự")
    expect(needs).to_contain_text("Phan Thị Mai")
    expect(needs).not_to_contain_text("Bùi Văn Đủ")
    shot(page, "needs")

    page.get_by_test_id("course-new").click()
    expect(page.get_by_label("Loại lớp")).to_have_value("new_member")
    page.get_by_label("Mã lớp").fill("DVM-2026-01")
    page.get_by_label("Tên lớp").fill("Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới khóa I")
    page.get_by_label("Cơ sở đào tạo").fill("Trung tâm Chính trị xã An Bình")
    page.get_by_label("Từ ngày").fill("02/03/2026")
    page.get_by_label("Đến ngày").fill("06/03/2026")
    page.get_by_test_id("course-save").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở lớp DVM-2026-01")

    candidates = page.get_by_test_id("candidates")
    expect(candidates).to_contain_text("Ngô Văn Dự")
    page.get_by_label("Ngô Văn Dự").check()
    page.get_by_label("Phan Thị Mai").check()
    page.get_by_test_id("nominate").click()
    expect(page.locator(".messages")).to_contain_text("Đã cử 2 người đi học")
    page.get_by_test_id(f"result-{probationary.code}").select_option("passed")
    page.get_by_test_id(f"result-{other.code}").select_option("failed")
    shot(page, "course")
    page.get_by_test_id("results-save").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi kết quả của 2 người")
    expect(page.get_by_test_id("attendances")).to_contain_text("Hoàn thành")

    page.goto(page.base_url + "/training/needs/?unit=T01&kind=new_member")
    needs = page.get_by_test_id("needs")
    expect(needs).not_to_contain_text("Ngô Văn Dự")
    expect(needs).to_contain_text("Phan Thị Mai")

    page.goto(page.base_url + f"/people/{probationary.code}/")
    expect(
        page.get_by_text("Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới khóa I").first
    ).to_be_visible()

    page.goto(page.base_url + "/training/reports/?unit=T01")
    expect(page.get_by_test_id("needs-by-unit")).to_contain_text("Đảng bộ xã An Bình")
    shot(page, "reports")
