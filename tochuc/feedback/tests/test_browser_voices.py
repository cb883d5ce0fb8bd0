"""A citizen sends feedback and later reads the answer with the code; a commune sends a proposal,
the province answers it late and the dashboard shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, Tree, make_user
from tochuc.proposals.models import Proposal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("who")).to_be_visible()


def sign_out(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def test_a_citizen_sends_feedback_and_reads_the_answer(page, tree: Tree) -> None:
    make_user("tinh", Role.SPECIALIST, tree.province)
    make_user("bithu", Role.LEADER, tree.commune)

    page.goto(page.base_url + "/gop-y/")
    page.get_by_label("Tìm tổ chức đảng").fill("an binh")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Đảng bộ xã An Bình").click()
    expect(page.get_by_label("Tổ chức đảng bạn muốn phản ánh")).to_have_value("T01-X01")
    page.get_by_label("Về tổ chức đảng").check()
    page.get_by_label("Nội dung phản ánh").fill("Chi bộ thôn 3 không sinh hoạt định kỳ hai tháng nay.")
    page.get_by_label("Họ và tên (không bắt buộc)").fill("Hoàng Văn Nam")
    page.get_by_role("button", name="Gửi phản ánh").click()
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    assert code.startswith("GY-")

    sign_in(page, "tinh")
    page.goto(page.base_url + "/feedback/")
    page.get_by_role("link", name=code).click()
    expect(page.get_by_test_id("handling-unit")).to_contain_text("Đảng bộ xã An Bình")
    page.get_by_label("Nội dung trả lời").fill("Đảng ủy xã đã kiểm tra và chấn chỉnh chi bộ thôn 3.")
    page.get_by_role("button", name="Lưu câu trả lời").click()
    sign_out(page)
    sign_in(page, "bithu")
    page.goto(page.base_url + "/feedback/")
    page.get_by_role("link", name=code).click()
    page.get_by_test_id("feedback-publish").click()
    sign_out(page)

    page.goto(page.base_url + "/gop-y/tra-cuu/")
    page.get_by_label("Mã tra cứu").fill(code)
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_test_id("lookup-status")).to_have_text("Đã trả lời")
    expect(page.get_by_test_id("lookup-answer")).to_contain_text("chấn chỉnh chi bộ thôn 3")
    expect(page.get_by_test_id("lookup-result")).not_to_contain_text("Hoàng Văn Nam")


def test_a_commune_proposal_answered_late_shows_on_the_dashboard(page, tree: Tree) -> None:
    make_user("xa", Role.SPECIALIST, tree.commune)
    make_user("tinh", Role.SPECIALIST, tree.province)
    make_user("lanhdao", Role.LEADER, tree.province)

    sign_in(page, "xa")
    page.goto(page.base_url + "/proposals/new/")
    page.get_by_label("Loại kiến nghị").select_option("resources")
    page.get_by_label("Trích yếu").fill("Kinh phí sinh hoạt chi bộ thôn")
    page.locator("#id_content").fill("Đề nghị tỉnh bố trí kinh phí sinh hoạt cho chi bộ thôn.")
    page.get_by_label("Tệp gửi kèm (không bắt buộc)").set_input_files(
        files=[
            {"name": "Du toan kinh phi.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
        ]
    )
    page.get_by_role("button", name="Gửi kiến nghị").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi kiến nghị đến Đảng bộ tỉnh Hà Tĩnh")
    sign_out(page)

    # Time passes: the deadline is behind us.
    proposal = Proposal.objects.get()
    Proposal.objects.filter(pk=proposal.pk).update(
        sent_on=proposal.sent_on - dt.timedelta(days=60),
        answer_due=proposal.answer_due - dt.timedelta(days=60),
    )

    sign_in(page, "tinh")
    page.goto(page.base_url + "/proposals/dashboard/")
    expect(page.get_by_test_id("proposal-counts")).to_contain_text("Đảng bộ tỉnh Hà Tĩnh")
    page.goto(page.base_url + "/proposals/?status=overdue")
    page.get_by_role("link", name="Kinh phí sinh hoạt chi bộ thôn").click()
    expect(page.get_by_test_id("proposal-status")).to_contain_text("Quá hạn")
    expect(page.get_by_test_id("proposal-files")).to_contain_text("Du toan kinh phi.pdf")
    page.get_by_label("Nội dung trả lời").fill("Tỉnh bố trí kinh phí từ quý sau.")
    page.get_by_role("button", name="Lưu dự thảo trả lời").click()
    sign_out(page)

    sign_in(page, "lanhdao")
    page.goto(page.base_url + f"/proposals/{proposal.pk}/")
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("proposal-status")).to_contain_text("Trả lời chậm")
    page.goto(page.base_url + "/proposals/dashboard/")
    row = page.get_by_test_id("proposal-counts").locator("tbody tr", has_text="Đảng bộ tỉnh Hà Tĩnh")
    expect(row).to_contain_text("0%")
    expect(page.locator("svg#proposals-on-time, #proposals-on-time")).to_have_count(1)
    expect(page.get_by_test_id("dashboard-export")).to_be_visible()
