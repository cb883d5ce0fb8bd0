"""The meetings of a procedure: each one's counts, its outcome, and a correction with its reason.

Only counts are kept (a secret ballot): how many were convened, how many came, how many votes each
candidate had; never who voted for whom.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.people.models import Person
from tochuc.personnel.ballots import TallyResult, tally
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import (
    Ballot,
    Participant,
    ParticipantRole,
    Procedure,
    ProcedureStatus,
    ProcedureStep,
    StepOutcome,
)
from tochuc.personnel.rules import get_pack
from tochuc.personnel.services.common import actor_person_id, refuse_conflict
from tochuc.personnel.services.procedures import audit_procedure, lock_procedure, next_step, pack_steps


def _check_meeting(
    procedure: Procedure, earlier: ProcedureStep | None, held_on: dt.date, votes: Mapping[str, int]
) -> None:
    """A meeting comes after the one before it and after the file was received, and counts the candidate."""
    if earlier is not None and held_on < earlier.held_on:
        raise DomainError(
            _("Ngày họp không được trước buổi họp trước (%(last)s).")
            % {"last": earlier.held_on.strftime("%d/%m/%Y")},
            field="held_on",
            code=PersonnelErrorCode.MEETING_BEFORE_LAST,
        )
    if held_on < procedure.file_received_on:
        raise DomainError(
            _("Ngày họp không được trước ngày nhận hồ sơ."),
            field="held_on",
            code=PersonnelErrorCode.MEETING_BEFORE_RECEIPT,
        )
    if procedure.candidate.full_name not in votes:
        raise DomainError(
            _("Cần ghi số phiếu của ứng viên %(candidate)s.") % {"candidate": procedure.candidate.full_name},
            field="votes",
            code=PersonnelErrorCode.VOTES_REQUIRED,
        )


def meeting_outcome(procedure: Procedure, result: TallyResult, votes: Mapping[str, int]) -> str:
    """No quorum (hold it again), passed, a tie at the threshold (vote again), or not elected (the end)."""
    if not result.quorum:
        return StepOutcome.NO_QUORUM
    if procedure.candidate.full_name in result.elected:
        return StepOutcome.PASSED
    if result.tie and votes[procedure.candidate.full_name] >= result.needed:
        return StepOutcome.TIE
    return StepOutcome.NOT_ELECTED


def _ballots(
    step: ProcedureStep, procedure: Procedure, result: TallyResult, votes: Mapping[str, int]
) -> None:
    elected = set(result.elected)
    Ballot.objects.bulk_create(
        Ballot(
            step=step,
            candidate_name=name,
            candidate=procedure.candidate if name == procedure.candidate.full_name else None,
            votes_for=count,
            elected=name in elected,
        )
        for name, count in votes.items()
    )


def _follow_outcome(procedure: Procedure, step: ProcedureStep) -> None:
    """The procedure's status after its latest meeting."""
    if step.outcome == StepOutcome.NOT_ELECTED:
        procedure.status = ProcedureStatus.FAILED
        procedure.finished_at = timezone.now()
    elif step.outcome == StepOutcome.PASSED and step.order == len(pack_steps(procedure)):
        procedure.status = ProcedureStatus.PASSED
        procedure.finished_at = None
    else:
        procedure.status = ProcedureStatus.OPEN
        procedure.finished_at = None
    procedure.save(update_fields=["status", "finished_at", "updated_at"])


@transaction.atomic
def step_record(
    *,
    actor: Actor | None,
    procedure: Procedure,
    held_on: dt.date,
    convened: int,
    present: int,
    votes: Mapping[str, int],
    seats: int = 1,
    participants: Sequence[Person] = (),
) -> ProcedureStep:
    """Record the next meeting: quorum, secret-ballot counts, outcome. Only counts are stored."""
    procedure = lock_procedure(procedure)
    enforce(actor, Action.EDIT, procedure.unit)
    if procedure.status != ProcedureStatus.OPEN:
        raise DomainError(
            _("Thủ tục đang ở trạng thái «%(status)s», không ghi thêm bước.")
            % {"status": procedure.get_status_display()},
            code=PersonnelErrorCode.PROCEDURE_NOT_OPEN,
        )
    refuse_conflict(actor_person_id(actor), procedure.candidate, _("ghi kết quả"))
    for person in participants:
        refuse_conflict(person.pk, procedure.candidate, _("tham gia biểu quyết"))
    upcoming = next_step(procedure)
    if upcoming is None:
        raise DomainError(_("Các bước đã hoàn thành."), code=PersonnelErrorCode.STEPS_DONE)
    order, pack_step = upcoming
    _check_meeting(procedure, procedure.steps.order_by("-order", "-attempt").first(), held_on, votes)
    result = tally(get_pack(procedure.pack), convened=convened, present=present, seats=seats, votes=votes)
    outcome = meeting_outcome(procedure, result, votes)
    attempt = procedure.steps.filter(order=order).count() + 1
    step = ProcedureStep.objects.create(
        procedure=procedure,
        order=order,
        key=pack_step.key,
        attempt=attempt,
        held_on=held_on,
        convened=convened,
        present=present,
        quorum=result.quorum,
        needed=result.needed,
        outcome=outcome,
        reasons=result.reasons,
        recorded_by=actor if actor else None,
    )
    _ballots(step, procedure, result, votes)
    Participant.objects.bulk_create(
        (
            Participant(procedure=procedure, person=person, role=ParticipantRole.VOTER)
            for person in participants
        ),
        ignore_conflicts=True,
    )
    _follow_outcome(procedure, step)
    audit_procedure(
        actor,
        "procedure.step_record",
        procedure,
        {
            "step": pack_step.label,
            "attempt": attempt,
            "held_on": held_on.strftime("%d/%m/%Y"),
            "convened": convened,
            "present": present,
            "needed": result.needed,
            "votes": dict(votes),
            "outcome": outcome,
        },
    )
    return step


@transaction.atomic
def step_correct(
    *,
    actor: Actor | None,
    step: ProcedureStep,
    held_on: dt.date,
    convened: int,
    present: int,
    votes: Mapping[str, int],
    reason: str,
    seats: int = 1,
) -> ProcedureStep:
    """Correct the counts of the latest meeting, as the minutes say; the old counts and the reason are kept.

    Only the latest meeting of a procedure not yet decided or stopped can be corrected: an earlier
    meeting's outcome has already led to the next one.
    """
    procedure = lock_procedure(step.procedure)
    enforce(actor, Action.EDIT, procedure.unit)
    reason = " ".join(reason.split())
    if len(reason) < 10:
        raise DomainError(
            _("Ghi lý do sửa kết quả (ít nhất 10 ký tự)."),
            field="reason",
            code=PersonnelErrorCode.CORRECTION_REASON_REQUIRED,
        )
    if procedure.status in (ProcedureStatus.DECIDED, ProcedureStatus.WITHDRAWN, ProcedureStatus.BLOCKED):
        raise DomainError(
            _("Thủ tục đang ở trạng thái «%(status)s», không sửa kết quả cuộc họp.")
            % {"status": procedure.get_status_display()},
            code=PersonnelErrorCode.PROCEDURE_NOT_OPEN,
        )
    latest = procedure.steps.order_by("-order", "-attempt").first()
    if latest is None or latest.pk != step.pk:
        raise DomainError(
            _("Chỉ sửa được kết quả cuộc họp gần nhất."), code=PersonnelErrorCode.ONLY_LATEST_MEETING
        )
    refuse_conflict(actor_person_id(actor), procedure.candidate, _("sửa kết quả"))
    earlier = procedure.steps.exclude(pk=step.pk).order_by("-order", "-attempt").first()
    _check_meeting(procedure, earlier, held_on, votes)
    before = _counts(step)
    result = tally(get_pack(procedure.pack), convened=convened, present=present, seats=seats, votes=votes)
    step.held_on, step.convened, step.present = held_on, convened, present
    step.quorum, step.needed, step.reasons = result.quorum, result.needed, result.reasons
    step.outcome = meeting_outcome(procedure, result, votes)
    step.save(update_fields=["held_on", "convened", "present", "quorum", "needed", "reasons", "outcome"])
    step.ballots.all().delete()
    _ballots(step, procedure, result, votes)
    _follow_outcome(procedure, step)
    audit_procedure(
        actor,
        "procedure.step_correct",
        procedure,
        {"reason": reason, "before": before, "after": _counts(step)},
    )
    return step


def _counts(step: ProcedureStep) -> dict[str, object]:
    return {
        "held_on": step.held_on.strftime("%d/%m/%Y"),
        "convened": step.convened,
        "present": step.present,
        "votes": {b.candidate_name: b.votes_for for b in step.ballots.all()},
        "outcome": step.outcome,
    }
