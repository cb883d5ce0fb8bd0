"""Each rule of the packs at its boundaries, over facts built in memory (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Frame
from tochuc.evaluations.rules import DEFAULT_PACK, Severity, available_packs, get_pack
from tochuc.evaluations.rules.base import Finding
from tochuc.evaluations.rules.engine import run
from tochuc.evaluations.rules.facts import CycleFacts, EvalFact, UnitFact

# A commune X (1) → grassroots G (2) → cells C1 (3), C2 (4); a second grassroots H (5) → cell D1 (6);
# cells E1–E4 (7–10) directly under the commune (six units under X).
UNITS = {
    1: ("X", "commune", None),
    2: ("G", "grassroots", 1),
    3: ("C1", "cell", 2),
    4: ("C2", "cell", 2),
    5: ("H", "grassroots", 1),
    6: ("D1", "cell", 5),
    7: ("E1", "cell", 1),
    8: ("E2", "cell", 1),
    9: ("E3", "cell", 1),
    10: ("E4", "cell", 1),
}


def _units() -> dict[int, UnitFact]:
    out: dict[int, UnitFact] = {}
    for uid in sorted(UNITS):
        code, kind, parent = UNITS[uid]
        path = (out[parent].path if parent else "") + f"{uid:08d}."
        out[uid] = UnitFact(uid, code, path, kind, parent, name=f"Đơn vị {code}")
    return out


_next = iter(range(1, 1_000_000))


def ind(unit: int, rating: str = "good", score: float | None = None, **kw: Any) -> EvalFact:
    eid = next(_next)
    kw.setdefault("stage", "decided")
    return EvalFact(
        id=eid,
        unit_id=unit,
        person_id=eid,
        person_code=f"P{eid}",
        final_rating=rating,
        final_score=Decimal(str(score)) if score is not None else None,
        **kw,
    )


def col(unit: int, rating: str = "good", **kw: Any) -> EvalFact:
    kw.setdefault("stage", "decided")
    return EvalFact(id=next(_next), unit_id=unit, frame="collective", final_rating=rating, **kw)


def check(
    evaluations: list[EvalFact], pack: str = DEFAULT_PACK, rule: str | None = None, **kw: Any
) -> list[Finding]:
    kw.setdefault("year", 2025)
    facts = CycleFacts(units=_units(), evaluations=evaluations, **kw)
    found = run(get_pack(pack), facts)
    return [f for f in found if rule is None or f.rule == rule]


# --- packs -----------------------------------------------------------------------------------------


def test_three_packs_are_discovered_with_the_default_first() -> None:
    codes = [p.code for p in available_packs()]
    assert codes == ["qd366-2025", "qd124-2023", "qd132-2018"]
    assert get_pack(DEFAULT_PACK).citation == "Quy định 366-QĐ/TW"
    with pytest.raises(DomainError):
        get_pack("qd999-1999")


@pytest.mark.parametrize("code", ["qd366-2025", "qd124-2023", "qd132-2018"])
@pytest.mark.parametrize("frame", list(Frame.values))
def test_every_frame_has_30_general_points_and_70_task_points(code: str, frame: str) -> None:
    criteria = get_pack(code).criteria(frame)
    assert criteria[-1][2] == 70
    assert sum(points for _key, _label, points in criteria[:-1]) == 30
    assert len({key for key, _label, _points in criteria}) == len(criteria)


def test_every_rule_has_a_vietnamese_citation_naming_its_regulation() -> None:
    for pack in available_packs():
        ids = [rule.id for rule in pack.rules]
        assert len(ids) == len(set(ids))
        for rule in pack.rules:
            assert pack.citation in rule.citation


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (100, "excellent"),
        (90, "excellent"),
        (89.9, "good"),
        (70, "good"),
        (69.9, "completed"),
        (50, "completed"),
        (49.9, "not_completed"),
        (0, "not_completed"),
    ],
)
def test_rating_for_score_bands(score: float, rating: str) -> None:
    pack = get_pack(DEFAULT_PACK)
    assert pack.rating_for_score(score) == rating
    low, high = pack.band(rating)
    assert low <= score <= high


# --- point band ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "score", "blocked"),
    [
        ("excellent", 90, False),
        ("excellent", 89.9, True),
        ("good", 89.9, False),
        ("good", 90, True),
        ("good", 70, False),
        ("good", 69.9, True),
        ("completed", 50, False),
        ("completed", 49.9, True),
        ("not_completed", 49.9, False),
    ],
)
def test_rating_outside_band(rating: str, score: float, blocked: bool) -> None:
    found = check([ind(3, rating, score)], rule="rating_outside_band")
    assert bool(found) is blocked
    if blocked:
        assert found[0].severity == Severity.BLOCK
        assert found[0].message.endswith(
            "(Quy định 366-QĐ/TW, thang điểm 100 và khung điểm của từng mức xếp loại)"
        )


def test_band_uses_the_most_advanced_pair_of_rating_and_score() -> None:
    # Self-review out of band, but the decision (within band) is what counts now.
    ev = ind(3, "good", 80, self_rating="excellent", self_score=Decimal("80"))
    assert check([ev], rule="rating_outside_band") == []
    ev = ind(3, "", None, proposed_rating="excellent", proposed_score=Decimal("85"), stage="appraisal")
    assert [f.rule for f in check([ev], rule="rating_outside_band")] == ["rating_outside_band"]


def test_the_same_data_under_two_packs_gives_different_findings() -> None:
    # 89.9 points rated Excellent: refused under 366 (point scale); 124 has no point scale.
    evaluations = [
        col(2, "good"),
        *[col(u, "good") for u in (3, 4)],
        ind(3, "excellent", 89.9, tasks_total=0),
    ]
    evaluations += [ind(3, "good", 80) for _ in range(5)]
    under_366 = {f.rule for f in check(evaluations, "qd366-2025")}
    under_124 = {f.rule for f in check(evaluations, "qd124-2023")}
    assert "rating_outside_band" in under_366
    assert "rating_outside_band" not in under_124


def test_disciplined_units_rule_exists_only_in_124() -> None:
    # Collective G with two cells, one disciplined (50 % > 20 %), rated Good.
    evaluations = [col(2, "good"), col(3, "completed", disciplined=True), col(4, "completed")]
    assert [f.rule for f in check(evaluations, "qd124-2023", "collective_disciplined_units")] == [
        "collective_disciplined_units"
    ]
    assert check(evaluations, "qd366-2025", "collective_disciplined_units") == []
    assert check(evaluations, "qd132-2018", "collective_disciplined_units") == []


def test_disciplined_units_boundary_is_strictly_above_20_percent() -> None:
    children = [2, 5, 7, 8, 9]
    one = [col(1, "good")] + [col(u, "good", disciplined=(u == 2)) for u in children]
    assert check(one, "qd124-2023", "collective_disciplined_units") == []  # 1/5 = 20 %: allowed
    two = [col(1, "good")] + [col(u, "good", disciplined=u in (2, 5)) for u in children]
    found = check(two, "qd124-2023", "collective_disciplined_units")
    assert [(f.unit, f.severity) for f in found] == [("X", Severity.BLOCK)]
    assert "2/5" in found[0].message and found[0].message.endswith(
        "(Quy định 124-QĐ/TW, tiêu chí mức «Không hoàn thành nhiệm vụ» đối với tập thể)"
    )
    rated_not_completed = [col(1, "not_completed")] + [
        col(u, "good", disciplined=u in (2, 5)) for u in children
    ]
    assert check(rated_not_completed, "qd124-2023", "collective_disciplined_units") == []


def test_leader_unit_tasks_threshold_differs_between_124_and_132() -> None:
    collective = col(3, "completed", tasks_total=100, tasks_done=60)
    head = ind(3, "completed", is_head=True, frame="leader")
    assert [f.rule for f in check([collective, head], "qd124-2023", "leader_unit_tasks")] == [
        "leader_unit_tasks"
    ]
    assert check([collective, head], "qd132-2018", "leader_unit_tasks") == []


# --- quota -----------------------------------------------------------------------------------------


def test_excellent_quota_exactly_20_percent_of_good_is_allowed() -> None:
    evaluations = [ind(3, "good") for _ in range(5)] + [ind(4, "excellent")]
    assert check(evaluations, rule="excellent_quota") == []


def test_excellent_quota_above_20_percent_is_blocked_per_grassroots_organization() -> None:
    excellent = ind(4, "excellent")
    evaluations = [ind(3, "good") for _ in range(4)] + [excellent]
    found = check(evaluations, rule="excellent_quota")
    assert [(f.rule, f.severity, f.unit, f.person) for f in found] == [
        ("excellent_quota", Severity.BLOCK, "G", None)
    ]
    assert found[0].related == (excellent.id,)
    assert "tối đa 0" in found[0].message
    # The Good members of another grassroots organization do not count for G.
    elsewhere = [ind(6, "good") for _ in range(10)]
    assert [f.unit for f in check(evaluations + elsewhere, rule="excellent_quota")] == ["G"]


def test_cells_directly_under_the_commune_form_the_commune_group() -> None:
    evaluations = [ind(7, "good") for _ in range(3)] + [ind(8, "good"), ind(9, "good"), ind(9, "excellent")]
    assert check(evaluations, rule="excellent_quota") == []
    evaluations.append(ind(7, "excellent"))
    assert [f.unit for f in check(evaluations, rule="excellent_quota")] == ["X"]


def test_excellent_quota_for_collectives_is_counted_per_parent() -> None:
    four_good = [col(u, "good") for u in (5, 7, 8, 9)]
    found = check([*four_good, col(2, "excellent")], rule="excellent_quota")
    assert [(f.unit, f.person) for f in found] == [("X", None)]
    assert "Tập thể trực thuộc" in found[0].message
    assert check([*four_good, col(10, "good"), col(2, "excellent")], rule="excellent_quota") == []


def test_not_reviewed_members_are_not_counted_in_the_quota() -> None:
    evaluations = [ind(3, "good") for _ in range(5)] + [ind(4, "excellent")]
    evaluations[0].stage = "not_reviewed"
    assert [f.rule for f in check(evaluations, rule="excellent_quota")] == ["excellent_quota"]


# --- head and collective ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collective", "head", "blocked"),
    [
        ("good", "good", False),
        ("good", "excellent", True),
        ("completed", "good", True),
        ("excellent", "good", False),
    ],
)
def test_head_may_not_be_rated_above_the_collective(collective: str, head: str, blocked: bool) -> None:
    c = col(3, collective)
    h = ind(3, head, is_head=True, frame="leader")
    found = check([c, h], rule="head_above_collective")
    assert bool(found) is blocked
    if blocked:
        assert (found[0].person, found[0].evaluation_id, found[0].related) == (h.person_code, h.id, (c.id,))
        assert "cao hơn" in found[0].message


def test_head_above_collective_reads_the_most_advanced_rating() -> None:
    c = col(3, "", proposed_rating="completed", stage="appraisal")
    h = ind(3, "", self_rating="excellent", suggested_rating="good", stage="comments", is_head=True)
    assert [f.rule for f in check([c, h], rule="head_above_collective")] == ["head_above_collective"]
    h.proposed_rating = "completed"
    assert check([c, h], rule="head_above_collective") == []


def test_head_decided_before_the_collective_is_blocked() -> None:
    c = col(3, "", proposed_rating="good", stage="appraisal")
    h = ind(3, "good", is_head=True)
    assert [f.rule for f in check([c, h], rule="collective_before_head")] == ["collective_before_head"]
    c.final_rating = "good"
    assert check([c, h], rule="collective_before_head") == []
    # A member who is not the head may be decided at any time.
    c.final_rating = ""
    assert check([c, ind(3, "good")], rule="collective_before_head") == []


# --- who must not be reviewed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "admitted", "blocked"),
    [
        ("full", dt.date(2025, 6, 30), False),
        ("probationary", dt.date(2025, 7, 1), True),
        ("full", None, False),
        ("exempt", dt.date(2000, 1, 1), True),
        ("suspended", dt.date(2000, 1, 1), True),
    ],
)
def test_members_who_must_not_be_reviewed(status: str, admitted: dt.date | None, blocked: bool) -> None:
    ev = ind(3, "good", membership_status=status, admitted_on=admitted)
    found = check([ev], rule="not_reviewable_rated")
    assert bool(found) is blocked
    if blocked:
        assert found[0].severity == Severity.BLOCK


def test_a_member_not_reviewed_and_without_rating_is_fine_and_quarter_ends_count() -> None:
    assert (
        check([ind(3, "", membership_status="exempt", stage="not_reviewed")], rule="not_reviewable_rated")
        == []
    )
    # Admitted 01/01/2025: 6 months are reached at the end of Q2 (30/06 is before 01/07).
    ev = ind(3, "good", admitted_on=dt.date(2025, 1, 1))
    assert check([ev], rule="not_reviewable_rated", kind="quarterly", quarter=2)
    assert check([ev], rule="not_reviewable_rated", kind="quarterly", quarter=3) == []


# --- Excellent preconditions ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on_time", "exceeding", "disciplined", "blocked"),
    [(10, 3, False, False), (10, 2, False, True), (9, 9, False, True), (10, 10, True, True)],
)
def test_excellent_preconditions(on_time: int, exceeding: int, disciplined: bool, blocked: bool) -> None:
    ev = ind(
        3,
        "excellent",
        tasks_total=10,
        tasks_on_time=on_time,
        tasks_exceeding=exceeding,
        disciplined=disciplined,
    )
    found = check([ev], rule="excellent_preconditions")
    assert bool(found) is blocked


def test_excellent_collective_needs_no_disciplined_subordinate_unit_or_leader() -> None:
    g = col(2, "excellent", tasks_total=10, tasks_on_time=10, tasks_exceeding=3)
    assert check([g, col(3, "good"), col(4, "good")], rule="excellent_preconditions") == []
    found = check([g, col(3, "good", disciplined=True), col(4, "good")], rule="excellent_preconditions")
    assert "C1" in found[0].message
    leader = ind(2, "completed", frame="leader", disciplined=True)
    found = check([g, leader], rule="excellent_preconditions")
    assert str(leader.person_code) in found[0].message


# --- leader triggers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("done", "blocked"), [(70, False), (69, True)])
def test_head_of_a_unit_below_70_percent_done(done: int, blocked: bool) -> None:
    c = col(3, "completed", tasks_total=100, tasks_done=done)
    h = ind(3, "completed", is_head=True, frame="leader")
    assert bool(check([c, h], rule="leader_unit_tasks")) is blocked
    h.final_rating = "not_completed"
    assert check([c, h], rule="leader_unit_tasks") == []


@pytest.mark.parametrize(("failing", "blocked"), [(3, False), (4, True)])
def test_head_with_more_than_half_the_units_led_not_completed(failing: int, blocked: bool) -> None:
    # The commune X leads six units (G, H, E1–E4); 3/6 is exactly half: allowed.
    units = [2, 5, 7, 8, 9, 10]
    children = [col(u, "not_completed" if i < failing else "good") for i, u in enumerate(units)]
    h = ind(1, "completed", is_head=True, frame="leader")
    found = check([col(1, "completed"), *children, h], rule="leader_units_not_completed")
    assert bool(found) is blocked
    if blocked:
        assert "4/6" in found[0].message


@pytest.mark.parametrize(("share", "blocked"), [("0.5000", False), ("0.5001", True), (None, False)])
def test_leader_low_confidence(share: str | None, blocked: bool) -> None:
    h = ind(3, "good", frame="leader", low_confidence_share=Decimal(share) if share else None)
    assert bool(check([h], rule="leader_low_confidence")) is blocked


def test_leader_disciplined_or_degenerated_must_be_not_completed() -> None:
    h = ind(3, "completed", frame="central_cadre", disciplined=True, degenerated=True)
    found = check([h])
    assert {"leader_disciplined", "leader_degenerated"} <= {f.rule for f in found}
    # A non-leader who is disciplined is not concerned by the leader triggers.
    assert check([ind(3, "completed", frame="non_leader", disciplined=True)], rule="leader_disciplined") == []


# --- collective with late tasks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "late", "blocked"),
    [("completed", 20, False), ("completed", 21, True), ("good", 21, True), ("not_completed", 50, False)],
)
def test_collective_completed_with_more_than_20_percent_late(rating: str, late: int, blocked: bool) -> None:
    c = col(3, rating, tasks_total=100, tasks_late=late, tasks_on_time=100 - late)
    assert bool(check([c], rule="collective_late_tasks")) is blocked


# --- statistical signals ---------------------------------------------------------------------------


@pytest.mark.parametrize(("good", "justify"), [(9, True), (8, False)])
def test_inflation_pattern_at_90_percent(good: int, justify: bool) -> None:
    people = [ind(3, "good" if i < good else "completed") for i in range(10)]
    found = check([col(3, "completed"), *people], rule="inflation_pattern")
    assert bool(found) is justify
    if justify:
        assert found[0].severity == Severity.JUSTIFY
        assert "9/10" in found[0].message
    assert check([col(3, "good"), *people], rule="inflation_pattern") == []


def test_far_from_siblings_gap_is_strict() -> None:
    def unit(u: int, good: int, total: int = 10) -> list[EvalFact]:
        return [ind(u, "good" if i < good else "completed") for i in range(total)]

    # C1 90 % vs C2 60 %: a gap of exactly 30 points is not flagged.
    assert check(unit(3, 9) + unit(4, 6), rule="far_from_siblings") == []
    found = check(unit(3, 10) + unit(4, 6), rule="far_from_siblings")
    assert {f.unit for f in found} == {"C1", "C2"}
    assert all(f.severity == Severity.INFO for f in found)


@pytest.mark.parametrize(("count", "same", "justify"), [(5, True, True), (4, True, False), (6, False, False)])
def test_identical_scores(count: int, same: bool, justify: bool) -> None:
    people = [ind(3, "good", 80 if same or i else 81) for i in range(count)]
    assert bool(check(people, rule="identical_scores")) is justify


def test_rating_jump_of_two_levels_against_the_previous_cycle() -> None:
    up = ind(3, "excellent", 95, tasks_total=0)
    one = ind(3, "good", 80)
    down = ind(3, "not_completed", 40)
    previous = {up.person_id: "completed", one.person_id: "completed", down.person_id: "good"}
    found = check([up, one, down], rule="rating_jump", previous_person=previous, previous_label="Năm 2024")
    assert [(f.person, f.severity) for f in found] == [
        (up.person_code, Severity.INFO),
        (down.person_code, Severity.INFO),
    ]
    assert "tăng 2 mức so với Năm 2024" in found[0].message
    assert "giảm 2 mức" in found[1].message


# --- justification ---------------------------------------------------------------------------------


def test_a_justification_marks_a_justify_finding_but_keeps_it() -> None:
    people = [ind(3, "good") for _ in range(5)]
    evaluations = [col(3, "completed"), *people]
    assert [f.justified for f in check(evaluations, rule="inflation_pattern")] == [False]
    found = check(evaluations, rule="inflation_pattern", justified={("inflation_pattern", "C1", None)})
    assert [f.justified for f in found] == [True]
    # A block finding cannot be justified away.
    h = ind(3, "excellent", is_head=True)
    found = check(
        [col(3, "good"), h],
        rule="head_above_collective",
        justified={("head_above_collective", "C1", h.person_code)},
    )
    assert [f.justified for f in found] == [False]


def test_messages_are_vietnamese_and_end_with_the_citation() -> None:
    evaluations = [
        col(3, "completed"),
        *[ind(3, "good", 80) for _ in range(5)],
        ind(3, "excellent", 89.9, is_head=True),
    ]
    found = check(evaluations)
    assert found
    for finding in found:
        rule = get_pack(DEFAULT_PACK).rule(finding.rule)
        assert rule is not None
        assert finding.message.endswith(f"({rule.citation})")
