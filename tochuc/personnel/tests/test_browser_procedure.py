"""A specialist runs a five-step internal appointment for a planned person; one meeting fails its
quorum and is held again; the leader records the decision."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tochuc.conftest import PASSWORD
from tochuc.personnel.services import planning_cycle_open, planning_entry_approve, planning_entry_propose

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def sign_in(page, username, path):
    page.context.clear_cookies()
    page.goto(page.base_url + path)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(page.base_url + path)


def record_meeting(page, day, convened, present, votes):
    form = page.locator("#record-meeting")
    form.get_by_label("Ngày họp").fill(day)
    form.get_by_label("Số người được triệu tập").fill(str(convened))
    form.get_by_label("Số người có mặt").fill(str(present))
    form.get_by_label("Số phiếu đồng ý của Hoàng Văn Em").fill(str(votes))
    form.get_by_role("button", name="Ghi kết quả cuộc họp").click()


def test_five_step_appointment_with_a_repeated_meeting_then_the_decision(
    page, tree, inside, leader, vice_title, make_person
):
    cycle = planning_cycle_open(
        actor=inside, code="QH-X01", name="Quy hoạch xã An Bình", unit=tree.commune, term="2026-2031"
    )
    person = make_person("Hoàng Văn Em")
    planning_entry_approve(
        actor=leader, entry=planning_entry_propose(actor=inside, cycle=cycle, person=person, title=vice_title)
    )

    # 1. The specialist receives the file: the person is in the planning, nothing needs a justification.
    sign_in(page, "inside", "/personnel/procedures/new/")
    expect(page.get_by_role("heading", name="Mở thủ tục bổ nhiệm, giới thiệu ứng cử")).to_be_visible()
    page.get_by_label("Loại thủ tục").select_option(label="Bổ nhiệm")
    page.get_by_label("Đơn vị bổ nhiệm").select_option(value="T01-X01")
    page.get_by_label("Chức danh").select_option(label="Phó Bí thư Đảng ủy xã")
    page.get_by_label("Người được đề nghị").fill(person.code)
    page.get_by_label("Ngày nhận hồ sơ").fill("02/03/2026")
    page.get_by_role("button", name="Nhận hồ sơ và mở thủ tục").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Bổ nhiệm: Hoàng Văn Em")
    expect(page.get_by_test_id("status")).to_have_text("Đang thực hiện")
    expect(page.get_by_test_id("eligibility")).to_contain_text("Đủ điều kiện theo bộ quy tắc")
    expect(page.get_by_label("Số phiếu đồng ý của Hoàng Văn Em")).to_have_value("")

    # 2. First meeting passes; the second lacks 2/3 and is shown as such, then held again.
    record_meeting(page, "03/03/2026", 15, 12, 10)
    expect(page.get_by_test_id("meeting-1-1")).to_contain_text("Đạt")
    expect(page.get_by_role("heading", name="Ghi kết quả: Hội nghị tập thể lãnh đạo mở rộng")).to_be_visible()
    record_meeting(page, "05/03/2026", 30, 19, 17)
    failed = page.get_by_test_id("meeting-2-1")
    expect(failed).to_contain_text("Không đủ 2/3 số người dự")
    expect(failed).to_contain_text("cần ít nhất 20/30 người")
    expect(page.locator(".messages")).to_contain_text("Không đủ 2/3 số người dự")
    expect(page.get_by_role("heading", name="Ghi kết quả: Hội nghị tập thể lãnh đạo mở rộng")).to_be_visible()
    record_meeting(page, "09/03/2026", 30, 24, 20)
    expect(page.get_by_test_id("meeting-2-2")).to_contain_text("họp lại lần 2")
    expect(page.get_by_test_id("meeting-2-2")).to_contain_text("Đạt")

    # 3. The remaining three steps pass.
    record_meeting(page, "10/03/2026", 15, 13, 12)
    record_meeting(page, "12/03/2026", 60, 50, 41)
    record_meeting(page, "16/03/2026", 15, 14, 13)
    expect(page.get_by_test_id("status")).to_have_text("Đã qua các bước")
    expect(page.get_by_test_id("plan").locator("li.done")).to_have_count(5)
    expect(page.get_by_text("chờ lãnh đạo có thẩm quyền ra quyết định")).to_be_visible()
    expect(page.get_by_role("button", name="Ghi quyết định")).to_have_count(0)
    detail = page.url.split("#")[0]

    # 4. The leader records the decision.
    sign_in(page, "leader", detail.removeprefix(page.base_url))
    page.get_by_label("Số quyết định").fill("15-QĐ/ĐU")
    page.get_by_label("Ngày quyết định").fill("20/03/2026")
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("status")).to_have_text("Đã ra quyết định")
    expect(page.get_by_test_id("decision")).to_contain_text("Số 15-QĐ/ĐU ngày 20/03/2026")
    expect(page.get_by_test_id("timeline").locator("article")).to_have_count(6)
