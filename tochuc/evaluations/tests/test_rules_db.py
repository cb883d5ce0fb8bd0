"""The rule engine on the database: a whole cycle, one evaluation, a decision about to be recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Justification
from tochuc.evaluations.rules import blocking, check_cycle, check_decision, check_evaluation
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Membership, Person
from tochuc.people.services import derive_fields

pytestmark = pytest.mark.django_db


def make_person(
    unit: OrgUnit, code: str, *, status: str = "full", admitted: dt.date | None = dt.date(2010, 1, 1)
) -> Person:
    person = Person(
        code=code, unit=unit, full_name=f"Nguyễn Văn {code}", birth_date=dt.date(1980, 1, 1), gender="male"
    )
    derive_fields(person)
    person.save()
    Membership.objects.create(person=person, status=status, admitted_on=admitted)
    return person


def make_cycle(
    tree: Tree, code: str = "DG2025", *, year: int = 2025, pack: str = "qd366-2025"
) -> EvaluationCycle:
    return EvaluationCycle.objects.create(
        code=code, name=f"Đánh giá năm {year}", unit=tree.province, kind="annual", year=year, pack=pack
    )


def collective(cycle: EvaluationCycle, unit: OrgUnit, rating: str = "", **kw: Any) -> Evaluation:
    kw.setdefault("stage", "decided" if rating else "pending")
    return Evaluation.objects.create(
        cycle=cycle, unit=unit, subject_kind="collective", frame="collective", final_rating=rating, **kw
    )


def individual(
    cycle: EvaluationCycle,
    unit: OrgUnit,
    person: Person,
    rating: str = "",
    score: float | None = None,
    **kw: Any,
) -> Evaluation:
    kw.setdefault("stage", "decided" if rating else "pending")
    kw.setdefault("frame", "non_leader")
    return Evaluation.objects.create(
        cycle=cycle,
        unit=unit,
        person=person,
        subject_kind="individual",
        final_rating=rating,
        final_score=Decimal(str(score)) if score is not None else None,
        **kw,
    )


def cell_with_members(
    cycle: EvaluationCycle,
    tree: Tree,
    ratings: list[str],
    *,
    collective_rating: str = "good",
    prefix: str = "M",
) -> tuple[Evaluation, list[Evaluation]]:
    col = collective(cycle, tree.cell, collective_rating)
    people = [
        individual(
            cycle,
            tree.cell,
            make_person(tree.cell, f"{prefix}{i:03d}"),
            rating,
            80 if rating == "good" else None,
        )
        for i, rating in enumerate(ratings)
    ]
    return col, people


def test_check_cycle_lists_findings_in_unit_path_order_with_few_queries(
    tree: Tree, django_assert_max_num_queries: Any
) -> None:
    cycle = make_cycle(tree)
    collective(cycle, tree.commune, "good")
    collective(cycle, tree.grassroots, "good")
    cell_with_members(cycle, tree, ["good"] * 4 + ["excellent"])
    head = make_person(tree.commune, "HEAD")
    individual(cycle, tree.commune, head, "excellent", 95, is_head=True, frame="leader")
    # Five for the evaluations, two for the answering record of the collectives (proposals, feedback).
    with django_assert_max_num_queries(8):
        findings = check_cycle(cycle)
    rules = [(f.rule, f.unit, f.person) for f in findings]
    assert ("head_above_collective", "T01-X01", "HEAD") in rules
    assert ("excellent_quota", "T01-X01-CS1", None) in rules
    assert [f.unit for f in findings] == sorted(
        (f.unit for f in findings), key=lambda code: OrgUnit.objects.get(code=code).path
    )


def test_same_cycle_under_two_packs_gives_different_findings(tree: Tree) -> None:
    cycle = make_cycle(tree)
    individual(cycle, tree.cell, make_person(tree.cell, "A1"), "excellent", 89.9)
    individual(cycle, tree.cell, make_person(tree.cell, "A2"), "good", 80)
    assert "rating_outside_band" in {f.rule for f in check_cycle(cycle)}
    cycle.pack = "qd124-2023"
    assert "rating_outside_band" not in {f.rule for f in check_cycle(cycle)}
    cycle.pack = "qd000-0000"
    with pytest.raises(DomainError):
        check_cycle(cycle)


def test_check_decision_refuses_a_head_above_the_collective(tree: Tree) -> None:
    cycle = make_cycle(tree)
    cell_with_members(cycle, tree, ["good"] * 5)  # the collective is Good; room for one Excellent
    head = individual(
        cycle, tree.cell, make_person(tree.cell, "BT"), "", is_head=True, frame="leader", stage="appraisal"
    )
    refused = blocking(check_decision(head, rating="excellent", score=95))
    assert [f.rule for f in refused] == ["head_above_collective"]
    assert blocking(check_decision(head, rating="good", score=85)) == []
    # Nothing was written: the evaluation in the database is unchanged.
    head.refresh_from_db()
    assert head.final_rating == ""


def test_check_decision_refuses_lowering_the_collective_under_its_decided_head(tree: Tree) -> None:
    cycle = make_cycle(tree)
    col, _people = cell_with_members(cycle, tree, ["good"] * 5)
    individual(cycle, tree.cell, make_person(tree.cell, "BT"), "good", 85, is_head=True, frame="leader")
    refused = blocking(check_decision(col, rating="completed", score=None))
    assert [(f.rule, f.person) for f in refused] == [("head_above_collective", "BT")]
    assert blocking(check_decision(col, rating="good", score=None)) == []


def test_check_decision_refuses_the_head_before_the_collective_and_a_wrong_band(tree: Tree) -> None:
    cycle = make_cycle(tree)
    collective(cycle, tree.cell, "", proposed_rating="good", stage="appraisal")
    head = individual(cycle, tree.cell, make_person(tree.cell, "BT"), "", is_head=True, stage="appraisal")
    assert {f.rule for f in blocking(check_decision(head, rating="good", score=80))} == {
        "collective_before_head"
    }
    member = individual(cycle, tree.cell, make_person(tree.cell, "DV"), "", stage="appraisal")
    assert [f.rule for f in check_decision(member, rating="good", score=Decimal("69.9"))] == [
        "rating_outside_band"
    ]
    assert check_decision(member, rating="good", score=70) == []


def test_check_decision_refuses_excellent_over_the_quota_of_the_grassroots_organization(tree: Tree) -> None:
    cycle = make_cycle(tree)
    _col, people = cell_with_members(cycle, tree, ["good"] * 5 + [""])
    candidate = people[-1]
    assert blocking(check_decision(candidate, rating="excellent", score=95)) == []  # 1 of 5 Good: 20 %
    Evaluation.objects.filter(pk=people[0].pk).update(final_rating="completed", final_score=60)
    refused = blocking(check_decision(candidate, rating="excellent", score=95))
    assert [(f.rule, f.unit) for f in refused] == [("excellent_quota", "T01-X01-CS1")]
    # The Good members are not blocked by somebody else's Excellent.
    assert blocking(check_evaluation(people[1])) == []


def test_check_evaluation_shows_the_unit_signals_and_marks_justified(tree: Tree) -> None:
    cycle = make_cycle(tree)
    col, people = cell_with_members(cycle, tree, ["good"] * 5, collective_rating="completed")
    found = check_evaluation(people[0])
    assert [(f.rule, f.justified) for f in found] == [
        ("inflation_pattern", False),
        ("identical_scores", False),
    ]
    assert [f.rule for f in check_evaluation(col)] == ["inflation_pattern", "identical_scores"]
    Justification.objects.create(
        cycle=cycle, rule="inflation_pattern", unit=tree.cell, text="Chi bộ mới kiện toàn"
    )
    marks = {f.rule: f.justified for f in check_cycle(cycle)}
    assert marks == {"inflation_pattern": True, "identical_scores": False}


def test_member_who_must_not_be_reviewed(tree: Tree) -> None:
    cycle = make_cycle(tree)
    recent = make_person(tree.cell, "MOI", status="probationary", admitted=dt.date(2025, 7, 1))
    exempt = make_person(tree.cell, "MIEN", status="exempt")
    ok = make_person(tree.cell, "DU", status="probationary", admitted=dt.date(2025, 6, 30))
    for person in (recent, exempt, ok):
        individual(cycle, tree.cell, person, "good", 80)
    found = [(f.rule, f.person) for f in check_cycle(cycle) if f.rule == "not_reviewable_rated"]
    assert found == [("not_reviewable_rated", "MIEN"), ("not_reviewable_rated", "MOI")]


def test_rating_jump_against_the_previous_annual_cycle_covering_the_unit(tree: Tree) -> None:
    before = EvaluationCycle.objects.create(
        code="DG2024", name="Đánh giá năm 2024", unit=tree.centre, kind="annual", year=2024, pack="qd124-2023"
    )
    person = make_person(tree.cell, "NHAY")
    individual(before, tree.cell, person, "completed")
    cycle = make_cycle(tree)
    now = individual(cycle, tree.cell, person, "excellent", 95)
    found = [f for f in check_cycle(cycle) if f.rule == "rating_jump"]
    assert [(f.person, f.severity) for f in found] == [("NHAY", "info")]
    assert "Đánh giá năm 2024" in found[0].message
    assert [f.rule for f in check_evaluation(now) if f.rule == "rating_jump"] == ["rating_jump"]


def test_one_evaluation_loads_only_its_neighbourhood(tree: Tree, django_assert_max_num_queries: Any) -> None:
    from tochuc.evaluations.rules import get_pack
    from tochuc.evaluations.rules.engine import load_neighbourhood

    cycle = make_cycle(tree)
    member = individual(cycle, tree.cell, make_person(tree.cell, "GAN"), "good", 80)
    near = collective(cycle, tree.cell, "good")
    far = individual(cycle, tree.commune2, make_person(tree.commune2, "XA"), "good", 80)
    with django_assert_max_num_queries(8):
        facts, _focus = load_neighbourhood(member, get_pack(cycle.pack))
    loaded = {ev.id for ev in facts.evaluations}
    assert {member.id, near.id} <= loaded
    assert far.id not in loaded
