"""Reads on feedback. Staff see the items handled by a unit in their reach (its scope and above);
the public look-up by tracking code returns only what may be shown to anyone holding the code."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.feedback.models import Feedback, FeedbackStatus, Finding
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.selectors import match_units
from tochuc.proposals.selectors import Board, UnitCounts, board, count_rows, ranked

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
    """Active units a citizen may name, found as the unit tree's search finds them: a unit's name and
    code are public; the page shows nothing else of it."""
    return match_units(OrgUnit.objects.filter(valid_to__isnull=True), query, limit=limit)


@dataclass
class FeedbackCounts(UnitCounts):
    """The counts of the feedback a unit handles (``found_right`` is filled)."""


def counts_by_unit(user: Actor) -> list[FeedbackCounts]:
    """Per handling unit in the user's reach: totals, open, overdue, answered on time, by kind, and
    how many were found right."""
    found = count_rows(
        feedback_for(user),
        unit="unit",
        due="due_on",
        is_open=~Q(status=FeedbackStatus.ANSWERED),
        make=FeedbackCounts,
        right=Q(finding=Finding.RIGHT),
    )
    return ranked(found.values())


def feedback_board(user: Actor, top: int) -> Board[FeedbackCounts]:
    return board(
        feedback_for(user),
        unit="unit",
        due="due_on",
        is_open=~Q(status=FeedbackStatus.ANSWERED),
        make=FeedbackCounts,
        top=top,
        right=Q(finding=Finding.RIGHT),
    )
