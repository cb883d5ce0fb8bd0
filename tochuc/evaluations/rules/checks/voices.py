"""Facts from proposals and feedback: a unit's overdue answers and the feedback about it found right
(loaded by ``engine._load_answering``). Shown on the unit's collective evaluation."""

from __future__ import annotations

from collections.abc import Iterator

from tochuc.evaluations.rules.base import EvalRule, Finding, RulePack, rule_finding
from tochuc.evaluations.rules.checks.common import _
from tochuc.evaluations.rules.facts import CycleFacts


def _collective_id(facts: CycleFacts, unit_id: int) -> int | None:
    collective = facts.collective.get(unit_id)
    return collective.id if collective else None


def _overdue(facts: CycleFacts, rule: EvalRule, *, many: bool, above: int) -> Iterator[Finding]:
    for unit_id, record in facts.answering.items():
        if not facts.wanted(unit_id) or record.overdue <= 0 or (record.overdue > above) != many:
            continue
        yield rule_finding(
            rule,
            unit=facts.code(unit_id),
            person=None,
            evaluation_id=_collective_id(facts, unit_id),
            message=_(
                "Đơn vị có {n} kiến nghị, phản ánh trả lời chậm hoặc quá hạn chưa trả lời trong kỳ."
            ).format(n=record.overdue),
        )


def answers_overdue(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """A few overdue answers in the period (up to the pack's number): shown for information."""
    yield from _overdue(facts, rule, many=False, above=pack.answers_overdue_justify_above)


def answers_overdue_many(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """More overdue answers than the pack's number: the unit justifies them."""
    yield from _overdue(facts, rule, many=True, above=pack.answers_overdue_justify_above)


def feedback_found_right(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """Feedback from citizens or the press about the unit that verification found right."""
    for unit_id, record in facts.answering.items():
        if not facts.wanted(unit_id) or record.found_right <= 0:
            continue
        yield rule_finding(
            rule,
            unit=facts.code(unit_id),
            person=None,
            evaluation_id=_collective_id(facts, unit_id),
            message=_("Có {n} phản ánh của nhân dân, báo chí về đơn vị được xác minh là đúng.").format(
                n=record.found_right
            ),
        )
