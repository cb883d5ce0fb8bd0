"""Reads of Party badges, always scoped by the acting user (the command reads a whole subtree)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import MembershipStatus, Person
from tochuc.rewards.models import (
    BadgeStatus,
    CertificateStatus,
    Discipline,
    DisciplineForm,
    DisciplineStatus,
    PartyBadge,
    PartyGap,
    RewardProposal,
)
from tochuc.rewards.party_age import gap_days, party_age, reached_on
from tochuc.rewards.rules import BadgePack, get_badge_pack

# Full members keep their party age when exempted from activity; probationary members never count.
COUNTING_STATUSES = (MembershipStatus.FULL, MembershipStatus.EXEMPT)


@dataclass(frozen=True)
class BadgeDue:
    """A member who has reached a milestone not yet awarded on the ceremony date."""

    person_id: int
    code: str
    name: str
    unit_id: int
    admitted_on: dt.date
    years: int
    age: int
    reached_on: dt.date
    proposed: bool  # a proposal for this milestone is already waiting for a decision

    def as_json(self) -> dict[str, object]:
        return {
            "person": self.code,
            "name": self.name,
            "years": self.years,
            "admitted_on": self.admitted_on.isoformat(),
        }


def badges_for(user: Actor, action: Action = Action.VIEW) -> QuerySet[PartyBadge]:
    return PartyBadge.objects.filter(scope_q(user, action, "person__unit__path"))


def gaps_for(user: Actor, action: Action = Action.VIEW) -> QuerySet[PartyGap]:
    return PartyGap.objects.filter(scope_q(user, action, "person__unit__path"))


def gaps_by_person(unit: OrgUnit) -> dict[int, list[tuple[dt.date, dt.date | None]]]:
    """The periods outside the Party of everyone in ``unit``'s subtree, by person."""
    rows: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for person_id, start, end in (
        PartyGap.objects.filter(person__unit__path__startswith=unit.path)
        .order_by()
        .values_list("person_id", "start", "end")
    ):
        rows[person_id].append((start, end))
    return rows


def badges_due(unit: OrgUnit, *, on: dt.date, pack: BadgePack | None = None) -> list[BadgeDue]:
    """Everyone of ``unit``'s subtree due a badge on ``on``: three queries whatever the size.

    The highest milestone reached counts; nobody appears for a milestone already awarded or when a
    higher one already was.
    """
    pack = pack or get_badge_pack()
    members = Person.objects.filter(
        unit__path__startswith=unit.path,
        membership__status__in=COUNTING_STATUSES,
        membership__admitted_on__isnull=False,
        membership__admitted_on__lte=reached_on_limit(on, min(pack.milestones)),
    ).exclude(pk__in=expelled_by(on))
    rows = list(
        members.order_by("sort_key", "pk").values_list(
            "pk", "code", "full_name", "unit_id", "membership__admitted_on"
        )
    )
    # The gaps and badges of the whole subtree (a join on the path, not the members' filter again):
    # rows of people who are not due are read and never looked up.
    gaps = gaps_by_person(unit)
    taken: dict[int, dict[int, str]] = defaultdict(dict)
    for person_id, years, status in (
        PartyBadge.objects.filter(person__unit__path__startswith=unit.path)
        .order_by()
        .values_list("person_id", "years", "status")
    ):
        taken[person_id][years] = status
    due: list[BadgeDue] = []
    milestones = sorted(pack.milestones)
    for person_id, code, name, unit_id, admitted_on in rows:
        if admitted_on is None:  # pragma: no cover - filtered out above
            continue
        periods = gaps.get(person_id)
        gap = gap_days(periods, on=on) if periods else 0
        age = party_age(admitted_on, on=on, gap=gap)
        reached = bisect_right(milestones, age)  # how many milestones the age has reached
        if reached == 0:
            continue
        years = milestones[reached - 1]
        mine = taken.get(person_id, {})
        if mine and any(m >= years and s == BadgeStatus.AWARDED for m, s in mine.items()):
            continue
        due.append(
            BadgeDue(
                person_id=person_id,
                code=code,
                name=name,
                unit_id=unit_id,
                admitted_on=admitted_on,
                years=years,
                age=age,
                reached_on=reached_on(admitted_on, years, gap=gap),
                proposed=years in mine,
            )
        )
    return due


def expelled_by(on: dt.date) -> QuerySet[Discipline, int]:
    """The members expelled by a decision in force on ``on`` (an annulled one no longer counts)."""
    return Discipline.objects.filter(
        form=DisciplineForm.EXPULSION,
        status=DisciplineStatus.DECIDED,
        decided_on__lte=on,
        person__isnull=False,
    ).values_list("person_id", flat=True)


def reached_on_limit(on: dt.date, years: int) -> dt.date:
    """The latest admission date that can have reached ``years`` by ``on`` (gaps only make it later)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return dt.date(on.year - years, 2, 28)


def badges_due_for(user: Actor, unit: OrgUnit, *, on: dt.date) -> list[BadgeDue]:
    """``badges_due`` for a unit the user may see (the caller checked the unit with ``get_unit_for``)."""
    visible = set(
        Person.objects.filter(
            scope_q(user, Action.VIEW, "unit__path"), unit__path__startswith=unit.path
        ).values_list("pk", flat=True)
    )
    return [row for row in badges_due(unit, on=on) if row.person_id in visible]


def badges_of(person: Person) -> list[PartyBadge]:
    return list(person.party_badges.order_by("years"))


def waiting_badges(user: Actor, unit: OrgUnit) -> QuerySet[PartyBadge]:
    """Proposals of ``unit``'s subtree waiting for a decision."""
    return (
        badges_for(user)
        .filter(Q(person__unit__path__startswith=unit.path), status=BadgeStatus.PROPOSED)
        .select_related("person", "person__unit", "proposed_by")
        .order_by("ceremony_on", "person__sort_key")
    )


def awarded_badges(user: Actor, unit: OrgUnit, *, on: dt.date) -> QuerySet[PartyBadge]:
    """Badges of ``unit``'s subtree decided for the ceremony on ``on``."""
    return (
        badges_for(user)
        .filter(person__unit__path__startswith=unit.path, ceremony_on=on, status=BadgeStatus.AWARDED)
        .select_related("person", "decided_by")
        .order_by("person__sort_key")
    )


def disciplined_between(
    start: dt.date, end: dt.date, *, unit_ids: set[int], person_ids: set[int]
) -> tuple[set[int], set[int]]:
    """The organizations and the members among these disciplined by a decision dated in [start, end]."""
    rows = (
        Discipline.objects.filter(Q(unit_id__in=unit_ids) | Q(person_id__in=person_ids))
        .filter(status=DisciplineStatus.DECIDED, decided_on__gte=start, decided_on__lte=end)
        .order_by()
        .values_list("unit_id", "person_id")
    )
    units: set[int] = set()
    people: set[int] = set()
    for unit_id, person_id in rows:
        if unit_id is not None:
            units.add(unit_id)
        if person_id is not None:
            people.add(person_id)
    return units, people


def disciplines_for(user: Actor, action: Action = Action.VIEW) -> QuerySet[Discipline]:
    return Discipline.objects.filter(scope_q(user, action, "subject_path"))


def disciplines_in(user: Actor, unit: OrgUnit) -> QuerySet[Discipline]:
    """The disciplines of members and organizations of ``unit``'s subtree, the proposals first."""
    return (
        disciplines_for(user)
        .filter(subject_path__startswith=unit.path)
        .select_related("person", "unit", "proposed_by", "decided_by")
        .prefetch_related("appeals")
    )


def reward_proposals_in(user: Actor, unit: OrgUnit, *, year: int) -> QuerySet[RewardProposal]:
    """Certificates and titles proposed or approved for ``year`` in ``unit``'s subtree."""
    return (
        RewardProposal.objects.filter(
            scope_q(user, Action.VIEW, "subject_path"), subject_path__startswith=unit.path, year=year
        )
        .select_related("person__unit", "unit", "proposed_by", "decided_by")
        .order_by("status", "title", "subject_path", "pk")
    )


@dataclass(frozen=True)
class UnitRecord:
    """What the organization itself received: decided disciplines and approved titles."""

    disciplines: list[Discipline]
    titles: list[RewardProposal]


def unit_record(unit: OrgUnit) -> UnitRecord:
    """The organization's own record (the caller checked the unit with ``get_unit_for``)."""
    return UnitRecord(
        disciplines=list(
            Discipline.objects.filter(unit=unit)
            .exclude(status=DisciplineStatus.PROPOSED)
            .select_related("decided_by")
        ),
        titles=list(
            RewardProposal.objects.filter(unit=unit, status=CertificateStatus.APPROVED)
            .select_related("decided_by")
            .order_by("-year")
        ),
    )
