"""Retirement age under the Labour Code 2019 (Điều 169) and Nghị định 135/2020/NĐ-CP.

From 2021 the age rises every year: men from 60 years 3 months by 3 months a
year to 62 (reached in 2028); women from 55 years 4 months by 4 months a year
to 60 (reached in 2035). A person retires in the first month in which their age
reaches the age required for that calendar year.
"""

from __future__ import annotations

import calendar
import datetime as dt

from tochuc.people.models import Gender

_BASE: dict[str, tuple[int, int, int]] = {
    Gender.MALE: (60 * 12, 3, 62 * 12),
    Gender.FEMALE: (55 * 12, 4, 60 * 12),
}


def required_age_months(gender: str, year: int) -> int:
    """The retirement age, in months, for someone who reaches it in ``year``."""
    base, step, cap = _BASE.get(gender, _BASE[Gender.MALE])
    return min(cap, base + step * max(0, year - 2020))


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retirement_date(birth_date: dt.date, gender: str) -> dt.date:
    months = _BASE.get(gender, _BASE[Gender.MALE])[0]
    while True:
        reached = add_months(birth_date, months)
        if months >= required_age_months(gender, reached.year):
            return reached
        months += 1


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and end.day < start.day:
        months -= 1
    elif months < 0 and end.day > start.day:
        months += 1
    return months


def months_of_work_left(birth_date: dt.date, gender: str, on: dt.date) -> int:
    return months_between(on, retirement_date(birth_date, gender))
