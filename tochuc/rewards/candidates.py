"""Certificate and title candidates computed from evaluation history, in a few bulk queries."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from tochuc.evaluations.models import CycleKind, Evaluation
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.models import Discipline, DisciplineStatus
from tochuc.rewards.rules import RewardPack, get_reward_pack


@dataclass(frozen=True)
class Candidate:
    kind: str  # "member" or "organization"
    code: str
    name: str
    title: str  # grassroots_certificate, upper_certificate, standout_organization
    rule: str
    citation: str
    refused: str = ""  # why the results do not support it (a discipline in the period)

    def as_json(self) -> dict[str, str]:
        out = {
            "kind": self.kind,
            "code": self.code,
            "name": self.name,
            "title": self.title,
            "rule": self.rule,
            "citation": self.citation,
        }
        if self.refused:
            out["refused"] = self.refused
        return out


@dataclass
class _History:
    people: dict[int, dict[int, str]]  # person id → year → rating
    units: dict[int, dict[int, str]]  # unit id → year → rating of the collective
    person_names: dict[int, tuple[str, str]]  # code, name
    unit_names: dict[int, tuple[str, str, str]]  # code, name, kind


def _ratings(unit: OrgUnit, years: range) -> _History:
    history = _History(defaultdict(dict), defaultdict(dict), {}, {})
    rows = (
        Evaluation.objects.filter(
            cycle__kind=CycleKind.ANNUAL, cycle__year__in=list(years), unit__path__startswith=unit.path
        )
        .exclude(final_rating="")
        .values_list(
            "cycle__year",
            "person_id",
            "person__code",
            "person__full_name",
            "unit_id",
            "unit__code",
            "unit__name",
            "unit__kind",
            "final_rating",
        )
    )
    for year, person_id, pcode, pname, unit_id, ucode, uname, ukind, rating in rows:
        if person_id is None:
            history.units[unit_id][year] = rating
            history.unit_names[unit_id] = (ucode, uname, ukind)
        else:
            history.people[person_id][year] = rating
            history.person_names[person_id] = (pcode, pname)
    return history


def reward_candidates(unit: OrgUnit, *, year: int, pack: RewardPack | None = None) -> list[Candidate]:
    """Members and organizations of ``unit``'s subtree whose results make them candidates in ``year``.

    A discipline decided in the year keeps the candidacy on the list with the reason it is refused.
    """
    pack = pack or get_reward_pack()
    first = year - pack.consecutive_years + 1
    history = _ratings(unit, range(first, year + 1))
    people, units, person_names, unit_names = (
        history.people,
        history.units,
        history.person_names,
        history.unit_names,
    )
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    in_year = Discipline.objects.filter(
        status=DisciplineStatus.DECIDED, decided_on__gte=start, decided_on__lte=end
    ).order_by()
    disciplined_people = set(in_year.filter(person_id__in=list(people)).values_list("person_id", flat=True))
    disciplined_units = set(in_year.filter(unit_id__in=list(units)).values_list("unit_id", flat=True))
    refusal = _("Bị kỷ luật trong năm %(year)s") % {"year": year}
    out: list[Candidate] = []
    for person_id, by_year in people.items():
        if by_year.get(year) != pack.rating:
            continue
        code, name = person_names[person_id]
        refused = refusal if person_id in disciplined_people else ""
        out.append(
            Candidate(
                "member",
                code,
                name,
                "grassroots_certificate",
                "excellent_this_year",
                pack.grassroots_certificate,
                refused,
            )
        )
        if all(by_year.get(y) == pack.rating for y in range(first, year + 1)):
            out.append(
                Candidate(
                    "member",
                    code,
                    name,
                    "upper_certificate",
                    "excellent_five_years",
                    pack.upper_certificate,
                    refused,
                )
            )
    excellent_units = [
        unit_id
        for unit_id, by_year in units.items()
        if by_year.get(year) == pack.rating and unit_names[unit_id][2] in pack.collective_kinds
    ]
    for unit_id in sorted(excellent_units, key=lambda u: unit_names[u][0]):
        code, name = unit_names[unit_id][0], unit_names[unit_id][1]
        refused = refusal if unit_id in disciplined_units else ""
        out.append(
            Candidate(
                "organization",
                code,
                name,
                "standout_organization",
                "excellent_collective",
                pack.standout_organization,
                refused,
            )
        )
    return sorted(out, key=lambda c: (c.kind, c.code, c.title))


def standout_quota(unit: OrgUnit, *, year: int, pack: RewardPack | None = None) -> int:
    """How many standout organizations ``unit``'s subtree may propose for ``year`` (the pack's share)."""
    pack = pack or get_reward_pack()
    count = Evaluation.objects.filter(
        cycle__kind=CycleKind.ANNUAL,
        cycle__year=year,
        person=None,
        unit__path__startswith=unit.path,
        unit__kind__in=pack.collective_kinds,
        final_rating=pack.rating,
    ).count()
    return math.floor(count * pack.standout_share)
