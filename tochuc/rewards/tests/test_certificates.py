"""Certificates and titles from results: proposed, refused with the reason, quotas, approved by another."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.accounts.models import User
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Evaluation
from tochuc.evaluations.services.cycle import cycle_open
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import unit_create
from tochuc.people.models import Person
from tochuc.rewards.certificate_services import certificate_approve, certificate_propose
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import Certificate, CertificateStatus, DisciplineForm
from tochuc.rewards.results import proposals_for_cycle, proposals_from_results
from tochuc.rewards.services import discipline_record
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def rate(tree: Tree, year: int, people: dict[Person, str], units: dict[OrgUnit, str] | None = None) -> None:
    cycle = cycle_open(
        actor=None, code=f"N{year}", name=f"Năm {year}", unit=tree.commune, kind="annual", year=year
    )
    for person, rating in people.items():
        Evaluation.objects.filter(cycle=cycle, person=person).update(final_rating=rating)
    for unit, rating in (units or {}).items():
        Evaluation.objects.filter(cycle=cycle, person=None, unit=unit).update(final_rating=rating)


def test_a_rating_below_the_threshold_is_refused_with_the_reason(tree: Tree, make_member: MakeMember) -> None:
    good = make_member(dt.date(2005, 1, 1))
    rate(tree, 2025, {good: "good"})
    with pytest.raises(DomainError) as refused:
        certificate_propose(
            actor=None, person=good, year=2025, title=Certificate.GRASSROOTS, proposed_by=tree.grassroots
        )
    assert refused.value.code == RewardsErrorCode.NOT_A_CANDIDATE
    assert "Hoàn thành tốt nhiệm vụ, dưới mức Hoàn thành xuất sắc nhiệm vụ" in refused.value.message


def test_five_years_are_needed_for_the_upper_certificate(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(2005, 1, 1))
    for year in range(2021, 2026):
        rate(tree, year, {member: "good" if year == 2022 else "excellent"})
    with pytest.raises(DomainError) as refused:
        certificate_propose(
            actor=None, person=member, year=2025, title=Certificate.UPPER, proposed_by=tree.grassroots
        )
    assert "Năm 2022" in refused.value.message
    certificate_propose(
        actor=None, person=member, year=2025, title=Certificate.GRASSROOTS, proposed_by=tree.grassroots
    )


def test_a_discipline_in_the_year_refuses_the_proposal_and_the_approval(
    tree: Tree, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2005, 1, 1))
    rate(tree, 2025, {member: "excellent"})
    proposal = certificate_propose(
        actor=None, person=member, year=2025, title=Certificate.GRASSROOTS, proposed_by=tree.grassroots
    )
    discipline_record(
        actor=None,
        person=member,
        form=DisciplineForm.REPRIMAND,
        violation="Vi phạm",
        violation_on=dt.date(2025, 6, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="3-QĐ/ĐU",
        decided_on=dt.date(2025, 9, 1),
    )
    with pytest.raises(DomainError) as refused:
        certificate_approve(
            actor=None,
            proposal=proposal,
            level=tree.commune,
            decision_number="1-QĐ",
            decided_on=dt.date(2026, 1, 5),
        )
    assert "Bị kỷ luật trong năm 2025" in refused.value.message


def test_approved_by_another_user_and_written_on_the_2c(
    tree: Tree, inside: User, leader: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2005, 1, 1))
    rate(tree, 2025, {member: "excellent"})
    proposal = certificate_propose(
        actor=inside, person=member, year=2025, title=Certificate.GRASSROOTS, proposed_by=tree.grassroots
    )
    with pytest.raises(DomainError) as twice:
        certificate_propose(
            actor=inside, person=member, year=2025, title=Certificate.GRASSROOTS, proposed_by=tree.grassroots
        )
    assert twice.value.code == RewardsErrorCode.ALREADY_PROPOSED
    approved = certificate_approve(
        actor=leader,
        proposal=proposal,
        level=tree.commune,
        decision_number="15-QĐ/ĐU",
        decided_on=dt.date(2026, 1, 10),
    )
    assert approved.status == CertificateStatus.APPROVED
    [line] = member.rewards.all()
    assert line.title == "Giấy khen của cấp ủy cơ sở năm 2025"
    assert "15-QĐ/ĐU" in line.decided_by


def test_the_standout_quota_is_checked(tree: Tree) -> None:
    # Ten grassroots organizations rated Excellent: at most two (20 %) may be standout.
    units = [tree.grassroots] + [
        unit_create(
            actor=None,
            parent=tree.commune,
            code=f"T01-X01-CS{i}",
            name=f"Đảng bộ cơ sở {i}",
            kind=UnitKind.GRASSROOTS,
        )
        for i in range(2, 11)
    ]
    rate(tree, 2025, {}, {u: "excellent" for u in units})
    assert proposals_from_results(tree.commune, year=2025).standout_quota == 2
    for unit in units[:2]:
        certificate_propose(
            actor=None, unit=unit, year=2025, title=Certificate.STANDOUT, proposed_by=tree.commune
        )
    with pytest.raises(DomainError) as full:
        certificate_propose(
            actor=None, unit=units[2], year=2025, title=Certificate.STANDOUT, proposed_by=tree.commune
        )
    assert full.value.code == RewardsErrorCode.QUOTA_EXCEEDED
    assert "2" in full.value.message and "20%" in full.value.message


def test_a_cycle_proposes_rewards_and_discipline(tree: Tree, make_member: MakeMember) -> None:
    best = make_member(dt.date(2005, 1, 1), name="Trần Văn Giỏi")
    weak = make_member(dt.date(2005, 1, 1), name="Phan Văn Yếu")
    rate(tree, 2025, {best: "excellent", weak: "not_completed"}, {tree.cell: "not_completed"})
    from tochuc.evaluations.models import EvaluationCycle

    found = proposals_for_cycle(EvaluationCycle.objects.get(code="N2025"))
    assert {(r.code, r.title) for r in found.rewards} == {(best.code, "grassroots_certificate")}
    assert {(d.kind, d.code) for d in found.discipline} == {
        ("member", weak.code),
        ("organization", tree.cell.code),
    }
    assert found.as_json()["unit"] == tree.commune.code
    # Once a discipline is proposed for the member, they leave the list.
    from tochuc.rewards.discipline_services import discipline_propose

    discipline_propose(
        actor=None,
        person=weak,
        form=DisciplineForm.REPRIMAND,
        violation="Không hoàn thành nhiệm vụ được giao",
        violation_on=dt.date(2025, 10, 1),
        proposed_by=tree.grassroots,
        proposed_on=dt.date(2025, 12, 20),
    )
    again = proposals_from_results(tree.commune, year=2025)
    assert [d.code for d in again.discipline] == [tree.cell.code]
