"""The grassroots specialist proposes a discipline, the commune leader decides, it shows on the 2C."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import User
from tochuc.rewards.tests.conftest import MakeMember
from tochuc.rewards.tests.test_browser_walkthrough import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("TOCHUC_SCREENSHOTS", "")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_specialist_proposes_leader_decides_discipline_on_the_2c(
    page: Any, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2001, 3, 2), name="Hoàng Văn Phạm")
    violation_on = (dt.date.today() - dt.timedelta(days=60)).strftime("%d/%m/%Y")

    sign_in(page, "inside")
    page.get_by_role("link", name="Kỷ luật đảng").click()
    page.get_by_label("Mã đơn vị").fill("T01-X01-CS1")
    page.get_by_test_id("disciplines-show").click()
    page.get_by_text("Đề nghị kỷ luật (cấp đề nghị").click()
    page.get_by_label("Mã đảng viên hoặc mã tổ chức đảng").fill(member.code)
    page.get_by_label("Hình thức kỷ luật đề nghị").select_option("warning")
    page.get_by_label("Nội dung vi phạm").fill("Vi phạm quy định về những điều đảng viên không được làm")
    page.get_by_label("Ngày vi phạm").fill(violation_on)
    shot(page, "discipline-propose")
    page.get_by_test_id("discipline-propose").click()
    expect(page.locator(".messages")).to_contain_text("Đã đề nghị kỷ luật Hoàng Văn Phạm")
    expect(page.get_by_test_id("discipline-decide")).to_have_count(0)
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "leader")
    page.goto(page.base_url + "/rewards/discipline/?unit=T01-X01")
    page.get_by_test_id("disciplines-proposed").get_by_role("link", name="Hoàng Văn Phạm").click()
    page.get_by_label("Cấp quyết định").select_option("T01-X01")
    page.get_by_label("Số quyết định").fill("31-QĐ/ĐU")
    page.get_by_label("Ngày quyết định").fill(dt.date.today().strftime("%d/%m/%Y"))
    page.get_by_test_id("discipline-decide").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi quyết định kỷ luật Hoàng Văn Phạm")
    expect(page.get_by_test_id("discipline-facts")).to_contain_text("31-QĐ/ĐU")
    expect(page.get_by_test_id("discipline-facts")).to_contain_text("10 năm kể từ ngày vi phạm")
    shot(page, "discipline-detail")

    page.get_by_role("link", name=member.code).click()
    expect(page.get_by_role("cell", name="Cảnh cáo")).to_be_visible()
    assert member.disciplines.count() == 1


def test_certificate_proposed_from_results_approved_by_the_leader_on_the_2c(
    page: Any, inside: User, leader: User, make_member: MakeMember, tree: Any
) -> None:
    from tochuc.evaluations.models import Evaluation
    from tochuc.evaluations.services.cycle import cycle_open

    member = make_member(dt.date(2005, 1, 1), name="Lâm Thị Xuất Sắc")
    weak = make_member(dt.date(2005, 1, 1), name="Tạ Văn Chậm")
    cycle = cycle_open(actor=None, code="N2025", name="Năm 2025", unit=tree.commune, kind="annual", year=2025)
    Evaluation.objects.filter(cycle=cycle, person=member).update(final_rating="excellent")
    Evaluation.objects.filter(cycle=cycle, person=weak).update(final_rating="not_completed")

    sign_in(page, "inside")
    page.get_by_role("link", name="Khen thưởng theo kết quả").click()
    page.get_by_label("Mã đơn vị").fill("T01-X01-CS1")
    page.get_by_label("Năm đánh giá").fill("2025")
    page.get_by_test_id("certificates-show").click()
    expect(page.get_by_test_id("certificates-candidates")).to_contain_text("Lâm Thị Xuất Sắc")
    expect(page.get_by_test_id("results-discipline")).to_contain_text("Tạ Văn Chậm")
    shot(page, "certificates")
    page.get_by_test_id("certificates-propose").click()
    expect(page.locator(".messages")).to_contain_text("Đã đề nghị khen thưởng 1 trường hợp")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "leader")
    page.goto(page.base_url + "/rewards/certificates/?unit=T01-X01&year=2025")
    page.get_by_test_id("certificates-waiting").get_by_role("link", name="Quyết định").click()
    page.get_by_label("Số quyết định").fill("40-QĐ/ĐU")
    page.get_by_label("Ngày quyết định").fill("12/01/2026")
    page.get_by_test_id("certificate-approve").click()
    expect(page.get_by_test_id("certificates-approved")).to_contain_text("40-QĐ/ĐU")
    page.get_by_test_id("certificates-approved").get_by_role("link", name="Lâm Thị Xuất Sắc").click()
    expect(page.get_by_text("Giấy khen của cấp ủy cơ sở năm 2025")).to_be_visible()
