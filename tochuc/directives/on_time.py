"""Tasks due and done on time, per child unit and per quarter, as the user sees them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from tochuc.core.actors import Actor
from tochuc.directives import selectors
from tochuc.orgunits.models import OrgUnit


def last_quarters(day: dt.date, n: int = 4) -> list[selectors.Period]:
    """The ``n`` quarters ending with the one ``day`` falls in, oldest first."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    found = []
    for _i in range(n):
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        found.append((f"Q{quarter}/{year}", start, end))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return list(reversed(found))


def _rate(on_time: int, due: int) -> float | None:
    return round(100 * on_time / due, 1) if due else None


@dataclass
class UnitOnTime:
    """One unit over the periods: a cell per period and the whole span."""

    unit: OrgUnit
    cells: list[selectors.OnTimeCell] = field(default_factory=list)
    due: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return _rate(self.on_time, self.due)


@dataclass(frozen=True)
class PeriodOnTime:
    """All units together in one period."""

    label: str
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return _rate(self.on_time, self.due)


@dataclass(frozen=True)
class OnTime:
    units: list[UnitOnTime]
    trend: list[PeriodOnTime]


def on_time(user: Actor, unit: OrgUnit, periods: Sequence[selectors.Period]) -> OnTime:
    """Tasks due and done on time per child unit of ``unit`` and per period, and per period in all."""
    table: dict[int, UnitOnTime] = {}
    totals = {label: [0, 0] for label, _start, _end in periods}
    for cell in selectors.on_time_rate_by_unit(user, unit, periods):
        entry = table.setdefault(cell["unit"].pk, UnitOnTime(cell["unit"]))
        entry.cells.append(cell)
        entry.due += cell["due"]
        entry.on_time += cell["on_time"]
        totals[cell["period"]][0] += cell["due"]
        totals[cell["period"]][1] += cell["on_time"]
    trend = [PeriodOnTime(label, due, done) for label, (due, done) in totals.items()]
    return OnTime(list(table.values()), trend)
