"""Appointment, re-appointment, nomination: eligibility first, then the pack's meetings, then the decision."""

from __future__ import annotations

import datetime as dt

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
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import (
    EntryStatus,
    Override,
    Participant,
    ParticipantRole,
    PlanningEntry,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    RemovalReason,
    StepOutcome,
)
from tochuc.personnel.retirement import add_months
from tochuc.personnel.rules import DEFAULT_PACK, get_pack
from tochuc.personnel.rules.base import ProcedureStep as PackStep
from tochuc.personnel.services.common import (
    actor_person_id,
    conflict_reason,
    refuse_conflict,
    refuse_title_of_another_level,
    text,
)
from tochuc.positions.models import Position, Title

DECISION_VERBS: dict[str, str] = {
    ProcedureKind.APPOINTMENT: "Bổ nhiệm",
    ProcedureKind.REAPPOINTMENT: "Bổ nhiệm lại",
    ProcedureKind.NOMINATION: "Giới thiệu ứng cử",
    ProcedureKind.DESIGNATION: "Chỉ định",
}
# How a post is filled: an elected post by election (a nomination) or the upper committee's designation.
ELECTED_KINDS = frozenset({ProcedureKind.NOMINATION, ProcedureKind.DESIGNATION})
APPOINTED_KINDS = frozenset(
    {ProcedureKind.APPOINTMENT, ProcedureKind.REAPPOINTMENT, ProcedureKind.NOMINATION}
)


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


def lock_procedure(procedure: Procedure) -> Procedure:
    return (
        Procedure.objects.select_for_update(of=("self",))
        .select_related("unit", "candidate", "title", "position")
        .get(pk=procedure.pk)
    )


def audit_procedure(
    actor: Actor | None, action: str, procedure: Procedure, summary: dict[str, object]
) -> None:
    record(
        actor=actor,
        action=action,
        target=procedure,
        unit_path=procedure.unit.path,
        summary={"candidate": procedure.candidate.code, "title": procedure.title.name, **summary},
        object_label=f"{procedure.get_kind_display()}: {procedure.candidate.full_name} — {procedure.title.name}",
    )


def refuse_wrong_way(kind: str, title: Title, unit: OrgUnit) -> None:
    """An elected post is not appointed, an appointed post is not designated, and a title belongs to its level."""
    if title.is_elected and kind not in ELECTED_KINDS:
        raise DomainError(
            _(
                "«%(title)s» là chức danh do bầu cử: dùng thủ tục giới thiệu ứng cử hoặc chỉ định, "
                "không bổ nhiệm."
            )
            % {"title": title.name},
            field="kind",
            code=PersonnelErrorCode.ELECTED_POST,
        )
    if not title.is_elected and kind not in APPOINTED_KINDS:
        raise DomainError(
            _("Chỉ định chỉ dùng cho chức danh do bầu cử; «%(title)s» được bổ nhiệm.")
            % {"title": title.name},
            field="kind",
            code=PersonnelErrorCode.APPOINTED_POST,
        )
    refuse_title_of_another_level(title, unit)


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
    refuse_wrong_way(kind, title, unit)
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
    audit_procedure(
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
    procedure = lock_procedure(procedure)
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
    audit_procedure(
        actor, "procedure.set_approver", procedure, {"approver": approver.code, "status": procedure.status}
    )
    return procedure


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

    procedure = lock_procedure(procedure)
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
    audit_procedure(
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
    procedure = lock_procedure(procedure)
    enforce(actor, Action.EDIT, procedure.unit)
    if procedure.status in (ProcedureStatus.DECIDED, ProcedureStatus.WITHDRAWN):
        raise DomainError(_("Thủ tục đã kết thúc."), code=PersonnelErrorCode.PROCEDURE_ENDED)
    reason = text(reason, "reason", minimum=5)
    procedure.status = ProcedureStatus.WITHDRAWN
    procedure.blocked_reason = reason
    procedure.finished_at = timezone.now()
    procedure.save(update_fields=["status", "blocked_reason", "finished_at", "updated_at"])
    audit_procedure(actor, "procedure.withdraw", procedure, {"reason": reason})
    return procedure
