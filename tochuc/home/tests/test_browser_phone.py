"""On a phone (390 × 844) no page is wider than the screen and the menu folds behind a button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tochuc.conftest import PASSWORD
from tochuc.directives.tests.task_factory import make_task
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Stage
from tochuc.reports.tests.conftest import add_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/units/", "/people/", "/evaluations/", "/directives/dashboard/"]
LONG = (
    "Tiếp tục đổi mới, nâng cao chất lượng sinh hoạt chi bộ; xây dựng kế hoạch kiểm tra, giám sát "
    "chuyên đề việc thực hiện quy chế làm việc của cấp ủy các chi bộ trực thuộc"
)


def test_pages_fit_a_phone_and_the_menu_folds(browser, live_server, tree, leader):
    today = timezone.localdate()
    cycle = EvaluationCycle.objects.create(
        code="DG2025-T01-DANG-BO-TINH",
        name="Đánh giá, xếp loại chất lượng năm 2025 — Đảng bộ tỉnh Hà Tĩnh",
        unit=tree.province,
        year=2025,
        pack="qd366-2025",
    )
    Evaluation.objects.create(
        cycle=cycle,
        unit=tree.grassroots,
        subject_kind="collective",
        frame="collective",
        stage=Stage.APPRAISAL,
    )
    make_task(tree.grassroots, tree.commune, no="2.1", text=LONG, deadline=today - dt.timedelta(days=3))
    add_person(tree.cell, birth=dt.date(1980, 1, 1), name="Nguyễn Thị Phương Thảo", qualification="Thạc sĩ")

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("leader")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1, name="Trang chủ")).to_be_visible()

    for path in PAGES:
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        header = page.locator("header.topbar").bounding_box()
        assert header is not None and header["height"] <= 90, path  # two lines

    # The menu is folded; the button opens it and says so, Escape folds it again.
    nav = page.locator("nav.sidenav")
    toggle = page.get_by_test_id("nav-toggle")
    expect(nav).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(nav).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    nav.get_by_role("link", name="Hồ sơ cán bộ, đảng viên").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("nav.sidenav")).to_be_hidden()
    page.get_by_test_id("nav-toggle").click()
    page.keyboard.press("Escape")
    expect(page.locator("nav.sidenav")).to_be_hidden()
    # A wide table scrolls inside its own box.
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("e => e.scrollWidth > e.clientWidth")
    context.close()
