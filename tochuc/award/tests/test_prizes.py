"""Prizes by quota, ties included: the pure allocation."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tochuc.award.prizes import Placed, Ranked, allocate

QUOTAS = (("A", 1), ("B", 2), ("C", 2))


def r(entry_id: int, final: str, pre: str = "80") -> Ranked:
    return Ranked(entry_id, Decimal(final), Decimal(pre))


def prizes(placed: list[Placed]) -> dict[int, str]:
    return {p.entry_id: p.prize for p in placed}


def test_plain_ranking_fills_each_level_in_turn() -> None:
    found = allocate([r(1, "90"), r(2, "88"), r(3, "87"), r(4, "80"), r(5, "79"), r(6, "70")], QUOTAS)
    assert prizes(found) == {1: "A", 2: "B", 3: "B", 4: "C", 5: "C", 6: ""}
    assert found[-1].note == "Hết số lượng giải"


def test_a_tie_on_the_final_is_broken_by_the_preliminary_and_said() -> None:
    found = allocate([r(1, "90", "75"), r(2, "90", "85")], QUOTAS)
    assert prizes(found) == {2: "A", 1: "B"}
    assert all("xếp theo điểm sơ khảo" in p.note for p in found)


def test_a_full_tie_that_does_not_fit_goes_down_together() -> None:
    found = allocate([r(1, "90"), r(2, "90"), r(3, "85")], QUOTAS)
    # Two tied for one A: both take B, the A stays empty; the next one takes C.
    assert prizes(found) == {1: "B", 2: "B", 3: "C"}
    assert "2 tác phẩm bằng điểm, còn 1 giải A: cùng xuống mức sau" in found[0].note
    assert found[0].rank == found[1].rank == 1 and found[2].rank == 3


def test_a_tie_beyond_the_last_level_gets_nothing() -> None:
    found = allocate([r(i, "80") for i in range(1, 7)], QUOTAS)
    assert set(prizes(found).values()) == {""}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(50, 100), st.integers(50, 100)), max_size=30))
def test_no_quota_is_ever_exceeded_and_better_never_gets_less(scores: list[tuple[int, int]]) -> None:
    ranked = [Ranked(i, Decimal(f), Decimal(p)) for i, (f, p) in enumerate(scores)]
    found = allocate(ranked, QUOTAS)
    counts: dict[str, int] = {}
    for p in found:
        counts[p.prize] = counts.get(p.prize, 0) + 1
    for level, quota in QUOTAS:
        assert counts.get(level, 0) <= quota
    order = ["A", "B", "C", ""]
    by_id = {x.entry_id: x for x in ranked}
    for a in found:
        for b in found:
            if (by_id[a.entry_id].final, by_id[a.entry_id].preliminary) > (
                by_id[b.entry_id].final,
                by_id[b.entry_id].preliminary,
            ):
                assert order.index(a.prize) <= order.index(b.prize)
