"""The checks of the proposals-and-feedback packs: facts a unit's evaluation shows."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tochuc.core.rules import Finding, Rule, Severity
from tochuc.proposals.rules.base import AnsweringRecord, VoicesPack


def overdue_answers(
    facts: AnsweringRecord, pack: VoicesPack, rule: Rule[AnsweringRecord, VoicesPack, Finding]
) -> Iterator[Finding]:
    if facts.overdue_answers <= 0:
        return
    severity = Severity.JUSTIFY if facts.overdue_answers > pack.overdue_justify_above else Severity.INFO
    yield rule.finding(
        _("%(unit)s có %(n)d kiến nghị, phản ánh trả lời chậm hoặc quá hạn chưa trả lời.")
        % {"unit": facts.unit_name, "n": facts.overdue_answers},
        severity=severity,
    )


def feedback_found_right(
    facts: AnsweringRecord, pack: VoicesPack, rule: Rule[AnsweringRecord, VoicesPack, Finding]
) -> Iterator[Finding]:
    if facts.feedback_found_right > 0:
        yield rule.finding(
            _("%(unit)s có %(n)d phản ánh của nhân dân, báo chí được xác minh là đúng.")
            % {"unit": facts.unit_name, "n": facts.feedback_found_right}
        )
