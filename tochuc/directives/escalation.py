"""Escalation of overdue tasks: the lead unit hears of each one, the levels above of how many there are.

``send_overdue(today)`` notifies

- the lead unit's nearest staff (the active users who may EDIT it through the grant
  closest to it, as for the reminders), once per task and deadline
  (key ``task:<id>:overdue:<deadline>``): the task is overdue;
- the users who may EDIT it from further up, once a day (key ``tasks.overdue:<date>``):
  how many tasks in their reach became overdue news that day;
- every active user who may EDIT or APPROVE it (its specialists, the unit's leaders
  and those of the levels above), once a week (key ``tasks.overdue:<ISO year>-W<week>``):
  how many tasks in their reach are overdue, with a link to the dashboard's overdue list.

So the bell is not empty while tasks stay overdue, and nobody gets one notification per
task of a whole province. Over ``TOCHUC_NOTICES_PER_USER`` a day, a user gets one digest
instead (``notifications.services.deliver``). Set-based like the reminders: one query for
the tasks, one for the grants, bulk inserts. Notifications carry no audit event.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, Levels, users_who_can, users_who_can_by_level
from tochuc.core.documents.numbers import format_number
from tochuc.directives.models import Task
from tochuc.notifications.services import Digest, Message, deliver, unsent

KIND_OVERDUE = "task.overdue"
KIND_ESCALATED = "task.overdue_summary"
KIND_OVERDUE_NEW = "task.overdue_new"


@dataclass(frozen=True)
class EscalationReport:
    overdue_tasks: int
    notifications: int  # new notifications stored (0 on a re-run the same week)
    users: int
    summaries: int = 0  # daily counts to the levels above
    digests: int = 0  # digests to users over the day's limit
    most_per_user: int = 0  # the most notifications one user got this run


def send_overdue(today: dt.date, *, dry_run: bool = False) -> EscalationReport:
    rows = list(
        Task.objects.filter(
            completed_on__isnull=True, lead_unit__isnull=False, deadline__lt=today
        ).values_list("id", "lead_path", "deadline", "no", "directive__number_symbol")
    )
    paths = {row[1] for row in rows}
    editors = users_who_can_by_level(Action.EDIT, paths)
    approvers = users_who_can(Action.APPROVE, paths)
    nobody = Levels(frozenset(), frozenset())
    task_link = reverse("directives:task", args=[0])
    dashboard = reverse("directives:dashboard") + "?status=overdue"
    messages: list[Message] = []
    path_of_key: dict[str, str] = {}
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
        levels = editors.get(path, nobody)
        path_of_key[key] = path
        messages.extend(Message(uid, KIND_OVERDUE, text, link, key) for uid in levels.nearest)
        overdue_by_user.update(levels.nearest | levels.above | approvers.get(path, set()))
    fresh = unsent(messages)
    newly: Counter[int] = Counter()
    for key in {m.key for m in fresh}:
        newly.update(editors[path_of_key[key]].above)
    day = date_format(today, "d/m/Y")
    daily = [
        Message(
            user_id,
            KIND_OVERDUE_NEW,
            _("Ngày %(d)s: %(n)s nhiệm vụ trong phạm vi của đồng chí được báo quá hạn.")
            % {"d": day, "n": format_number(count)},
            dashboard,
            f"tasks.overdue:{today.isoformat()}",
        )
        for user_id, count in sorted(newly.items())
    ]
    year, week, _day = today.isocalendar()
    weekly = [
        Message(
            user_id,
            KIND_ESCALATED,
            _("Có %(n)s nhiệm vụ quá hạn trong phạm vi của đồng chí.") % {"n": format_number(count)},
            dashboard,
            f"tasks.overdue:{year}-W{week:02d}",
        )
        for user_id, count in sorted(overdue_by_user.items())
    ]
    digests = {
        KIND_OVERDUE: Digest(_("Ngày %(d)s: %(n)s nhiệm vụ đồng chí phụ trách đã quá hạn."), dashboard)
    }
    with transaction.atomic():
        counts = unsent([*daily, *weekly])
        new = deliver([*fresh, *counts], digests=digests, day=today, dry_run=dry_run, checked=True)
    return EscalationReport(
        overdue_tasks=len(rows),
        notifications=len(new),
        users=len({m.user_id for m in new}),
        summaries=sum(1 for m in new if m.kind == KIND_OVERDUE_NEW),
        digests=sum(1 for m in new if m.key.startswith(f"{m.kind}.digest:")),
        most_per_user=max(Counter(m.user_id for m in new).values(), default=0),
    )
