"""A provincial specialist opens the structure report of a commune and downloads it."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from tochuc.conftest import PASSWORD
from tochuc.reports.selectors import years_before
from tochuc.reports.tests.conftest import add_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_specialist_reads_the_pyramid_and_downloads_the_workbook(page, tree, inside):
    today = timezone.localdate()
    add_person(tree.cell, birth=years_before(today, 42))
    add_person(tree.cell, birth=years_before(today, 32), gender="female", ethnicity="Mường")
    add_person(tree.commune2, birth=years_before(today, 51))

    page.goto(page.base_url + "/reports/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill("inside")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1, name="Báo cáo, thống kê")).to_be_visible()
    page.get_by_role("link", name="Cơ cấu đội ngũ cán bộ, đảng viên").click()

    # The whole province first; then the commune, typed into the picker.
    expect(page.locator("#chart-pyramid")).to_be_visible()
    page.get_by_label("Mã đơn vị").fill("T01-X01")
    page.get_by_role("button", name="Xem báo cáo").click()
    expect(page).to_have_url(re.compile(r"unit=T01-X01"))
    expect(page.locator(".page-head .sub")).to_contain_text("Đảng bộ xã An Bình")

    pyramid = page.get_by_role("img", name="Tháp tuổi theo giới tính")
    expect(pyramid).to_be_visible()
    expect(pyramid.locator("rect.men")).to_have_count(12)
    table = page.get_by_test_id("pyramid-table")
    expect(table.locator("tfoot")).to_contain_text("2")
    expect(table.get_by_role("row", name=re.compile(r"^30–34"))).to_have_text(
        re.compile(r"^30–34\s*0\s*1\s*1$")
    )
    expect(table.get_by_role("row", name=re.compile(r"^40–44"))).to_have_text(
        re.compile(r"^40–44\s*1\s*0\s*1$")
    )
    expect(page.get_by_role("img", name="Dân tộc")).to_contain_text("Mường")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải tệp Excel").click()
    download = info.value
    assert download.suggested_filename == "co-cau-doi-ngu-T01-X01.xlsx"
    with open(download.path(), "rb") as content:
        book = load_workbook(content)
    summary = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Đơn vị"] == "Đảng bộ xã An Bình"
    assert summary["Tổng số người"] == 2
    ethnicities = {row[0]: row[1] for row in book["Dân tộc"].iter_rows(values_only=True)}
    assert ethnicities["Mường"] == 1 and ethnicities["Kinh"] == 1
