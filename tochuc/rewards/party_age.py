"""Party age: full years from the admission date, minus the periods outside the Party.

Pure functions over dates; the selectors feed them rows read in bulk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` moved by whole years; 29/2 becomes 1/3 in a year without it (the day after 28/2)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months (negative goes back), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def gap_days(periods: Iterable[tuple[dt.date, dt.date | None]], *, on: dt.date) -> int:
    """Days spent outside the Party before ``on`` (an open period runs to ``on``)."""
    total = 0
    for start, end in periods:
        stop = min(end or on, on)
        if stop > start:
            total += (stop - start).days
    return total


def counted_from(admitted_on: dt.date, gap: int) -> dt.date:
    """The date party age counts from once the days outside the Party are taken off."""
    return admitted_on + dt.timedelta(days=gap)


def party_age(admitted_on: dt.date, *, on: dt.date, gap: int = 0) -> int:
    """Whole years of party age on ``on`` (0 before the admission)."""
    start = counted_from(admitted_on, gap) if gap else admitted_on
    if on < start:
        return 0
    # One year less before the anniversary; born on 29/2, the anniversary of a common year is 1/3.
    return on.year - start.year - ((on.month, on.day) < (start.month, start.day))


def reached_on(admitted_on: dt.date, years: int, *, gap: int = 0) -> dt.date:
    """The day party age reaches ``years``."""
    return add_years(counted_from(admitted_on, gap), years)
