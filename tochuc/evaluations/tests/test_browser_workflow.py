"""A cadre self-reviews, the specialist sees a finding and justifies it, the leader decides, the upper
level sees the unit flagged on the analytics page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, make_user
from tochuc.evaluations.services import appraisal_record, comments_record
from tochuc.evaluations.tests.workflow_data import build_world, ev, open_cycle, to_appraisal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base_url + "/evaluations/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(page.base_url + "/evaluations/")
    expect(page.get_by_role("heading", name="Đánh giá, xếp loại chất lượng")).to_be_visible()


def test_self_review_finding_justification_decision_analytics(page, tree, inside, leader):
    world = build_world(tree)
    upper = make_user("tinhuy", Role.LEADER, tree.province)
    cycle = open_cycle(tree)
    for person in world.members[1:]:
        to_appraisal(ev(cycle, person), "good", 82)
    collective = to_appraisal(ev(cycle, unit=tree.cell), "completed", 60)

    # 1. The cadre fills in their own self-review.
    sign_in(page, "canbo")
    page.get_by_test_id("my-evaluations").get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn An")
    form = page.get_by_test_id("self-review-form")
    form.get_by_label("Chính trị, tư tưởng (tối đa 10)").fill("9")
    form.get_by_label("Đạo đức, lối sống (tối đa 10)").fill("9")
    form.get_by_label("Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc (tối đa 10)").fill("8")
    form.get_by_label(re.compile(r"^Kết quả thực hiện chức trách, nhiệm vụ được giao")).fill("58")
    form.get_by_label("Bản tự kiểm điểm").fill("Hoàn thành tốt nhiệm vụ giảng dạy và công tác chi bộ.")
    form.get_by_label("Minh chứng").fill("Báo cáo tổng kết năm học 2024–2025")
    form.get_by_role("button", name="Gửi bản tự kiểm điểm").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi bản tự kiểm điểm")
    expect(page.get_by_test_id("stage")).to_have_text("Đã tự kiểm điểm")
    expect(page.get_by_test_id("self-review")).to_contain_text("84")
    expect(page.get_by_test_id("self-review")).to_contain_text("Hoàn thành tốt nhiệm vụ")

    mine = ev(cycle, world.members[0])
    comments_record(actor=None, evaluation=mine, comments="Chi bộ nhất trí.", suggested_rating="good")
    appraisal_record(actor=None, evaluation=mine, score=84, rating="good", reason="Đạt tiêu chí mức tốt.")

    # 2. The specialist sees the inflation finding in place and justifies it.
    sign_in(page, "inside")
    page.goto(page.base_url + f"/evaluations/cycles/{cycle.code}/")
    page.get_by_role("link", name="Chi bộ Tổ Toán – Tin").click()
    finding = page.locator('[data-rule="inflation_pattern"]')
    expect(finding).to_contain_text("Cần giải trình")
    expect(finding).to_contain_text("Quy định 366-QĐ/TW")
    page.get_by_label("Giải trình").first.fill(
        "Chi bộ mới sáp nhập; chỉ tiêu tập thể chưa đạt do khách quan."
    )
    page.get_by_role("button", name="Ghi giải trình").first.click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi giải trình")
    expect(page.get_by_test_id("justification").first).to_contain_text("Chi bộ mới sáp nhập")

    # 3. The commune leader decides the collective's rating.
    sign_in(page, "leader")
    page.goto(page.base_url + f"/evaluations/{collective.pk}/")
    page.get_by_label("Quyết định xếp loại").select_option(label="Hoàn thành nhiệm vụ")
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.locator(".messages")).to_contain_text("Đã ghi quyết định xếp loại")
    expect(page.get_by_test_id("decision")).to_contain_text("Hoàn thành nhiệm vụ")
    expect(page.get_by_test_id("timeline")).to_contain_text("Đã quyết định xếp loại")

    # 4. The upper level sees the cell flagged on the analytics page.
    sign_in(page, "tinhuy")
    page.goto(page.base_url + f"/evaluations/analytics/?cycle={cycle.code}&unit=T01-X01-CS1")
    expect(page.get_by_test_id("analytics-flagged")).to_contain_text("Chi bộ Tổ Toán – Tin")
    del upper
