"""Automatic reminders of a period's deadline to the units that have not sent their report.

``send_reminders(today)`` notifies the editors of every expected unit still missing its report
when the deadline is ``TOCHUC_REVIEW_REMINDER_DAYS`` days away (default 3) or on the deadline
day, and after the deadline every ``TOCHUC_REVIEW_OVERDUE_EVERY_DAYS`` days (default 7) until the
report comes or ``TOCHUC_REVIEW_OVERDUE_UNTIL_DAYS`` (default 60) have passed. The keys make a
re-run on the same day send nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from tochuc.reviews import services
from tochuc.reviews.models import ReviewPeriod


@dataclass(frozen=True)
class ReminderReport:
    periods: int
    notifications: int


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def reminder_due(deadline: dt.date, today: dt.date) -> bool:
    """Whether ``today`` is a reminding day for a period with ``deadline``."""
    before = _setting("TOCHUC_REVIEW_REMINDER_DAYS", 3)
    every = max(1, _setting("TOCHUC_REVIEW_OVERDUE_EVERY_DAYS", 7))
    until = _setting("TOCHUC_REVIEW_OVERDUE_UNTIL_DAYS", 60)
    left = (deadline - today).days
    if left in (before, 0):
        return True
    late = -left
    return 0 < late <= until and late % every == 1 % every


def send_reminders(today: dt.date) -> ReminderReport:
    until = _setting("TOCHUC_REVIEW_OVERDUE_UNTIL_DAYS", 60)
    horizon = today + dt.timedelta(days=_setting("TOCHUC_REVIEW_REMINDER_DAYS", 3))
    candidates = ReviewPeriod.objects.filter(
        Q(deadline__lte=horizon) & Q(deadline__gte=today - dt.timedelta(days=until))
    ).select_related("unit")
    periods = sent = 0
    for period in candidates:
        if not reminder_due(period.deadline, today):
            continue
        periods += 1
        sent += services.period_remind(actor=None, period=period, today=today)
    return ReminderReport(periods=periods, notifications=sent)
