"""Writes of Party badges. Each service is one transaction with one audit event."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.exports import export_record
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.rules import blocking, run
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Membership, MembershipStatus, Person, PersonDiscipline, PersonReward
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import (
    BadgeStatus,
    Discipline,
    DisciplineAppeal,
    DisciplineForm,
    DisciplineStatus,
    EarlyReason,
    GapReason,
    PartyBadge,
    PartyGap,
)
from tochuc.rewards.party_age import add_months, gap_days
from tochuc.rewards.rules import get_badge_pack, get_discipline_pack
from tochuc.rewards.rules.base import BadgeFacts
from tochuc.rewards.rules.discipline_base import DisciplineFacts
from tochuc.rewards.selectors import COUNTING_STATUSES


def _membership(person: Person) -> Membership | None:
    return Membership.objects.filter(person=person).first()


def _gaps(person: Person) -> list[tuple[dt.date, dt.date | None]]:
    return list(PartyGap.objects.filter(person=person).values_list("start", "end"))


@transaction.atomic
def party_gap_record(
    *,
    actor: Actor | None,
    person: Person,
    start: dt.date,
    end: dt.date | None,
    reason: str,
    note: str = "",
) -> PartyGap:
    """Record a period outside the Party; it no longer counts towards party age."""
    enforce(actor, Action.EDIT, person.unit)
    if end is not None and end < start:
        raise DomainError(
            _("Ngày kết thúc trước ngày bắt đầu."), field="end", code=RewardsErrorCode.GAP_END_BEFORE_START
        )
    if reason not in GapReason.values:
        raise DomainError(_("Lý do không hợp lệ."), field="reason")
    for other_start, other_end in _gaps(person):
        if (end is None or other_start <= end) and (other_end is None or start <= other_end):
            raise DomainError(
                _("Khoảng thời gian này trùng với một khoảng đã ghi."),
                field="start",
                code=RewardsErrorCode.GAP_OVERLAPS,
            )
    gap = PartyGap.objects.create(person=person, start=start, end=end, reason=reason, note=nfc(note))
    record(
        actor=actor,
        action="rewards.party_gap_record",
        target=gap,
        unit_path=person.unit.path,
        summary={"person": person.code, "start": start.isoformat(), "end": end.isoformat() if end else None},
    )
    return gap


def badge_findings(
    *,
    person: Person,
    years: int,
    ceremony_on: dt.date,
    early_reason: str = "",
    reason: str = "",
    occasion: str = "",
    pack_code: str | None = None,
) -> list[str]:
    """The blocking findings of the pack against this proposal (empty: it may be made)."""
    pack = get_badge_pack(pack_code)
    membership = _membership(person)
    facts = BadgeFacts(
        is_full_member=membership is not None
        and membership.status in COUNTING_STATUSES
        and not Discipline.objects.filter(
            person=person,
            form=DisciplineForm.EXPULSION,
            status=DisciplineStatus.DECIDED,
            decided_on__lte=ceremony_on,
        ).exists(),
        admitted_on=membership.admitted_on if membership else None,
        gap_days=gap_days(_gaps(person), on=ceremony_on),
        years=years,
        ceremony_on=ceremony_on,
        early_reason=early_reason,
        reason=reason,
        standard_occasion=pack.is_ceremony_day(ceremony_on),
        occasion=occasion,
    )
    return [f.message for f in blocking(run(pack.rules, facts, pack))]


@transaction.atomic
def badge_propose(
    *,
    actor: Actor | None,
    person: Person,
    committee: OrgUnit,
    years: int,
    ceremony_on: dt.date,
    early_reason: str = "",
    reason: str = "",
    occasion: str = "",
) -> PartyBadge:
    """The grassroots committee proposes ``person`` for the ``years`` badge, checked against the pack."""
    enforce(actor, Action.EDIT, committee)
    if not person.unit.path.startswith(committee.path):
        raise DomainError(_("Đảng viên không thuộc cấp ủy đề nghị."), field="person")
    if early_reason not in EarlyReason.values:
        raise DomainError(_("Trường hợp đặc biệt không hợp lệ."), field="early_reason")
    reason, occasion = nfc(reason), nfc(occasion)
    pack = get_badge_pack()
    problems = badge_findings(
        person=person,
        years=years,
        ceremony_on=ceremony_on,
        early_reason=early_reason,
        reason=reason,
        occasion=occasion,
    )
    if problems:
        raise DomainError("; ".join(problems), field="years", code=RewardsErrorCode.MILESTONE_NOT_REACHED)
    if PartyBadge.objects.filter(person=person, years=years).exists():
        raise DomainError(
            _("%(name)s đã được đề nghị Huy hiệu %(years)s năm tuổi Đảng.")
            % {"name": person.full_name, "years": years},
            field="years",
            code=RewardsErrorCode.ALREADY_PROPOSED,
        )
    membership = _membership(person)
    assert membership is not None and membership.admitted_on is not None  # the pack checked it
    try:
        with transaction.atomic():
            badge = PartyBadge.objects.create(
                person=person,
                years=years,
                pack=pack.code,
                ceremony_on=ceremony_on,
                occasion=occasion,
                early_reason=early_reason,
                reason=reason,
                admitted_on=membership.admitted_on,
                proposed_by=committee,
                proposed_by_user=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError:
        raise DomainError(
            _("%(name)s đã được đề nghị Huy hiệu %(years)s năm tuổi Đảng.")
            % {"name": person.full_name, "years": years},
            field="years",
            code=RewardsErrorCode.ALREADY_PROPOSED,
        ) from None
    record(
        actor=actor,
        action="rewards.badge_propose",
        target=badge,
        unit_path=person.unit.path,
        summary={
            "person": person.code,
            "years": years,
            "ceremony_on": ceremony_on.isoformat(),
            "early_reason": early_reason,
            "committee": committee.code,
        },
    )
    return badge


@transaction.atomic
def badge_decide(
    *,
    actor: Actor | None,
    badge: PartyBadge,
    level: OrgUnit,
    decision_number: str,
    decided_on: dt.date,
    badge_number: str,
) -> PartyBadge:
    """The competent level decides: the badge is recorded with its number and shows on the 2C."""
    enforce(actor, Action.APPROVE, level)
    badge = (
        PartyBadge.objects.select_for_update(of=("self",))
        .select_related("person__unit", "proposed_by")
        .get(pk=badge.pk)
    )
    if badge.status != BadgeStatus.PROPOSED:
        raise DomainError(_("Đề nghị này đã được quyết định."), code=RewardsErrorCode.NOT_PROPOSED)
    if not badge.proposed_by.path.startswith(level.path) or badge.proposed_by.path == level.path:
        raise DomainError(_("Cấp quyết định phải là cấp trên của cấp ủy đề nghị."), field="level")
    decision_number, badge_number = nfc(decision_number), nfc(badge_number)
    if not decision_number or not badge_number:
        raise DomainError(
            _("Phải ghi số quyết định và số huy hiệu."),
            field="badge_number",
            code=RewardsErrorCode.NUMBER_REQUIRED,
        )
    badge.status = BadgeStatus.AWARDED
    badge.decided_by = level
    badge.decision_number = decision_number
    badge.decided_on = decided_on
    badge.badge_number = badge_number
    badge.save(
        update_fields=["status", "decided_by", "decision_number", "decided_on", "badge_number", "updated_at"]
    )
    PersonReward.objects.create(
        person=badge.person,
        decided_on=decided_on,
        title=_("%(title)s, số %(number)s") % {"title": badge.title, "number": badge_number},
        decided_by=f"{level.name} ({decision_number})",
    )
    record(
        actor=actor,
        action="rewards.badge_decide",
        target=badge,
        unit_path=badge.person.unit.path,
        summary={
            "person": badge.person.code,
            "years": badge.years,
            "decision_number": decision_number,
            "badge_number": badge_number,
            "level": level.code,
        },
    )
    return badge


# --- files (every download is an audit event) -----------------------------------------------------


def badges_due_export(*, actor: Actor, unit: OrgUnit, on: dt.date) -> bytes:
    """The members of ``unit``'s subtree due a badge on ``on``, as Excel."""
    from tochuc.rewards import documents, selectors

    enforce(actor, Action.VIEW, unit)
    rows = selectors.badges_due_for(actor, unit, on=on)
    content = documents.due_xlsx(unit, on, rows)
    export_record(
        actor=actor,
        kind="rewards.badges_due_export",
        target=unit,
        unit_path=unit.path,
        rows=len(rows),
        details={"unit": unit.code, "on": on.isoformat()},
        label=unit.name,
    )
    return content


def badge_proposal_document(*, actor: Actor, committee: OrgUnit, on: dt.date, today: dt.date) -> bytes:
    """The committee's Word list of the members it proposed for the ceremony on ``on``."""
    from tochuc.rewards import documents

    enforce(actor, Action.VIEW, committee)
    badges = list(
        PartyBadge.objects.filter(proposed_by=committee, ceremony_on=on)
        .select_related("person__unit")
        .order_by("person__sort_key")
    )
    content = documents.proposal_docx(committee, on, badges, today=today)
    export_record(
        actor=actor,
        kind="rewards.badge_proposal_document",
        target=committee,
        unit_path=committee.path,
        rows=len(badges),
        details={"unit": committee.code, "on": on.isoformat()},
        label=committee.name,
    )
    return content


def badge_decision_document(*, actor: Actor, level: OrgUnit, decision_number: str) -> bytes:
    """The decision of ``level`` recorded under ``decision_number`` (Word, Party layout)."""
    from tochuc.rewards import documents

    enforce(actor, Action.VIEW, level)
    badges = list(
        PartyBadge.objects.filter(
            decided_by=level, decision_number=decision_number, status=BadgeStatus.AWARDED
        )
        .select_related("person__unit")
        .order_by("person__sort_key")
    )
    content = documents.decision_docx(level, decision_number, badges)
    export_record(
        actor=actor,
        kind="rewards.badge_decision_document",
        target=level,
        unit_path=level.path,
        rows=len(badges),
        details={"unit": level.code, "decision_number": decision_number},
        label=level.name,
    )
    return content


# --- discipline -----------------------------------------------------------------------------------


def discipline_findings(
    *,
    person: Person | None,
    unit: OrgUnit | None,
    form: str,
    violation_on: dt.date,
    decided_on: dt.date,
    no_time_limit: bool = False,
) -> list[str]:
    """The blocking findings of the discipline pack against this decision (empty: it may be recorded)."""
    pack = get_discipline_pack()
    membership = _membership(person) if person is not None else None
    facts = DisciplineFacts(
        is_organization=unit is not None,
        is_probationary=membership is not None and membership.status == MembershipStatus.PROBATIONARY,
        form=form,
        violation_on=violation_on,
        decided_on=decided_on,
        no_time_limit=no_time_limit,
    )
    return [f.message for f in blocking(run(pack.rules, facts, pack))]


@transaction.atomic
def discipline_record(
    *,
    actor: Actor | None,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    form: str,
    violation: str,
    violation_on: dt.date,
    proposed_by: OrgUnit,
    decided_by: OrgUnit,
    decision_number: str,
    decided_on: dt.date,
    no_time_limit: bool = False,
) -> Discipline:
    """Record the discipline decision of a member or an organization, checked against the pack.

    Refused past the time limit, with the reason. A member's discipline also goes on the 2C, where
    planning and appointment read it; an organization's is read by the evaluation rules.
    """
    if (person is None) == (unit is None):
        raise DomainError(
            _("Chọn đúng một đối tượng: đảng viên hoặc tổ chức đảng."),
            code=RewardsErrorCode.DISCIPLINE_SUBJECT,
        )
    subject_unit = person.unit if person is not None else unit
    assert subject_unit is not None
    enforce(actor, Action.EDIT, decided_by)
    if not subject_unit.path.startswith(decided_by.path):
        raise DomainError(_("Đối tượng không thuộc cấp quyết định."), field="decided_by")
    if form not in DisciplineForm.values:
        raise DomainError(_("Hình thức kỷ luật không hợp lệ."), field="form")
    violation, decision_number = nfc(violation), nfc(decision_number)
    if not violation:
        raise DomainError(
            _("Phải ghi nội dung vi phạm."), field="violation", code=RewardsErrorCode.VIOLATION_REQUIRED
        )
    if not decision_number:
        raise DomainError(
            _("Phải ghi số quyết định."), field="decision_number", code=RewardsErrorCode.NUMBER_REQUIRED
        )
    problems = discipline_findings(
        person=person,
        unit=unit,
        form=form,
        violation_on=violation_on,
        decided_on=decided_on,
        no_time_limit=no_time_limit,
    )
    if problems:
        raise DomainError("; ".join(problems), field="form", code=RewardsErrorCode.DISCIPLINE_REFUSED)
    discipline = Discipline.objects.create(
        person=person,
        unit=unit,
        subject_path=subject_unit.path,
        form=form,
        violation=violation,
        violation_on=violation_on,
        no_time_limit=no_time_limit,
        proposed_by=proposed_by,
        decided_by=decided_by,
        decision_number=decision_number,
        decided_on=decided_on,
        pack=get_discipline_pack().code,
    )
    write_2c_line(discipline)
    record(
        actor=actor,
        action="rewards.discipline_record",
        target=discipline,
        unit_path=subject_unit.path,
        summary={
            "person": person.code if person is not None else None,
            "unit": unit.code if unit is not None else None,
            "form": form,
            "violation_on": violation_on.isoformat(),
            "decided_on": decided_on.isoformat(),
            "decision_number": decision_number,
        },
    )
    return discipline


def write_2c_line(discipline: Discipline) -> None:
    """A member's decided discipline goes on the 2C, where planning and appointment read it."""
    if discipline.person is None or discipline.decided_on is None or discipline.decided_by is None:
        return
    line = PersonDiscipline.objects.create(
        person=discipline.person,
        decided_on=discipline.decided_on,
        form=str(DisciplineForm(discipline.form).label),
        reason=discipline.violation[:500],
        decided_by=f"{discipline.decided_by.name} ({discipline.decision_number})",
    )
    discipline.line = line
    discipline.save(update_fields=["line", "updated_at"])


@transaction.atomic
def discipline_appeal_file(
    *, actor: Actor | None, discipline: Discipline, received_on: dt.date, filed_on: dt.date, content: str
) -> DisciplineAppeal:
    """An appeal, accepted within the months the Charter allows after receiving the decision."""
    subject_unit = discipline.person.unit if discipline.person is not None else discipline.unit
    assert subject_unit is not None
    enforce(actor, Action.EDIT, subject_unit)
    pack = get_discipline_pack(discipline.pack)
    if discipline.status != DisciplineStatus.DECIDED or discipline.decided_on is None:
        raise DomainError(
            _("Chỉ khiếu nại được quyết định kỷ luật đang có hiệu lực."),
            code=RewardsErrorCode.DISCIPLINE_NOT_DECIDED,
        )
    if filed_on < received_on or received_on < discipline.decided_on:
        raise DomainError(
            _("Ngày khiếu nại phải sau ngày nhận quyết định, và ngày nhận sau ngày quyết định."),
            field="filed_on",
            code=RewardsErrorCode.APPEAL_BEFORE_RECEIPT,
        )
    last_day = add_months(received_on, pack.appeal_months)
    if filed_on > last_day:
        raise DomainError(
            _(
                "Quá hạn khiếu nại: chỉ được khiếu nại đến hết ngày %(day)s (%(months)s tháng sau khi nhận quyết định, Điều lệ Đảng)."
            )
            % {"day": last_day.strftime("%d/%m/%Y"), "months": pack.appeal_months},
            field="filed_on",
            code=RewardsErrorCode.APPEAL_LATE,
        )
    content = nfc(content)
    if not content:
        raise DomainError(_("Phải ghi nội dung khiếu nại."), field="content")
    appeal = DisciplineAppeal.objects.create(
        discipline=discipline,
        received_on=received_on,
        filed_on=filed_on,
        content=content,
        answer_due=filed_on + dt.timedelta(days=pack.appeal_answer_days),
    )
    record(
        actor=actor,
        action="rewards.discipline_appeal_file",
        target=appeal,
        unit_path=subject_unit.path,
        summary={
            "discipline": discipline.pk,
            "filed_on": filed_on.isoformat(),
            "answer_due": appeal.answer_due.isoformat(),
        },
    )
    return appeal
