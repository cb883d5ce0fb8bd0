"""Each signal rule at its threshold: one day, one change, one reveal short of it gives nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from tochuc.core.rules import run
from tochuc.inspections.rules import SupervisionFacts, get_pack
from tochuc.inspections.rules.base import (
    ClosedCycleWrite,
    JustifiedFlag,
    OverdueAnswer,
    OverdueTask,
    PendingDiscipline,
    RatingEditor,
    RevealCount,
    RightFeedback,
)

TODAY = dt.date(2026, 6, 30)
PACK = get_pack()


def kinds(facts: SupervisionFacts) -> list[str]:
    return [s.kind for s in run(PACK.rules, facts, PACK)]


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def test_justified_flag_is_a_signal_only_for_watched_rules() -> None:
    def flag(rule: str) -> JustifiedFlag:
        return JustifiedFlag(rule, "DG-2025", "T01-X01", "Xã", None, "", "Lý do", "/x")

    facts = SupervisionFacts(
        today=TODAY,
        justified_flags=[
            flag("inflation_pattern"),
            flag("identical_scores_excellent"),
            flag("excellent_quota"),
        ],
    )
    assert kinds(facts) == ["evaluation_flag_justified", "evaluation_flag_justified"]


def test_task_overdue_at_threshold() -> None:
    days = PACK.task_overdue_days

    def task(n: int) -> OverdueTask:
        return OverdueTask("01-KL/TU – 1", "Làm", "T01-X01", "Xã", ago(n), "/t")

    assert kinds(SupervisionFacts(today=TODAY, overdue_tasks=[task(days)])) == ["task_overdue"]
    assert kinds(SupervisionFacts(today=TODAY, overdue_tasks=[task(days - 1)])) == []


def test_answer_overdue_at_threshold() -> None:
    days = PACK.answer_overdue_days
    at = OverdueAnswer("proposal", "Kiến nghị", "T01-X01", "Xã", ago(days), "/p")
    below = OverdueAnswer("feedback", "PA-1", "T01-X01", "Xã", ago(days - 1), "/f")
    assert kinds(SupervisionFacts(today=TODAY, overdue_answers=[at, below])) == ["answer_overdue"]


def test_right_feedback_within_lookback() -> None:
    days = PACK.feedback_lookback_days
    inside = RightFeedback("PA-1", "T01-X01", "Xã", "P1", "Người", ago(days), "/f")
    outside = RightFeedback("PA-2", "T01-X01", "Xã", None, "", ago(days + 1), "/f")
    found = run(PACK.rules, SupervisionFacts(today=TODAY, right_feedback=[inside, outside]), PACK)
    assert [(s.kind, s.person) for s in found] == [("feedback_right", "P1")]


def test_discipline_without_follow_up_at_threshold() -> None:
    days = PACK.discipline_wait_days
    at = PendingDiscipline("Đề nghị", "T01-X01", "Xã", "P1", "Người", ago(days), "/i")
    below = PendingDiscipline("Đề nghị", "T01-X01", "Xã", "P2", "Người", ago(days - 1), "/i")
    found = run(PACK.rules, SupervisionFacts(today=TODAY, pending_discipline=[at, below]), PACK)
    assert [s.person for s in found] == ["P1"]


def test_rating_changes_at_threshold() -> None:
    n = PACK.rating_changes_min
    at = RatingEditor("a", "DG", "T01", "Tỉnh", n, "/a")
    below = RatingEditor("b", "DG", "T01", "Tỉnh", n - 1, "/a")
    found = run(PACK.rules, SupervisionFacts(today=TODAY, rating_editors=[at, below]), PACK)
    assert [s.kind for s in found] == ["ratings_changed_after_decision"]
    assert "a" in found[0].detail


def test_reveals_need_both_the_minimum_and_the_factor() -> None:
    low = PACK.reveal_min
    cases = {
        "at": RevealCount("U1", "Chi bộ", low, low / PACK.reveal_factor, "x", "/a"),
        "below_min": RevealCount("U2", "Chi bộ", low - 1, 0, "x", "/a"),
        "below_factor": RevealCount("U3", "Chi bộ", low, low / PACK.reveal_factor + 0.1, "x", "/a"),
    }
    found = run(PACK.rules, SupervisionFacts(today=TODAY, reveal_counts=list(cases.values())), PACK)
    assert [s.unit for s in found] == ["U1"]


def test_night_write_on_closed_cycle_at_the_hour_edges() -> None:
    tz = timezone.get_current_timezone()

    def write(hour: int) -> ClosedCycleWrite:
        at = dt.datetime(2026, 1, 5, hour, 30, tzinfo=tz)
        return ClosedCycleWrite("DG", "T01", "Tỉnh", "a", "evaluation.decide", at, "/a")

    hours = [PACK.night_start_hour - 1, PACK.night_start_hour, PACK.night_end_hour - 1, PACK.night_end_hour]
    found = run(
        PACK.rules, SupervisionFacts(today=TODAY, closed_cycle_writes=[write(h) for h in hours]), PACK
    )
    assert len(found) == 2


def test_every_rule_has_a_title_with_its_numbers() -> None:
    numbers = PACK.numbers()
    for rule in PACK.rules:
        title = rule.describe(numbers)
        assert "{" not in title
        assert rule.citation


@settings(max_examples=100, deadline=None)
@given(
    task_days=st.lists(st.integers(min_value=0, max_value=400), max_size=20),
    answer_days=st.lists(st.integers(min_value=0, max_value=400), max_size=20),
    changes=st.lists(st.integers(min_value=0, max_value=20), max_size=10),
)
def test_rules_combined_count_each_thing_past_its_own_threshold(
    task_days: list[int], answer_days: list[int], changes: list[int]
) -> None:
    facts = SupervisionFacts(
        today=TODAY,
        overdue_tasks=[OverdueTask("KL – 1", "x", "U", "Đơn vị", ago(n), "/t") for n in task_days],
        overdue_answers=[OverdueAnswer("proposal", "x", "U", "Đơn vị", ago(n), "/p") for n in answer_days],
        rating_editors=[RatingEditor(f"a{i}", "DG", "U", "Đơn vị", n, "/a") for i, n in enumerate(changes)],
    )
    found = kinds(facts)
    assert found.count("task_overdue") == sum(n >= PACK.task_overdue_days for n in task_days)
    assert found.count("answer_overdue") == sum(n >= PACK.answer_overdue_days for n in answer_days)
    assert found.count("ratings_changed_after_decision") == sum(n >= PACK.rating_changes_min for n in changes)
    assert len(found) == sum(
        found.count(k) for k in ("task_overdue", "answer_overdue", "ratings_changed_after_decision")
    )


def test_a_justified_flag_is_named_as_people_call_it_not_by_its_rule_id() -> None:
    from tochuc.evaluations.rules import get_pack as evaluation_pack

    facts = SupervisionFacts(
        today=TODAY,
        justified_flags=[
            JustifiedFlag("inflation_pattern", "DG-2025", "T01-X01", "Xã", None, "", "Lý do", "/x")
        ],
    )
    (signal,) = run(PACK.rules, facts, PACK)
    rule = evaluation_pack("qd366-2025").rule("inflation_pattern")
    assert rule is not None
    assert "inflation_pattern" not in signal.detail
    assert evaluation_pack("qd366-2025").rule_title(rule) in signal.detail
