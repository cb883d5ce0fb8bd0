from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.people.models import MembershipStatus
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import BadgeStatus, EarlyReason, GapReason
from tochuc.rewards.party_age import party_age
from tochuc.rewards.rules import get_badge_pack
from tochuc.rewards.services import badge_decide, badge_propose, party_gap_record
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def due(unit: str, on: str) -> list[dict[str, object]]:
    out = StringIO()
    call_command("party_badges", "--unit", unit, "--on", on, "--format", "json", stdout=out)
    result: list[dict[str, object]] = json.loads(out.getvalue())
    return result


def test_party_age_counts_whole_years_to_the_anniversary() -> None:
    admitted = dt.date(1996, 5, 19)
    assert party_age(admitted, on=dt.date(2026, 5, 18)) == 29
    assert party_age(admitted, on=dt.date(2026, 5, 19)) == 30


def test_party_age_from_a_leap_day_is_reached_the_day_after_28_february() -> None:
    admitted = dt.date(1996, 2, 29)
    assert party_age(admitted, on=dt.date(2026, 2, 28)) == 29
    assert party_age(admitted, on=dt.date(2026, 3, 1)) == 30
    assert party_age(admitted, on=dt.date(2024, 2, 29)) == 28


def test_the_list_changes_on_the_anniversary_not_the_day_before(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1996, 5, 19), name="Trần Thị Bình")
    assert due("T01", "2026-05-18") == []
    assert due("T01", "2026-05-19") == [
        {"person": member.code, "name": "Trần Thị Bình", "years": 30, "admitted_on": "1996-05-19"}
    ]


def test_leap_day_admission_is_due_on_1_march(tree: Tree, make_member: MakeMember) -> None:
    make_member(dt.date(1996, 2, 29))
    assert due("T01", "2026-02-28") == []
    assert [row["years"] for row in due("T01", "2026-03-01")] == [30]


def test_a_period_outside_the_party_postpones_the_badge(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1996, 5, 19))
    party_gap_record(
        actor=None,
        person=member,
        start=dt.date(2000, 1, 1),
        end=dt.date(2000, 1, 11),
        reason=GapReason.LOST_CONTACT,
    )
    assert due("T01", "2026-05-19") == []
    assert due("T01", "2026-05-28") == []
    assert [row["years"] for row in due("T01", "2026-05-29")] == [30]


def test_probationary_members_never_appear(tree: Tree, make_member: MakeMember) -> None:
    make_member(dt.date(1980, 1, 1), status=MembershipStatus.PROBATIONARY)
    make_member(dt.date(1980, 1, 1), status=MembershipStatus.LEFT)
    assert due("T01", "2026-05-19") == []


def test_the_highest_milestone_reached_and_not_yet_awarded(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1978, 9, 2))
    assert [row["years"] for row in due("T01", "2026-09-02")] == [45]
    badge = badge_propose(
        actor=None, person=member, committee=tree.grassroots, years=45, ceremony_on=dt.date(2026, 9, 2)
    )
    assert [row["years"] for row in due("T01", "2026-09-02")] == [45]  # proposed, not yet awarded
    badge_decide(
        actor=None,
        badge=badge,
        level=tree.commune,
        decision_number="12-QĐ/ĐU",
        decided_on=dt.date(2026, 8, 20),
        badge_number="45-0001",
    )
    assert due("T01", "2026-09-02") == []
    assert [row["years"] for row in due("T01", "2033-09-02")] == [55]


def test_only_the_subtree_is_listed(tree: Tree, make_member: MakeMember) -> None:
    make_member(dt.date(1990, 1, 1), unit=tree.other_cell)
    assert due("T01", "2026-05-19") == []
    assert len(due("T02", "2026-05-19")) == 1


def test_bad_input_exits_with_code_2(tree: Tree) -> None:
    with pytest.raises(CommandError) as bad_date:
        call_command("party_badges", "--unit", "T01", "--on", "19/05/2026")
    assert bad_date.value.returncode == 2
    with pytest.raises(CommandError) as bad_unit:
        call_command("party_badges", "--unit", "NOPE", "--on", "2026-05-19")
    assert bad_unit.value.returncode == 2


def test_never_proposed_twice_for_the_same_milestone(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1996, 5, 19))
    badge_propose(
        actor=None, person=member, committee=tree.grassroots, years=30, ceremony_on=dt.date(2026, 5, 19)
    )
    with pytest.raises(DomainError) as again:
        badge_propose(
            actor=None, person=member, committee=tree.grassroots, years=30, ceremony_on=dt.date(2026, 5, 19)
        )
    assert again.value.code == RewardsErrorCode.ALREADY_PROPOSED


def test_not_reached_is_refused_with_the_date_and_citation(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1996, 9, 1))
    with pytest.raises(DomainError) as refused:
        badge_propose(
            actor=None, person=member, committee=tree.grassroots, years=30, ceremony_on=dt.date(2026, 5, 19)
        )
    assert "01/09/2026" in refused.value.message
    assert "01-HD/TW" in refused.value.message


def test_serious_illness_allows_twelve_months_early_below_seventy(
    tree: Tree, make_member: MakeMember
) -> None:
    pack = get_badge_pack()
    assert pack.early_limit_months(65, EarlyReason.ILLNESS) == 12
    assert pack.early_limit_months(70, EarlyReason.ILLNESS) == 24
    member = make_member(dt.date(1997, 5, 19))
    with pytest.raises(DomainError) as no_reason:
        badge_propose(
            actor=None,
            person=member,
            committee=tree.grassroots,
            years=30,
            ceremony_on=dt.date(2026, 5, 19),
            early_reason=EarlyReason.ILLNESS,
        )
    assert "lý do" in no_reason.value.message
    badge = badge_propose(
        actor=None,
        person=member,
        committee=tree.grassroots,
        years=30,
        ceremony_on=dt.date(2026, 5, 19),
        early_reason=EarlyReason.ILLNESS,
        reason="Ốm nặng, điều trị dài ngày",
    )
    assert badge.status == BadgeStatus.PROPOSED
    later = make_member(dt.date(1997, 5, 20))
    with pytest.raises(DomainError):
        badge_propose(
            actor=None,
            person=later,
            committee=tree.grassroots,
            years=30,
            ceremony_on=dt.date(2026, 5, 19),
            early_reason=EarlyReason.ILLNESS,
            reason="Ốm nặng",
        )


def test_another_anniversary_needs_its_name(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1990, 1, 1))
    with pytest.raises(DomainError):
        badge_propose(
            actor=None, person=member, committee=tree.grassroots, years=30, ceremony_on=dt.date(2026, 6, 1)
        )
    badge = badge_propose(
        actor=None,
        person=member,
        committee=tree.grassroots,
        years=30,
        ceremony_on=dt.date(2026, 6, 1),
        occasion="Ngày thành lập Đảng bộ xã",
    )
    assert badge.occasion == "Ngày thành lập Đảng bộ xã"


def test_the_decision_records_the_badge_on_the_2c(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1996, 5, 19))
    badge = badge_propose(
        actor=None, person=member, committee=tree.grassroots, years=30, ceremony_on=dt.date(2026, 5, 19)
    )
    with pytest.raises(DomainError):
        badge_decide(
            actor=None,
            badge=badge,
            level=tree.grassroots,
            decision_number="1",
            decided_on=dt.date(2026, 5, 10),
            badge_number="1",
        )
    badge_decide(
        actor=None,
        badge=badge,
        level=tree.commune,
        decision_number="15-QĐ/ĐU",
        decided_on=dt.date(2026, 5, 10),
        badge_number="30-0042",
    )
    titles = list(member.rewards.values_list("title", flat=True))
    assert titles == ["Huy hiệu 30 năm tuổi Đảng, số 30-0042"]
