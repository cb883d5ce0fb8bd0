"""Reminders to lead units: a deadline coming up, a scheduled report missing.

``send_reminders(today)`` notifies every active user who may EDIT a task's lead
unit — a grant of a role with EDIT on that unit, or on an ancestor with its
subtree — when

- the deadline is within ``TOCHUC_REMINDER_DAYS`` days (default 7; today
  included, the deadline day included), key ``task:<id>:deadline:<date>``; and
- a scheduled report is missing (same rule as the status, ``status.report_missing``),
  key ``task:<id>:report:<period end>``.

Keys make re-runs send nothing twice; a changed deadline or a new period gives
a new key. Set-based: one query for the tasks concerned, one for the grants,
then the match is done in memory along each task's path (a handful of
ancestors), and the notifications go in with bulk inserts.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from tochuc.accounts.policy import Action, users_who_can
from tochuc.directives.models import Task
from tochuc.directives.status import period_ends_before, report_missing_q
from tochuc.notifications.services import Message, deliver

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = 7
KIND_DEADLINE = "task.deadline_soon"
KIND_REPORT = "task.report_missing"


@dataclass(frozen=True)
class ReminderReport:
    deadline_tasks: int  # tasks whose deadline is near
    report_tasks: int  # tasks with a missing scheduled report
    notifications: int  # new notifications stored (0 on a re-run)
    users: int  # distinct users notified this run
    unreached_tasks: int  # tasks concerned whose lead unit nobody may edit


def reminder_days() -> int:
    return int(getattr(settings, "TOCHUC_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def _task_link(task_id: int) -> str:
    try:
        return reverse("directives:task", args=[task_id])
    except NoReverseMatch:
        return ""


def send_reminders(today: dt.date) -> ReminderReport:
    days = reminder_days()
    horizon = today + dt.timedelta(days=days)
    open_led = Task.objects.filter(completed_on__isnull=True, lead_unit__isnull=False)
    rows = open_led.filter(
        Q(deadline__gte=today, deadline__lte=horizon) | report_missing_q(today)
    ).values_list(
        "id", "lead_path", "deadline", "report_period", "no", "directive__number_symbol", "last_report_on"
    )
    editors_by_path = users_who_can(Action.EDIT, set(rows.values_list("lead_path", flat=True).distinct()))
    messages: list[Message] = []
    deadline_tasks = report_tasks = unreached = 0
    link_base = _task_link(0)
    missing_ids = set(
        open_led.filter(report_missing_q(today)).values_list("id", flat=True).iterator(chunk_size=10000)
    )
    for task_id, path, deadline, period, no, number_symbol, _last in rows.iterator(chunk_size=10000):
        editors = editors_by_path.get(path, set())
        link = link_base.replace("/0/", f"/{task_id}/") if link_base else ""
        concerned = False
        if deadline is not None and today <= deadline <= horizon:
            deadline_tasks += 1
            concerned = True
            left = (deadline - today).days
            text = (
                _("Nhiệm vụ %(no)s của văn bản %(ns)s đến hạn hôm nay (%(d)s).")
                if left == 0
                else _("Nhiệm vụ %(no)s của văn bản %(ns)s còn %(n)d ngày đến hạn (%(d)s).")
            ) % {"no": no, "ns": number_symbol, "n": left, "d": date_format(deadline, "d/m/Y")}
            key = f"task:{task_id}:deadline:{deadline.isoformat()}"
            messages.extend(Message(uid, KIND_DEADLINE, text, link, key) for uid in editors)
        if task_id in missing_ids:
            ends = period_ends_before(period, today)
            assert ends is not None
            report_tasks += 1
            concerned = True
            text = _("Nhiệm vụ %(no)s của văn bản %(ns)s chưa có báo cáo kỳ đến ngày %(d)s.") % {
                "no": no,
                "ns": number_symbol,
                "d": date_format(ends[1], "d/m/Y"),
            }
            key = f"task:{task_id}:report:{ends[1].isoformat()}"
            messages.extend(Message(uid, KIND_REPORT, text, link, key) for uid in editors)
        if concerned and not editors:
            unreached += 1
    with transaction.atomic():
        new = deliver(messages)
    return ReminderReport(
        deadline_tasks=deadline_tasks,
        report_tasks=report_tasks,
        notifications=len(new),
        users=len({m.user_id for m in new}),
        unreached_tasks=unreached,
    )


@task()
def run_directive_reminders(today_iso: str = "") -> dict[str, int]:
    """The background job (django-tasks): ``run_directive_reminders.enqueue()`` once a day."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    report = send_reminders(today)
    logger.info("directive reminders %s: %s", today.isoformat(), report)
    return asdict(report)
