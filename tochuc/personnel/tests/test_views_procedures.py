"""Procedure pages with the named cast: open, record meetings, name the approver, decide, withdraw."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.people.models import Relative
from tochuc.personnel.models import Procedure, ProcedureStatus, ProcedureStep, StepOutcome
from tochuc.personnel.services import (
    planning_cycle_open,
    planning_entry_approve,
    planning_entry_propose,
    procedure_open,
    step_record,
)

RECEIVED = dt.date(2026, 3, 2)


@pytest.fixture
def planned(inside: Any, leader: Any, tree: Any, vice_title: Any, make_person: Any) -> Any:
    """A person in an approved planning entry for the vice title: eligible without a justification."""
    cycle = planning_cycle_open(
        actor=inside, code="QH-X01", name="Quy hoạch xã An Bình", unit=tree.commune, term="2026-2031"
    )
    person = make_person("Hoàng Văn Em")
    entry = planning_entry_propose(actor=inside, cycle=cycle, person=person, title=vice_title)
    planning_entry_approve(actor=leader, entry=entry)
    return person


@pytest.fixture
def procedure(inside: Any, tree: Any, vice_title: Any, planned: Any) -> Procedure:
    return procedure_open(
        actor=inside,
        kind="appointment",
        unit=tree.commune,
        title=vice_title,
        candidate=planned,
        file_received_on=RECEIVED,
    )


def _passed(inside: Any, procedure: Procedure) -> None:
    for day in range(3, 8):
        step_record(
            actor=inside,
            procedure=procedure,
            held_on=dt.date(2026, 3, day),
            convened=15,
            present=12,
            votes={procedure.candidate.full_name: 10},
        )


def test_anonymous_is_sent_to_login(client: Any, procedure: Procedure) -> None:
    for url in (
        reverse("personnel:procedure_list"),
        reverse("personnel:procedure_new"),
        reverse("personnel:procedure_detail", args=[procedure.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_inside_sees_outside_gets_404_and_an_empty_list(
    inside: Any, outside: Any, procedure: Procedure
) -> None:
    assert "Hoàng Văn Em" in login(inside).get(reverse("personnel:procedure_list")).content.decode()
    other = login(outside)
    listing = other.get(reverse("personnel:procedure_list")).content.decode()
    assert "Hoàng Văn Em" not in listing and "Chưa có thủ tục" in listing
    for name in ("procedure_detail", "withdraw"):
        assert other.get(reverse(f"personnel:{name}", args=[procedure.pk])).status_code == 404
    assert other.post(reverse("personnel:step_record", args=[procedure.pk]), {}).status_code == 404
    assert other.get(reverse("personnel:procedure_list"), {"unit": "T01"}).status_code == 404


def test_list_filters_by_status(inside: Any, procedure: Procedure) -> None:
    client = login(inside)
    assert (
        "Hoàng Văn Em" in client.get(reverse("personnel:procedure_list"), {"status": "open"}).content.decode()
    )
    assert (
        "Hoàng Văn Em"
        not in client.get(reverse("personnel:procedure_list"), {"status": "decided"}).content.decode()
    )


def test_specialist_opens_a_procedure_for_a_planned_person(
    inside: Any, vice_title: Any, planned: Any
) -> None:
    response = login(inside).post(
        reverse("personnel:procedure_new"),
        {
            "kind": "appointment",
            "unit": "T01-X01",
            "title": vice_title.pk,
            "candidate": planned.code,
            "file_received_on": "02/03/2026",
            "term_months": 60,
        },
        follow=True,
    )
    procedure = Procedure.objects.get()
    assert procedure.status == ProcedureStatus.OPEN
    body = response.content.decode()
    assert "Đủ điều kiện theo bộ quy tắc" in body
    assert "Ghi kết quả: Hội nghị tập thể lãnh đạo (lần 1)" in body
    assert "Số phiếu đồng ý của Hoàng Văn Em" in body  # one number for the candidate


def test_a_procedure_for_a_chosen_position_opens_on_that_position(
    inside: Any, outside: Any, vice_title: Any, vice_position: Any, planned: Any
) -> None:
    data = {
        "kind": "appointment",
        "unit": "T01-X01",
        "title": vice_title.pk,
        "position": vice_position.pk,
        "candidate": planned.code,
        "file_received_on": "02/03/2026",
        "term_months": 60,
    }
    assert (
        "Phó Bí thư Đảng ủy xã — " in login(inside).get(reverse("personnel:procedure_new")).content.decode()
    )
    response = login(inside).post(reverse("personnel:procedure_new"), data)
    procedure = Procedure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("personnel:procedure_detail", args=[procedure.pk])
    assert procedure.position == vice_position
    # A position outside one's reach is not offered and cannot be named.
    other = login(outside)
    assert "Phó Bí thư Đảng ủy xã — " not in other.get(reverse("personnel:procedure_new")).content.decode()


def test_outside_the_planning_needs_a_justification_and_shows_why(
    inside: Any, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Bùi Văn Phúc")
    data = {
        "kind": "appointment",
        "unit": "T01-X01",
        "title": vice_title.pk,
        "candidate": person.code,
        "file_received_on": "02/03/2026",
        "term_months": 60,
    }
    client = login(inside)
    first = client.post(reverse("personnel:procedure_new"), data)
    body = first.content.decode()
    assert "Chưa có trong quy hoạch chức danh" in body and "Cần giải trình" in body
    assert not Procedure.objects.exists()
    client.post(
        reverse("personnel:procedure_new"),
        {**data, "justification": "Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch."},
    )
    procedure = Procedure.objects.get()
    page = client.get(reverse("personnel:procedure_detail", args=[procedure.pk])).content.decode()
    assert "Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch." in page


def test_an_approver_with_a_conflict_blocks_and_is_named(
    inside: Any, vice_title: Any, planned: Any, make_person: Any
) -> None:
    father = make_person("Hoàng Văn Cha", born=dt.date(1955, 1, 1))
    Relative.objects.create(person=planned, relation="Bố", full_name=father.full_name, linked_person=father)
    client = login(inside)
    client.post(
        reverse("personnel:procedure_new"),
        {
            "kind": "appointment",
            "unit": "T01-X01",
            "title": vice_title.pk,
            "candidate": planned.code,
            "file_received_on": "02/03/2026",
            "term_months": 60,
            "approver": father.code,
        },
    )
    procedure = Procedure.objects.get()
    assert procedure.status == ProcedureStatus.BLOCKED
    page = client.get(reverse("personnel:procedure_detail", args=[procedure.pk])).content.decode()
    assert "Thủ tục bị chặn:" in page and "Hoàng Văn Cha có quan hệ «Bố» với Hoàng Văn Em" in page
    assert "Ghi kết quả cuộc họp" not in page
    # Naming the same person again is refused and named; another person unblocks.
    again = client.post(reverse("personnel:set_approver", args=[procedure.pk]), {"approver": father.code})
    assert "Xung đột lợi ích" in again.content.decode()
    other = make_person("Nguyễn Văn Khác")
    client.post(reverse("personnel:set_approver", args=[procedure.pk]), {"approver": other.code})
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.OPEN


def test_a_meeting_without_quorum_is_shown_and_repeated(inside: Any, procedure: Procedure) -> None:
    client = login(inside)
    url = reverse("personnel:step_record", args=[procedure.pk])
    client.post(url, {"held_on": "03/03/2026", "convened": 15, "present": 9, "candidate_votes": 8})
    page = client.get(reverse("personnel:procedure_detail", args=[procedure.pk])).content.decode()
    assert "Không đủ 2/3 số người dự" in page
    assert "cần ít nhất 10/15 người" in page
    assert "Ghi kết quả: Hội nghị tập thể lãnh đạo (lần 1)" in page
    client.post(
        url,
        {
            "held_on": "04/03/2026",
            "convened": 15,
            "present": 10,
            "candidate_votes": 9,
        },
    )
    step = ProcedureStep.objects.order_by("-id").first()
    assert step is not None and (step.order, step.attempt, step.outcome) == (1, 2, StepOutcome.PASSED)
    page = client.get(reverse("personnel:procedure_detail", args=[procedure.pk])).content.decode()
    assert "họp lại lần 2" in page and "Ghi kết quả: Hội nghị tập thể lãnh đạo mở rộng" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"convened": 15, "present": 16, "candidate_votes": 10}, "lớn hơn số người được triệu tập"),
        ({"convened": 15, "present": 12, "candidate_votes": 13}, "nhiều hơn số người có mặt"),
        ({"convened": 15, "present": 12, "candidate_votes": ""}, "Chưa điền ô này"),
        (
            {"convened": 15, "present": 12, "candidate_votes": 8, "other_votes_1": 3},
            "Ghi họ tên ứng viên có số phiếu này",
        ),
        (
            {
                "convened": 15,
                "present": 12,
                "candidate_votes": 8,
                "other_name_1": "Hoàng Văn Em",
                "other_votes_1": 3,
            },
            "Hoàng Văn Em đã được ghi",
        ),
    ],
)
def test_bad_meeting_input_shows_the_message_and_records_nothing(
    inside: Any, procedure: Procedure, data: dict[str, Any], message: str
) -> None:
    response = login(inside).post(
        reverse("personnel:step_record", args=[procedure.pk]), {"held_on": "03/03/2026", **data}
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProcedureStep.objects.exists()


def test_the_specialist_cannot_decide_the_leader_can(inside: Any, leader: Any, procedure: Procedure) -> None:
    _passed(inside, procedure)
    data = {"decision_number": "15-QĐ/ĐU", "decided_on": "20/03/2026", "term_start": ""}
    specialist = login(inside)
    assert (
        "Ra quyết định"
        not in specialist.get(reverse("personnel:procedure_detail", args=[procedure.pk])).content.decode()
    )
    assert specialist.post(reverse("personnel:decide", args=[procedure.pk]), data).status_code == 404
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED
    boss = login(leader)
    bad = boss.post(reverse("personnel:decide", args=[procedure.pk]), {**data, "decided_on": "01/01/2026"})
    assert "Ngày quyết định không được trước ngày nhận hồ sơ." in bad.content.decode()
    page = boss.post(reverse("personnel:decide", args=[procedure.pk]), data, follow=True).content.decode()
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.DECIDED
    assert "Đã ra quyết định" in page and "Số 15-QĐ/ĐU ngày 20/03/2026" in page
    assert reverse("personnel:decision_docx", args=[procedure.pk]) in page


def test_the_word_decision_link_appears_once_decided(inside: Any, leader: Any, procedure: Procedure) -> None:
    url = reverse("personnel:procedure_detail", args=[procedure.pk])
    assert "Tải Quyết định (Word)" not in login(inside).get(url).content.decode()
    _passed(inside, procedure)
    login(leader).post(
        reverse("personnel:decide", args=[procedure.pk]),
        {"decision_number": "15-QĐ/ĐU", "decided_on": "20/03/2026"},
    )
    page = login(inside).get(url).content.decode()
    assert reverse("personnel:decision_docx", args=[procedure.pk]) in page


def test_withdraw_asks_first_then_stops_the_procedure(inside: Any, procedure: Procedure) -> None:
    client = login(inside)
    url = reverse("personnel:withdraw", args=[procedure.pk])
    assert "không ghi thêm cuộc họp" in client.get(url).content.decode()
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.OPEN
    short = client.post(url, {"reason": "Ít"})
    assert "Cần ghi rõ (ít nhất 5 ký tự)." in short.content.decode()
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.OPEN
    page = client.post(url, {"reason": "Người được đề nghị xin rút."}, follow=True).content.decode()
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.WITHDRAWN
    assert "Đã dừng" in page and "Người được đề nghị xin rút." in page


def test_a_leader_cannot_open_procedures(leader: Any) -> None:
    assert login(leader).get(reverse("personnel:procedure_new")).status_code == 404


def test_list_query_count_is_flat(
    inside: Any, tree: Any, vice_title: Any, make_person: Any, django_assert_max_num_queries: Any
) -> None:
    def add(n: int) -> None:
        for i in range(n):
            procedure_open(
                actor=inside,
                kind="appointment",
                unit=tree.commune,
                title=vice_title,
                candidate=make_person(f"Người Thứ {i}"),
                file_received_on=RECEIVED,
                justification="Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch.",
            )

    client = login(inside)
    url = reverse("personnel:procedure_list")
    add(1)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    add(8)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_the_latest_meeting_is_corrected_with_a_reason_and_the_old_counts_are_kept(
    inside: Any, outside: Any, procedure: Procedure
) -> None:
    client = login(inside)
    record = reverse("personnel:step_record", args=[procedure.pk])
    client.post(record, {"held_on": "03/03/2026", "convened": 15, "present": 12, "candidate_votes": 7})
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.FAILED  # 7 of 15 is not more than half
    correct = reverse("personnel:step_correct", args=[procedure.pk])
    data = {
        "correct-held_on": "03/03/2026",
        "correct-convened": 15,
        "correct-present": 12,
        "correct-candidate_votes": 9,
    }
    no_reason = client.post(correct, data)
    assert "Lý do sửa kết quả" in no_reason.content.decode()
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.FAILED
    assert (
        login(outside).post(correct, {**data, "correct-reason": "Biên bản ghi 9 phiếu."}).status_code == 404
    )
    page = client.post(
        correct, {**data, "correct-reason": "Biên bản kiểm phiếu ghi 9 phiếu, đã nhập nhầm 7."}, follow=True
    )
    assert "Đã sửa kết quả cuộc họp ngày 03/03/2026" in page.content.decode()
    procedure.refresh_from_db()
    step = ProcedureStep.objects.get()
    assert procedure.status == ProcedureStatus.OPEN and step.outcome == StepOutcome.PASSED
    assert [b.votes_for for b in step.ballots.all()] == [9]
    event = AuditEvent.objects.filter(action="procedure.step_correct").get()
    assert event.summary["before"]["votes"] == {"Hoàng Văn Em": 7}
    assert event.summary["after"]["votes"] == {"Hoàng Văn Em": 9}
    assert "nhập nhầm" in event.summary["reason"]
