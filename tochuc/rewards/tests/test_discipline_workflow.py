"""Discipline from proposal to decision, the appeal's answer, and the effects that follow."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.accounts.models import User
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.people.models import Person
from tochuc.personnel.eligibility import load_facts
from tochuc.rewards.discipline_services import appeal_answer, discipline_decide, discipline_propose
from tochuc.rewards.errors import RewardsErrorCode
from tochuc.rewards.models import AppealOutcome, Discipline, DisciplineForm, DisciplineStatus
from tochuc.rewards.selectors import badges_due, disciplined_between
from tochuc.rewards.services import discipline_appeal_file
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def propose(
    tree: Tree,
    *,
    actor: User | None = None,
    person: Person | None = None,
    form: str = DisciplineForm.WARNING,
    violation_on: dt.date = dt.date(2024, 1, 10),
    proposed_on: dt.date = dt.date(2025, 2, 1),
) -> Discipline:
    return discipline_propose(
        actor=actor,
        person=person,
        unit=None if person is not None else tree.grassroots,
        form=form,
        violation="Vi phạm nguyên tắc tập trung dân chủ",
        violation_on=violation_on,
        proposed_by=tree.grassroots if person is not None else tree.commune,
        proposed_on=proposed_on,
    )


def decide(d: Discipline, level_unit: object, *, actor: User | None = None, on: dt.date) -> Discipline:
    return discipline_decide(
        actor=actor,
        discipline=d,
        level=level_unit,  # type: ignore[arg-type]
        decision_number="12-QĐ/ĐU",
        decided_on=on,
    )


def test_a_proposal_has_no_effect_until_decided(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1990, 1, 1))
    d = propose(tree, person=member)
    assert d.status == DisciplineStatus.PROPOSED
    assert member.disciplines.count() == 0
    assert disciplined_between(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31), unit_ids=set(), person_ids={member.pk}
    ) == (set(), set())
    decide(d, tree.commune, on=dt.date(2025, 3, 1))
    d.refresh_from_db()
    assert (d.status, d.decided_by, d.decided_on) == (
        DisciplineStatus.DECIDED,
        tree.commune,
        dt.date(2025, 3, 1),
    )
    assert list(member.disciplines.values_list("form", flat=True)) == ["Cảnh cáo"]
    assert load_facts([member.pk])[member.pk].disciplines == [("warning", dt.date(2025, 3, 1))]


def test_the_decision_is_checked_against_the_time_limit_on_its_own_date(
    tree: Tree, make_member: MakeMember
) -> None:
    member = make_member(dt.date(1990, 1, 1))
    # Reprimand level: five years from 10/01/2020, the last day is 10/01/2025.
    d = propose(
        tree,
        person=member,
        form=DisciplineForm.REPRIMAND,
        violation_on=dt.date(2020, 1, 10),
        proposed_on=dt.date(2025, 1, 5),
    )
    with pytest.raises(DomainError) as late:
        decide(d, tree.commune, on=dt.date(2025, 1, 11))
    assert late.value.code == RewardsErrorCode.DISCIPLINE_REFUSED
    assert "hết thời hiệu 5 năm" in late.value.message and "10/01/2025" in late.value.message
    decide(d, tree.commune, on=dt.date(2025, 1, 10))


def test_a_proposal_past_the_time_limit_is_refused(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1990, 1, 1))
    with pytest.raises(DomainError) as late:
        propose(tree, person=member, violation_on=dt.date(2014, 2, 1), proposed_on=dt.date(2024, 2, 2))
    assert "hết thời hiệu 10 năm" in late.value.message
    propose(
        tree,
        person=member,
        form=DisciplineForm.EXPULSION,
        violation_on=dt.date(2000, 2, 1),
        proposed_on=dt.date(2024, 2, 2),
    )


def test_the_proposer_does_not_decide(tree: Tree, inside: User, make_member: MakeMember) -> None:
    from tochuc.accounts.models import Role
    from tochuc.accounts.services import grant_role

    grant_role(actor=None, user=inside, role=Role.LEADER, unit=tree.commune)
    d = propose(tree, actor=inside, person=make_member(dt.date(1990, 1, 1)))
    with pytest.raises(DomainError) as own:
        decide(d, tree.commune, actor=inside, on=dt.date(2025, 3, 1))
    assert own.value.code == RewardsErrorCode.DECIDER_IS_PROPOSER


def test_a_disciplined_organization_fires_the_rule_only_once_decided(tree: Tree) -> None:
    from tochuc.evaluations.models import Evaluation
    from tochuc.evaluations.rules import get_pack
    from tochuc.evaluations.rules.engine import load_cycle_facts, run
    from tochuc.evaluations.services.cycle import cycle_open

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

    def fired() -> list[str]:
        found = run(get_pack("qd124-2023"), load_cycle_facts(cycle))
        return [f.unit for f in found if f.rule == "collective_disciplined_units"]

    d = propose(tree, proposed_on=dt.date(2025, 4, 1))
    assert fired() == []
    decide(d, tree.commune, on=dt.date(2025, 5, 20))
    assert fired() == [tree.commune.code]


def file_appeal(d: Discipline) -> object:
    assert d.decided_on is not None
    return discipline_appeal_file(
        actor=None,
        discipline=d,
        received_on=d.decided_on + dt.timedelta(days=2),
        filed_on=d.decided_on + dt.timedelta(days=10),
        content="Đề nghị xem xét lại",
    )


def test_an_annulled_expulsion_gives_the_badge_back(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1990, 1, 1))
    d = propose(tree, person=member, form=DisciplineForm.EXPULSION, proposed_on=dt.date(2025, 5, 1))
    d = decide(d, tree.commune, on=dt.date(2025, 6, 1))
    assert badges_due(tree.province, on=dt.date(2026, 5, 19)) == []
    appeal = file_appeal(d)
    with pytest.raises(DomainError):  # the body that decided does not answer its own decision's appeal
        appeal_answer(
            actor=None,
            appeal=appeal,  # type: ignore[arg-type]
            level=tree.commune,
            outcome=AppealOutcome.ANNULLED,
            answered_on=dt.date(2025, 7, 1),
            answer="Xóa bỏ",
        )
    appeal_answer(
        actor=None,
        appeal=appeal,  # type: ignore[arg-type]
        level=tree.province,
        outcome=AppealOutcome.ANNULLED,
        answered_on=dt.date(2025, 7, 1),
        answer="Chưa đủ căn cứ khai trừ",
    )
    d.refresh_from_db()
    assert d.status == DisciplineStatus.ANNULLED
    assert member.disciplines.count() == 0
    assert [r.code for r in badges_due(tree.province, on=dt.date(2026, 5, 19))] == [member.code]


def test_an_appeal_may_change_the_form(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(1990, 1, 1))
    d = decide(propose(tree, person=member), tree.commune, on=dt.date(2025, 3, 1))
    appeal = file_appeal(d)
    with pytest.raises(DomainError) as same:
        appeal_answer(
            actor=None,
            appeal=appeal,  # type: ignore[arg-type]
            level=tree.province,
            outcome=AppealOutcome.CHANGED,
            changed_form=DisciplineForm.WARNING,
            answered_on=dt.date(2025, 4, 1),
            answer="Giữ",
        )
    assert same.value.code == RewardsErrorCode.APPEAL_OUTCOME
    appeal_answer(
        actor=None,
        appeal=appeal,  # type: ignore[arg-type]
        level=tree.province,
        outcome=AppealOutcome.CHANGED,
        changed_form=DisciplineForm.REPRIMAND,
        answered_on=dt.date(2025, 4, 1),
        answer="Giảm xuống khiển trách",
    )
    assert list(member.disciplines.values_list("form", flat=True)) == ["Khiển trách"]
    with pytest.raises(DomainError) as twice:
        appeal_answer(
            actor=None,
            appeal=appeal,  # type: ignore[arg-type]
            level=tree.province,
            outcome=AppealOutcome.UPHELD,
            answered_on=dt.date(2025, 4, 2),
            answer="Giữ nguyên",
        )
    assert twice.value.code == RewardsErrorCode.APPEAL_ANSWERED


def test_a_proposal_cannot_be_appealed(tree: Tree, make_member: MakeMember) -> None:
    d = propose(tree, person=make_member(dt.date(1990, 1, 1)))
    with pytest.raises(DomainError) as early:
        discipline_appeal_file(
            actor=None,
            discipline=d,
            received_on=dt.date(2025, 2, 2),
            filed_on=dt.date(2025, 2, 3),
            content="Xin xem xét",
        )
    assert early.value.code == RewardsErrorCode.DISCIPLINE_NOT_DECIDED
