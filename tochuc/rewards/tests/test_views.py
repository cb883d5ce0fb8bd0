from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.rewards.models import BadgeStatus, PartyBadge
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db

BADGES = reverse("rewards:badges")


def test_the_committee_proposes_and_the_commune_decides(
    tree: Tree, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(1996, 5, 19), name="Lê Văn Cường")
    make_member(dt.date(1996, 5, 20), name="Phạm Thị Dung")  # one day short
    specialist = login(inside)
    page = specialist.get(BADGES, {"unit": "T01-X01-CS1", "on": "19/05/2026"})
    assert page.status_code == 200
    assert "Lê Văn Cường" in page.content.decode()
    assert "Phạm Thị Dung" not in page.content.decode()
    done = specialist.post(
        reverse("rewards:badge_propose"), {"unit": "T01-X01-CS1", "on": "19/05/2026", "people": [member.code]}
    )
    assert done.status_code == 302
    badge = PartyBadge.objects.get(person=member)
    assert (badge.years, badge.status, badge.proposed_by) == (30, BadgeStatus.PROPOSED, tree.grassroots)

    chief = login(leader)
    waiting = chief.get(BADGES, {"unit": "T01-X01", "on": "19/05/2026"})
    assert reverse("rewards:badge_decide", args=[badge.pk]) in waiting.content.decode()
    decided = chief.post(
        reverse("rewards:badge_decide", args=[badge.pk]),
        {"decision_number": "25-QĐ/ĐU", "decided_on": "10/05/2026", "badge_number": "30-0101"},
    )
    assert decided.status_code == 302
    badge.refresh_from_db()
    assert (badge.status, badge.badge_number, badge.decided_by) == (
        BadgeStatus.AWARDED,
        "30-0101",
        tree.commune,
    )
    profile = chief.get(reverse("people:detail", args=[member.code]))
    assert "Huy hiệu 30 năm tuổi Đảng, số 30-0101" in profile.content.decode()


def test_a_specialist_cannot_decide_and_outsiders_see_nothing(
    tree: Tree, inside: User, outside: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(1996, 5, 19))
    specialist = login(inside)
    specialist.post(
        reverse("rewards:badge_propose"), {"unit": "T01-X01-CS1", "on": "19/05/2026", "people": [member.code]}
    )
    badge = PartyBadge.objects.get(person=member)
    assert specialist.get(reverse("rewards:badge_decide", args=[badge.pk])).status_code == 404
    stranger = login(outside)
    assert stranger.get(BADGES, {"unit": "T01-X01-CS1", "on": "19/05/2026"}).status_code == 404
    assert (
        stranger.get(reverse("rewards:badges_export", args=["T01"]), {"on": "2026-05-19"}).status_code == 404
    )
    assert (
        stranger.post(
            reverse("rewards:badge_propose"),
            {"unit": "T01-X01-CS1", "on": "19/05/2026", "people": [member.code]},
        ).status_code
        == 404
    )


def test_downloads_are_audited(tree: Tree, inside: User, leader: User, make_member: MakeMember) -> None:
    make_member(dt.date(1996, 5, 19))
    specialist = login(inside)
    sheet = specialist.get(reverse("rewards:badges_export", args=["T01"]), {"on": "2026-05-19"})
    assert sheet.status_code == 200
    assert sheet["Content-Disposition"].endswith("huy-hieu-dang-T01-2026-05-19.xlsx")
    word = specialist.get(reverse("rewards:badge_proposal_docx", args=["T01-X01-CS1"]), {"on": "2026-05-19"})
    assert word.status_code == 200
    kinds = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"rewards.badges_due_export", "rewards.badge_proposal_document"} <= kinds


def test_a_probationary_member_is_not_offered(tree: Tree, inside: User, make_member: MakeMember) -> None:
    make_member(dt.date(1990, 5, 19), status="probationary", name="Võ Văn Em")
    page = login(inside).get(BADGES, {"unit": "T01", "on": "19/05/2026"})
    assert "Võ Văn Em" not in page.content.decode()
    assert "Không có đảng viên nào đến hạn" in page.content.decode()


def test_the_badge_page_starts_from_the_users_own_unit(tree: Tree, inside: User, leader: User) -> None:
    for user, code in [(inside, tree.province.code), (leader, tree.commune.code)]:
        page = login(user).get(reverse("rewards:badges")).content.decode()
        assert f'name="unit" value="{code}"' in page


def test_the_discipline_list_is_paged_with_its_total(
    tree: Tree, inside: User, outside: User, settings: Any
) -> None:
    from tochuc.rewards.discipline_services import discipline_propose

    settings.TOCHUC_PAGE_SIZE = 2
    for subject in (tree.commune, tree.grassroots, tree.cell):
        discipline_propose(
            actor=None,
            unit=subject,
            form="warning",
            violation=f"Vi phạm của {subject.code}",
            violation_on=dt.date(2025, 1, 10),
            proposed_by=tree.province,
            proposed_on=dt.date(2025, 2, 1),
        )
    first = login(inside).get("/rewards/discipline/", {"unit": "T01"}).content.decode()
    second = login(inside).get("/rewards/discipline/", {"unit": "T01", "page": "2"}).content.decode()
    assert "3 đề nghị và quyết định kỷ luật" in first
    names = [tree.commune.name, tree.grassroots.name, tree.cell.name]
    assert sorted(sum(1 for n in names if n in html) for html in (first, second)) == [1, 2]
    assert "unit=T01&amp;page=2" in first
    assert login(outside).get("/rewards/discipline/", {"unit": "T01"}).status_code == 404
    response = Client().get("/rewards/discipline/", {"unit": "T01"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
