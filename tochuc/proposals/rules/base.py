"""What a proposals-and-feedback pack is made of: answer deadlines per kind and when to remind.

The facts these items give a unit's evaluation (overdue answers, feedback found right) are rules of
the evaluation packs (``tochuc/evaluations/rules/checks/voices.py``), with their threshold there.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class VoicesPack:
    code: str
    name: str
    citation: str
    # Calendar days from the day a proposal is sent to its answer deadline, by proposal kind.
    proposal_answer_days: dict[str, int] = field(default_factory=dict)
    # Calendar days from the day feedback is received to its answer deadline, by feedback kind.
    feedback_answer_days: dict[str, int] = field(default_factory=dict)
    # The answering unit is reminded this many days before the deadline (the deadline day included).
    remind_days_before: int = 5

    def proposal_days(self, kind: str) -> int:
        return self.proposal_answer_days.get(kind, self.proposal_answer_days.get("other", 30))

    def feedback_days(self, kind: str) -> int:
        return self.feedback_answer_days.get(kind, self.feedback_answer_days.get("other", 30))
