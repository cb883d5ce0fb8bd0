"""Counting ballots under the pack: quorum, threshold, most votes, ties."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import given
from hypothesis import strategies as st

from tochuc.core.errors import DomainError
from tochuc.personnel.ballots import has_quorum, parse_votes, tally, votes_needed
from tochuc.personnel.rules import available_packs, get_pack

PACK = get_pack()


def test_default_pack_is_377_and_packs_are_discovered() -> None:
    assert PACK.code == "qd377-2025"
    assert {"qd377-2025", "qd190-2024"} <= {pack.code for pack in available_packs()}
    assert len(PACK.internal_steps) == 5
    assert len(PACK.external_steps) == 3


@pytest.mark.parametrize(
    ("convened", "present", "valid"),
    [(30, 20, True), (30, 19, False), (9, 6, True), (9, 5, False), (10, 7, True), (10, 6, False)],
)
def test_quorum_is_two_thirds_of_those_convened(convened: int, present: int, valid: bool) -> None:
    assert has_quorum(PACK, convened=convened, present=present) is valid


@pytest.mark.parametrize(("convened", "needed"), [(30, 16), (31, 16), (25, 13), (2, 2), (1, 1)])
def test_votes_needed_is_strictly_more_than_half_of_those_convened(convened: int, needed: int) -> None:
    assert votes_needed(PACK, convened=convened) == needed


def test_exactly_half_is_not_enough_and_half_plus_one_is() -> None:
    half = tally(PACK, convened=30, present=28, seats=1, votes={"Nguyễn Văn An": 15})
    assert half.elected == []
    assert "chưa quá một nửa" in half.reasons[0]
    above = tally(PACK, convened=30, present=28, seats=1, votes={"Nguyễn Văn An": 16})
    assert above.elected == ["Nguyễn Văn An"]


def test_most_votes_wins_among_those_above_the_threshold() -> None:
    result = tally(PACK, convened=25, present=22, seats=1, votes={"Lê Thị Hoa": 14, "Trần Văn Bình": 18})
    assert result.elected == ["Trần Văn Bình"]
    assert result.not_elected == ["Lê Thị Hoa"]


def test_no_quorum_elects_nobody_whatever_the_votes() -> None:
    result = tally(PACK, convened=30, present=19, seats=1, votes={"Phạm Văn Cường": 19})
    assert not result.quorum
    assert result.elected == []
    assert "2/3" in result.reasons[0]


def test_tie_for_the_last_seat_elects_nobody_for_it_and_says_so() -> None:
    result = tally(PACK, convened=30, present=30, seats=2, votes={"A": 20, "B": 18, "C": 18})
    assert result.elected == ["A"]
    assert any("B, C" in reason and "bỏ phiếu lại" in reason for reason in result.reasons)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"convened": 10, "present": 11, "seats": 1, "votes": {"A": 6}}, "present"),
        ({"convened": 10, "present": 8, "seats": 1, "votes": {"A": 9}}, "votes"),
        ({"convened": 10, "present": 8, "seats": 1, "votes": {"A": -1}}, "votes"),
        ({"convened": 10, "present": -1, "seats": 1, "votes": {"A": 0}}, "present"),
        ({"convened": 0, "present": 0, "seats": 1, "votes": {"A": 0}}, "convened"),
        ({"convened": 10, "present": 8, "seats": 0, "votes": {"A": 6}}, "seats"),
    ],
)
def test_impossible_counts_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(DomainError) as error:
        tally(PACK, **kwargs)  # type: ignore[arg-type]
    assert error.value.field == field


def test_parse_votes_reads_names_with_spaces_and_refuses_garbage() -> None:
    assert parse_votes("Nguyễn Văn A=16, Trần Thị B=9") == {"Nguyễn Văn A": 16, "Trần Thị B": 9}
    for bad in ("A16", "A=x", "=3", "A=1,A=2"):
        with pytest.raises(DomainError):
            parse_votes(bad)


@given(
    convened=st.integers(min_value=1, max_value=60),
    data=st.data(),
)
def test_a_winner_always_clears_the_threshold_and_outpolls_every_loser(
    convened: int, data: st.DataObject
) -> None:
    present = data.draw(st.integers(min_value=0, max_value=convened))
    seats = data.draw(st.integers(min_value=1, max_value=3))
    counts = data.draw(st.lists(st.integers(min_value=0, max_value=present), min_size=1, max_size=6))
    votes = {f"Ứng viên {i}": count for i, count in enumerate(counts)}
    result = tally(PACK, convened=convened, present=present, seats=seats, votes=votes)
    assert len(result.elected) <= seats
    assert sorted(result.elected + result.not_elected) == sorted(votes)
    for name in result.elected:
        assert result.quorum
        assert votes[name] * 2 > convened
        assert all(votes[name] > votes[other] for other in result.not_elected)
    if not result.quorum:
        assert result.elected == []


def _run(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("ballot_tally", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(exit_.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_command_prints_the_contract_json() -> None:
    code, out, _ = _run(
        "--convened", "25", "--present", "20", "--seats", "1", "--votes", "Name A=16,Name B=9"
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"quorum", "needed", "elected", "not_elected", "reasons"}
    assert (result["quorum"], result["needed"], result["elected"], result["not_elected"]) == (
        True,
        13,
        ["Name A"],
        ["Name B"],
    )
    assert len(result["reasons"]) == 1
    assert result["reasons"][0].startswith("Name B: 9/25")


@pytest.mark.parametrize(
    "args",
    [
        ["--convened", "10", "--present", "8", "--votes", "A=9"],
        ["--convened", "10", "--present", "11", "--votes", "A=6"],
        ["--convened", "10", "--present", "8", "--votes", "A=-2"],
        ["--pack", "qd999-2099", "--convened", "10", "--present", "8", "--votes", "A=6"],
    ],
)
def test_command_exits_2_with_a_clear_message_on_bad_input(args: list[str]) -> None:
    code, out, err = _run(*args, "--format", "json")
    assert code == 2
    assert out == ""
    assert err.strip()
