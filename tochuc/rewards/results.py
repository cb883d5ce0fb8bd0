"""Proposals from results: what an evaluation cycle or a review period hands to the upper level.

The reward list is the certificate and title candidates of the year (with the reason when refused);
the discipline list is the members and collectives rated at the pack's lowest rating, to be
considered for responsibility and discipline, unless a discipline of that year is already proposed
or decided for them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from tochuc.evaluations.models import CycleKind, Evaluation, EvaluationCycle, Rating
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.candidates import Candidate, reward_candidates, standout_quota
from tochuc.rewards.models import Discipline, DisciplineStatus
from tochuc.rewards.rules import RewardPack, get_reward_pack

if TYPE_CHECKING:
    from tochuc.reviews.models import ReviewPeriod


@dataclass(frozen=True)
class DisciplineSuggestion:
    kind: str  # "member" or "organization"
    code: str
    name: str
    unit: str  # the unit's code (the member's, or the organization's own)
    rating: str
    citation: str

    def as_json(self) -> dict[str, str]:
        return {
            "kind": self.kind,
            "code": self.code,
            "name": self.name,
            "unit": self.unit,
            "rating": self.rating,
            "citation": self.citation,
        }


@dataclass
class ResultProposals:
    unit: OrgUnit
    year: int
    rewards: list[Candidate] = field(default_factory=list)
    discipline: list[DisciplineSuggestion] = field(default_factory=list)
    standout_quota: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "unit": self.unit.code,
            "year": self.year,
            "standout_quota": self.standout_quota,
            "rewards": [c.as_json() for c in self.rewards],
            "discipline": [d.as_json() for d in self.discipline],
        }


def discipline_suggestions(
    evaluations: Q, *, year: int, pack: RewardPack | None = None
) -> list[DisciplineSuggestion]:
    """Members and collectives of these evaluations rated at the pack's discipline rating."""
    pack = pack or get_reward_pack()
    rows = list(
        Evaluation.objects.filter(evaluations, final_rating=pack.discipline_rating)
        .order_by("unit__path", "person__sort_key")
        .values_list("person_id", "person__code", "person__full_name", "unit_id", "unit__code", "unit__name")
    )
    taken = Discipline.objects.filter(
        Q(person_id__in=[r[0] for r in rows if r[0] is not None])
        | Q(unit_id__in=[r[3] for r in rows if r[0] is None]),
        status__in=(DisciplineStatus.PROPOSED, DisciplineStatus.DECIDED),
    ).filter(Q(decided_on__year=year) | Q(decided_on__isnull=True, proposed_on__year=year))
    taken_people = set(taken.exclude(person=None).values_list("person_id", flat=True))
    taken_units = set(taken.exclude(unit=None).values_list("unit_id", flat=True))
    label = str(Rating(pack.discipline_rating).label)
    out: list[DisciplineSuggestion] = []
    for person_id, pcode, pname, unit_id, ucode, uname in rows:
        if person_id is None and unit_id not in taken_units:
            out.append(
                DisciplineSuggestion("organization", ucode, uname, ucode, label, pack.discipline_review)
            )
        elif person_id is not None and person_id not in taken_people:
            out.append(DisciplineSuggestion("member", pcode, pname, ucode, label, pack.discipline_review))
    return out


def proposals_from_results(unit: OrgUnit, *, year: int) -> ResultProposals:
    """The reward and discipline proposals of ``unit``'s subtree from the annual results of ``year``."""
    pack = get_reward_pack()
    return ResultProposals(
        unit=unit,
        year=year,
        rewards=reward_candidates(unit, year=year, pack=pack),
        discipline=discipline_suggestions(
            Q(cycle__kind=CycleKind.ANNUAL, cycle__year=year, unit__path__startswith=unit.path),
            year=year,
            pack=pack,
        ),
        standout_quota=standout_quota(unit, year=year, pack=pack),
    )


def proposals_for_cycle(cycle: EvaluationCycle) -> ResultProposals:
    """What an evaluation cycle proposes: certificates from the year's results (annual cycles), and
    the discipline list from this cycle's own ratings."""
    pack = get_reward_pack()
    unit = cycle.unit
    annual = cycle.kind == CycleKind.ANNUAL
    return ResultProposals(
        unit=unit,
        year=cycle.year,
        rewards=reward_candidates(unit, year=cycle.year, pack=pack) if annual else [],
        discipline=discipline_suggestions(Q(cycle=cycle), year=cycle.year, pack=pack),
        standout_quota=standout_quota(unit, year=cycle.year, pack=pack) if annual else 0,
    )


def proposals_for_period(period: ReviewPeriod) -> ResultProposals:
    """What a review period proposes to the upper level: the results of its unit and year."""
    return proposals_from_results(period.unit, year=period.year)
