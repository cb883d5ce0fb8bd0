"""Each role signs in and lands on its own home."""

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


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", level=1, name="Trang chủ")).to_be_visible()


def test_the_home_of_each_role(page, tree, inside, leader, auditor, admin):
    today = timezone.localdate()
    cycle = EvaluationCycle.objects.create(
        code="DG2025", name="Đánh giá năm 2025", unit=tree.province, year=2025, pack="qd366-2025"
    )
    for unit, stage in ((tree.grassroots, Stage.APPRAISAL), (tree.cell, Stage.COMMENTS)):
        Evaluation.objects.create(
            cycle=cycle, unit=unit, subject_kind="collective", frame="collective", stage=stage
        )
    make_task(tree.grassroots, tree.commune, no="2.1", deadline=today - dt.timedelta(days=5))
    add_person(tree.cell, birth=dt.date(1980, 1, 1))

    # The commune leader: the decision waiting, the overdue task, the overview of the commune.
    sign_in(page, "leader")
    waiting = page.get_by_test_id("waiting")
    expect(waiting).to_contain_text("1 đánh giá chờ quyết định xếp loại")
    expect(page.get_by_test_id("waiting-tasks")).to_contain_text("Quá hạn")
    overview = page.get_by_test_id("overview")
    expect(overview).to_contain_text("Đảng bộ xã An Bình")
    expect(overview.locator("svg#home-pyramid")).to_be_visible()
    page.get_by_test_id("figure-members").click()
    expect(page).to_have_url(f"{page.base_url}/people/?unit=T01-X01")

    # The provincial specialist: the appraisal to write; the link opens the cycle.
    sign_in(page, "inside")
    expect(page.get_by_test_id("waiting")).to_contain_text("1 đánh giá chờ thẩm định, đề xuất")
    page.get_by_test_id("waiting-evaluations").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Đánh giá năm 2025")

    # The admin: the overview of the whole tree.
    sign_in(page, "admin")
    expect(page.get_by_test_id("overview")).to_contain_text("Ban Chấp hành Trung ương")

    # The auditor: no overview; the empty state says where to go.
    sign_in(page, "auditor")
    expect(page.get_by_test_id("overview")).to_have_count(0)
    expect(page.get_by_test_id("waiting-tasks")).to_contain_text("2.1")
