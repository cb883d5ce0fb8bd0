"""Reads on feedback. Staff see the items handled by a unit in their reach (its scope and above);
the public look-up by tracking code returns only what may be shown to anyone holding the code."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.core.text import words
from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.orgunits.models import OrgUnit

OVERDUE = "overdue"


def feedback_for(
    user: Actor, *, status: str | None = None, channel: str | None = None, today: dt.date | None = None
) -> QuerySet[Feedback]:
    qs = Feedback.objects.filter(scope_q(user, Action.VIEW, "unit__path")).select_related(
        "unit", "concerned_unit"
    )
    if status == OVERDUE:
        qs = qs.exclude(status=FeedbackStatus.ANSWERED).filter(due_on__lt=today or timezone.localdate())
    elif status:
        qs = qs.filter(status=status)
    if channel:
        qs = qs.filter(channel=channel)
    return qs


def get_feedback_for(user: Actor, pk: int) -> Feedback:
    found = feedback_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def feedback_by_code(code: str) -> Feedback:
    """The public look-up: the item with exactly this tracking code, else "not found"."""
    found = Feedback.objects.filter(tracking_code=(code or "").strip().upper()).first()
    if found is None:
        raise Http404
    return found


def public_units(query: str, limit: int = 20) -> list[OrgUnit]:
    """Active units a citizen may name: each word typed starts a word of the name, or the code."""
    terms = words(query)
    if not terms:
        return []
    qs = OrgUnit.objects.filter(valid_to__isnull=True)
    by_code = list(qs.filter(code__iexact=query.strip())[:1])
    for term in terms:
        qs = qs.filter(name_folded__startswith=term) | qs.filter(name_folded__contains=" " + term)
    return by_code + [u for u in qs.order_by("depth", "name_folded")[:limit] if u not in by_code]


@dataclass
class FeedbackCounts:
    unit_name: str
    total: int = 0
    open: int = 0
    overdue: int = 0
    answered: int = 0
    on_time: int = 0
    found_right: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.answered if self.answered else None


def counts_by_unit(user: Actor, today: dt.date | None = None) -> list[FeedbackCounts]:
    today = today or timezone.localdate()
    rows = (
        feedback_for(user)
        .order_by()
        .values_list("unit__name", "kind", "status", "due_on", "answered_on", "finding")
    )
    found: dict[str, FeedbackCounts] = {}
    for unit_name, kind, status, due, answered_on, finding in rows.iterator(chunk_size=5000):
        counts = found.setdefault(unit_name, FeedbackCounts(unit_name))
        counts.total += 1
        counts.by_kind[kind] += 1
        if finding == "right":
            counts.found_right += 1
        if status == FeedbackStatus.ANSWERED:
            counts.answered += 1
            if answered_on is not None and answered_on <= due:
                counts.on_time += 1
        else:
            counts.open += 1
            if today > due:
                counts.overdue += 1
    return sorted(found.values(), key=lambda c: (-c.overdue, c.unit_name))
