"""An inspector opens the signals page, starts an inspection from a signal, concludes it, and the
target's leader sees the follow-up task."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import Role
from tochuc.conftest import PASSWORD, Tree, make_user
from tochuc.core.dates import today
from tochuc.directives.tests.task_factory import make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set to a folder to keep screenshots of the main pages for a look.
SHOTS = os.environ.get("TOCHUC_SCREENSHOTS", "")


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def sign_in(page, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_test_id("who")).to_be_visible()


def test_inspector_starts_from_a_signal_concludes_and_the_target_sees_the_task(page, tree: Tree) -> None:
    make_user("kiemtra", Role.SPECIALIST, tree.province)
    make_user("bithu", Role.LEADER, tree.commune)
    make_task(
        tree.commune,
        tree.province,
        no="1",
        text="Kiện toàn chi bộ trực thuộc",
        deadline=today() - dt.timedelta(days=75),
    )

    sign_in(page, "kiemtra")
    page.get_by_role("link", name="Dấu hiệu cần kiểm tra, giám sát").first.click()
    group = page.get_by_test_id("signal-group-task_overdue")
    expect(group.get_by_test_id("signal")).to_contain_text("quá hạn 75 ngày")
    shot(page, "signals")
    group.get_by_test_id("start-inspection").click()

    expect(page.get_by_test_id("source-signal")).to_contain_text("Nhiệm vụ quá hạn từ 30 ngày")
    expect(page.get_by_label("Tổ chức đảng được kiểm tra, giám sát (mã)")).to_have_value(tree.commune.code)
    page.get_by_label("Mã cuộc kiểm tra, giám sát").fill("KT-2026-07")
    start = today().strftime("%d/%m/%Y")
    end = (today() + dt.timedelta(days=30)).strftime("%d/%m/%Y")
    page.get_by_label("Từ ngày").fill(start)
    page.get_by_label("Đến ngày").fill(end)
    shot(page, "new")
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("inspection-status")).to_have_text("Đang tiến hành")

    page.get_by_test_id("conclude").click()
    page.get_by_label("Nội dung kết luận").fill("Đảng ủy xã chậm thực hiện nhiệm vụ; yêu cầu khắc phục.")
    page.locator("#id_fu-0-text").fill("Hoàn thành kiện toàn chi bộ trực thuộc")
    page.locator("#id_fu-0-deadline").fill((today() + dt.timedelta(days=20)).strftime("%d/%m/%Y"))
    shot(page, "conclude")
    page.get_by_role("button", name="Ghi kết luận và giao nhiệm vụ").click()
    expect(page.get_by_test_id("inspection-status")).to_have_text("Đã kết luận, đang khắc phục")
    progress = page.get_by_test_id("follow-up-progress")
    expect(progress).to_contain_text("0/1")
    expect(progress).to_contain_text("01-KL/TU")
    shot(page, "inspection")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in(page, "bithu")
    page.goto(page.base_url + "/directives/dashboard/")
    tasks = page.get_by_test_id("dashboard-tasks")
    expect(tasks).to_contain_text("Hoàn thành kiện toàn chi bộ trực thuộc")
    expect(tasks).to_contain_text("01-KL/TU")
    page.get_by_role("link", name="Các cuộc kiểm tra, giám sát").click()
    page.get_by_role("link", name="KT-2026-07").click()
    expect(page.get_by_test_id("follow-up")).to_contain_text("Hoàn thành kiện toàn chi bộ trực thuộc")
    expect(page.get_by_test_id("conclude")).to_have_count(0)
    shot(page, "leader")
