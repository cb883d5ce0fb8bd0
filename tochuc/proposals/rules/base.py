"""What a proposals-and-feedback rule pack is made of: answer deadlines per kind, and the rules
that turn a unit's answering record into facts on its evaluation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule


@dataclass(frozen=True)
class AnsweringRecord:
    """What the evaluation rules read about one unit over a period."""

    unit_name: str
    overdue_answers: int  # proposals and feedback answered late or still unanswered past the deadline
    feedback_found_right: int  # feedback about the unit that was found to be right


RecordRule: TypeAlias = "Rule[AnsweringRecord, VoicesPack, Finding]"


@dataclass(frozen=True)
class VoicesPack:
    code: str
    name: str
    citation: str
    # Calendar days from the day a proposal is sent to its answer deadline, by proposal kind.
    proposal_answer_days: dict[str, int] = field(default_factory=dict)
    # Calendar days from the day feedback is received to its answer deadline, by feedback kind.
    feedback_answer_days: dict[str, int] = field(default_factory=dict)
    # More overdue answers than this in a period asks the evaluation for a justification.
    overdue_justify_above: int = 2
    rules: tuple[RecordRule, ...] = ()

    def proposal_days(self, kind: str) -> int:
        return self.proposal_answer_days.get(kind, self.proposal_answer_days.get("other", 30))

    def feedback_days(self, kind: str) -> int:
        return self.feedback_answer_days.get(kind, self.feedback_answer_days.get("other", 30))
