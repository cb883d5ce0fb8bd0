"""A provincial specialist walks through the tree as a person would."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, username: str) -> None:
    page.goto(page.base_url + "/units/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("tochuc-demo")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Cây tổ chức")).to_be_visible()


def test_provincial_specialist_browses_searches_and_is_refused_the_audit_trail(page):
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    _log_in(page, "demo.tinh")

    # The header names the scope; the tree starts at the province.
    expect(page.get_by_test_id("who")).to_contain_text("Phạm vi")
    tree = page.get_by_test_id("tree")
    province = tree.locator("li").first
    expect(province).to_contain_text("Đảng bộ tỉnh")
    expect(tree).not_to_contain_text("Ban Chấp hành Trung ương")

    # Expand the province in place, then collapse it again.
    toggle = province.locator("button.toggle").first
    toggle.click()
    communes = province.locator("ul.subtree").first
    expect(communes).to_be_visible()
    expect(communes).to_contain_text("Đảng bộ xã An Bình")
    toggle.click()
    expect(communes).to_be_hidden()

    # Search without diacritics, as typed on any keyboard.
    page.get_by_placeholder(re.compile("Tìm đơn vị")).fill("dang bo xa an binh")
    result = page.locator("#search-results").get_by_role("link", name="Đảng bộ xã An Bình")
    expect(result).to_be_visible()
    result.click()

    # The unit page: kind, code, parent chain, children, functions, history.
    expect(page.get_by_role("heading", level=1)).to_have_text("Đảng bộ xã An Bình")
    expect(page.locator(".crumbs")).to_contain_text("Hà Tĩnh")
    expect(page.get_by_role("heading", name="Đơn vị trực thuộc")).to_be_visible()
    expect(page.get_by_role("heading", name="Chức năng, nhiệm vụ")).to_be_visible()
    expect(page.get_by_role("heading", name="Lịch sử")).to_be_visible()
    expect(page.get_by_text("Đảng bộ xã, phường, đặc khu").first).to_be_visible()

    # The audit trail is not theirs to read: not in the menu, 404 by address.
    expect(page.get_by_role("link", name="Nhật ký kiểm tra")).to_have_count(0)
    response = page.goto(page.base_url + "/audit/")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Không tìm thấy")).to_be_visible()

    # A unit of the other province does not exist for them either.
    response = page.goto(page.base_url + "/units/T02/")
    assert response is not None and response.status == 404


def test_auditor_checks_the_chain(page):
    call_command("seed_demo", "--scale", "small", stdout=io.StringIO())
    _log_in(page, "demo.kiemtra")
    page.get_by_role("link", name="Nhật ký kiểm tra").click()
    expect(page.get_by_test_id("audit-table")).to_be_visible()
    page.get_by_role("button", name="Kiểm tra chuỗi nhật ký").click()
    expect(page.locator("#verify-result")).to_contain_text("Nguyên vẹn")
    expect(page.get_by_test_id("head-hash")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
