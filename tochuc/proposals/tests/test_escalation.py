"""Overdue proposals and feedback reach the answering unit and, once a week, its leaders."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, make_user
from tochuc.feedback import services as feedback_services
from tochuc.notifications.models import Notification
from tochuc.proposals import services


def test_overdue_items_are_escalated_once(tree: Tree, inside: User) -> None:
    chief = make_user("chief", Role.LEADER, tree.province)
    proposal = services.proposal_send(
        actor=None,
        from_unit=tree.commune,
        to_unit=None,
        kind="other",
        subject="Xin hướng dẫn",
        content="x",
        sent_on=dt.date(2026, 1, 1),
    )
    item = feedback_services.feedback_submit_public(
        unit=tree.province.code, kind="other", content="x", address="1.1.1.1"
    )
    day = max(proposal.answer_due, item.due_on) + dt.timedelta(days=1)
    call_command("voices_escalations", today=day.isoformat())
    texts = list(Notification.objects.filter(user=inside).values_list("text", flat=True))
    assert any("Xin hướng dẫn" in t for t in texts)
    assert any(item.tracking_code in t for t in texts)
    assert Notification.objects.filter(user=chief, kind="voices.overdue_summary").count() == 1
    before = Notification.objects.count()
    call_command("voices_escalations", today=day.isoformat())
    assert Notification.objects.count() == before
