"""Reminders to lead units: a deadline coming up, a scheduled report missing.

``send_reminders(today)`` notifies the lead unit's nearest staff — the active users
who may EDIT it through the grant closest to it: on the unit itself or, when nobody
has one there, on its nearest ancestor (with the subtree) where somebody has — when

- the deadline is within ``TOCHUC_REMINDER_DAYS`` days (default 7; today
  included, the deadline day included), key ``task:<id>:deadline:<date>``; and
- a scheduled report is missing (same rule as the status, ``status.report_missing``),
  key ``task:<id>:report:<period end>``.

The users with EDIT further up hear once a day (key ``tasks.reminded:<date>``)
how many tasks in their reach were newly reminded that day, with a link to the
dashboard. Over ``TOCHUC_NOTICES_PER_USER`` a day, a user gets one digest per
kind instead (``notifications.services.deliver``).

Keys make re-runs send nothing twice; a changed deadline or a new period gives
a new key. Set-based: one query for the tasks concerned, one for the grants,
then the match is done in memory along each task's path (a handful of
ancestors), and the notifications go in with bulk inserts. Notifications are
messages, not records: they carry no audit event.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from tochuc.accounts.policy import Action, Levels, users_who_can_by_level
from tochuc.core.documents.numbers import format_number
from tochuc.directives.models import Task
from tochuc.directives.status import period_ends_before, report_missing_q
from tochuc.notifications.services import Digest, Message, deliver, unsent

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = 7
KIND_DEADLINE = "task.deadline_soon"
KIND_REPORT = "task.report_missing"
KIND_SUMMARY = "task.reminders_summary"


@dataclass(frozen=True)
class ReminderReport:
    deadline_tasks: int  # tasks whose deadline is near
    report_tasks: int  # tasks with a missing scheduled report
    notifications: int  # new notifications stored (0 on a re-run)
    users: int  # distinct users notified this run
    unreached_tasks: int  # tasks concerned whose lead unit nobody may edit
    summaries: int = 0  # daily summaries to the levels above
    digests: int = 0  # digests to users over the day's limit
    most_per_user: int = 0  # the most notifications one user got this run


def reminder_days() -> int:
    return int(getattr(settings, "TOCHUC_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def _task_link(task_id: int) -> str:
    try:
        return reverse("directives:task", args=[task_id])
    except NoReverseMatch:
        return ""


def reminder_digests() -> dict[str, Digest]:
    """What a user over the day's limit reads instead of the reminders one by one."""
    dashboard = _dashboard_link()
    return {
        KIND_DEADLINE: Digest(_("Ngày %(d)s: %(n)s nhiệm vụ đồng chí phụ trách sắp đến hạn."), dashboard),
        KIND_REPORT: Digest(
            _("Ngày %(d)s: %(n)s nhiệm vụ đồng chí phụ trách chưa có báo cáo định kỳ."), dashboard
        ),
    }


def _dashboard_link(query: str = "") -> str:
    try:
        return reverse("directives:dashboard") + query
    except NoReverseMatch:
        return ""


def send_reminders(today: dt.date, *, dry_run: bool = False) -> ReminderReport:
    days = reminder_days()
    horizon = today + dt.timedelta(days=days)
    open_led = Task.objects.filter(completed_on__isnull=True, lead_unit__isnull=False)
    rows = open_led.filter(
        Q(deadline__gte=today, deadline__lte=horizon) | report_missing_q(today)
    ).values_list(
        "id", "lead_path", "deadline", "report_period", "no", "directive__number_symbol", "last_report_on"
    )
    levels = users_who_can_by_level(Action.EDIT, set(rows.values_list("lead_path", flat=True).distinct()))
    nobody = Levels(frozenset(), frozenset())
    messages: list[Message] = []
    # key → (lead path, kind): which task a reminder is about, to count it for the levels above.
    concerns: dict[str, tuple[str, str]] = {}
    deadline_tasks = report_tasks = unreached = 0
    link_base = _task_link(0)
    missing_ids = set(
        open_led.filter(report_missing_q(today)).values_list("id", flat=True).iterator(chunk_size=10000)
    )
    for task_id, path, deadline, period, no, number_symbol, _last in rows.iterator(chunk_size=10000):
        nearest = levels.get(path, nobody).nearest
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
            concerns[key] = (path, KIND_DEADLINE)
            messages.extend(Message(uid, KIND_DEADLINE, text, link, key) for uid in nearest)
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
            concerns[key] = (path, KIND_REPORT)
            messages.extend(Message(uid, KIND_REPORT, text, link, key) for uid in nearest)
        if concerned and not nearest:
            unreached += 1
    fresh = unsent(messages)
    # The levels above hear once a day how many tasks in their reach were newly reminded.
    reminded = {concerns[m.key] + (m.key,) for m in fresh}
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for path, kind, _key in reminded:
        for uid in levels[path].above:
            counts[uid][kind] += 1
    summary_text = _(
        "Ngày %(d)s, trong phạm vi của đồng chí: %(deadline)s nhiệm vụ sắp đến hạn, "
        "%(report)s nhiệm vụ chưa có báo cáo định kỳ."
    )
    summaries = [
        Message(
            uid,
            KIND_SUMMARY,
            summary_text
            % {
                "d": date_format(today, "d/m/Y"),
                "deadline": format_number(kinds[KIND_DEADLINE]),
                "report": format_number(kinds[KIND_REPORT]),
            },
            _dashboard_link(),
            f"tasks.reminded:{today.isoformat()}",
        )
        for uid, kinds in sorted(counts.items())
    ]
    with transaction.atomic():
        new = deliver(
            [*fresh, *unsent(summaries)], digests=reminder_digests(), day=today, dry_run=dry_run, checked=True
        )
    return ReminderReport(
        deadline_tasks=deadline_tasks,
        report_tasks=report_tasks,
        notifications=len(new),
        users=len({m.user_id for m in new}),
        unreached_tasks=unreached,
        summaries=sum(1 for m in new if m.kind == KIND_SUMMARY),
        digests=sum(1 for m in new if m.key.startswith(f"{m.kind}.digest:")),
        most_per_user=max(Counter(m.user_id for m in new).values(), default=0),
    )


@task()
def run_directive_reminders(today_iso: str = "") -> dict[str, int]:
    """The background job (django-tasks): ``run_directive_reminders.enqueue()`` once a day."""
    today = dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    report = send_reminders(today)
    logger.info("directive reminders %s: %s", today.isoformat(), report)
    return asdict(report)
