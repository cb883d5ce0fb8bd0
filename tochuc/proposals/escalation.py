"""Escalation of overdue answers, as for overdue tasks: the answering unit hears of each overdue
proposal and each overdue piece of feedback, its leaders and the levels above of how many there
are, once a week. Set-based: one query per kind of item, one for the grants, bulk inserts."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, users_who_can
from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.notifications.services import Message, deliver
from tochuc.proposals.models import Proposal, ProposalStatus

KIND_PROPOSAL = "proposal.overdue"
KIND_FEEDBACK = "feedback.overdue"
KIND_SUMMARY = "voices.overdue_summary"


@dataclass(frozen=True)
class EscalationReport:
    overdue_proposals: int
    overdue_feedback: int
    notifications: int


def send_overdue(today: dt.date) -> EscalationReport:
    proposals = list(
        Proposal.objects.filter(
            status__in=(ProposalStatus.OPEN, ProposalStatus.DRAFTED), answer_due__lt=today
        ).values_list("id", "to_unit__path", "answer_due", "subject")
    )
    feedback = list(
        Feedback.objects.exclude(status=FeedbackStatus.ANSWERED)
        .filter(due_on__lt=today)
        .values_list("id", "unit__path", "due_on", "tracking_code")
    )
    paths = {row[1] for row in proposals} | {row[1] for row in feedback}
    editors = users_who_can(Action.EDIT, paths)
    approvers = users_who_can(Action.APPROVE, paths)
    messages: list[Message] = []
    overdue_by_user: Counter[int] = Counter()
    for pk, path, due, subject in proposals:
        text = _("Kiến nghị «%(s)s» đã quá hạn trả lời (hạn %(d)s).") % {
            "s": subject[:120],
            "d": date_format(due, "d/m/Y"),
        }
        link = reverse("proposals:detail", args=[pk])
        key = f"proposal:{pk}:overdue:{due.isoformat()}"
        messages.extend(Message(uid, KIND_PROPOSAL, text, link, key) for uid in editors.get(path, set()))
        overdue_by_user.update(editors.get(path, set()) | approvers.get(path, set()))
    for pk, path, due, code in feedback:
        text = _("Phản ánh %(c)s đã quá hạn trả lời (hạn %(d)s).") % {
            "c": code,
            "d": date_format(due, "d/m/Y"),
        }
        link = reverse("feedback:detail", args=[pk])
        key = f"feedback:{pk}:overdue:{due.isoformat()}"
        messages.extend(Message(uid, KIND_FEEDBACK, text, link, key) for uid in editors.get(path, set()))
        overdue_by_user.update(editors.get(path, set()) | approvers.get(path, set()))
    year, week, _day = today.isocalendar()
    board = reverse("proposals:dashboard")
    for user_id, count in overdue_by_user.items():
        text = _("Có %(n)d kiến nghị, phản ánh quá hạn trả lời trong phạm vi của đồng chí.") % {"n": count}
        messages.append(Message(user_id, KIND_SUMMARY, text, board, f"voices.overdue:{year}-W{week:02d}"))
    with transaction.atomic():
        new = deliver(messages)
    return EscalationReport(len(proposals), len(feedback), len(new))
