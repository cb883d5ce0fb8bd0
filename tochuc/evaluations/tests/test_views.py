"""The workflow pages with the named cast: inside sees, outside 404, anonymous to the login page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Justification, Stage
from tochuc.evaluations.tests.workflow_data import GOOD_POINTS, build_world, ev, open_cycle, to_appraisal

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def cycle(world):
    return open_cycle(world.tree)


def urls(cycle, evaluation):
    return [
        reverse("evaluations:cycle", args=[cycle.code]),
        reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"]),
        reverse("evaluations:evaluation", args=[evaluation.pk]),
    ]


def test_anonymous_is_sent_to_login(client, world, cycle):
    for url in [reverse("evaluations:cycle_list"), *urls(cycle, ev(cycle, world.members[1]))]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_inside_sees_outside_gets_404(world, cycle, inside, outside):
    target = ev(cycle, world.members[1])
    for url in urls(cycle, target):
        assert login(inside).get(url).status_code == 200, url
        assert login(outside).get(url).status_code == 404, url
    assert cycle.code not in login(outside).get(reverse("evaluations:cycle_list")).content.decode()
    assert cycle.code in login(inside).get(reverse("evaluations:cycle_list")).content.decode()
    # A unit outside the cycle's subtree is not a page of the cycle.
    other = reverse("evaluations:cycle_unit", args=[cycle.code, "T02-X01"])
    assert login(inside).get(other).status_code == 404


def test_cycle_page_shows_progress_per_unit_with_filters(world, cycle, inside):
    to_appraisal(ev(cycle, world.members[1]), "good", 82)
    client = login(inside)
    page = client.get(reverse("evaluations:cycle", args=[cycle.code])).content.decode()
    assert "Chi bộ Tổ Toán – Tin" in page and "Đảng bộ xã Đức Thọ" in page
    filtered = client.get(
        reverse("evaluations:cycle", args=[cycle.code]), {"unit": "T01-X02"}
    ).content.decode()
    assert "Đảng bộ xã Đức Thọ" in filtered and "Chi bộ Tổ Toán – Tin" not in filtered
    assert client.get(reverse("evaluations:cycle", args=[cycle.code]), {"unit": "T02"}).status_code == 404


def test_open_cycle_form(tree, inside, leader):
    client = login(inside)
    assert client.get(reverse("evaluations:cycle_create")).status_code == 200
    response = client.post(
        reverse("evaluations:cycle_create"),
        {
            "code": "x01-2025",
            "name": "Đánh giá năm 2025",
            "unit_code": "T01-X01",
            "kind": "annual",
            "year": 2025,
            "pack": "qd366-2025",
        },
    )
    assert response.status_code == 302
    cycle = EvaluationCycle.objects.get(code="X01-2025")
    assert cycle.opened_by == inside and cycle.evaluations.count() == 3
    again = client.post(
        reverse("evaluations:cycle_create"),
        {
            "code": "X01-2025",
            "name": "Lần hai",
            "unit_code": "T01-X01",
            "kind": "annual",
            "year": 2025,
            "pack": "qd366-2025",
        },
    )
    assert "đã được dùng" in again.content.decode()
    outside_unit = client.post(
        reverse("evaluations:cycle_create"),
        {"code": "Z", "name": "Z", "unit_code": "T02", "kind": "annual", "year": 2025, "pack": "qd366-2025"},
    )
    assert "Không tìm thấy đơn vị trong phạm vi" in outside_unit.content.decode()
    assert login(leader).get(reverse("evaluations:cycle_create")).status_code == 404  # a leader has no EDIT


def test_cadre_self_reviews_own_file_only(world, cycle):
    client = login(world.cadre)
    mine = ev(cycle, world.members[0])
    page = client.get(reverse("evaluations:evaluation", args=[mine.pk])).content.decode()
    assert "Gửi bản tự kiểm điểm" in page and "Chính trị, tư tưởng" in page
    data = {f"c_{k}": v for k, v in GOOD_POINTS.items()} | {"self_review": "Hoàn thành tốt nhiệm vụ năm."}
    response = client.post(reverse("evaluations:self_review", args=[mine.pk]), data)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.stage == Stage.SELF_REVIEW and mine.self_rating == "good"
    other = ev(cycle, world.members[1])
    assert client.get(reverse("evaluations:evaluation", args=[other.pk])).status_code == 404
    assert client.post(reverse("evaluations:self_review", args=[other.pk]), data).status_code == 404
    # Over the maximum: the form says so and nothing changes.
    bad = client.post(reverse("evaluations:self_review", args=[mine.pk]), data | {"c_ethics": "12"})
    assert bad.status_code == 400


def test_unit_page_shows_findings_in_place_and_the_justify_form(world, cycle, inside, leader):
    for person in world.members:
        to_appraisal(ev(cycle, person), "good", 82)
    to_appraisal(ev(cycle, unit=world.tree.cell), "completed", 60)
    client = login(inside)
    url = reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"])
    page = client.get(url).content.decode()
    assert 'data-rule="inflation_pattern"' in page and "sev-justify" in page
    assert "Quy định 366-QĐ/TW" in page
    assert "Ghi giải trình" in page
    response = client.post(
        reverse("evaluations:justify", args=[cycle.code]),
        {
            "rule": "inflation_pattern",
            "unit_code": "T01-X01-CS1-CB1",
            "person_code": "",
            "text": "Chi bộ mới sáp nhập, chỉ tiêu tập thể chưa đạt.",
        },
    )
    assert response.status_code == 302
    assert Justification.objects.get().text.startswith("Chi bộ mới")
    assert "Đã giải trình" in client.get(url).content.decode()
    # Outside may not justify in this cycle.
    assert login(world.cadre).get(url).status_code == 404


@pytest.mark.parametrize("text", ["", "Giải trình của người chỉ được xem."])
def test_justify_checks_permission_before_reading_the_form(world, cycle, auditor, text):
    """A reader of the cycle who may not justify gets 404, whether the form is valid or not."""
    client = login(auditor)
    assert client.get(reverse("evaluations:cycle", args=[cycle.code])).status_code == 200
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("evaluations:justify", args=[cycle.code]),
        {"rule": "inflation_pattern", "unit_code": "T01-X01-CS1-CB1", "person_code": "", "text": text},
    )
    assert response.status_code == 404
    assert not Justification.objects.exists()
    assert AuditEvent.objects.count() == before
    follow = client.get(reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"]))
    assert "Cần ghi nội dung giải trình" not in follow.content.decode()


def test_justify_without_text_is_sent_back_to_the_unit_page(world, cycle, inside):
    response = login(inside).post(
        reverse("evaluations:justify", args=[cycle.code]),
        {"rule": "inflation_pattern", "unit_code": "T01-X01-CS1-CB1", "person_code": "", "text": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"])
    assert not Justification.objects.exists()


def test_decision_page_for_the_leader_and_refusals_shown(world, cycle, inside, leader):
    target = to_appraisal(ev(cycle, world.members[1]), "good", 82)
    url = reverse("evaluations:evaluation", args=[target.pk])
    assert "Ghi quyết định" not in login(inside).get(url).content.decode()  # specialist: no APPROVE
    assert (
        login(inside).post(reverse("evaluations:decision", args=[target.pk]), {"rating": "good"}).status_code
        == 404
    )
    client = login(leader)
    assert "Ghi quyết định" in client.get(url).content.decode()
    refused = client.post(
        reverse("evaluations:decision", args=[target.pk]),
        {"rating": "excellent", "score": "60", "reason": "Thử xếp cao hơn"},
    )
    assert refused.status_code == 400 and "Không ghi được" in refused.content.decode()
    ok = client.post(reverse("evaluations:decision", args=[target.pk]), {"rating": "good"})
    assert ok.status_code == 302
    target.refresh_from_db()
    assert target.final_rating == "good" and target.decided_by == leader
    timeline = client.get(url).content.decode()
    assert "Đã quyết định xếp loại" in timeline and "Đã thẩm định, đề xuất" in timeline


def test_comments_and_appraisal_forms(world, cycle, inside):
    target = ev(cycle, world.members[1])
    client = login(inside)
    data = {f"c_{k}": v for k, v in GOOD_POINTS.items()} | {"self_review": "Bản giấy của đồng chí Bình."}
    assert client.post(reverse("evaluations:self_review", args=[target.pk]), data).status_code == 302
    out_of_order = client.post(
        reverse("evaluations:appraisal", args=[target.pk]),
        {"score": "80", "rating": "good", "reason": "Đạt tiêu chí."},
    )
    assert out_of_order.status_code == 400 and "chưa được thực hiện" in out_of_order.content.decode()
    assert (
        client.post(
            reverse("evaluations:comments", args=[target.pk]),
            {"comments": "Chi bộ nhất trí.", "suggested_rating": "good"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("evaluations:appraisal", args=[target.pk]),
            {"score": "80", "rating": "good", "reason": "Đạt tiêu chí."},
        ).status_code
        == 302
    )
    target.refresh_from_db()
    assert target.stage == Stage.APPRAISAL and target.proposed_score == 80
    assert AuditEvent.objects.filter(action__startswith="evaluation.").count() >= 4


def test_close_button(world, cycle, inside, leader):
    assert login(leader).post(reverse("evaluations:cycle_close", args=[cycle.code])).status_code == 404
    response = login(inside).post(reverse("evaluations:cycle_close", args=[cycle.code]), follow=True)
    assert "chưa có quyết định" in response.content.decode()
    Evaluation.objects.filter(cycle=cycle).update(stage=Stage.DECIDED)
    login(inside).post(reverse("evaluations:cycle_close", args=[cycle.code]))
    cycle.refresh_from_db()
    assert cycle.status == "closed"


def test_a_person_finding_sits_next_to_that_person_and_matches_the_rule_pack(world, cycle, inside):
    from tochuc.evaluations import selectors
    from tochuc.evaluations.rules import check_evaluation

    odd = to_appraisal(ev(cycle, world.members[2]), "good", 60)  # 60 points is not in the Good band
    for person in world.members[:2]:
        to_appraisal(ev(cycle, person), "good", 82)
    sheet = selectors.unit_sheet(cycle, world.tree.cell, 1, 50)
    row = next(r for r in sheet.rows if r.evaluation.pk == odd.pk)
    assert [s.finding.rule for s in row.findings] == ["rating_outside_band"]
    for r in sheet.rows:
        expected = {(f.rule, f.message) for f in check_evaluation(r.evaluation) if f.person}
        assert {(s.finding.rule, s.finding.message) for s in r.findings} == expected
    page = login(inside).get(reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"]))
    html = page.content.decode()
    position = html.index(world.members[2].full_name)
    assert html.index('data-rule="rating_outside_band"') > position
    assert "sev-block" in html


def test_unit_page_updates_task_figures_for_editors_only(world, cycle, inside, outside, leader):
    import datetime as dt

    from tochuc.directives.models import Directive, Task

    tree = world.tree
    member = world.members[1]
    directive = Directive.objects.create(
        doc_type="KH",
        number="02",
        symbol="KH/ĐU",
        number_symbol="02-KH/ĐU",
        issuer="Đảng ủy xã An Bình",
        issuer_code="ĐU",
        term="2025-2030",
        title="Kế hoạch công tác năm 2025",
        unit=tree.commune,
    )
    Task.objects.create(
        directive=directive,
        no="1",
        text="Rà soát hồ sơ đảng viên",
        assigned_by=tree.commune,
        responsible_person=member,
        deadline=dt.date(2025, 3, 1),
        completed_on=dt.date(2025, 2, 20),
    )
    url = reverse("evaluations:unit_refresh_tasks", args=[cycle.code, "T01-X01-CS1-CB1"])
    page = reverse("evaluations:cycle_unit", args=[cycle.code, "T01-X01-CS1-CB1"])
    assert "Cập nhật số liệu nhiệm vụ" in login(inside).get(page).content.decode()
    assert "Cập nhật số liệu nhiệm vụ" not in login(leader).get(page).content.decode()
    assert login(outside).post(url).status_code == 404
    assert login(leader).post(url).status_code == 404
    response = login(inside).post(url, follow=True)
    assert "Đã cập nhật số liệu nhiệm vụ cho 1 phiếu đánh giá." in response.content.decode()
    refreshed = ev(cycle, member)
    assert (refreshed.tasks_total, refreshed.tasks_on_time) == (1, 1)
