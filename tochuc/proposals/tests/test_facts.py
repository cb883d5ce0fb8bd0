"""A unit's overdue answers and the feedback found right become findings for its evaluation."""

from __future__ import annotations

import datetime as dt

from tochuc.conftest import Tree
from tochuc.core.rules import Severity
from tochuc.feedback import services as feedback_services
from tochuc.proposals import services
from tochuc.proposals.facts import answering_findings, answering_record
from tochuc.proposals.models import Proposal

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


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


def test_no_overdue_answers_no_finding(tree: Tree) -> None:
    assert answering_findings(tree.province, *YEAR) == []


def test_overdue_answers_are_info_then_justify_above_the_pack_number(tree: Tree) -> None:
    first = _send(tree, dt.date(2026, 2, 1))
    services.proposal_answer_write(actor=None, proposal=first, answer="Trả lời")
    services.proposal_answer_approve(
        actor=None, proposal=first, answered_on=first.answer_due + dt.timedelta(days=1)
    )
    findings = answering_findings(tree.province, *YEAR)
    assert [(f.rule, f.severity) for f in findings] == [("voices_overdue", Severity.INFO)]
    assert "1 kiến nghị" in findings[0].message
    assert "Thiết lập của ngành" in findings[0].message
    for month in (3, 4):
        _send(tree, dt.date(2026, month, 1))
    assert answering_findings(tree.province, *YEAR)[0].severity == Severity.JUSTIFY
    on_time = _send(tree, dt.date(2026, 6, 1))
    services.proposal_answer_write(actor=None, proposal=on_time, answer="Trả lời")
    services.proposal_answer_approve(actor=None, proposal=on_time, answered_on=on_time.answer_due)
    assert answering_record(tree.province, *YEAR).overdue_answers == 3


def test_feedback_found_right_is_a_fact_about_the_unit_concerned(tree: Tree) -> None:
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
    rules = [f.rule for f in answering_findings(tree.commune, *YEAR)]
    assert rules == ["voices_feedback_right"]
