"""Discipline from proposal to decision, and the answer to an appeal. One transaction, one audit event each.

A proposal is checked against the discipline pack on the day it is made (form for the subject, time
limit); the decision is checked again on its own date, by a level containing the subject, never by the
user who proposed it. An appeal's answer may keep, change or annul the discipline; annulled, it stops
counting for evaluation, planning, appointment and badges.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person, PersonDiscipline
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import (
    AppealOutcome,
    Discipline,
    DisciplineAppeal,
    DisciplineForm,
    DisciplineStatus,
)
from tochuc.rewards.rules import get_discipline_pack
from tochuc.rewards.services import discipline_findings, write_2c_line


def _user(actor: Actor | None) -> Actor | None:
    return actor if actor is not None and actor.is_authenticated else None


def _refuse_if(problems: list[str]) -> None:
    if problems:
        raise DomainError("; ".join(problems), field="form", code=RewardsErrorCode.DISCIPLINE_REFUSED)


@transaction.atomic
def discipline_propose(
    *,
    actor: Actor | None,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    form: str,
    violation: str,
    violation_on: dt.date,
    proposed_by: OrgUnit,
    proposed_on: dt.date,
    no_time_limit: bool = False,
) -> Discipline:
    """The proposing body proposes a discipline; refused with the reason when the pack does not allow it."""
    if (person is None) == (unit is None):
        raise DomainError(
            _("Chọn đúng một đối tượng: đảng viên hoặc tổ chức đảng."),
            code=RewardsErrorCode.DISCIPLINE_SUBJECT,
        )
    subject_unit = person.unit if person is not None else unit
    assert subject_unit is not None
    enforce(actor, Action.EDIT, proposed_by)
    enforce(actor, Action.VIEW, subject_unit)
    if not subject_unit.path.startswith(proposed_by.path):
        raise DomainError(_("Đối tượng không thuộc cấp đề nghị."), field="proposed_by")
    if form not in DisciplineForm.values:
        raise DomainError(_("Hình thức kỷ luật không hợp lệ."), field="form")
    violation = nfc(violation)
    if not violation:
        raise DomainError(
            _("Phải ghi nội dung vi phạm."), field="violation", code=RewardsErrorCode.VIOLATION_REQUIRED
        )
    _refuse_if(
        discipline_findings(
            person=person,
            unit=unit,
            form=form,
            violation_on=violation_on,
            decided_on=proposed_on,
            no_time_limit=no_time_limit,
        )
    )
    discipline = Discipline.objects.create(
        person=person,
        unit=unit,
        subject_path=subject_unit.path,
        form=form,
        violation=violation,
        violation_on=violation_on,
        no_time_limit=no_time_limit,
        status=DisciplineStatus.PROPOSED,
        proposed_by=proposed_by,
        proposed_on=proposed_on,
        proposed_by_user=_user(actor),
        pack=get_discipline_pack().code,
    )
    record(
        actor=actor,
        action="rewards.discipline_propose",
        target=discipline,
        unit_path=subject_unit.path,
        summary={
            "person": person.code if person is not None else None,
            "unit": unit.code if unit is not None else None,
            "form": form,
            "violation_on": violation_on.isoformat(),
            "proposed_by": proposed_by.code,
        },
    )
    return discipline


@transaction.atomic
def discipline_decide(
    *,
    actor: Actor | None,
    discipline: Discipline,
    level: OrgUnit,
    decision_number: str,
    decided_on: dt.date,
    form: str = "",
) -> Discipline:
    """The competent level decides (possibly a lighter or heavier form); the effects start on ``decided_on``."""
    enforce(actor, Action.APPROVE, level)
    discipline = (
        Discipline.objects.select_for_update(of=("self",))
        .select_related("person__unit", "unit", "proposed_by")
        .get(pk=discipline.pk)
    )
    if discipline.status != DisciplineStatus.PROPOSED:
        raise DomainError(
            _("Đề nghị kỷ luật này đã được quyết định."), code=RewardsErrorCode.DISCIPLINE_NOT_PROPOSED
        )
    if not discipline.subject_path.startswith(level.path):
        raise DomainError(_("Đối tượng không thuộc cấp quyết định."), field="level")
    if actor is not None and discipline.proposed_by_user_id == getattr(actor, "pk", None):
        raise DomainError(
            _("Người đề nghị không tự quyết định kỷ luật."),
            field="level",
            code=RewardsErrorCode.DECIDER_IS_PROPOSER,
        )
    form = form or discipline.form
    if form not in DisciplineForm.values:
        raise DomainError(_("Hình thức kỷ luật không hợp lệ."), field="form")
    decision_number = nfc(decision_number)
    if not decision_number:
        raise DomainError(
            _("Phải ghi số quyết định."), field="decision_number", code=RewardsErrorCode.NUMBER_REQUIRED
        )
    _refuse_if(
        discipline_findings(
            person=discipline.person,
            unit=discipline.unit,
            form=form,
            violation_on=discipline.violation_on,
            decided_on=decided_on,
            no_time_limit=discipline.no_time_limit,
        )
    )
    discipline.form = form
    discipline.status = DisciplineStatus.DECIDED
    discipline.decided_by = level
    discipline.decided_by_user = _user(actor)
    discipline.decision_number = decision_number
    discipline.decided_on = decided_on
    discipline.save(
        update_fields=[
            "form",
            "status",
            "decided_by",
            "decided_by_user",
            "decision_number",
            "decided_on",
            "updated_at",
        ]
    )
    write_2c_line(discipline)
    record(
        actor=actor,
        action="rewards.discipline_decide",
        target=discipline,
        unit_path=discipline.subject_path,
        summary={
            "form": form,
            "level": level.code,
            "decision_number": decision_number,
            "decided_on": decided_on.isoformat(),
        },
    )
    return discipline


@transaction.atomic
def appeal_answer(
    *,
    actor: Actor | None,
    appeal: DisciplineAppeal,
    level: OrgUnit,
    outcome: str,
    answered_on: dt.date,
    answer: str,
    changed_form: str = "",
) -> DisciplineAppeal:
    """The upper level answers the appeal: the discipline is kept, changed to another form, or annulled."""
    enforce(actor, Action.APPROVE, level)
    appeal = (
        DisciplineAppeal.objects.select_for_update(of=("self",))
        .select_related("discipline__person", "discipline__unit", "discipline__decided_by")
        .get(pk=appeal.pk)
    )
    discipline = appeal.discipline
    if appeal.outcome != AppealOutcome.PENDING:
        raise DomainError(_("Khiếu nại này đã được trả lời."), code=RewardsErrorCode.APPEAL_ANSWERED)
    deciding = discipline.decided_by
    if deciding is None or not deciding.path.startswith(level.path) or deciding.path == level.path:
        raise DomainError(
            _("Khiếu nại do cấp ủy cấp trên của cấp đã quyết định kỷ luật giải quyết."), field="level"
        )
    if outcome not in (AppealOutcome.UPHELD, AppealOutcome.CHANGED, AppealOutcome.ANNULLED):
        raise DomainError(
            _("Chọn kết quả giải quyết khiếu nại."), field="outcome", code=RewardsErrorCode.APPEAL_OUTCOME
        )
    if answered_on < appeal.filed_on:
        raise DomainError(_("Ngày trả lời trước ngày khiếu nại."), field="answered_on")
    answer = nfc(answer)
    if not answer:
        raise DomainError(_("Phải ghi nội dung trả lời."), field="answer")
    if outcome == AppealOutcome.CHANGED:
        if changed_form not in DisciplineForm.values or changed_form == discipline.form:
            raise DomainError(
                _("Chọn hình thức kỷ luật mới, khác hình thức đã quyết định."),
                field="changed_form",
                code=RewardsErrorCode.APPEAL_OUTCOME,
            )
        _refuse_if(
            discipline_findings(
                person=discipline.person,
                unit=discipline.unit,
                form=changed_form,
                violation_on=discipline.violation_on,
                decided_on=discipline.decided_on or answered_on,
                no_time_limit=discipline.no_time_limit,
            )
        )
        discipline.form = changed_form
        discipline.save(update_fields=["form", "updated_at"])
        if discipline.line_id is not None:
            PersonDiscipline.objects.filter(pk=discipline.line_id).update(
                form=str(DisciplineForm(changed_form).label)
            )
    elif outcome == AppealOutcome.ANNULLED:
        line_id = discipline.line_id
        discipline.status = DisciplineStatus.ANNULLED
        discipline.line = None
        discipline.save(update_fields=["status", "line", "updated_at"])
        if line_id is not None:
            PersonDiscipline.objects.filter(pk=line_id).delete()
    else:
        changed_form = ""
    appeal.outcome = outcome
    appeal.answered_on = answered_on
    appeal.answer = answer
    appeal.answered_by = level
    appeal.changed_form = changed_form
    appeal.save(
        update_fields=["outcome", "answered_on", "answer", "answered_by", "changed_form", "updated_at"]
    )
    record(
        actor=actor,
        action="rewards.appeal_answer",
        target=appeal,
        unit_path=discipline.subject_path,
        summary={
            "discipline": discipline.pk,
            "outcome": outcome,
            "changed_form": changed_form,
            "answered_on": answered_on.isoformat(),
            "late": answered_on > appeal.answer_due,
        },
    )
    return appeal
