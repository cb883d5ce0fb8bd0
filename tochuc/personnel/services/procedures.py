"""Appointment, re-appointment, nomination: eligibility first, then the pack's meetings, then the decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.personnel import eligibility
from tochuc.personnel.ballots import tally
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import (
    Ballot,
    EntryStatus,
    Override,
    Participant,
    ParticipantRole,
    PlanningEntry,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    ProcedureStep,
    RemovalReason,
    StepOutcome,
)
from tochuc.personnel.retirement import add_months
from tochuc.personnel.rules import DEFAULT_PACK, get_pack
from tochuc.personnel.rules.base import ProcedureStep as PackStep
from tochuc.personnel.services.common import actor_person_id, conflict_reason, refuse_conflict, text
from tochuc.positions.models import Position, Title

DECISION_VERBS: dict[str, str] = {
    ProcedureKind.APPOINTMENT: "Bổ nhiệm",
    ProcedureKind.REAPPOINTMENT: "Bổ nhiệm lại",
    ProcedureKind.NOMINATION: "Giới thiệu ứng cử",
}


def pack_steps(procedure: Procedure) -> tuple[PackStep, ...]:
    pack = get_pack(procedure.pack)
    return pack.internal_steps if procedure.is_internal else pack.external_steps


def next_step(procedure: Procedure) -> tuple[int, PackStep] | None:
    """The step to hold next (1-based order), or None when every step has passed."""
    passed = set(procedure.steps.filter(outcome=StepOutcome.PASSED).values_list("order", flat=True))
    for order, step in enumerate(pack_steps(procedure), start=1):
        if order not in passed:
            return order, step
    return None


def _lock(procedure: Procedure) -> Procedure:
    return (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("unit", "candidate", "title", "position")
        .get(pk=procedure.pk)
    )


def _audit(actor: Actor | None, action: str, procedure: Procedure, summary: dict[str, object]) -> None:
    record(
        actor=actor,
        action=action,
        target=procedure,
        unit_path=procedure.unit.path,
        summary={"candidate": procedure.candidate.code, "title": procedure.title.name, **summary},
        object_label=f"{procedure.get_kind_display()}: {procedure.candidate.full_name} — {procedure.title.name}",
    )


@transaction.atomic
def procedure_open(
    *,
    actor: Actor | None,
    kind: str,
    unit: OrgUnit,
    title: Title,
    candidate: Person,
    file_received_on: dt.date,
    position: Position | None = None,
    is_internal: bool | None = None,
    term_months: int = 60,
    approver: Person | None = None,
    justification: str = "",
    pack: str = DEFAULT_PACK,
) -> Procedure:
    """Receive the file and check eligibility before the first step.

    A blocking condition, or an approver with a conflict of interest, leaves the
    procedure recorded but blocked, with the reason. Conditions that allow an
    exception need a written justification, kept as an override.
    """
    enforce(actor, Action.EDIT, unit)
    candidate = Person.objects.select_related("unit", "membership").get(pk=candidate.pk)
    enforce(actor, Action.VIEW, candidate.unit)
    if kind not in ProcedureKind.values:
        raise DomainError(
            _("Loại thủ tục không hợp lệ."), field="kind", code=PersonnelErrorCode.INVALID_PROCEDURE_KIND
        )
    get_pack(pack)
    if not 12 <= term_months <= 120:
        raise DomainError(
            _("Thời hạn giữ chức vụ phải từ 12 đến 120 tháng."),
            field="term_months",
            code=PersonnelErrorCode.INVALID_TERM_MONTHS,
        )
    if position is not None and position.unit_id != unit.pk:
        raise DomainError(
            _("Vị trí việc làm không thuộc đơn vị này."),
            field="position",
            code=PersonnelErrorCode.POSITION_OUTSIDE_UNIT,
        )
    refuse_conflict(actor_person_id(actor), candidate, _("đề xuất"))
    if Procedure.objects.filter(
        candidate=candidate, title=title, unit=unit, status__in=(ProcedureStatus.OPEN, ProcedureStatus.PASSED)
    ).exists():
        raise DomainError(
            _("Đang có một thủ tục về %(candidate)s cho chức danh này.") % {"candidate": candidate.full_name},
            code=PersonnelErrorCode.PROCEDURE_OPEN,
        )
    internal = candidate.unit.path.startswith(unit.path) if is_internal is None else is_internal
    facts = eligibility.load_facts([candidate.pk])[candidate.pk]
    checks = eligibility.appointment_checks(
        get_pack(pack),
        facts,
        kind=kind,
        title=title,
        position=position,
        is_internal=internal,
        received_on=file_received_on,
        term_months=term_months,
    )
    blocks = eligibility.blocking(checks)
    exceptions = [check for check in checks if check.severity == "justify"]
    justification = text(justification, "justification", required=bool(exceptions) and not blocks, minimum=10)
    approver_conflict = conflict_reason(approver.pk, candidate) if approver else None
    reasons = [check.message for check in blocks]
    if approver_conflict:
        reasons.append(f"Xung đột lợi ích: {approver_conflict}; cần giao người khác quyết định.")
    procedure = Procedure.objects.create(
        kind=kind,
        unit=unit,
        title=title,
        position=position,
        candidate=candidate,
        is_internal=internal,
        pack=pack,
        file_received_on=file_received_on,
        term_months=term_months,
        status=ProcedureStatus.BLOCKED if reasons else ProcedureStatus.OPEN,
        eligibility=eligibility.to_json(checks),
        blocked_reason="\n".join(reasons),
        proposed_by=actor if actor else None,
    )
    proposer_id = actor_person_id(actor)
    if proposer_id is not None:
        Participant.objects.create(procedure=procedure, person_id=proposer_id, role=ParticipantRole.PROPOSER)
    if approver is not None:
        Participant.objects.create(procedure=procedure, person=approver, role=ParticipantRole.APPROVER)
    if exceptions and not blocks:
        Override.objects.bulk_create(
            Override(
                procedure=procedure,
                rule=check.rule,
                message=check.message,
                justification=justification,
                actor=actor if actor else None,
            )
            for check in exceptions
        )
    _audit(
        actor,
        "procedure.open",
        procedure,
        {
            "kind": kind,
            "received": file_received_on.strftime("%d/%m/%Y"),
            "internal": internal,
            "findings": [check.message for check in checks if check.severity != "info"],
            "blocked": procedure.blocked_reason,
            "justification": justification if exceptions else "",
        },
    )
    return procedure


@transaction.atomic
def procedure_set_approver(*, actor: Actor | None, procedure: Procedure, approver: Person) -> Procedure:
    """Name who will decide; someone with a conflict of interest is refused, naming the conflict."""
    procedure = _lock(procedure)
    enforce(actor, Action.EDIT, procedure.unit)
    refuse_conflict(approver.pk, procedure.candidate, _("quyết định"))
    procedure.participants.filter(role=ParticipantRole.APPROVER).delete()
    Participant.objects.create(procedure=procedure, person=approver, role=ParticipantRole.APPROVER)
    remaining = [
        line for line in procedure.blocked_reason.splitlines() if not line.startswith("Xung đột lợi ích")
    ]
    procedure.blocked_reason = "\n".join(remaining)
    if procedure.status == ProcedureStatus.BLOCKED and not remaining:
        procedure.status = ProcedureStatus.OPEN
    procedure.save(update_fields=["blocked_reason", "status", "updated_at"])
    _audit(
        actor, "procedure.set_approver", procedure, {"approver": approver.code, "status": procedure.status}
    )
    return procedure


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
    procedure = _lock(procedure)
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
    last = procedure.steps.order_by("-order", "-attempt").first()
    if last is not None and held_on < last.held_on:
        raise DomainError(
            _("Ngày họp không được trước buổi họp trước (%(last)s).")
            % {"last": last.held_on.strftime("%d/%m/%Y")},
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
    result = tally(get_pack(procedure.pack), convened=convened, present=present, seats=seats, votes=votes)
    if not result.quorum:
        outcome = StepOutcome.NO_QUORUM
    elif procedure.candidate.full_name in result.elected:
        outcome = StepOutcome.PASSED
    elif result.tie and votes[procedure.candidate.full_name] >= result.needed:
        outcome = StepOutcome.TIE
    else:
        outcome = StepOutcome.NOT_ELECTED
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
    Participant.objects.bulk_create(
        (
            Participant(procedure=procedure, person=person, role=ParticipantRole.VOTER)
            for person in participants
        ),
        ignore_conflicts=True,
    )
    if outcome == StepOutcome.NOT_ELECTED:
        procedure.status = ProcedureStatus.FAILED
        procedure.finished_at = timezone.now()
    elif outcome == StepOutcome.PASSED and order == len(pack_steps(procedure)):
        procedure.status = ProcedureStatus.PASSED
    procedure.save(update_fields=["status", "finished_at", "updated_at"])
    _audit(
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
def procedure_decide(
    *,
    actor: Actor | None,
    procedure: Procedure,
    decision_number: str,
    decided_on: dt.date,
    term_start: dt.date | None = None,
) -> Procedure:
    """The competent level decides: the person takes the post, the career history grows."""
    from tochuc.people.models import CareerEntry
    from tochuc.positions.services import assignment_create

    procedure = _lock(procedure)
    enforce(actor, Action.APPROVE, procedure.unit)
    if procedure.status != ProcedureStatus.PASSED:
        raise DomainError(
            _("Chỉ ra quyết định khi thủ tục đã qua đủ các bước."), code=PersonnelErrorCode.STEPS_NOT_DONE
        )
    if actor is not None and procedure.proposed_by_id == actor.pk:
        raise DomainError(
            _("Người đề xuất không đồng thời quyết định."),
            code=PersonnelErrorCode.PROPOSER_DECIDES,
            field="actor",
        )
    refuse_conflict(actor_person_id(actor), procedure.candidate, _("quyết định"))
    decision_number = text(decision_number, "decision_number")
    if decided_on < procedure.file_received_on:
        raise DomainError(
            _("Ngày quyết định không được trước ngày nhận hồ sơ."),
            field="decided_on",
            code=PersonnelErrorCode.DECISION_BEFORE_RECEIPT,
        )
    start = term_start or decided_on
    procedure.status = ProcedureStatus.DECIDED
    procedure.decided_by = actor if actor else None
    procedure.decision_number = decision_number
    procedure.decided_on = decided_on
    procedure.term_start = start
    procedure.term_end = add_months(start, procedure.term_months) - dt.timedelta(days=1)
    procedure.finished_at = timezone.now()
    procedure.save()
    approver_id = actor_person_id(actor)
    if approver_id is not None:
        Participant.objects.get_or_create(
            procedure=procedure, person_id=approver_id, role=ParticipantRole.APPROVER
        )
    already_holds = (
        procedure.position is not None
        and procedure.position.assignments.filter(person=procedure.candidate, end__isnull=True).exists()
    )
    if procedure.position is not None and not already_holds:
        assignment_create(
            actor=None,
            position=procedure.position,
            person=procedure.candidate,
            start=start,
            note=f"Quyết định số {decision_number}",
            accept_warnings=True,
            justification=f"Theo Quyết định số {decision_number} ngày {decided_on:%d/%m/%Y}.",
        )
    verb = DECISION_VERBS.get(procedure.kind, "Bổ nhiệm")
    CareerEntry.objects.create(
        person=procedure.candidate,
        start=start,
        end=None,
        description=f"{verb} {procedure.title.name}, {procedure.unit.name} (Quyết định số {decision_number})",
    )
    # Appointed to the planned title: the planning entry has served its purpose.
    PlanningEntry.objects.filter(
        person=procedure.candidate, title=procedure.title, status=EntryStatus.APPROVED
    ).update(status=EntryStatus.REMOVED, removal_reason=RemovalReason.APPOINTED, removed_on=decided_on)
    _audit(
        actor,
        "procedure.decide",
        procedure,
        {
            "decision": decision_number,
            "decided_on": decided_on.strftime("%d/%m/%Y"),
            "term": f"{start:%d/%m/%Y}–{procedure.term_end:%d/%m/%Y}",
        },
    )
    return procedure


@transaction.atomic
def procedure_withdraw(*, actor: Actor | None, procedure: Procedure, reason: str) -> Procedure:
    procedure = _lock(procedure)
    enforce(actor, Action.EDIT, procedure.unit)
    if procedure.status in (ProcedureStatus.DECIDED, ProcedureStatus.WITHDRAWN):
        raise DomainError(_("Thủ tục đã kết thúc."), code=PersonnelErrorCode.PROCEDURE_ENDED)
    reason = text(reason, "reason", minimum=5)
    procedure.status = ProcedureStatus.WITHDRAWN
    procedure.blocked_reason = reason
    procedure.finished_at = timezone.now()
    procedure.save(update_fields=["status", "blocked_reason", "finished_at", "updated_at"])
    _audit(actor, "procedure.withdraw", procedure, {"reason": reason})
    return procedure
