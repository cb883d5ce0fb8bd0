"""Appointment procedures: eligibility at the file date, quorum, ballots, conflicts, the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.people.models import CareerEntry, PersonDiscipline, Relative
from tochuc.personnel.models import Ballot, ProcedureKind, ProcedureStatus, StepOutcome
from tochuc.personnel.retirement import add_months, retirement_date
from tochuc.personnel.services import (
    procedure_decide,
    procedure_open,
    procedure_set_approver,
    step_record,
)
from tochuc.positions.models import Assignment

RECEIVED = dt.date(2026, 3, 2)


def _open(inside: Any, tree: Any, title: Any, candidate: Any, **kwargs: Any) -> Any:
    return procedure_open(
        actor=inside,
        kind=kwargs.pop("kind", ProcedureKind.APPOINTMENT),
        unit=tree.commune,
        title=title,
        candidate=candidate,
        file_received_on=kwargs.pop("received", RECEIVED),
        justification=kwargs.pop("justification", "Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch."),
        **kwargs,
    )


def _meeting(
    actor: Actor | None, procedure: Any, day: int, *, convened: int = 15, present: int = 12, votes: int = 10
) -> Any:
    return step_record(
        actor=actor,
        procedure=procedure,
        held_on=dt.date(2026, 3, day),
        convened=convened,
        present=present,
        votes={procedure.candidate.full_name: votes},
    )


def test_exactly_sixty_months_left_on_the_file_date_is_enough(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    born = dt.date(1970, 1, 1)
    person = make_person("Trần Văn Bình", born=born)
    retires = retirement_date(born, "male")
    exactly = add_months(retires, -60)
    ok = _open(inside, tree, vice_title, person, received=exactly)
    assert ok.status == ProcedureStatus.OPEN
    assert not [c for c in ok.eligibility if c["rule"] == "working_age"]
    later = _open(
        inside,
        tree,
        vice_title,
        make_person("Trần Văn Bình", born=born),
        received=exactly + dt.timedelta(days=1),
    )
    assert later.status == ProcedureStatus.BLOCKED
    assert "59 tháng" in later.blocked_reason


@pytest.mark.parametrize(("form", "months"), [("Khiển trách", 24), ("Cảnh cáo", 36), ("Cách chức", 60)])
def test_discipline_waiting_period_blocks_until_it_ends(
    inside: Any, tree: Any, vice_title: Any, make_person: Any, form: str, months: int
) -> None:
    person = make_person("Lê Văn Cường")
    PersonDiscipline.objects.create(
        person=person, decided_on=add_months(RECEIVED, -months) + dt.timedelta(days=1), form=form
    )
    blocked = _open(inside, tree, vice_title, person)
    assert blocked.status == ProcedureStatus.BLOCKED
    assert f"{months} tháng" in blocked.blocked_reason
    other = make_person("Lê Văn Cường")
    PersonDiscipline.objects.create(person=other, decided_on=add_months(RECEIVED, -months), form=form)
    assert _open(inside, tree, vice_title, other).status == ProcedureStatus.OPEN


def test_outside_planning_needs_a_justification_kept_as_an_override(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Phạm Thị Dung", gender="female")
    with pytest.raises(DomainError) as error:
        _open(inside, tree, vice_title, person, justification="")
    assert error.value.field == "justification"
    procedure = _open(inside, tree, vice_title, person)
    override = procedure.overrides.get()
    assert override.rule == "planning"
    assert override.actor == inside


def test_five_steps_with_a_failed_quorum_repeated_then_a_decision(
    inside: Any, leader: Any, tree: Any, vice_title: Any, vice_position: Any, make_person: Any
) -> None:
    person = make_person("Hoàng Văn Em")
    procedure = _open(inside, tree, vice_title, person, position=vice_position)
    assert procedure.is_internal
    _meeting(inside, procedure, 3)
    failed = _meeting(inside, procedure, 4, convened=15, present=9, votes=8)
    assert failed.outcome == StepOutcome.NO_QUORUM
    repeated = _meeting(inside, procedure, 5, convened=15, present=10)
    assert (repeated.order, repeated.attempt, repeated.outcome) == (2, 2, StepOutcome.PASSED)
    for day in (6, 9, 10):
        _meeting(inside, procedure, day)
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED
    with pytest.raises(DomainError):
        _meeting(inside, procedure, 11)
    decided = procedure_decide(
        actor=leader, procedure=procedure, decision_number="15-QĐ/ĐU", decided_on=dt.date(2026, 3, 20)
    )
    assert decided.status == ProcedureStatus.DECIDED
    assert decided.term_end == dt.date(2031, 3, 19)
    assert Assignment.objects.filter(person=person, position=vice_position, end__isnull=True).exists()
    assert CareerEntry.objects.filter(person=person, description__contains="15-QĐ/ĐU").exists()
    actions = list(
        AuditEvent.objects.filter(object_id=str(procedure.pk), object_type="personnel.procedure").values_list(
            "action", flat=True
        )
    )
    assert actions.count("procedure.step_record") == 6
    assert "procedure.decide" in actions


def test_half_of_those_convened_fails_the_vote_and_ends_the_procedure(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = _open(inside, tree, vice_title, make_person("Vũ Thị Giang", gender="female"))
    step = _meeting(inside, procedure, 3, convened=16, present=16, votes=8)
    assert step.outcome == StepOutcome.NOT_ELECTED
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.FAILED
    passing = _open(inside, tree, vice_title, make_person("Vũ Thị Giang", gender="female"))
    assert _meeting(inside, passing, 3, convened=16, present=16, votes=9).outcome == StepOutcome.PASSED


def test_ballots_store_counts_and_never_a_voter(
    inside: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    procedure = _open(inside, tree, vice_title, make_person("Đỗ Văn Hải"))
    step = step_record(
        actor=inside,
        procedure=procedure,
        held_on=dt.date(2026, 3, 3),
        convened=15,
        present=14,
        votes={"Đỗ Văn Hải": 11, "Ngô Văn Khánh": 3},
    )
    fields = {field.name for field in Ballot._meta.get_fields()}
    assert fields == {"id", "step", "candidate_name", "candidate", "votes_for", "elected"}
    assert sorted(step.ballots.values_list("candidate_name", "votes_for", "elected")) == [
        ("Ngô Văn Khánh", 3, False),
        ("Đỗ Văn Hải", 11, True),
    ]


def test_a_relative_cannot_approve_vote_or_propose(
    inside: Any, leader: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    candidate = make_person("Bùi Văn Long")
    father = make_person("Bùi Văn Minh", born=dt.date(1955, 1, 1))
    Relative.objects.create(person=candidate, relation="Bố", full_name=father.full_name, linked_person=father)
    blocked = _open(inside, tree, vice_title, candidate, approver=father)
    assert blocked.status == ProcedureStatus.BLOCKED
    assert "Bố" in blocked.blocked_reason and "Xung đột lợi ích" in blocked.blocked_reason
    with pytest.raises(DomainError) as error:
        step_record(
            actor=inside,
            procedure=blocked,
            held_on=dt.date(2026, 3, 3),
            convened=10,
            present=10,
            votes={candidate.full_name: 9},
        )
    assert error.value.kind == "conflict"
    with pytest.raises(DomainError) as error:
        procedure_set_approver(actor=inside, procedure=blocked, approver=father)
    assert "Bố" in error.value.message
    reopened = procedure_set_approver(actor=inside, procedure=blocked, approver=make_person("Đinh Văn Nam"))
    assert reopened.status == ProcedureStatus.OPEN
    with pytest.raises(DomainError) as error:
        step_record(
            actor=inside,
            procedure=reopened,
            held_on=dt.date(2026, 3, 3),
            convened=10,
            present=10,
            votes={candidate.full_name: 9},
            participants=[father],
        )
    assert "tham gia biểu quyết" in error.value.message
    inside.person = father
    inside.save()
    with pytest.raises(DomainError):
        _open(
            inside,
            tree,
            vice_title,
            make_person("Bùi Văn Long") if False else candidate,
            kind=ProcedureKind.NOMINATION,
        )


def test_nobody_decides_on_themselves(
    inside: Any, leader: Any, tree: Any, vice_title: Any, make_person: Any
) -> None:
    person = make_person("Cao Văn Phúc")
    procedure = _open(inside, tree, vice_title, person, is_internal=False)
    for day in (3, 4, 5):
        _meeting(inside, procedure, day)
    procedure.refresh_from_db()
    assert procedure.status == ProcedureStatus.PASSED
    leader.person = person
    leader.save()
    with pytest.raises(DomainError) as error:
        procedure_decide(
            actor=leader, procedure=procedure, decision_number="1-QĐ", decided_on=dt.date(2026, 3, 6)
        )
    assert "chính người được xem xét" in error.value.message


def test_outside_scope_is_not_found(outside: Any, tree: Any, vice_title: Any, make_person: Any) -> None:
    with pytest.raises(DomainError) as error:
        _open(outside, tree, vice_title, make_person("Lý Văn Quang"))
    assert error.value.kind == "not_found"
