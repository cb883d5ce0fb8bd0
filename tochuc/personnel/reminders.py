"""Re-appointment reminders: at least 90 working days before a term ends (the pack's number)."""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from tochuc.accounts.policy import Action, users_who_can
from tochuc.notifications.services import Message, deliver
from tochuc.personnel.models import Procedure, ProcedureKind, ProcedureStatus
from tochuc.personnel.rules import get_pack


def add_working_days(day: dt.date, count: int) -> dt.date:
    """``count`` working days (Monday–Friday) after ``day``. Public holidays are not counted out."""
    while count > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _link(procedure_id: int) -> str:
    try:
        return reverse("personnel:procedure_detail", args=[procedure_id])
    except NoReverseMatch:
        return ""


def reappointment_reminders(today: dt.date) -> int:
    """Notify the unit's organisation staff (and the cadre, when linked) of terms ending soon.

    Returns the number of new notifications; running twice the same day sends nothing new.
    """
    horizon = add_working_days(today, get_pack(None).reappointment_notice_working_days)
    ending = list(
        Procedure.objects.filter(
            status=ProcedureStatus.DECIDED,
            kind__in=(ProcedureKind.APPOINTMENT, ProcedureKind.REAPPOINTMENT),
            term_end__gte=today,
            term_end__lte=horizon,
        ).values_list(
            "id", "unit__path", "candidate__full_name", "title__name", "term_end", "candidate__user_account"
        )
    )
    editors = users_who_can(Action.EDIT, {row[1] for row in ending})
    messages = []
    for procedure_id, path, name, title, term_end, own_user in ending:
        assert term_end is not None  # filtered on it above
        text = (
            f"Nhiệm kỳ {title} của {name} kết thúc ngày {term_end:%d/%m/%Y}: chuẩn bị quy trình bổ nhiệm lại."
        )
        key = f"procedure.reappointment:{procedure_id}:{term_end.isoformat()}"
        recipients = set(editors.get(path, set()))
        if own_user:
            recipients.add(own_user)
        messages += [
            Message(user_id, "procedure.reappointment", text, _link(procedure_id), key)
            for user_id in recipients
        ]
    return len(deliver(messages))


@task()
def run_reappointment_reminders(today_iso: str = "") -> int:
    """The background job (django-tasks): ``run_reappointment_reminders.enqueue()`` once a day."""
    return reappointment_reminders(dt.date.fromisoformat(today_iso) if today_iso else timezone.localdate())
