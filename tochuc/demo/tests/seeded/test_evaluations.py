"""Demo evaluations: both cycles, mostly clean ratings, a few inflated units, idempotent."""

from __future__ import annotations

import io
import random
from collections import Counter, defaultdict

import pytest

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.demo import evaluations as demo
from tochuc.evaluations.models import (
    RATING_RANK,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    Justification,
    Rating,
    Stage,
)

pytestmark = pytest.mark.django_db
GOOD_OR_BETTER = {Rating.GOOD, Rating.EXCELLENT}


@pytest.fixture
def seeded(demo_data: str) -> str:
    return demo_data


def _units(cycle: EvaluationCycle) -> dict[int, dict[str, object]]:
    """Per unit: the collective's final rating and its members' final ratings and scores."""
    units: dict[int, dict[str, object]] = defaultdict(lambda: {"collective": "", "people": [], "head": ""})
    for e in Evaluation.objects.filter(cycle=cycle).exclude(stage=Stage.NOT_REVIEWED):
        row = units[e.unit_id]
        if e.person_id is None:
            row["collective"] = e.final_rating
        else:
            row["people"].append((e.final_rating, e.final_score))  # type: ignore[attr-defined]
            if e.is_head:
                row["head"] = e.final_rating
    return units


def test_both_cycles_per_province_and_idempotent(seeded: str) -> None:
    codes = set(EvaluationCycle.objects.values_list("code", flat=True))
    assert codes == {"DG2024-T01", "DG2025-T01", "DG2024-T02", "DG2025-T02"}
    assert EvaluationCycle.objects.get(code="DG2024-T01").status == CycleStatus.CLOSED
    assert EvaluationCycle.objects.get(code="DG2025-T01").status == CycleStatus.OPEN
    assert "DG2024-T01" in seeded
    before = (Evaluation.objects.count(), EvaluationStep.objects.count(), Justification.objects.count())
    assert AuditEvent.objects.filter(action="evaluation.bulk_seed").count() == 2
    out = io.StringIO()
    demo.seed_evaluations(scale="small", rng=random.Random(1), stdout=out)
    after = (Evaluation.objects.count(), EvaluationStep.objects.count(), Justification.objects.count())
    assert after == before
    assert AuditEvent.objects.filter(action="evaluation.bulk_seed").count() == 2
    assert "đã có" in out.getvalue()


def test_closed_cycle_is_bell_shaped_and_keeps_the_hard_rules(seeded: str) -> None:
    cycle = EvaluationCycle.objects.get(code="DG2024-T01")
    people = Evaluation.objects.filter(cycle=cycle, person__isnull=False).exclude(stage=Stage.NOT_REVIEWED)
    assert people.exclude(stage=Stage.DECIDED).count() == 0
    counts = Counter(people.values_list("final_rating", flat=True))
    total = sum(counts.values())
    assert total > 1000
    assert counts[Rating.GOOD] / total > 0.65
    assert 0.08 <= counts[Rating.EXCELLENT] / total <= 0.16
    assert 0.03 <= counts[Rating.COMPLETED] / total <= 0.15
    assert 0 < counts[Rating.NOT_COMPLETED] / total < 0.03
    # Some people are not reviewed (exempt, admitted < 6 months), with the reason.
    assert (
        Evaluation.objects.filter(cycle=cycle, stage=Stage.NOT_REVIEWED)
        .exclude(not_reviewed_reason="")
        .exists()
    )

    bands = {
        Rating.EXCELLENT: (90, 100),
        Rating.GOOD: (70, 90),
        Rating.COMPLETED: (50, 70),
        Rating.NOT_COMPLETED: (0, 50),
    }
    for unit in _units(cycle).values():
        ratings = [r for r, _ in unit["people"]]  # type: ignore[attr-defined]
        # Excellent ≤ 20 % of Good, the head never above the collective.
        assert ratings.count(Rating.EXCELLENT) <= 0.2 * ratings.count(Rating.GOOD)
        if unit["head"]:
            assert RATING_RANK[unit["head"]] <= RATING_RANK[unit["collective"]]  # type: ignore[index]
        for rating, score in unit["people"]:  # type: ignore[attr-defined]
            low, high = bands[rating]
            assert low <= score < high or (rating == Rating.EXCELLENT and score <= 100)


def test_a_few_units_show_inflation_and_one_identical_scores(seeded: str) -> None:
    cycle = EvaluationCycle.objects.get(code="DG2024-T01")
    units = _units(cycle)
    inflated = [
        unit_id
        for unit_id, u in units.items()
        if u["collective"] in {Rating.COMPLETED, Rating.NOT_COMPLETED}
        and len(u["people"]) >= 10  # type: ignore[arg-type]
        and sum(r in GOOD_OR_BETTER for r, _ in u["people"]) / len(u["people"]) >= 0.9  # type: ignore[attr-defined, arg-type]
    ]
    with_people = [u for u in units.values() if len(u["people"]) >= 10]  # type: ignore[arg-type]
    assert 2 <= len(inflated) <= max(3, 0.1 * len(with_people))
    identical = [
        unit_id
        for unit_id, u in units.items()
        if len(u["people"]) >= 10 and len({s for _, s in u["people"]}) == 1  # type: ignore[arg-type, attr-defined]
    ]
    assert len(identical) == 1
    # In the closed cycle these were justified, by the province's specialist.
    justified = Justification.objects.filter(cycle=cycle)
    assert set(justified.filter(rule=demo.INFLATION_RULE).values_list("unit_id", flat=True)) == set(inflated)
    assert set(justified.filter(rule=demo.IDENTICAL_RULE).values_list("unit_id", flat=True)) == set(identical)
    assert {j.author.username for j in justified if j.author} == {"demo.tinh"}


def test_open_cycle_has_every_stage_and_demo_leader_is_linked(seeded: str) -> None:
    cycle = EvaluationCycle.objects.get(code="DG2025-T01")
    stages = set(Evaluation.objects.filter(cycle=cycle).values_list("stage", flat=True))
    assert {Stage.PENDING, Stage.SELF_REVIEW, Stage.COMMENTS, Stage.APPRAISAL, Stage.DECIDED} <= stages
    # Steps are recorded up to where each evaluation stands.
    appraised = Evaluation.objects.filter(cycle=cycle, stage=Stage.APPRAISAL, person__isnull=False).first()
    assert appraised is not None
    assert list(appraised.steps.values_list("stage", flat=True)) == [
        Stage.SELF_REVIEW,
        Stage.COMMENTS,
        Stage.APPRAISAL,
    ]
    # The commune of demo.xa waits for his decisions; his own evaluation waits for his self-review.
    leader = User.objects.get(username="demo.xa")
    assert leader.person is not None
    own = Evaluation.objects.get(cycle=cycle, person=leader.person)
    assert own.is_head and own.unit.code == "T01-X01" and own.stage == Stage.PENDING
    assert Evaluation.objects.filter(
        cycle=cycle, unit__path__startswith=own.unit.path, stage=Stage.APPRAISAL
    ).exists()
    # The inflated cells of the commune under appraisal still wait for their justification.
    assert not Justification.objects.filter(cycle=cycle, unit__path__startswith=own.unit.path).exists()
