"""Rows an import accepts but a person should look at again: values that are allowed yet unlikely.

A member admitted long ago with no date of full membership, a full membership dated before the
probation could end, a recruitment date in childhood. They do not stop the import; the job page
lists them with their row so the file or the record can be checked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from tochuc.people.importing.rows import HEADER_OF, Errors, Row
from tochuc.people.models import MembershipStatus
from tochuc.people.rules.statute import STATUTE

# After twice the probation with no date of full membership, the record is probably incomplete.
STALE_PROBATION_FACTOR = 2
MIN_RECRUITMENT_AGE = 16


def _months_between(start: dt.date, end: dt.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def row_doubts(person: dict[str, Any], membership: dict[str, Any], today: dt.date) -> list[tuple[str, str]]:
    """(field, message) for each doubtful value of one row, as it will be stored."""
    doubts: list[tuple[str, str]] = []
    admitted, full = membership.get("admitted_on"), membership.get("full_member_on")
    status = membership.get("status")
    stale = STATUTE.probation_months * STALE_PROBATION_FACTOR
    if admitted and not full and status not in (MembershipStatus.LEFT,):
        months = _months_between(admitted, today)
        if months >= stale:
            doubts.append(
                (
                    "full_member_on",
                    _(
                        "Vào Đảng ngày %(admitted)s (đã %(years)s năm) nhưng chưa có ngày chính thức; "
                        "thời gian dự bị là %(months)s tháng (%(source)s)."
                    )
                    % {
                        "admitted": _fmt(admitted),
                        "years": months // 12,
                        "months": STATUTE.probation_months,
                        "source": STATUTE.source,
                    },
                )
            )
    if admitted and full and _months_between(admitted, full) < STATUTE.probation_months:
        doubts.append(
            (
                "full_member_on",
                _("Ngày chính thức %(full)s chưa đủ %(months)s tháng dự bị kể từ ngày vào Đảng %(admitted)s.")
                % {"full": _fmt(full), "months": STATUTE.probation_months, "admitted": _fmt(admitted)},
            )
        )
    if status == MembershipStatus.FULL and not full and not admitted:
        doubts.append(
            ("admitted_on", _("Đảng viên chính thức nhưng chưa có ngày vào Đảng và ngày chính thức."))
        )
    birth, recruited = person.get("birth_date"), person.get("recruited_on")
    if birth and recruited and _months_between(birth, recruited) < MIN_RECRUITMENT_AGE * 12:
        doubts.append(
            (
                "recruited_on",
                _("Ngày tuyển dụng %(day)s khi chưa đủ %(age)s tuổi.")
                % {"day": _fmt(recruited), "age": MIN_RECRUITMENT_AGE},
            )
        )
    return doubts


def collect_doubts(
    rows: list[tuple[Row, dict[str, Any], dict[str, Any]]], today: dt.date, into: Errors
) -> None:
    """Add the doubts of each row (its number, the column header, the message) to ``into``."""
    for row, person, membership in rows:
        for field, message in row_doubts(person, membership or {}, today):
            into.add(row.number, HEADER_OF.get(field, field), message)
