"""Writes on inspections and supervisions. Each service is one transaction with one audit event.

- ``inspection_create``: EDIT on the inspecting unit; targets (units, people) inside its subtree.
- ``member_add``: EDIT on the inspecting unit; a member who belongs to a target unit, is a target
  person or a recorded relative of one is refused with the reason (409); one head per team.
- ``step_record``: the plan, findings and draft report by the inspecting unit; the self-report by
  the inspecting unit or a target.
- ``conclude``: the conclusion takes a "KL" number from the inspecting unit's outgoing register;
  the numbered document is registered in the task tracker and each requirement becomes a task
  with one lead unit and a deadline; each proposed discipline is recorded and sent on to the
  discipline workflow (``rewards.discipline_services.discipline_propose``) as a proposal of the
  inspecting unit by the concluding user, under that workflow's rules (a refusal stops the conclusion).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError, not_found
from tochuc.core.text import nfc
from tochuc.directives.documents import issuing_body
from tochuc.directives.models import Directive, DocType, Task
from tochuc.inspections.errors import InspectionsErrorCode as Code
from tochuc.inspections.models import (
    Basis,
    DisciplineProposal,
    Inspection,
    InspectionKind,
    Member,
    MemberRole,
    Programme,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person, Relative
from tochuc.reviews.register import number_issue
from tochuc.rewards.discipline_services import discipline_propose
from tochuc.rewards.models import DisciplineForm

MAX_FOLLOW_UPS = 100
STEPS = ("plan", "self_report", "findings", "draft_report")
CONCLUSION_TYPE = DocType.KL


@dataclass(frozen=True)
class FollowUp:
    text: str
    lead_unit: OrgUnit
    deadline: dt.date


@dataclass(frozen=True)
class ProposedDiscipline:
    form: str
    reason: str
    person: Person | None = None
    unit: OrgUnit | None = None
    # When the violation happened (the time limit runs from it); unknown: the inspection's start.
    violation_on: dt.date | None = None


def _text(value: str, *, field: str, label: str, max_length: int, required: bool = True) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise DomainError(_("Cần nhập %(label)s.") % {"label": label}, field=field, code=Code.REQUIRED)
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length},
            field=field,
            code=Code.TOO_LONG,
        )
    return text


def _inside(unit: OrgUnit, root: OrgUnit) -> bool:
    return unit.path.startswith(root.path)


def programme_create(
    *, actor: Actor | None, unit: OrgUnit, year: int, title: str, notes: str = ""
) -> Programme:
    enforce(actor, Action.EDIT, unit)
    title = _text(title, field="title", label=_("tên chương trình"), max_length=500)
    with transaction.atomic():
        if Programme.objects.filter(unit=unit, year=year).exists():
            raise DomainError(
                _("%(unit)s đã có chương trình kiểm tra, giám sát năm %(y)d.")
                % {"unit": unit.name, "y": year},
                field="year",
                code=Code.CODE_TAKEN,
            )
        programme = Programme.objects.create(unit=unit, year=year, title=title, notes=nfc(notes or ""))
        record(
            actor=actor,
            action="inspection.programme_create",
            target=programme,
            unit_path=unit.path,
            summary={"unit": unit.code, "year": year},
        )
    return programme


def inspection_create(
    *,
    actor: Actor | None,
    code: str,
    kind: str,
    basis: str,
    unit: OrgUnit,
    targets: Sequence[OrgUnit],
    target_people: Sequence[Person] = (),
    subject: str,
    start: dt.date,
    end: dt.date,
    programme: Programme | None = None,
    decision_number: str = "",
    source_signal: str = "",
    created_by: Actor | None = None,
) -> Inspection:
    """Record the decision of an inspection or a supervision of ``unit`` over its targets."""
    enforce(actor, Action.EDIT, unit)
    code = _text(code, field="code", label=_("mã cuộc kiểm tra, giám sát"), max_length=40).upper()
    if kind not in InspectionKind.values:
        raise DomainError(_("Loại không hợp lệ."), field="kind", code=Code.INVALID_VALUE)
    if basis not in Basis.values:
        raise DomainError(_("Hình thức không hợp lệ."), field="basis", code=Code.INVALID_VALUE)
    subject = _text(subject, field="subject", label=_("nội dung"), max_length=5000)
    if end < start:
        raise DomainError(_("Ngày kết thúc trước ngày bắt đầu."), field="end", code=Code.PERIOD_REVERSED)
    units = list({u.pk: u for u in targets}.values())
    people = list({p.pk: p for p in target_people}.values())
    if not units:
        raise DomainError(
            _("Cần ít nhất một tổ chức đảng được kiểm tra, giám sát."), field="targets", code=Code.REQUIRED
        )
    for target in units:
        if not _inside(target, unit):
            raise DomainError(
                _("%(t)s không thuộc %(u)s.") % {"t": target.name, "u": unit.name},
                field="targets",
                code=Code.TARGET_OUTSIDE,
            )
    for person in people:
        if not _inside(person.unit, unit):
            raise DomainError(
                _("Đảng viên %(p)s không thuộc %(u)s.") % {"p": person.full_name, "u": unit.name},
                field="target_people",
                code=Code.TARGET_OUTSIDE,
            )
    if programme is not None and programme.unit_id != unit.pk:
        raise DomainError(
            _("Chương trình không phải của %(u)s.") % {"u": unit.name},
            field="programme",
            code=Code.INVALID_VALUE,
        )
    with transaction.atomic():
        if Inspection.objects.filter(code=code).exists():
            raise DomainError(
                _("Mã %(code)s đã được dùng.") % {"code": code}, field="code", code=Code.CODE_TAKEN
            )
        inspection = Inspection.objects.create(
            code=code,
            kind=kind,
            basis=basis,
            unit=unit,
            programme=programme,
            subject=subject,
            start=start,
            end=end,
            decision_number=_text(
                decision_number,
                field="decision_number",
                label=_("số quyết định"),
                max_length=60,
                required=False,
            ),
            source_signal=_text(
                source_signal, field="source_signal", label=_("dấu hiệu"), max_length=1000, required=False
            ),
            created_by=created_by if getattr(created_by, "is_authenticated", False) else None,
        )
        inspection.targets.set(units)
        inspection.target_people.set(people)
        record(
            actor=actor,
            action="inspection.create",
            target=inspection,
            unit_path=unit.path,
            summary={
                "code": code,
                "kind": kind,
                "basis": basis,
                "targets": [u.code for u in units],
                "target_people": [p.code for p in people],
                "start": start.isoformat(),
                "end": end.isoformat(),
            },
        )
    return inspection


def member_conflict(inspection: Inspection, person: Person) -> DomainError | None:
    """Why ``person`` may not sit on the team (their own unit, themselves, a relative), or None."""
    for target in inspection.targets.all():
        if _inside(person.unit, target):
            return DomainError(
                _("%(p)s thuộc %(t)s, là đối tượng được kiểm tra, giám sát.")
                % {"p": person.full_name, "t": target.name},
                field="person",
                code=Code.MEMBER_OF_TARGET,
            )
    people = list(inspection.target_people.all())
    if any(p.pk == person.pk for p in people):
        return DomainError(
            _("%(p)s là đảng viên được kiểm tra, giám sát.") % {"p": person.full_name},
            field="person",
            code=Code.MEMBER_IS_TARGET,
        )
    ids = [p.pk for p in people]
    relation = (
        Relative.objects.filter(
            Q(person=person, linked_person_id__in=ids) | Q(person_id__in=ids, linked_person=person)
        )
        .select_related("person", "linked_person")
        .first()
    )
    if relation is not None:
        relative = relation.linked_person if relation.person_id == person.pk else relation.person
        assert relative is not None
        return DomainError(
            _("%(p)s có quan hệ gia đình (%(rel)s) với %(t)s, là đảng viên được kiểm tra, giám sát.")
            % {"p": person.full_name, "rel": relation.relation, "t": relative.full_name},
            field="person",
            code=Code.MEMBER_RELATIVE,
        )
    return None


def _require_open(inspection: Inspection) -> None:
    if inspection.is_concluded:
        raise DomainError(_("Cuộc %(code)s đã có kết luận.") % {"code": inspection.code}, code=Code.CONCLUDED)


def member_add(*, actor: Actor | None, inspection: Inspection, person: Person, role: str) -> Member:
    enforce(actor, Action.EDIT, inspection.unit)
    if role not in MemberRole.values:
        raise DomainError(_("Vai trò không hợp lệ."), field="role", code=Code.INVALID_VALUE)
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().select_related("unit").get(pk=inspection.pk)
        _require_open(inspection)
        conflict = member_conflict(inspection, person)
        if conflict is not None:
            raise conflict
        if inspection.members.filter(person=person).exists():
            raise DomainError(
                _("%(p)s đã có trong đoàn.") % {"p": person.full_name},
                field="person",
                code=Code.ALREADY_MEMBER,
            )
        if role == MemberRole.HEAD and inspection.members.filter(role=MemberRole.HEAD).exists():
            raise DomainError(_("Đoàn đã có trưởng đoàn."), field="role", code=Code.HEAD_TAKEN)
        member = Member.objects.create(inspection=inspection, person=person, role=role)
        record(
            actor=actor,
            action="inspection.member_add",
            target=inspection,
            unit_path=inspection.unit.path,
            summary={"code": inspection.code, "person": person.code, "role": role},
        )
    return member


def can_record_step(actor: Actor, inspection: Inspection, step: str) -> bool:
    if can(actor, Action.EDIT, inspection.unit):
        return True
    return step == "self_report" and any(can(actor, Action.EDIT, t) for t in inspection.targets.all())


def step_record(*, actor: Actor | None, inspection: Inspection, step: str, text: str) -> Inspection:
    """Write the plan, the target's self-report, the findings or the draft report."""
    if step not in STEPS:
        raise DomainError(_("Bước không hợp lệ."), field="step", code=Code.INVALID_VALUE)
    if actor is not None and not can_record_step(actor, inspection, step):
        raise not_found()
    text = _text(text, field="text", label=_("nội dung"), max_length=50_000)
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().select_related("unit").get(pk=inspection.pk)
        _require_open(inspection)
        setattr(inspection, step, text)
        inspection.save(update_fields=[step, "updated_at"])
        record(
            actor=actor,
            action="inspection.step",
            target=inspection,
            unit_path=inspection.unit.path,
            summary={"code": inspection.code, "step": step, "chars": len(text)},
        )
    return inspection


def _check_follow_ups(inspection: Inspection, follow_ups: Sequence[FollowUp], today: dt.date) -> None:
    if len(follow_ups) > MAX_FOLLOW_UPS:
        raise DomainError(
            _("Quá %(n)d yêu cầu khắc phục.") % {"n": MAX_FOLLOW_UPS}, field="follow_ups", code=Code.TOO_MANY
        )
    for index, item in enumerate(follow_ups, start=1):
        if not nfc(item.text).strip():
            raise DomainError(
                _("Yêu cầu thứ %(n)d chưa có nội dung.") % {"n": index},
                field="follow_ups",
                code=Code.REQUIRED,
            )
        if not _inside(item.lead_unit, inspection.unit) or not item.lead_unit.is_active:
            raise DomainError(
                _("Đơn vị chủ trì yêu cầu thứ %(n)d phải là %(u)s hoặc đơn vị trực thuộc còn hoạt động.")
                % {"n": index, "u": inspection.unit.name},
                field="follow_ups",
                code=Code.LEAD_OUTSIDE,
            )
        if item.deadline < today:
            raise DomainError(
                _("Thời hạn của yêu cầu thứ %(n)d (%(d)s) đã qua.")
                % {"n": index, "d": date_format(item.deadline, "d/m/Y")},
                field="follow_ups",
                code=Code.DEADLINE_PAST,
            )


def _check_discipline(inspection: Inspection, proposed: Sequence[ProposedDiscipline]) -> None:
    for item in proposed:
        subject = item.person.unit if item.person is not None else item.unit
        if subject is None or (item.person is not None and item.unit is not None):
            raise DomainError(
                _("Đề nghị kỷ luật cần đúng một đối tượng."), field="discipline", code=Code.INVALID_VALUE
            )
        if not _inside(subject, inspection.unit):
            raise DomainError(
                _("Đối tượng đề nghị kỷ luật không thuộc %(u)s.") % {"u": inspection.unit.name},
                field="discipline",
                code=Code.TARGET_OUTSIDE,
            )
        if item.form not in DisciplineForm.values:
            raise DomainError(
                _("Hình thức kỷ luật không hợp lệ."), field="discipline", code=Code.INVALID_VALUE
            )
        _text(item.reason, field="discipline", label=_("nội dung vi phạm"), max_length=5000)


def conclude(
    *,
    actor: Actor | None,
    inspection: Inspection,
    text: str,
    follow_ups: Sequence[FollowUp],
    discipline: Sequence[ProposedDiscipline] = (),
    today: dt.date,
) -> Inspection:
    """The competent body's conclusion, numbered from the register; requirements become tasks."""
    enforce(actor, Action.EDIT, inspection.unit)
    text = _text(text, field="text", label=_("nội dung kết luận"), max_length=50_000)
    _check_follow_ups(inspection, follow_ups, today)
    _check_discipline(inspection, discipline)
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().select_related("unit").get(pk=inspection.pk)
        _require_open(inspection)
        unit = inspection.unit
        title = _("Kết luận %(kind)s %(subject)s") % {
            "kind": inspection.get_kind_display().lower(),
            "subject": inspection.subject[:900],
        }
        issued = number_issue(
            actor=actor, issuer=unit, doc_type=CONCLUSION_TYPE, subject=title, issued_on=today
        )
        number = issued.number_symbol.split("-", 1)[0]
        # The register numbers per issuing unit, so the unit's own code keeps two units
        # sharing a symbol ("ĐU") apart in the tracker's numbering key.
        if Directive.objects.filter(
            issuer_code=unit.code, doc_type=CONCLUSION_TYPE, number=number, term=issued.register.term
        ).exists():
            raise DomainError(
                _("Số %(ns)s đã có trong hệ thống theo dõi nhiệm vụ.") % {"ns": issued.number_symbol},
                code=Code.NUMBER_TAKEN,
            )
        body = issuing_body(unit)
        document = Directive.objects.create(
            doc_type=CONCLUSION_TYPE,
            number=number,
            symbol=issued.number_symbol.split("-", 1)[1],
            number_symbol=issued.number_symbol,
            issuer=body.name,
            issuer_code=unit.code,
            term=issued.register.term,
            place=body.place,
            issued_on=today,
            title=title[:1000],
            body=text,
            unit=unit,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        for index, item in enumerate(follow_ups, start=1):
            Task.objects.create(
                directive=document,
                no=str(index),
                text=nfc(item.text).strip(),
                assigned_by=unit,
                assigned_path=unit.path,
                lead_unit=item.lead_unit,
                lead_path=item.lead_unit.path,
                deadline=item.deadline,
            )
        for proposed in discipline:
            reason = nfc(proposed.reason).strip()
            DisciplineProposal.objects.create(
                inspection=inspection,
                person=proposed.person,
                unit=proposed.unit,
                form=proposed.form,
                reason=reason,
                discipline=discipline_propose(
                    actor=actor,
                    person=proposed.person,
                    unit=proposed.unit,
                    form=proposed.form,
                    violation=f"{reason} (Kết luận {issued.number_symbol})",
                    violation_on=proposed.violation_on or inspection.start,
                    proposed_by=unit,
                    proposed_on=today,
                ),
            )
        inspection.conclusion = text
        inspection.concluded_on = today
        inspection.conclusion_document = document
        inspection.save(update_fields=["conclusion", "concluded_on", "conclusion_document", "updated_at"])
        record(
            actor=actor,
            action="inspection.conclude",
            target=inspection,
            unit_path=unit.path,
            summary={
                "code": inspection.code,
                "number_symbol": issued.number_symbol,
                "follow_ups": [
                    {"lead_unit": f.lead_unit.code, "deadline": f.deadline.isoformat()} for f in follow_ups
                ],
                "discipline": len(discipline),
            },
            object_label=f"{inspection.code} – {issued.number_symbol}",
        )
    return inspection
