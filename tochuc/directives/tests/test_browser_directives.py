"""A province takes the seed in, assigns lead units; a commune reports late; the province sees it escalate."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, Tree, make_user
from tochuc.demo.directives import SEED_DOCUMENT
from tochuc.directives.models import Directive
from tochuc.orgunits.services import function_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = SEED_DOCUMENT


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("who")).to_be_visible()


def test_seed_to_escalation(page, tree: Tree) -> None:
    make_user("tinh", Role.SPECIALIST, tree.province)
    make_user("xa", Role.SPECIALIST, tree.commune)
    # Đức Thọ leads the job-position work: task 5 of the seed ("vị trí việc làm") is suggested to it.
    function_create(
        actor=None,
        lead_unit=tree.commune2,
        title="Thẩm định đề án vị trí việc làm của các cơ quan đảng",
        cooperating_units=[],
    )
    today = timezone.localdate()
    yesterday = (today - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    later = (today + dt.timedelta(days=120)).strftime("%d/%m/%Y")

    # The province specialist uploads the seed and reviews what was read.
    sign_in(page, "tinh")
    page.goto(page.base_url + "/directives/")
    expect(page.get_by_text("Chưa có văn bản nào trong phạm vi của bạn.")).to_be_visible()
    page.get_by_role("link", name="Tiếp nhận văn bản").first.click()
    page.get_by_label("Tệp văn bản").set_input_files(str(SEED))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.get_by_role("heading", name="Kiểm tra văn bản đã đọc")).to_be_visible()
    expect(page.get_by_test_id("number-symbol")).to_contain_text("03-KL/BTCTW")
    expect(page.get_by_test_id("source-text")).to_contain_text("Ngành Tổ chức xây dựng Đảng")
    expect(page.get_by_test_id("doubts")).to_contain_text("Không thấy tên cơ quan ban hành")
    expect(page.get_by_label("Người ký", exact=True)).to_have_value("Nguyễn Thanh Bình")
    expect(page.get_by_test_id("task-rows").locator("tbody tr")).to_have_count(9)  # 8 read + 1 empty

    # Lead units while reviewing: task 5's suggestion confirmed (its reason shown), task 6 given to
    # another unit from the list; the others are left to assign later.
    rows = page.get_by_test_id("task-rows").locator("tbody tr")
    fifth = rows.nth(4).get_by_test_id("lead-choice")
    expect(fifth.get_by_test_id("suggested-units")).to_contain_text(
        "Chủ trì chức năng “Thẩm định đề án vị trí việc làm của các cơ quan đảng”."
    )
    expect(fifth.get_by_label("Chưa giao")).to_be_checked()
    fifth.get_by_label("Đảng bộ xã Đức Thọ (T01-X02)").check()
    rows.nth(5).get_by_label("Chọn cơ quan chủ trì (hoặc để giao sau)").select_option(str(tree.province.pk))
    if screenshot_dir := os.environ.get("TOCHUC_SCREENSHOTS"):
        rows.nth(4).scroll_into_view_if_needed()
        page.screenshot(path=f"{screenshot_dir}/review-lead-units.png", full_page=False)

    # Correct one field, then confirm.
    page.get_by_label("Địa danh", exact=True).fill("Thành phố Hà Nội")
    page.get_by_role("button", name="Đăng ký văn bản").click()
    expect(page.locator(".messages")).to_contain_text("Đã đăng ký văn bản 03-KL/BTCTW với 8 nhiệm vụ")
    expect(page.get_by_test_id("directive-facts")).to_contain_text("Thành phố Hà Nội, 16/03/2017")
    tasks = page.get_by_test_id("directive-tasks")
    expect(tasks.locator("tbody tr")).to_have_count(8)
    expect(tasks.locator("tbody tr").nth(4)).to_contain_text("Đảng bộ xã Đức Thọ")
    expect(tasks.locator("tbody tr").nth(5)).to_contain_text("Đảng bộ tỉnh Hà Tĩnh")

    # Assign lead units: task 1 to the commune with a deadline already past, task 2 to the other commune.
    page.get_by_role("link", name="Giao nhiệm vụ 1", exact=True).click()
    page.get_by_label("Cơ quan chủ trì", exact=True).select_option(str(tree.commune.pk))
    page.get_by_label("Cơ quan phối hợp").select_option([str(tree.commune2.pk)])
    page.get_by_label("Thời hạn", exact=True).fill(yesterday)
    page.get_by_label("Loại sản phẩm").select_option(label="Báo cáo")
    page.get_by_label("Sản phẩm", exact=True).fill("Báo cáo kết quả kiện toàn tổ chức bộ máy")
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator(".messages")).to_contain_text("Đã giao nhiệm vụ 1 cho Đảng bộ xã An Bình chủ trì")
    page.get_by_role("link", name="Giao nhiệm vụ 2", exact=True).click()
    page.get_by_label("Cơ quan chủ trì", exact=True).select_option(str(tree.commune2.pk))
    page.get_by_label("Thời hạn", exact=True).fill(later)
    page.get_by_role("button", name="Giao nhiệm vụ").click()
    first = page.get_by_test_id("directive-tasks").locator("tbody tr").first
    expect(first).to_contain_text("Đảng bộ xã An Bình")
    expect(first).to_contain_text("Đảng bộ xã Đức Thọ")
    expect(first).to_contain_text("Quá hạn")
    page.get_by_role("button", name="Đăng xuất").click()

    # The commune reports, after the deadline.
    sign_in(page, "xa")
    page.goto(page.base_url + "/directives/dashboard/")
    page.get_by_test_id("dashboard-tasks").get_by_role("link", name=re.compile(r"^1\. ")).click()
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_label("Kết quả thực hiện").fill("Đã rà soát 3/5 tổ chức đảng trực thuộc; còn chờ số liệu.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo tiến độ 60% cho nhiệm vụ 1")
    reports = page.get_by_test_id("reports")
    expect(reports).to_contain_text("Đã rà soát 3/5 tổ chức đảng")
    expect(reports).to_contain_text("Sau thời hạn")
    expect(page.get_by_test_id("task-status")).to_contain_text("Quá hạn")
    page.get_by_role("button", name="Đăng xuất").click()

    # The province's dashboard: the commune's overdue task surfaces in the escalated panel.
    sign_in(page, "tinh")
    page.goto(page.base_url + "/directives/dashboard/")
    escalated = page.get_by_test_id("escalated-table")
    expect(escalated).to_contain_text("Đảng bộ xã An Bình")
    expect(escalated).to_contain_text("Quá hạn")
    expect(escalated).to_contain_text("60%")
    expect(page.get_by_test_id("status-counts")).to_contain_text("1 Quá hạn")

    # And in the implementation matrix, in words as well as colour.
    directive = Directive.objects.get()
    page.goto(page.base_url + f"/directives/{directive.pk}/matrix/")
    row = page.get_by_test_id("matrix").locator("tbody tr", has_text="T01-X01")
    expect(row).to_contain_text("Quá hạn")
    expect(page.get_by_test_id("matrix").locator("tbody tr", has_text="T01-X02")).to_contain_text("phối hợp")
