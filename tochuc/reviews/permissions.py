"""Who may do what in a review period; the ``get_*_for`` look-ups answer 404 outside scope.

Opening a period and changing who reports needs EDIT on the period's unit; writing and sending a
report needs EDIT on the reporting unit; returning, accepting and reminding need EDIT or APPROVE
on the period's unit.
"""

from __future__ import annotations

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews.models import ReviewPeriod, UnitReport
from tochuc.reviews.selectors import get_period_for, get_report_for

__all__ = [
    "can_decide_report",
    "can_edit_report",
    "can_manage_period",
    "can_open_period",
    "get_period_for",
    "get_report_for",
]


def can_open_period(user: Actor, unit: OrgUnit | None = None) -> bool:
    return can(user, Action.EDIT, unit) if unit is not None else has_any(user, Action.EDIT)


def can_manage_period(user: Actor, period: ReviewPeriod) -> bool:
    return can(user, Action.EDIT, period.unit)


def can_decide_report(user: Actor, period: ReviewPeriod) -> bool:
    return can(user, Action.EDIT, period.unit) or can(user, Action.APPROVE, period.unit)


def can_edit_report(user: Actor, unit: OrgUnit, report: UnitReport | None) -> bool:
    return can(user, Action.EDIT, unit) and (report is None or report.is_editable)
