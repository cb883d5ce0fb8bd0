"""Where the rules combine: whatever the ratings of a collective, its head and its group (at any step),
a combination that passes every ``block`` rule never has the head above the collective nor more
Excellent than 20 % of Good; and each of those two situations always produces a ``block`` finding."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tochuc.evaluations.rules import Severity, available_packs, get_pack
from tochuc.evaluations.rules.engine import run
from tochuc.evaluations.rules.facts import RATING_RANK, CycleFacts, EvalFact, UnitFact

RATINGS = ["excellent", "good", "completed", "not_completed"]
STEP_FIELDS = ["self_rating", "suggested_rating", "proposed_rating", "final_rating"]
PACK_CODES = [p.code for p in available_packs()]

UNITS = {
    1: UnitFact(1, "G", "00000001.", "grassroots", None),
    2: UnitFact(2, "C1", "00000001.00000002.", "cell", 1),
    3: UnitFact(3, "C2", "00000001.00000003.", "cell", 1),
}

# One evaluation's ratings: which steps have spoken (a prefix of the steps) and what they said.
steps = st.lists(st.sampled_from(RATINGS), min_size=1, max_size=4)


def _eval(
    eid: int, unit: int, ratings: list[str], *, person: bool, score: int | None, **kw: object
) -> EvalFact:
    ev = EvalFact(
        id=eid,
        unit_id=unit,
        person_id=eid if person else None,
        person_code=f"P{eid}" if person else None,
        frame="non_leader" if person else "collective",
        stage="decided" if len(ratings) == 4 else "self_review",
        **kw,  # type: ignore[arg-type]
    )
    for field, rating in zip(STEP_FIELDS, ratings, strict=False):
        setattr(ev, field, rating)
    if score is not None:
        ev.self_score = ev.proposed_score = ev.final_score = Decimal(score)
    return ev


@settings(max_examples=300, deadline=None)
@given(
    pack_code=st.sampled_from(PACK_CODES),
    collective=steps,
    head=steps,
    members=st.lists(
        st.tuples(steps, st.sampled_from([2, 3]), st.one_of(st.none(), st.integers(0, 100))), max_size=14
    ),
    collective_decided=st.booleans(),
)
def test_passing_every_block_rule_keeps_head_under_collective_and_excellent_under_quota(
    pack_code: str,
    collective: list[str],
    head: list[str],
    members: list[tuple[list[str], int, int | None]],
    collective_decided: bool,
) -> None:
    if collective_decided:
        collective = (collective + ["good"] * 4)[:4]
    evaluations = [
        _eval(1, 2, collective, person=False, score=None),
        _eval(2, 2, head, person=True, score=None, is_head=True),
    ]
    evaluations += [
        _eval(10 + i, unit, ratings, person=True, score=score)
        for i, (ratings, unit, score) in enumerate(members)
    ]
    facts = CycleFacts(year=2025, units=dict(UNITS), evaluations=evaluations)
    findings = run(get_pack(pack_code), facts)
    blocks = [f for f in findings if f.severity == Severity.BLOCK]

    head_above = RATING_RANK[evaluations[1].rating] > RATING_RANK[evaluations[0].rating]
    people = [ev for ev in evaluations if ev.person_id is not None]
    excellent = sum(1 for ev in people if ev.rating == "excellent")
    good = sum(1 for ev in people if ev.rating == "good")
    over_quota = 5 * excellent > good  # Excellent > 20 % of Good, in integers

    if not blocks:
        assert not head_above
        assert not over_quota
    assert head_above == any(f.rule == "head_above_collective" for f in blocks)
    quota = [f for f in blocks if f.rule == "excellent_quota" and f.unit == "G"]
    assert over_quota == any(min(f.related) >= 2 for f in quota)  # individuals of G
    # The only collective under G (the cell C1) is its own comparable group among collectives.
    assert (evaluations[0].rating == "excellent") == any(f.related == (1,) for f in quota)
