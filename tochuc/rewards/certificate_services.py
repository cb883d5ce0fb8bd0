"""Certificates and titles from results: proposed, then approved by another user; one audit event each.

A proposal is refused with the reason when the results do not support it (the rating of the year
below the pack's, fewer consecutive years, a discipline in force decided in the year) or when the
pack's quota of standout organizations is used up.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.evaluations.models import CycleKind, Evaluation, Rating
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person, PersonReward
from tochuc.rewards.candidates import standout_quota
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import (
    Certificate,
    CertificateStatus,
    Discipline,
    DisciplineStatus,
    RewardProposal,
)
from tochuc.rewards.rules import RewardPack, get_reward_pack

RULES = {
    Certificate.GRASSROOTS: "excellent_this_year",
    Certificate.UPPER: "excellent_five_years",
    Certificate.STANDOUT: "excellent_collective",
}


def _label(rating: str) -> str:
    return str(Rating(rating).label) if rating in Rating.values else _("chưa có kết quả")


def certificate_findings(
    *, person: Person | None, unit: OrgUnit | None, year: int, title: str, pack: RewardPack | None = None
) -> list[str]:
    """Why the results of ``year`` do not support this certificate (empty: they do)."""
    pack = pack or get_reward_pack()
    needed = _label(pack.rating)
    if person is not None:
        if title not in (Certificate.GRASSROOTS, Certificate.UPPER):
            return [_("Hình thức này dành cho tổ chức đảng.")]
        first = year - pack.consecutive_years + 1 if title == Certificate.UPPER else year
        ratings = dict(
            Evaluation.objects.filter(
                person=person, cycle__kind=CycleKind.ANNUAL, cycle__year__gte=first, cycle__year__lte=year
            )
            .exclude(final_rating="")
            .values_list("cycle__year", "final_rating")
        )
        short = [y for y in range(first, year + 1) if ratings.get(y) != pack.rating]
        problems = [
            _("Năm %(year)s xếp loại: %(rating)s, dưới mức %(needed)s (%(citation)s)")
            % {"year": y, "rating": _label(ratings.get(y, "")), "needed": needed, "citation": pack.citation}
            for y in short
        ]
        disciplined = Discipline.objects.filter(person=person)
    else:
        assert unit is not None
        if title != Certificate.STANDOUT:
            return [_("Hình thức này dành cho đảng viên.")]
        if unit.kind not in pack.collective_kinds:
            return [_("Chỉ tổ chức cơ sở đảng, đảng bộ xã được xét tiêu biểu.")]
        rating = (
            Evaluation.objects.filter(person=None, unit=unit, cycle__kind=CycleKind.ANNUAL, cycle__year=year)
            .exclude(final_rating="")
            .values_list("final_rating", flat=True)
            .first()
        ) or ""
        problems = []
        if rating != pack.rating:
            problems.append(
                _("Năm %(year)s xếp loại: %(rating)s, dưới mức %(needed)s (%(citation)s)")
                % {"year": year, "rating": _label(rating), "needed": needed, "citation": pack.citation}
            )
        disciplined = Discipline.objects.filter(unit=unit)
    if disciplined.filter(
        status=DisciplineStatus.DECIDED, decided_on__year=year
    ).exists():  # a discipline decided in the year of the results
        problems.append(_("Bị kỷ luật trong năm %(year)s") % {"year": year})
    return problems


def _check_quota(level: OrgUnit, year: int, pack: RewardPack, *, statuses: tuple[str, ...]) -> None:
    quota = standout_quota(level, year=year, pack=pack)
    used = RewardProposal.objects.filter(
        title=Certificate.STANDOUT, year=year, subject_path__startswith=level.path, status__in=statuses
    ).count()
    if used >= quota:
        raise DomainError(
            _(
                "Đã đủ chỉ tiêu tổ chức đảng tiêu biểu năm %(year)s của %(unit)s: %(quota)s "
                "(không quá %(percent)s%% số hoàn thành xuất sắc nhiệm vụ, %(citation)s)"
            )
            % {
                "year": year,
                "unit": level.name,
                "quota": quota,
                "percent": pack.numbers()["standout_percent"],
                "citation": pack.citation,
            },
            field="title",
            code=RewardsErrorCode.QUOTA_EXCEEDED,
        )


@transaction.atomic
def certificate_propose(
    *,
    actor: Actor | None,
    person: Person | None = None,
    unit: OrgUnit | None = None,
    year: int,
    title: str,
    proposed_by: OrgUnit,
) -> RewardProposal:
    """Propose a certificate or title for a member or an organization from the results of ``year``."""
    if (person is None) == (unit is None):
        raise DomainError(_("Chọn đúng một đối tượng: đảng viên hoặc tổ chức đảng."), field="title")
    enforce(actor, Action.EDIT, proposed_by)
    subject_unit = person.unit if person is not None else unit
    assert subject_unit is not None
    enforce(actor, Action.VIEW, subject_unit)
    subject_path = subject_unit.path
    if not subject_path.startswith(proposed_by.path):
        raise DomainError(_("Đối tượng không thuộc cấp đề nghị."), field="proposed_by")
    if title not in Certificate.values:
        raise DomainError(_("Hình thức khen thưởng không hợp lệ."), field="title")
    pack = get_reward_pack()
    problems = certificate_findings(person=person, unit=unit, year=year, title=title, pack=pack)
    if problems:
        raise DomainError("; ".join(problems), field="title", code=RewardsErrorCode.NOT_A_CANDIDATE)
    if title == Certificate.STANDOUT:
        _check_quota(
            proposed_by, year, pack, statuses=(CertificateStatus.PROPOSED, CertificateStatus.APPROVED)
        )
    try:
        with transaction.atomic():
            proposal = RewardProposal.objects.create(
                person=person,
                unit=unit,
                subject_path=subject_path,
                year=year,
                title=title,
                rule=RULES[Certificate(title)],
                pack=pack.code,
                proposed_by=proposed_by,
                proposed_by_user=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError:
        raise DomainError(
            _("Đã đề nghị hình thức này cho năm %(year)s.") % {"year": year},
            field="title",
            code=RewardsErrorCode.ALREADY_PROPOSED,
        ) from None
    record(
        actor=actor,
        action="rewards.certificate_propose",
        target=proposal,
        unit_path=subject_path,
        summary={
            "person": person.code if person is not None else None,
            "unit": unit.code if unit is not None else None,
            "year": year,
            "title": title,
            "proposed_by": proposed_by.code,
        },
    )
    return proposal


@transaction.atomic
def certificate_approve(
    *,
    actor: Actor | None,
    proposal: RewardProposal,
    level: OrgUnit,
    decision_number: str,
    decided_on: dt.date,
) -> RewardProposal:
    """Another user of the competent level approves; the member's reward goes on the 2C."""
    enforce(actor, Action.APPROVE, level)
    proposal = (
        RewardProposal.objects.select_for_update(of=("self",))
        .select_related("person__unit", "unit", "proposed_by")
        .get(pk=proposal.pk)
    )
    if proposal.status != CertificateStatus.PROPOSED:
        raise DomainError(_("Đề nghị này đã được quyết định."), code=RewardsErrorCode.NOT_PROPOSED)
    if not proposal.proposed_by.path.startswith(level.path):
        raise DomainError(_("Cấp quyết định phải là cấp đề nghị hoặc cấp trên."), field="level")
    if actor is not None and proposal.proposed_by_user_id == getattr(actor, "pk", None):
        raise DomainError(
            _("Người đề nghị không tự phê duyệt khen thưởng."),
            field="level",
            code=RewardsErrorCode.DECIDER_IS_PROPOSER,
        )
    decision_number = nfc(decision_number)
    if not decision_number:
        raise DomainError(
            _("Phải ghi số quyết định."), field="decision_number", code=RewardsErrorCode.NUMBER_REQUIRED
        )
    pack = get_reward_pack(proposal.pack)
    problems = certificate_findings(
        person=proposal.person, unit=proposal.unit, year=proposal.year, title=proposal.title, pack=pack
    )
    if problems:
        raise DomainError("; ".join(problems), field="title", code=RewardsErrorCode.NOT_A_CANDIDATE)
    if proposal.title == Certificate.STANDOUT:
        _check_quota(level, proposal.year, pack, statuses=(CertificateStatus.APPROVED,))
    proposal.status = CertificateStatus.APPROVED
    proposal.decided_by = level
    proposal.decided_by_user = actor if actor is not None and actor.is_authenticated else None
    proposal.decision_number = decision_number
    proposal.decided_on = decided_on
    proposal.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_by_user",
            "decision_number",
            "decided_on",
            "updated_at",
        ]
    )
    if proposal.person is not None:
        PersonReward.objects.create(
            person=proposal.person,
            decided_on=decided_on,
            title=_("%(title)s năm %(year)s")
            % {"title": Certificate(proposal.title).label, "year": proposal.year},
            decided_by=f"{level.name} ({decision_number})",
        )
    record(
        actor=actor,
        action="rewards.certificate_approve",
        target=proposal,
        unit_path=proposal.subject_path,
        summary={
            "title": proposal.title,
            "year": proposal.year,
            "level": level.code,
            "decision_number": decision_number,
        },
    )
    return proposal
