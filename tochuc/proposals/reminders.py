"""Reminders before the answer deadline: the people who answer for the unit (EDIT on it) hear of
each proposal and piece of feedback whose deadline is within the pack's ``remind_days_before`` days
(today and the deadline day included), in the bell and inbox, and by e-mail when it is set up.

Keys (``proposal:<id>:due_soon:<deadline>``) make a re-run send nothing twice; a forwarded
proposal reaches its new answering unit. Set-based: one query per kind of item, one for the grants.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, users_who_can
from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.notifications.services import Message, deliver
from tochuc.proposals.models import Proposal, ProposalStatus
from tochuc.proposals.rules import get_pack

KIND_PROPOSAL = "proposal.due_soon"
KIND_FEEDBACK = "feedback.due_soon"


@dataclass(frozen=True)
class ReminderReport:
    proposals: int
    feedback: int
    notifications: int


def send_due_soon(today: dt.date) -> ReminderReport:
    horizon = today + dt.timedelta(days=get_pack().remind_days_before)
    proposals = list(
        Proposal.objects.filter(
            status__in=(ProposalStatus.OPEN, ProposalStatus.DRAFTED),
            answer_due__gte=today,
            answer_due__lte=horizon,
        ).values_list("id", "to_unit_id", "to_unit__path", "answer_due", "subject")
    )
    feedback = list(
        Feedback.objects.exclude(status=FeedbackStatus.ANSWERED)
        .filter(due_on__gte=today, due_on__lte=horizon)
        .values_list("id", "unit_id", "unit__path", "due_on", "tracking_code")
    )
    editors = users_who_can(Action.EDIT, {row[2] for row in proposals} | {row[2] for row in feedback})
    messages: list[Message] = []
    for pk, unit_id, path, due, subject in proposals:
        text = _("Kiến nghị «%(s)s» sắp đến hạn trả lời (hạn %(d)s).") % {
            "s": subject[:120],
            "d": date_format(due, "d/m/Y"),
        }
        link = reverse("proposals:detail", args=[pk])
        key = f"proposal:{pk}:due_soon:{unit_id}:{due.isoformat()}"
        messages.extend(Message(uid, KIND_PROPOSAL, text, link, key) for uid in editors.get(path, set()))
    for pk, unit_id, path, due, code in feedback:
        text = _("Phản ánh %(c)s sắp đến hạn trả lời (hạn %(d)s).") % {
            "c": code,
            "d": date_format(due, "d/m/Y"),
        }
        link = reverse("feedback:detail", args=[pk])
        key = f"feedback:{pk}:due_soon:{unit_id}:{due.isoformat()}"
        messages.extend(Message(uid, KIND_FEEDBACK, text, link, key) for uid in editors.get(path, set()))
    with transaction.atomic():
        new = deliver(messages)
    return ReminderReport(len(proposals), len(feedback), len(new))
