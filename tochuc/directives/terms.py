"""Committee terms (nhiệm kỳ): numbers of Party documents count from 01 per type within one term.

A term is named by its congress years ("2015-2020") and starts on the day the
National Party Congress opened: the XI Congress on 12/01/2011 opened
"2010-2015", the XII on 21/01/2016 "2015-2020", the XIII on 25/01/2021
"2020-2025", the XIV on 19/01/2026 "2025-2030". A document dated the day a
congress opened belongs to the new term; one dated the day before, to the old
one. Local committees hold their congresses a few months earlier, so the
derived term is only a default: the user may correct it when registering.
Outside the table the terms continue every five years, starting on 1 January
of the year after the term's first year.
"""

from __future__ import annotations

import datetime as dt

TERM_STARTS: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2011, 1, 12), "2010-2015"),
    (dt.date(2016, 1, 21), "2015-2020"),
    (dt.date(2021, 1, 25), "2020-2025"),
    (dt.date(2026, 1, 19), "2025-2030"),
)


def _label(first_year: int) -> str:
    return f"{first_year}-{first_year + 5}"


def term_for(day: dt.date) -> str:
    """The committee term a document dated ``day`` belongs to: 16/03/2017 → "2015-2020"."""
    first_start, _ = TERM_STARTS[0]
    last_start, _ = TERM_STARTS[-1]
    # Outside the table: terms start on 1 January of years ≡ 1 (mod 5).
    extrapolated = (day.year - 1) // 5 * 5
    if day < first_start:
        return _label(min(extrapolated, first_start.year - 6))
    if day >= dt.date(last_start.year + 5, 1, 1):
        return _label(extrapolated)
    return [label for start, label in TERM_STARTS if day >= start][-1]
