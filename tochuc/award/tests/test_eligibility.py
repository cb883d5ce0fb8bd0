from __future__ import annotations

import datetime as dt

import pytest

from tochuc.award import services
from tochuc.award.errors import AwardErrorCode
from tochuc.award.models import AwardEntry, AwardRound
from tochuc.award.rules import AWARD_PACKS, get_award_pack
from tochuc.award.tests.conftest import MakeEntry
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_the_window_defaults_to_the_pack(award_round: AwardRound) -> None:
    assert award_round.window_start == dt.date(2024, 11, 1)
    assert award_round.window_end == dt.date(2025, 10, 31)
    assert award_round.pack == "blv-2021"


@pytest.mark.parametrize(
    ("day", "eligible"),
    [
        (dt.date(2024, 10, 31), False),
        (dt.date(2024, 11, 1), True),
        (dt.date(2025, 10, 31), True),
        (dt.date(2025, 11, 1), False),
    ],
)
def test_eligibility_at_the_window_boundaries(make_entry: MakeEntry, day: dt.date, eligible: bool) -> None:
    entry = make_entry(published_on=day)
    assert entry.eligible is eligible
    if not eligible:
        assert "ngoài thời gian xét giải từ 01/11/2024 đến 31/10/2025" in entry.ineligible_reason


def test_off_topic_is_refused_with_the_reason(make_entry: MakeEntry) -> None:
    entry = make_entry(topic="sport")
    assert not entry.eligible
    assert "không về công tác xây dựng Đảng" in entry.ineligible_reason


def test_one_entry_per_author_the_later_one_is_refused(make_entry: MakeEntry) -> None:
    first = make_entry("Bài một", authors=("Lê Thị Hoa",))
    second = make_entry("Bài hai", authors=("Le Thi  Hoa", "Phạm An"), form="online")
    third = make_entry("Bài ba", authors=("Phạm An",))
    assert first.eligible
    assert not second.eligible
    assert "Lê Thị Hoa" not in second.ineligible_reason  # the name as written on this entry
    assert "Le Thi Hoa đã có 1 tác phẩm dự giải" in second.ineligible_reason
    # The refused entry does not use up its other author's allowance.
    assert third.eligible


def test_an_entry_outside_the_window_does_not_use_the_allowance(make_entry: MakeEntry) -> None:
    late = make_entry("Đăng muộn", published_on=dt.date(2025, 12, 1))
    good = make_entry("Đúng hạn")
    assert not late.eligible
    assert good.eligible


def test_the_limit_per_form_when_the_pack_says_so(tree: Tree, organizer, make_entry: MakeEntry) -> None:
    from dataclasses import replace

    per_form = replace(get_award_pack(), code="blv-test-2030", author_limit_per_form=True)
    with AWARD_PACKS.installed(per_form):
        other = services.round_open(actor=organizer, organizer=tree.commission, year=2030, pack=per_form.code)
        a = make_entry("In", round=other, form="print", published_on=dt.date(2030, 1, 5))
        b = make_entry("Điện tử", round=other, form="online", published_on=dt.date(2030, 1, 6))
        c = make_entry("In nữa", round=other, form="print", published_on=dt.date(2030, 1, 7))
    assert (a.eligible, b.eligible, c.eligible) == (True, True, False)
    assert "cùng loại hình" in c.ineligible_reason


def test_only_the_central_level_organizes(tree: Tree, inside, organizer) -> None:
    with pytest.raises(DomainError) as refused:
        services.round_open(actor=organizer, organizer=tree.department, year=2026)
    assert refused.value.code == AwardErrorCode.NOT_AN_ORGANIZER
    with pytest.raises(DomainError) as outside_scope:
        services.round_open(actor=inside, organizer=tree.commission, year=2026)
    assert outside_scope.value.code == "not_found"


def test_every_number_of_a_pack_has_a_source() -> None:
    for pack in AWARD_PACKS.available():
        for key in ("window", "prizes", "author_limit", "max_score", "advance_min_score", "ties"):
            assert str(pack.sources[key])
        assert not pack.sources["max_score"].confirmed
        assert "chưa xác nhận" in str(pack.sources["max_score"])


def test_entries_stay_with_their_round(award_round: AwardRound, make_entry: MakeEntry) -> None:
    make_entry()
    assert AwardEntry.objects.filter(round=award_round).count() == 1
