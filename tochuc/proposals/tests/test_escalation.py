"""Overdue proposals and feedback reach the answering unit and, once a week, its leaders."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management import call_command

from tochuc.accounts.models import Role, User
from tochuc.conftest import Tree, make_user
from tochuc.feedback import services as feedback_services
from tochuc.notifications.models import Notification
from tochuc.proposals import services
from tochuc.proposals.rules import get_pack


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


def test_the_answering_unit_is_reminded_before_the_deadline_once(
    tree: Tree,
    inside: User,
    outside: User,
    settings: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.TOCHUC_NOTIFY_EMAIL = True
    User.objects.filter(pk=inside.pk).update(email="tinh@example.org")
    days = get_pack().remind_days_before
    proposal = services.proposal_send(
        actor=None,
        from_unit=tree.commune,
        to_unit=None,
        kind="procedure",
        subject="Thủ tục kết nạp",
        content="x",
        sent_on=dt.date(2026, 1, 1),
    )
    due = proposal.answer_due
    # One day too early: nothing.
    call_command("voices_reminders", today=(due - dt.timedelta(days=days + 1)).isoformat())
    assert not Notification.objects.filter(kind="proposal.due_soon").exists()
    # The first day of the window: the answering unit hears of it, by bell and by e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("voices_reminders", today=(due - dt.timedelta(days=days)).isoformat())
    reminded = Notification.objects.filter(kind="proposal.due_soon")
    assert list(reminded.values_list("user__username", flat=True)) == [inside.username]
    assert "Thủ tục kết nạp" in reminded.get().text
    assert len(mailoutbox) == 1 and "Thủ tục kết nạp" in mailoutbox[0].body
    # The deadline day: already told, nothing new; the day after is the escalation's business.
    call_command("voices_reminders", today=due.isoformat())
    assert reminded.count() == 1
    call_command("voices_reminders", today=(due + dt.timedelta(days=1)).isoformat())
    assert reminded.count() == 1
    assert not Notification.objects.filter(user=outside).exists()


def test_answered_items_are_not_reminded(tree: Tree, inside: User) -> None:
    item = feedback_services.feedback_submit_public(
        unit=tree.province.code, kind="other", content="x", address="1.1.1.2"
    )
    call_command("voices_reminders", today=item.due_on.isoformat())
    assert Notification.objects.filter(kind="feedback.due_soon", user=inside).count() == 1
    feedback_services.feedback_answer(actor=None, feedback=item, answer="Đã xử lý")
    Notification.objects.all().delete()
    call_command("voices_reminders", today=item.due_on.isoformat())
    assert not Notification.objects.exists()
