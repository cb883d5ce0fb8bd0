"""Confidence votes (Quy định 96-QĐ/TW 2023): the counts, and what the pack makes of them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.rules import run
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import ConfidenceVote, EntryStatus, PlanningEntry, RemovalReason
from tochuc.personnel.rules import DEFAULT_PACK, get_pack
from tochuc.personnel.rules.base import PersonnelPack
from tochuc.personnel.rules.facts import VoteCount
from tochuc.personnel.services.common import actor_person_id, refuse_conflict


def vote_outcome(pack: PersonnelPack, *, voters: int, low: int) -> str:
    """'' (nothing), or the id of the pack's first vote rule that applies: dismissal proposed
    (≥ 2/3 low), out of the planning (> 1/2 low)."""
    found = run(pack.vote_rules, VoteCount(voters=voters, low=low), pack)
    return found[0].rule if found else ""


@transaction.atomic
def confidence_vote_record(
    *,
    actor: Actor | None,
    person: Person,
    unit: OrgUnit,
    held_on: dt.date,
    voters: int,
    high: int,
    confidence: int,
    low: int,
    pack: str = DEFAULT_PACK,
) -> ConfidenceVote:
    """Record the counts; apply the pack; feed the person's open evaluation with the low share."""
    from tochuc.evaluations.models import CycleStatus, Evaluation

    enforce(actor, Action.EDIT, unit)
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.VIEW, person.unit)
    refuse_conflict(actor_person_id(actor), person, _("ghi kết quả lấy phiếu tín nhiệm"))
    rules = get_pack(pack)
    if voters <= 0:
        raise DomainError(
            _("Số người tham gia phải lớn hơn 0."), field="voters", code=PersonnelErrorCode.INVALID_VOTERS
        )
    if min(high, confidence, low) < 0:
        raise DomainError(_("Số phiếu không được âm."), field="low", code=PersonnelErrorCode.NEGATIVE_VOTES)
    if high + confidence + low > voters:
        raise DomainError(
            _("Tổng số phiếu (%(total)s) lớn hơn số người tham gia (%(voters)s).")
            % {"total": high + confidence + low, "voters": voters},
            field="voters",
            code=PersonnelErrorCode.TOO_MANY_VOTES,
        )
    outcome = vote_outcome(rules, voters=voters, low=low)
    vote = ConfidenceVote.objects.create(
        person=person,
        unit=unit,
        held_on=held_on,
        voters=voters,
        high=high,
        confidence=confidence,
        low=low,
        pack=pack,
        outcome=outcome,
        recorded_by=actor if actor else None,
    )
    removed = 0
    if outcome:
        removed = PlanningEntry.objects.filter(
            person=person, status__in=(EntryStatus.PROPOSED, EntryStatus.APPROVED), cycle__is_open=True
        ).update(
            status=EntryStatus.REMOVED,
            removal_reason=RemovalReason.LOW_CONFIDENCE,
            removal_note=f"{low}/{voters} phiếu tín nhiệm thấp ngày {held_on:%d/%m/%Y}.",
            removed_on=held_on,
            removed_automatically=True,
        )
    share = (Decimal(low) / Decimal(voters)).quantize(Decimal("0.0001"))
    Evaluation.objects.filter(person=person, cycle__status=CycleStatus.OPEN, cycle__year=held_on.year).update(
        low_confidence_share=share
    )
    record(
        actor=actor,
        action="confidence_vote.record",
        target=vote,
        unit_path=unit.path,
        summary={
            "person": person.code,
            "held_on": held_on.strftime("%d/%m/%Y"),
            "voters": voters,
            "high": high,
            "confidence": confidence,
            "low": low,
            "outcome": outcome,
            "planning_removed": removed,
        },
        object_label=person.full_name,
    )
    return vote
