"""The organizer opens a round and records entries, a juror scores, the results are published."""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import expect

from tochuc.accounts.models import User
from tochuc.award.models import AwardRound, RoundStatus
from tochuc.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("TOCHUC_SCREENSHOTS", "")


def sign_in(page: Any, username: str) -> None:
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"award-{name}.png"), full_page=True)


def record_entry(page: Any, title: str, authors: str, outlet: str, on: str) -> None:
    page.get_by_test_id("entry-new").click()
    page.get_by_label("Tên tác phẩm").fill(title)
    page.get_by_label("Tác giả").fill(authors)
    page.get_by_label("Cơ quan báo chí").fill(outlet)
    page.get_by_label("Loại hình").select_option("print")
    page.get_by_label("Ngày đăng, phát").fill(on)
    page.get_by_label("Chủ đề").select_option("organization")
    page.get_by_test_id("entry-save").click()


def add_juror(page: Any, panel: str, username: str, outlet: str) -> None:
    page.get_by_test_id("juror-new").click()
    page.get_by_label("Hội đồng").select_option(panel)
    page.get_by_label("Tài khoản của giám khảo").fill(username)
    page.get_by_label("Cơ quan công tác").fill(outlet)
    page.get_by_test_id("juror-save").click()


def test_organizer_opens_records_juror_scores_results_published(page: Any, organizer: User) -> None:
    juror = make_user("giamkhao")
    juror.full_name = "Đinh Công Sơn"
    juror.save(update_fields=["full_name"])

    sign_in(page, "organizer")
    page.get_by_role("link", name="Giải Búa liềm vàng").click()
    page.get_by_test_id("round-new").click()
    page.get_by_label("Năm").fill("2025")
    page.get_by_test_id("round-open").click()
    expect(page.locator(".messages")).to_contain_text("Đã mở Giải Búa liềm vàng năm 2025")

    record_entry(
        page, "Chi bộ bốn tốt nơi biên cương", "Nguyễn Thị Thanh Huyền", "Báo Nhân Dân", "01/11/2024"
    )
    expect(page.locator(".messages")).to_contain_text("đủ điều kiện")
    record_entry(page, "Giữ lửa sinh hoạt chi bộ", "Trần Quốc Việt", "Báo Hà Tĩnh", "31/10/2025")
    record_entry(page, "Đăng muộn một ngày", "Lê Văn Muộn", "Báo Hà Tĩnh", "01/11/2025")
    expect(page.locator(".messages")).to_contain_text("ngoài thời gian xét giải")
    add_juror(page, "preliminary", "giamkhao", "Báo Nhân Dân")
    add_juror(page, "final", "giamkhao", "Báo Nhân Dân")
    expect(page.get_by_test_id("panel-preliminary").get_by_test_id("excluded")).to_contain_text(
        "cơ quan báo chí nơi giám khảo công tác"
    )
    page.get_by_test_id("step-preliminary").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Vòng sơ khảo")
    shot(page, "round")
    page.get_by_role("button", name="Đăng xuất").click()

    def score_as_juror(value: str) -> None:
        sign_in(page, "giamkhao")
        page.get_by_role("link", name="Giải Búa liềm vàng").click()
        page.get_by_role("link", name="Phiếu chấm của tôi").click()
        sheet = page.get_by_test_id("sheet")
        expect(sheet).to_contain_text("Giữ lửa sinh hoạt chi bộ")
        expect(sheet).not_to_contain_text("Chi bộ bốn tốt")  # their own outlet's
        expect(sheet).not_to_contain_text("Đăng muộn")  # not eligible
        page.get_by_test_id("score-2").fill(value)
        page.get_by_test_id("score-save-2").click()
        expect(page.locator(".messages")).to_contain_text("Đã ghi điểm tác phẩm số 2")
        shot(page, "sheet")
        page.get_by_role("button", name="Đăng xuất").click()

    score_as_juror("86,5")
    sign_in(page, "organizer")
    award_round = AwardRound.objects.get(year=2025)
    page.goto(f"{page.base_url}/award/{award_round.pk}/")
    page.get_by_test_id("step-final").click()
    expect(page.locator(".messages")).to_contain_text("1 tác phẩm vào vòng chung khảo")
    page.get_by_role("button", name="Đăng xuất").click()

    score_as_juror("90")
    sign_in(page, "organizer")
    page.goto(f"{page.base_url}/award/{award_round.pk}/")
    page.get_by_label("Số quyết định công bố kết quả").fill("68-QĐ/BTCTW")
    page.get_by_label("Ngày công bố").fill("03/02/2026")
    page.get_by_test_id("step-publish").click()
    expect(page.locator(".messages")).to_contain_text("Đã công bố kết quả: 1 tác phẩm đạt giải")
    results = page.get_by_test_id("results")
    expect(results).to_contain_text("Giữ lửa sinh hoạt chi bộ")
    expect(page.get_by_role("heading", name="Giải Đặc biệt")).to_be_visible()
    shot(page, "results")
    award_round.refresh_from_db()
    assert award_round.status == RoundStatus.PUBLISHED
