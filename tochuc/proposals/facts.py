"""What a unit's evaluation may read about its answering record: overdue answers to proposals and
feedback, and feedback about it that was found to be right, over a period. The pack's rules turn
these facts into ``info`` or ``justify`` findings (see ``rules/default_2026.py``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import F, Q
from django.utils import timezone

from tochuc.core.rules import Finding, run
from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.feedback.models import Finding as Verification
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals.models import Proposal, ProposalStatus
from tochuc.proposals.rules import AnsweringRecord, get_pack

OPEN = (ProposalStatus.OPEN, ProposalStatus.DRAFTED)


def answering_record(unit: OrgUnit, start: dt.date, end: dt.date) -> AnsweringRecord:
    """Items ``unit`` had to answer with a deadline in [start, end]: late or still open past it;
    feedback received in the period about the unit and found right."""
    cutoff = min(end, timezone.localdate())  # what is still open is overdue only once its deadline passed
    late_or_open = Q(answered_on__isnull=True) | Q(answered_on__gt=F("answer_due"))
    proposals = (
        Proposal.objects.filter(to_unit=unit, answer_due__gte=start, answer_due__lte=end)
        .filter(Q(status__in=OPEN, answer_due__lt=cutoff) | Q(status=ProposalStatus.ANSWERED) & late_or_open)
        .count()
    )
    feedback = (
        Feedback.objects.filter(unit=unit, due_on__gte=start, due_on__lte=end)
        .filter(
            ~Q(status=FeedbackStatus.ANSWERED) & Q(due_on__lt=cutoff)
            | Q(status=FeedbackStatus.ANSWERED, answered_on__gt=F("due_on"))
        )
        .count()
    )
    right = Feedback.objects.filter(
        concerned_unit=unit, received_on__gte=start, received_on__lte=end, finding=Verification.RIGHT
    ).count()
    return AnsweringRecord(
        unit_name=unit.name, overdue_answers=proposals + feedback, feedback_found_right=right
    )


def answering_findings(
    unit: OrgUnit, start: dt.date, end: dt.date, pack_code: str | None = None
) -> list[Finding]:
    """The findings the pack's rules draw from the unit's answering record over the period."""
    pack = get_pack(pack_code)
    return run(pack.rules, answering_record(unit, start, end), pack)
