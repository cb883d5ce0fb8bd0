"""A specialist defines a position, assigns someone short of a requirement, confirms with a reason."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tochuc.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_specialist_creates_a_position_and_assigns_with_a_justification(page, inside, person_factory):
    person = person_factory(name="Trần Thị Hồng Nhung", theory="intermediate")

    page.goto(page.base_url + "/positions/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Tên đăng nhập").fill("inside")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.goto(page.base_url + "/positions/")
    expect(page.get_by_role("heading", name="Vị trí việc làm")).to_be_visible()
    expect(page.get_by_text("Chưa có vị trí việc làm nào")).to_be_visible()

    page.get_by_role("link", name="Thêm vị trí việc làm").first.click()
    page.get_by_label("Mã đơn vị").fill("T01-X01")
    page.get_by_label("Tên vị trí việc làm").fill("Phó Trưởng Ban Xây dựng Đảng")
    page.get_by_label("Nhóm vị trí").select_option(label="Lãnh đạo, quản lý")
    page.get_by_label("Nhiệm vụ (bản mô tả công việc)").fill(
        "Phụ trách công tác đảng viên\nTổng hợp đánh giá, xếp loại chất lượng"
    )
    page.get_by_label("Lý luận chính trị tối thiểu").select_option(label="Cao cấp")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Phó Trưởng Ban Xây dựng Đảng")
    duties = page.get_by_test_id("duties")
    expect(duties).to_contain_text("Phụ trách công tác đảng viên")
    expect(duties).to_contain_text("Tổng hợp đánh giá, xếp loại chất lượng")
    expect(page.get_by_test_id("vacancy")).to_contain_text("Còn 1 chỗ trống")

    page.get_by_role("link", name="Bố trí người").first.click()
    page.get_by_label("Mã đảng viên của người được bố trí").fill(person.code)
    page.get_by_role("button", name="Bố trí", exact=True).click()
    warnings = page.get_by_test_id("warnings")
    expect(warnings).to_contain_text("Chưa đạt trình độ lý luận chính trị Cao cấp (hiện: Trung cấp)")

    page.get_by_label("Tôi đã xem các điểm chưa đạt và vẫn bố trí").check()
    page.get_by_label("Lý do vẫn bố trí").fill("Đang học Cao cấp lý luận chính trị, tốt nghiệp tháng 6/2026")
    page.get_by_role("button", name="Xác nhận bố trí").click()

    expect(page.locator(".messages")).to_contain_text("Đã bố trí Trần Thị Hồng Nhung")
    holders = page.get_by_test_id("holders")
    expect(holders).to_contain_text("Trần Thị Hồng Nhung")
    expect(holders).to_contain_text("Đang học Cao cấp lý luận chính trị")
    expect(page.get_by_test_id("vacancy")).to_have_count(0)
