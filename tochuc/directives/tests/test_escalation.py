"""Overdue tasks: the lead unit's nearest staff hear of each, the levels above a count a day and a week."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.conftest import Tree, make_user
from tochuc.directives.escalation import KIND_ESCALATED, KIND_OVERDUE, KIND_OVERDUE_NEW, send_overdue
from tochuc.directives.models import Task
from tochuc.directives.tests.task_factory import make_task
from tochuc.notifications.models import Notification

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)  # a Friday, ISO week 49


def texts(kind: str) -> dict[str, str]:
    """What rings the bell, by user."""
    unread = Notification.objects.filter(kind=kind, read_at__isnull=True)
    return dict(unread.values_list("user__username", "text"))


@pytest.fixture
def cast(tree: Tree, inside: User, leader: User, admin: User, outside: User) -> dict[str, User]:
    commune = make_user("xa", None)
    RoleGrant.objects.create(user=commune, role=Role.SPECIALIST, unit=tree.commune, include_subtree=False)
    return {"commune": commune}


def test_each_task_to_the_nearest_staff_and_counts_to_the_levels_above(
    tree: Tree, cast: dict[str, User]
) -> None:
    task = make_task(tree.commune, tree.province, no="1", deadline=TODAY - dt.timedelta(days=1))
    old = make_task(tree.commune2, tree.province, no="2", deadline=TODAY - dt.timedelta(days=30))
    make_task(tree.commune, tree.province, no="3", deadline=TODAY)  # due today: not overdue yet
    report = send_overdue(TODAY)
    overdue = Notification.objects.filter(kind=KIND_OVERDUE)
    assert {(n.user.username, n.key) for n in overdue} == {
        ("xa", f"task:{task.pk}:overdue:2026-12-03"),
        ("inside", f"task:{old.pk}:overdue:2026-11-04"),
    }
    assert texts(KIND_OVERDUE_NEW) == {
        "inside": "Ngày 04/12/2026: 1 nhiệm vụ trong phạm vi của đồng chí được báo quá hạn.",
        "admin": "Ngày 04/12/2026: 2 nhiệm vụ trong phạm vi của đồng chí được báo quá hạn.",
    }
    # Once a week, everyone who may edit or approve hears how many are overdue in their reach.
    assert texts(KIND_ESCALATED) == {
        "xa": "Có 1 nhiệm vụ quá hạn trong phạm vi của đồng chí.",
        "leader": "Có 1 nhiệm vụ quá hạn trong phạm vi của đồng chí.",
        "inside": "Có 2 nhiệm vụ quá hạn trong phạm vi của đồng chí.",
        "admin": "Có 2 nhiệm vụ quá hạn trong phạm vi của đồng chí.",
    }
    daily = Notification.objects.filter(kind=KIND_OVERDUE_NEW).first()
    assert daily is not None and daily.key == "tasks.overdue:2026-12-04"
    assert daily.link == reverse("directives:dashboard") + "?status=overdue"
    assert report.overdue_tasks == 2 and report.notifications == 8 and report.summaries == 2


def test_reruns_send_nothing_twice_and_only_new_overdue_tasks_are_counted(
    tree: Tree, cast: dict[str, User]
) -> None:
    make_task(tree.commune, tree.province, no="1", deadline=TODAY - dt.timedelta(days=1))
    first = send_overdue(TODAY)
    assert send_overdue(TODAY).notifications == 0
    # Next day: one more task overdue; the daily count speaks of it alone, the weekly count is sent.
    make_task(tree.commune, tree.province, no="2", deadline=TODAY)
    tomorrow = TODAY + dt.timedelta(days=1)
    second = send_overdue(tomorrow)
    assert first.notifications == 7 and second.notifications == 3  # xa, inside, admin
    assert Notification.objects.get(user__username="admin", key="tasks.overdue:2026-12-05").text == (
        "Ngày 05/12/2026: 1 nhiệm vụ trong phạm vi của đồng chí được báo quá hạn."
    )
    assert send_overdue(tomorrow).notifications == 0
    # A new week: the weekly count again, now of both.
    assert send_overdue(TODAY + dt.timedelta(days=7)).notifications == 4  # xa, leader, inside, admin
    assert Notification.objects.get(user__username="admin", key="tasks.overdue:2026-W50").text == (
        "Có 2 nhiệm vụ quá hạn trong phạm vi của đồng chí."
    )


@override_settings(TOCHUC_NOTICES_PER_USER=3)
def test_over_the_days_limit_one_digest(tree: Tree, cast: dict[str, User]) -> None:
    for no in range(5):
        make_task(tree.commune, tree.province, no=str(no), deadline=TODAY - dt.timedelta(days=no + 1))
    report = send_overdue(TODAY)
    mine = Notification.objects.filter(user=cast["commune"])
    assert mine.filter(read_at__isnull=False).count() == 5
    assert sorted(mine.filter(read_at__isnull=True).values_list("text", flat=True)) == [
        "Có 5 nhiệm vụ quá hạn trong phạm vi của đồng chí.",
        "Ngày 04/12/2026: 5 nhiệm vụ đồng chí phụ trách đã quá hạn.",
    ]
    assert report.digests == 1 and report.most_per_user == 2
    assert send_overdue(TODAY).notifications == 0
    assert send_overdue(TODAY + dt.timedelta(days=1)).notifications == 0  # nothing newly overdue


def test_the_counts_are_written_the_vietnamese_way(tree: Tree, cast: dict[str, User]) -> None:
    first = make_task(tree.commune2, tree.province, no="0", deadline=TODAY - dt.timedelta(days=3))
    Task.objects.bulk_create(
        Task(
            directive=first.directive,
            assigned_by=tree.province,
            lead_unit=tree.commune2,
            lead_path=tree.commune2.path,
            no=str(n),
            text="Nhiệm vụ",
            deadline=TODAY - dt.timedelta(days=3),
        )
        for n in range(1, 1234)
    )
    send_overdue(TODAY)
    assert texts(KIND_ESCALATED)["admin"] == "Có 1.234 nhiệm vụ quá hạn trong phạm vi của đồng chí."
    assert texts(KIND_OVERDUE)["inside"] == "Ngày 04/12/2026: 1.234 nhiệm vụ đồng chí phụ trách đã quá hạn."
    assert texts(KIND_OVERDUE_NEW)["admin"].startswith("Ngày 04/12/2026: 1.234 nhiệm vụ")


def test_dry_run_writes_nothing(tree: Tree, cast: dict[str, User]) -> None:
    make_task(tree.commune, tree.province, no="1", deadline=TODAY - dt.timedelta(days=1))
    out = StringIO()
    call_command("directive_escalations", "--today", TODAY.isoformat(), "--dry-run", stdout=out)
    assert "1 nhiệm vụ quá hạn; sẽ có 7 thông báo mới cho 4 người dùng" in out.getvalue()
    assert not Notification.objects.exists()
