"""Small builders of cycles, people and ratings for the analytics tests."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from decimal import Decimal

from tochuc.evaluations.models import (
    CycleKind,
    Evaluation,
    EvaluationCycle,
    Frame,
    Stage,
    SubjectKind,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

_codes = itertools.count(1)


def make_cycle(
    unit: OrgUnit,
    code: str = "DG-2025",
    *,
    year: int = 2025,
    kind: str = CycleKind.ANNUAL,
    quarter: int | None = None,
    pack: str = "qd366-2025",
) -> EvaluationCycle:
    return EvaluationCycle.objects.create(
        code=code, name=f"Đánh giá năm {year}", unit=unit, kind=kind, year=year, quarter=quarter, pack=pack
    )


def make_people(unit: OrgUnit, n: int) -> list[Person]:
    people = []
    for _ in range(n):
        k = next(_codes)
        people.append(
            Person(
                code=f"AN{k:05d}",
                unit=unit,
                full_name=f"Nguyễn Văn An {k}",
                family_name="Nguyễn",
                middle_name="Văn",
                given_name=f"An {k}",
                name_folded=f"nguyen van an {k}",
                sort_key=f"an {k:05d}",
                birth_date=dt.date(1980, 1, 1),
                gender="male",
            )
        )
    return Person.objects.bulk_create(people)


def rate(
    cycle: EvaluationCycle,
    unit: OrgUnit,
    ratings: Sequence[str],
    *,
    collective: str | None = None,
    scores: Sequence[float | None] | None = None,
    proposed_only: bool = False,
    people: Sequence[Person] | None = None,
) -> list[Evaluation]:
    """One individual evaluation per rating ("" = not rated yet, "-" = not reviewed) in ``unit``,
    and the collective's when ``collective`` is given ("" = collective not rated yet)."""
    people = list(people) if people is not None else make_people(unit, len(ratings))
    rows = []
    for i, (person, rating) in enumerate(zip(people, ratings, strict=True)):
        score = None if scores is None else scores[i]
        not_reviewed = rating == "-"
        value = "" if not_reviewed else rating
        rows.append(
            Evaluation(
                cycle=cycle,
                unit=unit,
                person=person,
                subject_kind=SubjectKind.INDIVIDUAL,
                frame=Frame.NON_LEADER,
                stage=Stage.NOT_REVIEWED if not_reviewed else (Stage.DECIDED if value else Stage.SELF_REVIEW),
                final_rating="" if proposed_only else value,
                proposed_rating=value if proposed_only else "",
                final_score=None if score is None or proposed_only else Decimal(str(score)),
                proposed_score=Decimal(str(score)) if score is not None and proposed_only else None,
            )
        )
    if collective is not None:
        rows.append(
            Evaluation(
                cycle=cycle,
                unit=unit,
                person=None,
                subject_kind=SubjectKind.COLLECTIVE,
                frame=Frame.COLLECTIVE,
                stage=Stage.DECIDED if collective else Stage.PENDING,
                final_rating=collective,
            )
        )
    return Evaluation.objects.bulk_create(rows)
