"""Reminders before a deadline and for a missing report: who gets them, and never twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, make_user
from tochuc.directives.models import ReportPeriod, Task
from tochuc.directives.reminders import KIND_DEADLINE, KIND_REPORT, run_directive_reminders, send_reminders
from tochuc.directives.tests.task_factory import make_task
from tochuc.notifications.models import Notification

D = dt.date
TODAY = D(2025, 4, 10)


def recipients(kind: str) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("user__username", flat=True))


@pytest.fixture
def people(tree: Tree, inside: User, outside: User, leader: User, admin: User) -> dict[str, User]:
    commune_only = make_user("xa_only", None)
    RoleGrant.objects.create(
        user=commune_only, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False
    )
    cell_only = make_user("chibo", Role.SPECIALIST, tree.cell)
    gone = make_user("nghi", Role.SPECIALIST, tree.province)
    gone.is_active = False
    gone.save()
    return {"commune_only": commune_only, "cell_only": cell_only}


def test_deadline_reminder_goes_to_whoever_may_edit_the_lead_unit(
    tree: Tree, people: dict[str, User]
) -> None:
    task = make_task(tree.commune, tree.province, no="1", deadline=TODAY + dt.timedelta(days=7))
    make_task(tree.commune, tree.province, no="2", deadline=TODAY + dt.timedelta(days=8))  # too early
    make_task(
        tree.commune, tree.province, no="3", deadline=TODAY + dt.timedelta(days=3), completed_on=TODAY
    )  # done
    report = send_reminders(TODAY)
    # Province specialist (subtree), commune-only specialist, the admin of the tree; not the leader
    # (no EDIT), not the cell's specialist (below), not the outsider, not the inactive account.
    assert recipients(KIND_DEADLINE) == {"inside", "xa_only", "admin"}
    assert report.deadline_tasks == 1 and report.notifications == 3 and report.users == 3
    note = Notification.objects.filter(user__username="inside").get()
    assert "còn 7 ngày đến hạn" in note.text and f"task:{task.pk}:deadline:" in note.key


def test_rerun_sends_nothing_twice(tree: Tree, people: dict[str, User]) -> None:
    make_task(tree.cell, tree.province, no="1", deadline=TODAY)
    first = send_reminders(TODAY)
    again = send_reminders(TODAY)
    next_day = send_reminders(TODAY + dt.timedelta(days=1))  # now overdue: no more "due soon"
    # The commune-only grant does not reach the cell; the cell's own specialist is told.
    assert recipients(KIND_DEADLINE) == {"inside", "admin", "chibo"}
    assert first.notifications == 3
    assert again.notifications == 0 and next_day.notifications == 0
    assert Notification.objects.count() == 3
    assert "đến hạn hôm nay" in Notification.objects.first().text


def test_missing_report_reminder_the_day_after_the_period(tree: Tree, people: dict[str, User]) -> None:
    task = make_task(
        tree.commune2, tree.province, no="1", deadline=D(2025, 12, 31), report_period=ReportPeriod.QUARTERLY
    )
    Task.objects.filter(pk=task.pk).update(created_at=timezone.make_aware(dt.datetime(2025, 1, 5, 9)))
    assert send_reminders(D(2025, 3, 31)).report_tasks == 0
    report = send_reminders(D(2025, 4, 1))
    assert report.report_tasks == 1
    assert recipients(KIND_REPORT) == {"inside", "admin"}
    assert Notification.objects.filter(key=f"task:{task.pk}:report:2025-03-31").count() == 2
    assert send_reminders(D(2025, 4, 2)).notifications == 0
    Task.objects.filter(pk=task.pk).update(last_report_on=D(2025, 4, 2), percent=10)
    assert send_reminders(D(2025, 4, 3)).report_tasks == 0


def test_unreached_tasks_are_counted(tree: Tree) -> None:
    make_task(tree.other_cell, tree.other_province, no="1", deadline=TODAY)
    assert send_reminders(TODAY).unreached_tasks == 1


@override_settings(
    EMAIL_HOST="smtp.example.vn", EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
)
@pytest.mark.django_db(transaction=True)
def test_email_when_configured_after_commit(tree: Tree, inside: User) -> None:
    inside.email = "inside@example.vn"
    inside.save()
    make_task(tree.commune, tree.province, no="1", deadline=TODAY)
    send_reminders(TODAY)
    assert [m.to for m in mail.outbox] == [["inside@example.vn"]]
    send_reminders(TODAY)
    assert len(mail.outbox) == 1


def test_no_email_without_a_mail_host(tree: Tree, inside: User) -> None:
    inside.email = "inside@example.vn"
    inside.save()
    make_task(tree.commune, tree.province, no="1", deadline=TODAY)
    send_reminders(TODAY)
    assert mail.outbox == []


def test_command_and_background_task(tree: Tree, inside: User) -> None:
    make_task(tree.commune, tree.province, no="1", deadline=D(2025, 4, 12))
    out = StringIO()
    call_command("directive_reminders", "--today", "2025-04-10", stdout=out)
    assert "1 nhiệm vụ sắp đến hạn" in out.getvalue() and "1 thông báo mới" in out.getvalue()
    result = run_directive_reminders.enqueue("2025-04-11").return_value
    assert result is not None and result["notifications"] == 0  # already told yesterday
    grant_role(actor=None, user=make_user("moi"), role=Role.SPECIALIST, unit=tree.commune)
    again = run_directive_reminders.enqueue("2025-04-11").return_value
    assert again is not None and again["notifications"] == 1
