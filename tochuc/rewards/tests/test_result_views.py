"""Discipline and certificate pages with the named cast: inside the subtree, outside, anonymous."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.evaluations.models import Evaluation
from tochuc.evaluations.services.cycle import cycle_open
from tochuc.rewards.models import CertificateStatus, Discipline, DisciplineStatus, RewardProposal
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db

DISCIPLINES = reverse("rewards:disciplines")
CERTIFICATES = reverse("rewards:certificates")


def test_the_specialist_proposes_the_leader_decides_and_the_2c_shows_it(
    tree: Tree, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2000, 1, 1), name="Đặng Văn Lỗi")
    specialist = login(inside)
    page = specialist.get(DISCIPLINES, {"unit": "T01-X01-CS1"})
    assert page.status_code == 200 and 'data-testid="discipline-propose"' in page.content.decode()
    violation_on = (dt.date.today() - dt.timedelta(days=100)).strftime("%d/%m/%Y")
    sent = specialist.post(
        reverse("rewards:discipline_propose"),
        {
            "unit": "T01-X01-CS1",
            "subject": member.code,
            "form": "warning",
            "violation": "Vi phạm quy định những điều đảng viên không được làm",
            "violation_on": violation_on,
        },
    )
    d = Discipline.objects.get(person=member)
    assert sent.status_code == 302 and sent["Location"] == reverse("rewards:discipline_detail", args=[d.pk])
    assert "discipline-decide" not in specialist.get(sent["Location"]).content.decode()

    chief = login(leader)
    detail = chief.get(reverse("rewards:discipline_detail", args=[d.pk])).content.decode()
    assert 'data-testid="discipline-decide"' in detail
    decided = chief.post(
        reverse("rewards:discipline_decide", args=[d.pk]),
        {
            "level": "T01-X01",
            "form": "warning",
            "decision_number": "21-QĐ/ĐU",
            "decided_on": dt.date.today().strftime("%d/%m/%Y"),
        },
    )
    assert decided.status_code == 302
    d.refresh_from_db()
    assert (d.status, d.decided_by) == (DisciplineStatus.DECIDED, tree.commune)
    profile = chief.get(reverse("people:detail", args=[member.code])).content.decode()
    assert "Cảnh cáo" in profile
    word = chief.get(reverse("rewards:discipline_docx", args=[d.pk]))
    assert word.status_code == 200
    assert AuditEvent.objects.filter(action="rewards.discipline_document").exists()


def test_a_refusal_past_the_time_limit_is_shown_on_the_form(
    tree: Tree, inside: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2000, 1, 1))
    page = login(inside).post(
        reverse("rewards:discipline_propose"),
        {
            "unit": "T01-X01-CS1",
            "subject": member.code,
            "form": "reprimand",
            "violation": "Vi phạm",
            "violation_on": "01/01/2015",
        },
    )
    assert page.status_code == 200
    assert "hết thời hiệu 5 năm" in page.content.decode()
    assert not Discipline.objects.exists()


def test_outsiders_and_the_anonymous_see_nothing(tree: Tree, outside: User, make_member: MakeMember) -> None:
    from tochuc.rewards.services import discipline_record

    member = make_member(dt.date(2000, 1, 1))
    d = discipline_record(
        actor=None,
        person=member,
        form="reprimand",
        violation="Vi phạm",
        violation_on=dt.date(2025, 1, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="1-QĐ",
        decided_on=dt.date(2025, 2, 1),
    )
    stranger = login(outside)
    assert stranger.get(DISCIPLINES, {"unit": "T01-X01"}).status_code == 404
    assert stranger.get(reverse("rewards:discipline_detail", args=[d.pk])).status_code == 404
    assert stranger.get(reverse("rewards:discipline_docx", args=[d.pk])).status_code == 404
    assert (
        stranger.post(
            reverse("rewards:discipline_appeal", args=[d.pk]),
            {"received_on": "03/02/2025", "filed_on": "04/02/2025", "content": "X"},
        ).status_code
        == 404
    )
    assert stranger.get(CERTIFICATES, {"unit": "T01", "year": "2025"}).status_code == 404
    anonymous = Client()
    for url in (DISCIPLINES, reverse("rewards:discipline_detail", args=[d.pk]), CERTIFICATES):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_certificates_are_proposed_and_approved_from_the_page(
    tree: Tree, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2005, 1, 1), name="Vũ Thị Xuất")
    cycle = cycle_open(actor=None, code="N2025", name="Năm 2025", unit=tree.commune, kind="annual", year=2025)
    Evaluation.objects.filter(cycle=cycle, person=member).update(final_rating="excellent")
    specialist = login(inside)
    page = specialist.get(CERTIFICATES, {"unit": "T01-X01-CS1", "year": "2025"}).content.decode()
    assert "Vũ Thị Xuất" in page
    specialist.post(
        reverse("rewards:certificate_propose"),
        {"unit": "T01-X01-CS1", "year": "2025", "items": [f"member:{member.code}:grassroots_certificate"]},
    )
    proposal = RewardProposal.objects.get(person=member)
    assert specialist.get(reverse("rewards:certificate_approve", args=[proposal.pk])).status_code == 404
    chief = login(leader)
    done = chief.post(
        reverse("rewards:certificate_approve", args=[proposal.pk]),
        {"level": "T01-X01", "decision_number": "30-QĐ/ĐU", "decided_on": "10/01/2026"},
    )
    assert done.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == CertificateStatus.APPROVED
    assert (
        "Giấy khen của cấp ủy cơ sở năm 2025"
        in chief.get(reverse("people:detail", args=[member.code])).content.decode()
    )
    for url, params in [
        (reverse("rewards:certificates_xlsx", args=["T01-X01"]), {"year": "2025"}),
        (reverse("rewards:certificate_list_docx", args=["T01-X01-CS1"]), {"year": "2025"}),
        (reverse("rewards:certificate_decision_docx", args=["T01-X01"]), {"number": "30-QĐ/ĐU"}),
    ]:
        assert chief.get(url, params).status_code == 200


def test_the_organizations_discipline_shows_on_its_page(tree: Tree, inside: User) -> None:
    from tochuc.rewards.services import discipline_record

    page = login(inside).get(reverse("orgunits:detail", args=[tree.cell.code])).content.decode()
    assert "Tổ chức chưa có khen thưởng theo kết quả hay kỷ luật nào được ghi nhận." in page
    discipline_record(
        actor=None,
        unit=tree.cell,
        form="warning",
        violation="Buông lỏng quản lý đảng viên",
        violation_on=dt.date(2025, 1, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.commune,
        decision_number="8-QĐ/ĐU",
        decided_on=dt.date(2025, 3, 1),
    )
    page = login(inside).get(reverse("orgunits:detail", args=[tree.cell.code])).content.decode()
    assert "Kỷ luật: Cảnh cáo" in page and "8-QĐ/ĐU" in page


def test_a_grant_on_the_unit_alone_does_not_open_the_results_of_everyone_below(
    tree: Tree, inside: User
) -> None:
    alone = make_user("chimotdonvi")
    grant_role(actor=None, user=alone, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False)
    url = f"{reverse('rewards:certificates')}?unit={tree.commune.code}&year=2025"
    assert login(alone).get(url).status_code == 404
    assert login(inside).get(url).status_code == 200
