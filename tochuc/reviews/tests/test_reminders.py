from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tochuc.accounts.models import Role
from tochuc.conftest import Tree, make_user
from tochuc.notifications.models import Notification
from tochuc.reviews import reminders, services
from tochuc.reviews.tests.helpers import D

pytestmark = pytest.mark.django_db


def test_reminding_days_before_on_and_after_the_deadline() -> None:
    deadline = D(2025, 4, 10)
    due = [d for d in range(1, 31) if reminders.reminder_due(deadline, D(2025, 4, d))]
    assert due == [7, 10, 11, 18, 25]


def test_the_daily_command_reminds_the_missing_units_only(tree: Tree) -> None:
    period = services.period_open(
        actor=None,
        code="Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )
    sent_editor = make_user("x01", Role.SPECIALIST, tree.commune)
    missing_editor = make_user("x02", Role.SPECIALIST, tree.commune2)
    services.report_submit(actor=None, period=period, unit=tree.commune, today=D(2025, 4, 5))
    out = io.StringIO()
    call_command("review_reminders", "--today", "2025-04-07", stdout=out)
    assert "1 kỳ báo cáo" in out.getvalue()
    assert Notification.objects.filter(user=missing_editor).count() == 1
    assert Notification.objects.filter(user=sent_editor).count() == 0
    call_command("review_reminders", "--today", "2025-04-07", stdout=io.StringIO())
    assert Notification.objects.filter(user=missing_editor).count() == 1
    call_command("review_reminders", "--today", "2025-04-08", stdout=io.StringIO())
    assert Notification.objects.filter(user=missing_editor).count() == 1
