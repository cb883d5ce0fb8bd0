"""Reminders before a deadline and for a missing report: the lead unit's nearest staff get them,
the levels above one count a day, and nobody gets anything twice."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, make_user
from tochuc.directives.models import ReportPeriod, Task
from tochuc.directives.reminders import (
    KIND_DEADLINE,
    KIND_REPORT,
    KIND_SUMMARY,
    run_directive_reminders,
    send_reminders,
)
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


def summaries() -> dict[str, str]:
    return dict(Notification.objects.filter(kind=KIND_SUMMARY).values_list("user__username", "text"))


def test_deadline_reminder_goes_to_the_lead_units_nearest_staff(tree: Tree, people: dict[str, User]) -> None:
    task = make_task(tree.commune, tree.province, no="1", deadline=TODAY + dt.timedelta(days=7))
    make_task(tree.commune, tree.province, no="2", deadline=TODAY + dt.timedelta(days=8))  # too early
    make_task(
        tree.commune, tree.province, no="3", deadline=TODAY + dt.timedelta(days=3), completed_on=TODAY
    )  # done
    report = send_reminders(TODAY)
    # The commune's own specialist; not the province's or the Centre's (they get the day's count),
    # not the leader (no EDIT), not the cell's specialist (below), not the outsider, not the inactive.
    assert recipients(KIND_DEADLINE) == {"xa_only"}
    note = Notification.objects.get(kind=KIND_DEADLINE)
    assert "còn 7 ngày đến hạn" in note.text and note.key == f"task:{task.pk}:deadline:2025-04-17"
    assert summaries() == {
        name: "Ngày 10/04/2025, trong phạm vi của đồng chí: 1 nhiệm vụ sắp đến hạn, "
        "0 nhiệm vụ chưa có báo cáo định kỳ."
        for name in ("inside", "admin")
    }
    summary = Notification.objects.filter(kind=KIND_SUMMARY).first()
    assert summary is not None
    assert summary.key == "tasks.reminded:2025-04-10" and summary.link == reverse("directives:dashboard")
    assert report.deadline_tasks == 1 and report.notifications == 3 and report.users == 3
    assert report.summaries == 2 and report.digests == 0 and report.most_per_user == 1


def test_rerun_sends_nothing_twice(tree: Tree, people: dict[str, User]) -> None:
    make_task(tree.cell, tree.province, no="1", deadline=TODAY)
    first = send_reminders(TODAY)
    again = send_reminders(TODAY)
    next_day = send_reminders(TODAY + dt.timedelta(days=1))  # now overdue: no more "due soon"
    # The commune-only grant does not reach the cell; the cell's own specialist is told.
    assert recipients(KIND_DEADLINE) == {"chibo"}
    assert set(summaries()) == {"inside", "admin"}
    assert first.notifications == 3
    assert again.notifications == 0 and next_day.notifications == 0
    assert Notification.objects.count() == 3
    assert "đến hạn hôm nay" in Notification.objects.get(kind=KIND_DEADLINE).text


def test_a_changed_deadline_is_told_again(tree: Tree, people: dict[str, User]) -> None:
    task = make_task(tree.cell, tree.province, no="1", deadline=TODAY + dt.timedelta(days=5))
    send_reminders(TODAY)
    Task.objects.filter(pk=task.pk).update(deadline=TODAY + dt.timedelta(days=3))
    later = TODAY + dt.timedelta(days=1)
    assert send_reminders(later).notifications == 3
    assert Notification.objects.filter(kind=KIND_DEADLINE, user__username="chibo").count() == 2


def test_the_days_count_holds_only_the_newly_reminded_tasks(tree: Tree, people: dict[str, User]) -> None:
    for no in ("1", "2"):
        make_task(tree.commune2, tree.province, no=no, deadline=TODAY + dt.timedelta(days=2))
    make_task(tree.commune, tree.province, no="3", deadline=TODAY + dt.timedelta(days=1))
    send_reminders(TODAY)
    # commune2 has nobody of its own: the province's specialist is its nearest staff.
    assert recipients(KIND_DEADLINE) == {"inside", "xa_only"}
    assert summaries() == {
        "admin": "Ngày 10/04/2025, trong phạm vi của đồng chí: 3 nhiệm vụ sắp đến hạn, "
        "0 nhiệm vụ chưa có báo cáo định kỳ.",
        "inside": "Ngày 10/04/2025, trong phạm vi của đồng chí: 1 nhiệm vụ sắp đến hạn, "
        "0 nhiệm vụ chưa có báo cáo định kỳ.",
    }
    make_task(tree.commune, tree.province, no="4", deadline=TODAY + dt.timedelta(days=6))
    tomorrow = TODAY + dt.timedelta(days=1)
    send_reminders(tomorrow)
    assert send_reminders(tomorrow).notifications == 0
    told = Notification.objects.filter(kind=KIND_SUMMARY, key="tasks.reminded:2025-04-11")
    assert {n.user.username: n.text[:55] for n in told} == {
        "admin": "Ngày 11/04/2025, trong phạm vi của đồng chí: 1 nhiệm vụ",
        "inside": "Ngày 11/04/2025, trong phạm vi của đồng chí: 1 nhiệm vụ",
    }


def test_missing_report_reminder_the_day_after_the_period(tree: Tree, people: dict[str, User]) -> None:
    task = make_task(
        tree.commune2, tree.province, no="1", deadline=D(2025, 12, 31), report_period=ReportPeriod.QUARTERLY
    )
    Task.objects.filter(pk=task.pk).update(created_at=timezone.make_aware(dt.datetime(2025, 1, 5, 9)))
    assert send_reminders(D(2025, 3, 31)).report_tasks == 0
    report = send_reminders(D(2025, 4, 1))
    assert report.report_tasks == 1
    assert recipients(KIND_REPORT) == {"inside"}
    assert Notification.objects.filter(key=f"task:{task.pk}:report:2025-03-31").count() == 1
    assert summaries() == {
        "admin": "Ngày 01/04/2025, trong phạm vi của đồng chí: 0 nhiệm vụ sắp đến hạn, "
        "1 nhiệm vụ chưa có báo cáo định kỳ."
    }
    assert send_reminders(D(2025, 4, 2)).notifications == 0
    Task.objects.filter(pk=task.pk).update(last_report_on=D(2025, 4, 2), percent=10)
    assert send_reminders(D(2025, 4, 3)).report_tasks == 0


@override_settings(TOCHUC_NOTICES_PER_USER=3)
def test_over_the_days_limit_the_nearest_staff_get_one_digest_per_kind(
    tree: Tree, people: dict[str, User]
) -> None:
    for no in range(4):
        make_task(tree.commune, tree.province, no=str(no), deadline=TODAY + dt.timedelta(days=no))
    report = send_reminders(TODAY)
    mine = Notification.objects.filter(user=people["commune_only"])
    assert list(mine.filter(read_at__isnull=True).values_list("text", "key")) == [
        ("Ngày 10/04/2025: 4 nhiệm vụ đồng chí phụ trách sắp đến hạn.", f"{KIND_DEADLINE}.digest:2025-04-10")
    ]
    assert mine.filter(read_at__isnull=False).count() == 4  # the tasks, in the inbox, under the digest
    assert report.digests == 1 and report.summaries == 2 and report.notifications == 3
    assert send_reminders(TODAY).notifications == 0
    assert send_reminders(TODAY + dt.timedelta(days=1)).notifications == 0  # nothing new to tell


def test_dry_run_writes_nothing(tree: Tree, people: dict[str, User]) -> None:
    make_task(tree.commune, tree.province, no="1", deadline=TODAY)
    out = StringIO()
    call_command("directive_reminders", "--today", "2025-04-10", "--dry-run", stdout=out)
    assert "sẽ có 3 thông báo mới cho 3 người dùng (2 thông báo tổng hợp" in out.getvalue()
    assert not Notification.objects.exists()


def test_the_jobs_queries_do_not_grow_with_the_tasks(
    tree: Tree, people: dict[str, User], django_assert_max_num_queries: Any
) -> None:
    for no in range(3):
        make_task(tree.commune, tree.province, no=str(no), deadline=TODAY)
    with CaptureQueriesContext(connection) as few:
        send_reminders(TODAY)
    Notification.objects.all().delete()
    for no in range(3, 40):
        make_task(tree.cell, tree.province, no=str(no), deadline=TODAY)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        send_reminders(TODAY)


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
    # The commune's new specialist is now its nearest staff; the province's hears the day's count.
    assert again is not None and again["notifications"] == 2 and again["summaries"] == 1
    assert recipients(KIND_DEADLINE) == {"inside", "moi"} and set(summaries()) == {"inside"}
