"""Inflation analytics selectors: distributions, the four flags at their boundaries, scope."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.http import Http404
from hypothesis import given
from hypothesis import strategies as st

from tochuc.conftest import Tree, make_user
from tochuc.evaluations import analytics
from tochuc.evaluations.analytics import Distribution, FlagKind, Previous, UnitRow, flags_for
from tochuc.evaluations.models import CycleKind, EvaluationCycle
from tochuc.evaluations.permissions import get_analysed_cycle_for
from tochuc.evaluations.rules.base import RulePack
from tochuc.evaluations.tests.analytics_data import make_cycle, rate
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import unit_create

PACK = RulePack(code="test", name="Bộ quy tắc thử", citation="thử", inflation_share=0.9, sibling_gap=0.3)
G, E, C, N = "good", "excellent", "completed", "not_completed"


def _dist(**counts: Any) -> Distribution:
    return Distribution(**counts)


def _kinds(row: UnitRow, mean: float | None = None, pack: RulePack = PACK) -> list[str]:
    return [f.kind for f in flags_for(row, mean, pack)]


def _unit(code: str = "X") -> OrgUnit:
    return OrgUnit(code=code, name=code, kind=UnitKind.COMMUNE, path="00000001.")


# --- Flags, pure ------------------------------------------------------------------------------


def test_inflation_at_exactly_the_pack_share_is_flagged() -> None:
    row = UnitRow(unit=_unit(), dist=_dist(good=9, completed=1), collective=C)
    assert _kinds(row) == [FlagKind.INFLATION]
    flag = flags_for(row, None, PACK)[0]
    assert "90,0%" in flag.detail and "Hoàn thành nhiệm vụ" in flag.detail


def test_inflation_just_below_the_share_is_not_flagged() -> None:
    row = UnitRow(unit=_unit(), dist=_dist(good=89, excellent=0, completed=11), collective=C)
    assert _kinds(row) == []


def test_inflation_needs_the_collective_completed_or_worse() -> None:
    dist = _dist(excellent=3, good=7)
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective=G)) == []
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective="")) == []
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective=N)) == [FlagKind.INFLATION]


def test_inflation_threshold_comes_from_the_pack() -> None:
    row = UnitRow(unit=_unit(), dist=_dist(good=8, completed=2), collective=C)
    assert _kinds(row) == []
    looser = RulePack(code="x", name="x", citation="x", inflation_share=0.8)
    assert _kinds(row, pack=looser) == [FlagKind.INFLATION]


def test_far_from_siblings_is_strictly_above_the_gap() -> None:
    row = UnitRow(unit=_unit(), dist=_dist(good=10), collective=G)
    assert _kinds(row, mean=0.7) == []  # exactly 30 points: not flagged
    assert _kinds(row, mean=0.69) == [FlagKind.SIBLINGS]
    below = UnitRow(unit=_unit(), dist=_dist(good=3, completed=7), collective=G)
    assert _kinds(below, mean=0.6) == [] and _kinds(below, mean=0.61) == [FlagKind.SIBLINGS]
    assert _kinds(row, mean=None) == []


def test_identical_scores_need_five_people_all_scored_alike() -> None:
    five = _dist(good=5, scored=5, min_score=Decimal("80.0"), max_score=Decimal("80.0"))
    four = _dist(good=4, scored=4, min_score=Decimal("80.0"), max_score=Decimal("80.0"))
    spread = _dist(good=5, scored=5, min_score=Decimal("80.0"), max_score=Decimal("80.5"))
    one_unscored = _dist(good=6, scored=5, min_score=Decimal("80.0"), max_score=Decimal("80.0"))
    assert _kinds(UnitRow(unit=_unit(), dist=five, collective=G)) == [FlagKind.IDENTICAL]
    assert _kinds(UnitRow(unit=_unit(), dist=four, collective=G)) == []
    assert _kinds(UnitRow(unit=_unit(), dist=spread, collective=G)) == []
    assert _kinds(UnitRow(unit=_unit(), dist=one_unscored, collective=G)) == []


def test_jump_in_excellent_share_from_thirty_points() -> None:
    now = _dist(excellent=4, good=6)
    at = UnitRow(unit=_unit(), dist=now, collective=G, previous=Previous(0.1, G))
    below = UnitRow(unit=_unit(), dist=now, collective=G, previous=Previous(0.11, G))
    assert _kinds(at) == [FlagKind.JUMP]
    assert _kinds(below) == []


def test_jump_of_the_collective_by_two_levels() -> None:
    dist = _dist(good=10)
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective=E, previous=Previous(None, C))) == [
        FlagKind.JUMP
    ]
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective=E, previous=Previous(None, G))) == []
    assert _kinds(UnitRow(unit=_unit(), dist=dist, collective=G, previous=Previous(None, N))) == [
        FlagKind.JUMP
    ]


# --- With the database ------------------------------------------------------------------------


@pytest.fixture
def third(tree: Tree) -> OrgUnit:
    return unit_create(
        actor=None, parent=tree.province, code="T01-X03", name="Đảng bộ xã Hòa Lạc", kind="commune"
    )


@pytest.mark.django_db
def test_distribution_per_child_with_the_collective_beside_it(tree: Tree, inside) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.cell, [E, G, G, G, G, G, G, G, G, C], collective=G)  # inside commune X01
    rate(cycle, tree.commune, [], collective=C)
    rate(cycle, tree.commune2, [G, E, C, G, ""], collective=G)
    data = analytics.analytics_for(inside, cycle, tree.province)
    rows = {r.unit.code: r for r in data.rows}
    x01, x02 = rows["T01-X01"], rows["T01-X02"]
    assert (x01.dist.excellent, x01.dist.good, x01.dist.completed, x01.dist.not_completed) == (1, 8, 1, 0)
    assert x01.collective == C and x01.dist.good_or_better == pytest.approx(0.9)
    assert x01.has_children
    assert [f.kind for f in x01.flags] == [FlagKind.INFLATION]
    assert (x02.dist.rated, x02.dist.unrated, x02.dist.individuals) == (4, 1, 5)
    assert x02.collective == G and x02.flags == []
    assert data.total.individuals == 15
    assert [r.unit.code for r in data.flagged] == ["T01-X01"]


@pytest.mark.django_db
def test_current_rating_is_final_else_proposed_and_not_reviewed_apart(tree: Tree, inside) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.commune, [E, G], proposed_only=True)
    rate(cycle, tree.commune, [C, "-", ""])
    data = analytics.analytics_for(inside, cycle, tree.province)
    (row,) = [r for r in data.rows if r.unit == tree.commune]
    assert (row.dist.excellent, row.dist.good, row.dist.completed) == (1, 1, 1)
    assert (row.dist.unrated, row.dist.not_reviewed, row.dist.individuals) == (1, 1, 4)


@pytest.mark.django_db
def test_siblings_gap_compares_with_the_other_children(tree: Tree, inside, third: OrgUnit) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.commune, [G] * 10, collective=G)
    rate(cycle, tree.commune2, [G] * 6 + [C] * 4, collective=G)
    rate(cycle, third, [G] * 6 + [C] * 4, collective=G)
    rows = {r.unit.code: r for r in analytics.analytics_for(inside, cycle, tree.province).rows}
    pack = analytics.pack_for(cycle)
    assert pack.sibling_gap < 0.4
    assert rows["T01-X01"].has_flag(FlagKind.SIBLINGS)  # 100 % against a mean of 60 %
    assert not rows["T01-X02"].has_flag(FlagKind.SIBLINGS)  # 60 % against (100 + 60) / 2 = 80 %


@pytest.mark.django_db
def test_identical_scores_four_versus_five_people(tree: Tree, inside) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.commune, [G] * 5, scores=[80] * 5, collective=G)
    rate(cycle, tree.commune2, [G] * 4, scores=[80] * 4, collective=G)
    rows = {r.unit.code: r for r in analytics.analytics_for(inside, cycle, tree.province).rows}
    assert rows["T01-X01"].has_flag(FlagKind.IDENTICAL)
    assert not rows["T01-X02"].has_flag(FlagKind.IDENTICAL)


@pytest.mark.django_db
def test_year_on_year_jump_against_the_previous_cycle_of_the_same_kind(tree: Tree, inside) -> None:
    before = make_cycle(tree.centre, "DG-2024", year=2024)  # covers the province from above
    make_cycle(tree.province, "Q-2024", year=2024, kind=CycleKind.QUARTERLY, quarter=4)  # another kind
    cycle = make_cycle(tree.province)
    rate(before, tree.commune, [E] + [G] * 9, collective=C)
    rate(before, tree.commune2, [E] + [G] * 9, collective=G)
    rate(cycle, tree.commune, [E] * 4 + [G] * 6, collective=E)  # +30 points, +2 levels
    rate(cycle, tree.commune2, [E] * 3 + [G] * 7, collective=E)  # +20 points, +1 level
    data = analytics.analytics_for(inside, cycle, tree.province)
    assert data.previous_cycle == before
    rows = {r.unit.code: r for r in data.rows}
    jumps = [f.detail for f in rows["T01-X01"].flags if f.kind == FlagKind.JUMP]
    assert len(jumps) == 2 and "10,0%" in jumps[0] and "40,0%" in jumps[0]
    assert not rows["T01-X02"].has_flag(FlagKind.JUMP)


@pytest.mark.django_db
def test_scope_inside_sees_its_subtree_leader_only_his_commune(tree: Tree, inside, leader) -> None:
    national = make_cycle(tree.centre, "DG-TW")
    rate(national, tree.commune, [G] * 3, collective=G)
    rate(national, tree.other_cell, [E] * 7, collective=G)
    assert analytics.latest_cycle(inside) == national
    assert analytics.default_unit(inside, national) == tree.province
    data = analytics.analytics_for(inside, national, tree.province)
    assert data.total.individuals == 3  # nothing of the other province
    with pytest.raises(Http404):
        analytics.analytics_for(inside, national, tree.centre)
    with pytest.raises(Http404):
        analytics.analytics_for(leader, national, tree.province)
    assert analytics.default_unit(leader, national) == tree.commune
    assert analytics.analytics_for(leader, national, tree.commune).total.individuals == 3


@pytest.mark.django_db
def test_cycles_of_another_province_are_not_visible(tree: Tree, inside, outside) -> None:
    mine = make_cycle(tree.province, "DG-T01")
    theirs = make_cycle(tree.other_province, "DG-T02")
    assert list(analytics.visible_cycles(inside)) == [mine]
    assert list(analytics.visible_cycles(outside)) == [theirs]
    with pytest.raises(Http404):
        get_analysed_cycle_for(inside, "DG-T02")
    assert analytics.latest_cycle(make_user("nobody")) is None


@pytest.mark.django_db
def test_a_unit_without_children_lists_its_people(tree: Tree, inside) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.cell, [E, G, "-"], scores=[92, 75, None], collective=G)
    data = analytics.analytics_for(inside, cycle, tree.cell)
    assert [p.rating for p in data.people] == [E, G, ""]
    assert [p.score for p in data.people] == [Decimal("92.0"), Decimal("75.0"), None]
    assert data.collective == G
    assert len(data.rows) == 1 and data.rows[0].own


def test_too_few_rated_people_raise_no_share_signal() -> None:
    few = UnitRow(unit=_unit(), dist=_dist(good=2), collective=C)
    assert PACK.inflation_min_people == 3
    assert _kinds(few) == [] and _kinds(few, mean=0.1) == []
    assert _kinds(UnitRow(unit=_unit(), dist=_dist(good=3), collective=C)) == [FlagKind.INFLATION]


def test_identical_and_jump_thresholds_come_from_the_pack() -> None:
    four = _dist(good=4, scored=4, min_score=Decimal("80.0"), max_score=Decimal("80.0"))
    stricter = RulePack(code="x", name="x", citation="x", identical_min_people=4, jump_levels=1)
    assert _kinds(UnitRow(unit=_unit(), dist=four, collective=G), pack=stricter) == [FlagKind.IDENTICAL]
    up_one = UnitRow(unit=_unit(), dist=_dist(good=10), collective=E, previous=Previous(None, G))
    assert _kinds(up_one) == [] and _kinds(up_one, pack=stricter) == [FlagKind.JUMP]


@pytest.mark.django_db
def test_a_cell_is_checked_against_its_own_collective(tree: Tree, inside) -> None:
    cycle = make_cycle(tree.province)
    rate(cycle, tree.cell, [G] * 5, scores=[85] * 5, collective=C)
    data = analytics.analytics_for(inside, cycle, tree.cell)
    (row,) = data.rows
    assert row.own and row.collective == C
    assert {f.kind for f in row.flags} == {FlagKind.INFLATION, FlagKind.IDENTICAL}
    assert data.flagged == [row]


@pytest.mark.django_db
def test_cycles_are_those_over_or_under_the_reach_with_few_queries(
    tree: Tree, inside, outside, leader, django_assert_num_queries
) -> None:
    from tochuc.accounts.models import Role
    from tochuc.accounts.policy import Action, reaches
    from tochuc.accounts.services import grant_role
    from tochuc.evaluations.permissions import cycles_for, get_cycle_for

    def _found(lookup: Any, user: Any, code: str) -> bool:
        try:
            lookup(user, code)
        except Http404:
            return False
        return True

    cycles = [make_cycle(unit, f"DG-{unit.code}") for unit in tree.units()]
    single = make_user("single")
    grant_role(actor=None, user=single, role=Role.SPECIALIST, unit=tree.grassroots, include_subtree=False)
    evaluated = make_user("evaluated")
    (evaluation,) = rate(cycles[-1], tree.other_cell, [G])
    evaluated.person_id = evaluation.person_id
    evaluated.save()

    def meets(user, cycle: EvaluationCycle) -> bool:  # the rule on paths, as written before
        return any(
            r.path.startswith(cycle.unit.path) or (r.include_subtree and cycle.unit.path.startswith(r.path))
            for r in reaches(user, Action.VIEW)
        )

    for user in (inside, outside, leader, single, evaluated, make_user("nobody")):
        expected = {c.code for c in cycles if meets(user, c)}
        assert {c.code for c in analytics.visible_cycles(user)} == expected
        mine = {c.code for c in cycles if c.pk == cycles[-1].pk and user == evaluated}
        assert {c.code for c in cycles_for(user)} == expected | mine
        for cycle in cycles:  # one cycle looked up by its code: the same rule
            assert _found(get_cycle_for, user, cycle.code.lower()) == (cycle.code in expected | mine)
            assert _found(get_analysed_cycle_for, user, cycle.code) == (cycle.code in expected)
    assert {c.code for c in analytics.visible_cycles(single)} == {
        "DG-TW",
        "DG-T01",
        "DG-T01-X01",
        "DG-T01-X01-CS1",
    }
    reaches(inside, Action.VIEW)  # the grants are read once per request
    # The units that hold a cycle, those of them in reach, the cycles.
    with django_assert_num_queries(3):
        assert len(list(analytics.visible_cycles(inside))) == 6  # the Centre's, the province's and its 4


@given(st.lists(st.one_of(st.none(), st.floats(min_value=0, max_value=1)), max_size=40))
def test_sibling_means_are_the_means_of_the_other_shares(shares: list[float | None]) -> None:
    from tochuc.evaluations.analytics.selectors import sibling_means

    known = [(i, s) for i, s in enumerate(shares) if s is not None]
    expected = []
    for k, share in enumerate(shares):  # every other known share, in order, summed as before
        others = [s for i, s in known if i != k]
        expected.append(sum(others) / len(others) if others and share is not None else None)
    assert sibling_means(shares) == expected
