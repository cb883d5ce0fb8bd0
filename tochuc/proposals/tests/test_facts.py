"""A unit's overdue answers and the feedback found right appear on its evaluation, through the
evaluation pack's rules (info up to the pack's number, justify above it)."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.conftest import Tree
from tochuc.core.rules import Severity
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.evaluations.rules import Finding, check_cycle, check_evaluation, get_pack
from tochuc.feedback import services as feedback_services
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals import services
from tochuc.proposals.facts import answering_counts
from tochuc.proposals.models import Proposal

pytestmark = pytest.mark.django_db

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
VOICES = {"answers_overdue", "answers_overdue_many", "feedback_found_right"}


def _send(tree: Tree, sent_on: dt.date) -> Proposal:
    return services.proposal_send(
        actor=None,
        from_unit=tree.commune,
        to_unit=None,
        kind="other",
        subject="Kiến nghị",
        content="x",
        sent_on=sent_on,
    )


def _answer(proposal: Proposal, on: dt.date) -> None:
    services.proposal_answer_write(actor=None, proposal=proposal, answer="Trả lời")
    services.proposal_answer_approve(actor=None, proposal=proposal, answered_on=on)


def _cycle(tree: Tree) -> EvaluationCycle:
    return EvaluationCycle.objects.create(
        code="DG2026",
        name="Đánh giá năm 2026",
        unit=tree.province,
        kind="annual",
        year=2026,
        pack="qd366-2025",
    )


def _collective(cycle: EvaluationCycle, unit: OrgUnit) -> Evaluation:
    return Evaluation.objects.create(cycle=cycle, unit=unit, subject_kind="collective", frame="collective")


def _voices(findings: list[Finding]) -> list[tuple[str, str, Severity]]:
    return [(f.rule, f.unit, f.severity) for f in findings if f.rule in VOICES]


def test_no_overdue_answers_no_finding(tree: Tree) -> None:
    cycle = _cycle(tree)
    _collective(cycle, tree.province)
    on_time = _send(tree, dt.date(2026, 2, 1))
    _answer(on_time, on_time.answer_due)
    assert _voices(check_cycle(cycle)) == []


def test_overdue_answers_are_info_then_justify_above_the_pack_number(tree: Tree) -> None:
    above = get_pack("qd366-2025").answers_overdue_justify_above
    cycle = _cycle(tree)
    province = _collective(cycle, tree.province)
    first = _send(tree, dt.date(2026, 2, 1))
    _answer(first, first.answer_due + dt.timedelta(days=1))
    findings = check_evaluation(province)
    assert _voices(findings) == [("answers_overdue", "T01", Severity.INFO)]
    assert "1 kiến nghị" in next(f.message for f in findings if f.rule == "answers_overdue")
    # Up to the pack's number it stays information; one more asks for a justification.
    for month in range(3, 3 + above - 1):
        _send(tree, dt.date(2026, month, 1))
    assert _voices(check_evaluation(province)) == [("answers_overdue", "T01", Severity.INFO)]
    _send(tree, dt.date(2026, 5, 1))
    assert _voices(check_evaluation(province)) == [("answers_overdue_many", "T01", Severity.JUSTIFY)]
    # An item answered on its deadline day is on time; the counts are per answering unit.
    on_time = _send(tree, dt.date(2026, 6, 1))
    _answer(on_time, on_time.answer_due)
    counts = answering_counts([tree.province.pk, tree.commune.pk], *YEAR, today=dt.date(2027, 1, 1))
    assert counts[tree.province.pk].overdue == above + 1
    assert tree.commune.pk not in counts


def test_an_open_item_is_overdue_only_once_its_deadline_has_passed(tree: Tree) -> None:
    proposal = _send(tree, dt.date(2026, 3, 1))
    unit = [tree.province.pk]
    assert answering_counts(unit, *YEAR, today=proposal.answer_due) == {}
    later = proposal.answer_due + dt.timedelta(days=1)
    assert answering_counts(unit, *YEAR, today=later)[tree.province.pk].overdue == 1
    # A deadline outside the period does not count in it.
    assert answering_counts(unit, dt.date(2027, 1, 1), dt.date(2027, 12, 31), today=later) == {}


def test_feedback_found_right_is_a_fact_on_the_unit_concerned(tree: Tree) -> None:
    cycle = _cycle(tree)
    commune = _collective(cycle, tree.commune)
    province = _collective(cycle, tree.province)
    item = feedback_services.feedback_submit_public(
        unit=tree.commune.code,
        kind="organization",
        content="x",
        address="1",
        now=dt.datetime(2026, 3, 1, tzinfo=dt.UTC),
    )
    feedback_services.feedback_answer(
        actor=None, feedback=item, answer="Đúng", finding="right", answered_on=dt.date(2026, 3, 5)
    )
    assert _voices(check_evaluation(commune)) == [("feedback_found_right", "T01-X01", Severity.INFO)]
    assert _voices(check_evaluation(province)) == []
    assert ("feedback_found_right", "T01-X01", Severity.INFO) in _voices(check_cycle(cycle))
