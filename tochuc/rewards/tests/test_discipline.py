from __future__ import annotations

import datetime as dt

import pytest

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Evaluation
from tochuc.evaluations.rules import get_pack
from tochuc.evaluations.rules.engine import load_cycle_facts, run
from tochuc.evaluations.services.cycle import cycle_open
from tochuc.people.models import MembershipStatus
from tochuc.personnel.eligibility import load_facts
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import AppealOutcome, DisciplineForm
from tochuc.rewards.services import discipline_appeal_file, discipline_record
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def reprimand(tree: Tree, make_member: MakeMember, *, violation_on: dt.date, decided_on: dt.date) -> None:
    discipline_record(
        actor=None,
        person=make_member(dt.date(2000, 1, 1)),
        form=DisciplineForm.REPRIMAND,
        violation="Vi phạm quy định về những điều đảng viên không được làm",
        violation_on=violation_on,
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="05-QĐ/ĐU",
        decided_on=decided_on,
    )


def test_the_time_limit_runs_to_the_anniversary(tree: Tree, make_member: MakeMember) -> None:
    reprimand(tree, make_member, violation_on=dt.date(2020, 3, 10), decided_on=dt.date(2025, 3, 10))
    with pytest.raises(DomainError) as late:
        reprimand(tree, make_member, violation_on=dt.date(2020, 3, 10), decided_on=dt.date(2025, 3, 11))
    assert late.value.code == RewardsErrorCode.DISCIPLINE_REFUSED
    assert "hết thời hiệu 5 năm" in late.value.message
    assert "69-QĐ/TW" in late.value.message


def test_warning_level_has_ten_years_and_expulsion_none(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(2000, 1, 1))
    common = {
        "actor": None,
        "violation": "Vi phạm",
        "proposed_by": tree.grassroots,
        "decided_by": tree.commune,
        "decision_number": "1-QĐ/ĐU",
    }
    discipline_record(
        person=member,
        form=DisciplineForm.WARNING,
        violation_on=dt.date(2015, 6, 1),
        decided_on=dt.date(2025, 6, 1),
        **common,  # type: ignore[arg-type]
    )
    with pytest.raises(DomainError):
        discipline_record(
            person=member,
            form=DisciplineForm.REMOVAL,
            violation_on=dt.date(2015, 6, 1),
            decided_on=dt.date(2025, 6, 2),
            **common,  # type: ignore[arg-type]
        )
    discipline_record(
        person=member,
        form=DisciplineForm.EXPULSION,
        violation_on=dt.date(1990, 6, 1),
        decided_on=dt.date(2025, 6, 2),
        **common,  # type: ignore[arg-type]
    )


def test_forms_by_subject(tree: Tree, make_member: MakeMember) -> None:
    probationary = make_member(dt.date(2025, 1, 1), status=MembershipStatus.PROBATIONARY)
    with pytest.raises(DomainError) as refused:
        discipline_record(
            actor=None,
            person=probationary,
            form=DisciplineForm.REMOVAL,
            violation="Vi phạm",
            violation_on=dt.date(2025, 3, 1),
            proposed_by=tree.grassroots,
            decided_by=tree.grassroots,
            decision_number="2-QĐ/ĐU",
            decided_on=dt.date(2025, 4, 1),
        )
    assert "đảng viên dự bị" in refused.value.message
    with pytest.raises(DomainError):
        discipline_record(
            actor=None,
            unit=tree.cell,
            form=DisciplineForm.EXPULSION,
            violation="Vi phạm",
            violation_on=dt.date(2025, 3, 1),
            proposed_by=tree.commune,
            decided_by=tree.commune,
            decision_number="3-QĐ/ĐU",
            decided_on=dt.date(2025, 4, 1),
        )


def test_a_disciplined_organization_makes_the_collective_rule_fire(tree: Tree) -> None:
    cycle = cycle_open(
        actor=None,
        code="DG2025",
        name="Đánh giá 2025",
        unit=tree.commune,
        kind="annual",
        year=2025,
        pack="qd124-2023",
    )
    Evaluation.objects.filter(cycle=cycle, unit=tree.commune, person=None).update(final_rating="good")
    pack = get_pack("qd124-2023")

    def fired() -> list[str]:
        return [
            f.unit for f in run(pack, load_cycle_facts(cycle)) if f.rule == "collective_disciplined_units"
        ]

    assert fired() == []
    discipline_record(
        actor=None,
        unit=tree.grassroots,
        form=DisciplineForm.WARNING,
        violation="Buông lỏng lãnh đạo, để nhiều đảng viên vi phạm",
        violation_on=dt.date(2024, 11, 1),
        proposed_by=tree.commune,
        decided_by=tree.commune,
        decision_number="07-QĐ/ĐU",
        decided_on=dt.date(2025, 5, 20),
    )
    assert fired() == [tree.commune.code]


def test_a_discipline_of_another_year_does_not_count(tree: Tree) -> None:
    cycle = cycle_open(
        actor=None,
        code="DG2025",
        name="Đánh giá 2025",
        unit=tree.commune,
        kind="annual",
        year=2025,
        pack="qd124-2023",
    )
    Evaluation.objects.filter(cycle=cycle, unit=tree.commune, person=None).update(final_rating="good")
    discipline_record(
        actor=None,
        unit=tree.grassroots,
        form=DisciplineForm.REPRIMAND,
        violation="Vi phạm",
        violation_on=dt.date(2023, 11, 1),
        proposed_by=tree.commune,
        decided_by=tree.commune,
        decision_number="01-QĐ/ĐU",
        decided_on=dt.date(2024, 2, 1),
    )
    found = run(get_pack("qd124-2023"), load_cycle_facts(cycle))
    assert "collective_disciplined_units" not in {f.rule for f in found}


def test_a_member_discipline_reaches_the_2c_and_personnel_facts(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(2000, 1, 1))
    discipline_record(
        actor=None,
        person=member,
        form=DisciplineForm.WARNING,
        violation="Vi phạm",
        violation_on=dt.date(2024, 1, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="9-QĐ/ĐU",
        decided_on=dt.date(2024, 3, 1),
    )
    assert list(member.disciplines.values_list("form", flat=True)) == ["Cảnh cáo"]
    facts = load_facts([member.pk])
    assert facts[member.pk].disciplines == [("warning", dt.date(2024, 3, 1))]


def test_appeal_within_one_month_of_receipt(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(2000, 1, 1))
    decision = discipline_record(
        actor=None,
        person=member,
        form=DisciplineForm.REPRIMAND,
        violation="Vi phạm",
        violation_on=dt.date(2025, 1, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="4-QĐ/ĐU",
        decided_on=dt.date(2025, 1, 20),
    )
    with pytest.raises(DomainError) as late:
        discipline_appeal_file(
            actor=None,
            discipline=decision,
            received_on=dt.date(2025, 1, 31),
            filed_on=dt.date(2025, 3, 1),
            content="Xin xem xét lại",
        )
    assert late.value.code == RewardsErrorCode.APPEAL_LATE
    assert "28/02/2025" in late.value.message
    appeal = discipline_appeal_file(
        actor=None,
        discipline=decision,
        received_on=dt.date(2025, 1, 31),
        filed_on=dt.date(2025, 2, 28),
        content="Xin xem xét lại",
    )
    assert appeal.answer_due == dt.date(2025, 5, 29)
    assert appeal.outcome == AppealOutcome.PENDING


def test_an_expelled_member_is_no_longer_due_a_badge(tree: Tree, make_member: MakeMember) -> None:
    from tochuc.rewards.selectors import badges_due

    member = make_member(dt.date(1990, 1, 1))
    assert [r.code for r in badges_due(tree.province, on=dt.date(2026, 5, 19))] == [member.code]
    discipline_record(
        actor=None,
        person=member,
        form=DisciplineForm.EXPULSION,
        violation="Vi phạm nghiêm trọng",
        violation_on=dt.date(2025, 1, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.commune,
        decision_number="11-QĐ/ĐU",
        decided_on=dt.date(2025, 6, 1),
    )
    assert badges_due(tree.province, on=dt.date(2026, 5, 19)) == []
    assert [r.code for r in badges_due(tree.province, on=dt.date(2025, 5, 19))] == [member.code]
