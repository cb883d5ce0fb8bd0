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
from tochuc.people.models import Membership, Person, PersonReward
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import BadgeStatus, EarlyReason, GapReason, PartyBadge, PartyGap
from tochuc.rewards.party_age import gap_days
from tochuc.rewards.rules import get_badge_pack
from tochuc.rewards.rules.base import BadgeFacts
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
        is_full_member=membership is not None and membership.status in COUNTING_STATUSES,
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
        PartyBadge.objects.select_for_update().select_related("person__unit", "proposed_by").get(pk=badge.pk)
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
