"""Escalation of overdue tasks: the lead unit hears of each one, its leaders of how many there are.

``send_overdue(today)`` notifies

- every active user who may EDIT a task's lead unit, once per task and deadline
  (key ``task:<id>:overdue:<deadline>``): the task is overdue;
- every active user who may EDIT or APPROVE it (its specialists, the unit's leaders
  and those of the levels above), once a week (key ``tasks.overdue:<ISO year>-W<week>``):
  how many tasks in their reach are overdue, with a link to the dashboard's overdue list.

So the bell is not empty while tasks stay overdue. Set-based like the reminders:
one query for the tasks, one for the grants, bulk inserts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, users_who_can
from tochuc.directives.models import Task
from tochuc.notifications.services import Message, deliver

KIND_OVERDUE = "task.overdue"
KIND_ESCALATED = "task.overdue_summary"


@dataclass(frozen=True)
class EscalationReport:
    overdue_tasks: int
    notifications: int  # new notifications stored (0 on a re-run the same week)
    users: int


def send_overdue(today: dt.date) -> EscalationReport:
    rows = list(
        Task.objects.filter(
            completed_on__isnull=True, lead_unit__isnull=False, deadline__lt=today
        ).values_list("id", "lead_path", "deadline", "no", "directive__number_symbol")
    )
    paths = {row[1] for row in rows}
    editors = users_who_can(Action.EDIT, paths)
    approvers = users_who_can(Action.APPROVE, paths)
    task_link = reverse("directives:task", args=[0])
    messages: list[Message] = []
    overdue_by_user: Counter[int] = Counter()
    for task_id, path, deadline, no, number_symbol in rows:
        assert deadline is not None  # filtered on it above
        text = _("Nhiệm vụ %(no)s của văn bản %(ns)s đã quá hạn (hạn %(d)s).") % {
            "no": no,
            "ns": number_symbol,
            "d": date_format(deadline, "d/m/Y"),
        }
        link = task_link.replace("/0/", f"/{task_id}/")
        key = f"task:{task_id}:overdue:{deadline.isoformat()}"
        messages.extend(Message(uid, KIND_OVERDUE, text, link, key) for uid in editors.get(path, set()))
        overdue_by_user.update(editors.get(path, set()) | approvers.get(path, set()))
    year, week, _day = today.isocalendar()
    dashboard = reverse("directives:dashboard") + "?status=overdue"
    for user_id, count in overdue_by_user.items():
        text = _("Có %(n)d nhiệm vụ quá hạn trong phạm vi của đồng chí.") % {"n": count}
        key = f"tasks.overdue:{year}-W{week:02d}"
        messages.append(Message(user_id, KIND_ESCALATED, text, dashboard, key))
    with transaction.atomic():
        new = deliver(messages)
    return EscalationReport(
        overdue_tasks=len(rows), notifications=len(new), users=len({m.user_id for m in new})
    )
