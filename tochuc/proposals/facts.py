"""What a unit's evaluation reads about its answering record over a period: overdue answers to
proposals and feedback, and feedback about it that was found to be right.

The evaluation engine loads these counts for the units of a cycle (``answering_counts``, two
grouped queries whatever the number of units) and the evaluation pack's rules turn them into
``info`` or ``justify`` findings (``tochuc/evaluations/rules/checks/voices.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.utils import timezone

from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.feedback.models import Finding as Verification
from tochuc.proposals.models import Proposal, ProposalStatus

OPEN = (ProposalStatus.OPEN, ProposalStatus.DRAFTED)


@dataclass(frozen=True)
class AnsweringCounts:
    overdue: int = 0  # proposals and feedback answered late, or still open past the deadline
    found_right: int = 0  # feedback about the unit that was found to be right


def answering_counts(
    unit_ids: Collection[int], start: dt.date, end: dt.date, today: dt.date | None = None
) -> dict[int, AnsweringCounts]:
    """Per unit: items it had to answer with a deadline in [start, end] that were answered late or are
    still open past it (only once the deadline is behind ``today``), and feedback received in the
    period about the unit and found right. Units with nothing to report are left out."""
    if not unit_ids:
        return {}
    cutoff = min(end, today or timezone.localdate())
    ids = list(unit_ids)
    late_proposals = (
        Proposal.objects.filter(to_unit_id__in=ids, answer_due__gte=start, answer_due__lte=end)
        .filter(
            Q(status__in=OPEN, answer_due__lt=cutoff)
            | Q(status=ProposalStatus.ANSWERED, answered_on__gt=F("answer_due"))
        )
        .order_by()
        .values("to_unit_id")
        .annotate(n=Count("id"))
        .values_list("to_unit_id", "n")
    )
    handled = Q(unit_id__in=ids, due_on__gte=start, due_on__lte=end)
    late = handled & (
        ~Q(status=FeedbackStatus.ANSWERED) & Q(due_on__lt=cutoff)
        | Q(status=FeedbackStatus.ANSWERED, answered_on__gt=F("due_on"))
    )
    right = Q(
        concerned_unit_id__in=ids,
        received_on__gte=start,
        received_on__lte=end,
        finding=Verification.RIGHT,
    )
    feedback = (
        Feedback.objects.filter(late | right)
        .order_by()
        .values("unit_id", "concerned_unit_id")
        .annotate(late=Count("id", filter=late), right=Count("id", filter=right))
        .values_list("unit_id", "concerned_unit_id", "late", "right")
    )
    overdue: dict[int, int] = dict(late_proposals)
    found_right: dict[int, int] = {}
    for unit_id, concerned_id, n_late, n_right in feedback:
        if n_late:
            overdue[unit_id] = overdue.get(unit_id, 0) + n_late
        if n_right:
            found_right[concerned_id] = found_right.get(concerned_id, 0) + n_right
    return {
        unit_id: AnsweringCounts(overdue.get(unit_id, 0), found_right.get(unit_id, 0))
        for unit_id in overdue.keys() | found_right.keys()
    }
