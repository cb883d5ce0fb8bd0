"""The grassroots committee proposes the 19/5 badges, the commune decides, the badge shows on the 2C."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import User
from tochuc.conftest import PASSWORD
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_committee_proposes_commune_decides_badge_on_the_2c(
    page: Any, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(1996, 5, 19), name="Bùi Thị Hạnh")
    make_member(dt.date(1996, 5, 19), name="Ngô Văn Dự", status="probationary")

    sign_in(page, "inside")
    page.get_by_role("link", name="Huy hiệu Đảng").click()
    page.get_by_label("Mã đơn vị").fill("T01-X01-CS1")
    page.get_by_label("Ngày trao").fill("19/05/2026")
    page.get_by_test_id("badges-show").click()
    due = page.get_by_test_id("badges-due")
    expect(due).to_contain_text("Bùi Thị Hạnh")
    expect(due).not_to_contain_text("Ngô Văn Dự")
    page.get_by_test_id("badges-propose").click()
    expect(page.locator(".messages")).to_contain_text("Đã đề nghị tặng Huy hiệu Đảng cho 1 đảng viên")
    expect(page.get_by_test_id("badges-waiting")).to_contain_text("Bùi Thị Hạnh")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "leader")
    page.goto(page.base_url + "/rewards/badges/?unit=T01-X01&on=19/05/2026")
    page.get_by_test_id("badges-waiting").get_by_role("link", name="Quyết định").click()
    page.get_by_label("Số quyết định").fill("25-QĐ/ĐU")
    page.get_by_label("Ngày quyết định").fill("12/05/2026")
    page.get_by_label("Số huy hiệu").fill("30-0101")
    page.get_by_test_id("badge-decide").click()
    expect(page.locator(".messages")).to_contain_text(
        "Đã quyết định tặng Huy hiệu 30 năm tuổi Đảng cho Bùi Thị Hạnh"
    )
    awarded = page.get_by_test_id("badges-awarded")
    expect(awarded).to_contain_text("30-0101")

    awarded.get_by_role("link", name="Bùi Thị Hạnh").click()
    expect(page.get_by_text("Huy hiệu 30 năm tuổi Đảng, số 30-0101")).to_be_visible()
    assert member.rewards.count() == 1
