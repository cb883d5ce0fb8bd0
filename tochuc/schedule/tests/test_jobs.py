"""The daily jobs run by themselves once a day, and the bell rings while tasks are overdue."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from tochuc.conftest import login
from tochuc.directives.escalation import KIND_ESCALATED, KIND_OVERDUE, send_overdue
from tochuc.directives.tests.task_factory import make_task
from tochuc.notifications.models import Notification
from tochuc.schedule.jobs import enqueue_due
from tochuc.schedule.models import DailyRun

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@override_settings(TOCHUC_DAILY_COMMANDS=["directive_reminders", "directive_escalations", "audit_anchor"])
def test_each_daily_job_is_queued_once_a_day(tree):
    first = enqueue_due(TODAY)
    again = enqueue_due(TODAY)
    tomorrow = enqueue_due(TODAY + dt.timedelta(days=1))

    assert first == ["directive_reminders", "directive_escalations", "audit_anchor"]
    assert again == []
    assert tomorrow == first
    assert DailyRun.objects.filter(day=TODAY).count() == 3
    assert all(run.task_result_id for run in DailyRun.objects.all())


@override_settings(TOCHUC_DAILY_COMMANDS=["directive_escalations"])
def test_the_daily_jobs_command_says_what_it_queued(tree):
    out = StringIO()
    call_command("daily_jobs", stdout=out)
    call_command("daily_jobs", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Đã đưa vào hàng đợi: directive_escalations."
    assert lines[1] == "Đã đưa vào hàng đợi: không có; đã chạy hôm nay: directive_escalations."


def _bell(client) -> str:
    page = client.get(reverse("orgunits:tree")).content.decode()
    bell: str = page.split('data-testid="notification-bell"')[1].split("</a>")[0]
    return bell


def test_the_bell_is_not_empty_while_tasks_are_overdue(tree, inside, leader, outside):
    task = make_task(tree.grassroots, tree.commune, no="2.1", deadline=TODAY - dt.timedelta(days=2))
    make_task(tree.commune2, tree.province, no="3", deadline=TODAY + dt.timedelta(days=30))
    assert "notification-unread" not in _bell(login(leader))

    enqueue_due(TODAY)  # the worker's scheduler; the test backend runs the jobs at once

    # The lead unit's specialists hear of the task; they and the leaders above it of how many are overdue.
    specialist = Notification.objects.get(user=inside, kind=KIND_OVERDUE)
    assert "2.1" in specialist.text and specialist.link == reverse("directives:task", args=[task.pk])
    assert Notification.objects.filter(user=inside, kind=KIND_ESCALATED).exists()
    summary = Notification.objects.get(user=leader, kind=KIND_ESCALATED)
    assert summary.text == "Có 1 nhiệm vụ quá hạn trong phạm vi của đồng chí."
    assert summary.link == reverse("directives:dashboard") + "?status=overdue"
    assert '<span class="badge bad" data-testid="notification-unread">1</span>' in _bell(login(leader))
    assert "notification-unread" not in _bell(login(outside))

    # Read today, the leader is told again next week while the task stays overdue.
    Notification.objects.filter(user=leader).update(read_at=timezone.now())
    assert send_overdue(TODAY).notifications == 0
    assert send_overdue(TODAY + dt.timedelta(days=7)).notifications >= 1
    assert "notification-unread" in _bell(login(leader))


def test_a_finished_task_is_not_escalated(tree, leader):
    make_task(tree.commune, tree.province, deadline=TODAY - dt.timedelta(days=5), completed_on=TODAY)
    assert send_overdue(TODAY).overdue_tasks == 0
    assert not Notification.objects.exists()
