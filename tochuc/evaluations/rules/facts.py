"""The facts the rules read, in memory, with no database access.

``engine.py`` fills a ``CycleFacts`` from a handful of ``.values()`` queries; tests can build one by
hand. Every rule reads the **most advanced rating** of an evaluation: the decision if there is one,
else the advisory body's proposal, else the collective's suggestion, else the self-review (the same
order as ``Evaluation.current_rating``): a finding should appear as early as the data shows it, and
follow the latest word once a later step has spoken. The score goes with it: the decided score, else
the proposed one, else the self-review score (the collective's suggestion carries no score).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cache

RATING_RANK: dict[str, int] = {"not_completed": 0, "completed": 1, "good": 2, "excellent": 3}
GOOD_OR_BETTER = frozenset({"good", "excellent"})
LEADER_FRAMES = frozenset({"leader", "central_cadre"})
NOT_REVIEWED = "not_reviewed"
DECIDED = "decided"


@dataclass(slots=True)
class UnitFact:
    id: int
    code: str
    path: str
    kind: str
    parent_id: int | None
    name: str = ""


@dataclass(slots=True)
class EvalFact:
    id: int
    unit_id: int
    person_id: int | None = None
    person_code: str | None = None
    frame: str = "non_leader"
    is_head: bool = False
    stage: str = "pending"
    self_rating: str = ""
    self_score: Decimal | None = None
    suggested_rating: str = ""
    proposed_rating: str = ""
    proposed_score: Decimal | None = None
    final_rating: str = ""
    final_score: Decimal | None = None
    tasks_total: int = 0
    tasks_done: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0
    tasks_exceeding: int = 0
    low_confidence_share: Decimal | None = None
    disciplined: bool = False
    degenerated: bool = False
    membership_status: str | None = None
    admitted_on: dt.date | None = None

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def rating(self) -> str:
        """The most advanced rating given so far ("" if none)."""
        return self.final_rating or self.proposed_rating or self.suggested_rating or self.self_rating

    @property
    def rated_pair(self) -> tuple[str, Decimal | None]:
        """The most advanced (rating, score) given together at one step."""
        if self.final_rating:
            return self.final_rating, self.final_score
        if self.proposed_rating:
            return self.proposed_rating, self.proposed_score
        if self.self_rating:
            return self.self_rating, self.self_score
        return "", None

    @property
    def score(self) -> Decimal | None:
        for value in (self.final_score, self.proposed_score, self.self_score):
            if value is not None:
                return value
        return None

    @property
    def counts(self) -> bool:
        """Takes part in counts (quota, shares): reviewed and rated."""
        return self.stage != NOT_REVIEWED and bool(self.rating)


@cache
def fraction(limit: float | Decimal) -> Fraction:
    """A setting such as 0.2 as the exact fraction 1/5 (never 0.2000000000000000111…)."""
    return Fraction(str(limit))


def share_above(count: int, total: int, limit: float | Decimal) -> bool:
    """count / total > limit, exactly (no float rounding at 20 %, 50 %…). False when total is 0."""
    exact = fraction(limit)
    return total > 0 and count * exact.denominator > exact.numerator * total


def share_below(count: int, total: int, limit: float | Decimal) -> bool:
    """count / total < limit, exactly. False when total is 0."""
    exact = fraction(limit)
    return total > 0 and count * exact.denominator < exact.numerator * total


def period_end(year: int, kind: str, quarter: int | None) -> dt.date:
    """Last day the cycle covers: the end of the quarter for a quarterly cycle, else 31/12 of the year."""
    if kind == "quarterly" and quarter:
        month = quarter * 3
        next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
        return next_first - dt.timedelta(days=1)
    return dt.date(year, 12, 31)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(slots=True)
class AnsweringFact:
    """A unit's answering record over the period (proposals and feedback it had to answer)."""

    overdue: int = 0  # answered after the deadline, or still open past it
    found_right: int = 0  # feedback about the unit that verification found right


@dataclass
class CycleFacts:
    """Everything the rules need about one cycle (or the part of it around one evaluation)."""

    year: int
    kind: str = "annual"
    quarter: int | None = None
    units: dict[int, UnitFact] = field(default_factory=dict)
    evaluations: list[EvalFact] = field(default_factory=list)
    # (rule, unit code, person code or None) answered by a Justification.
    justified: set[tuple[str, str, str | None]] = field(default_factory=set)
    # The same subject's rating in the previous cycle of the same kind covering this one.
    previous_person: dict[int, str] = field(default_factory=dict)
    previous_unit: dict[int, str] = field(default_factory=dict)
    previous_label: str = ""
    # Unit id → its answering record over the period (units with nothing to report are absent).
    answering: dict[int, AnsweringFact] = field(default_factory=dict)
    # When set, only findings about these units are wanted (the rest of the facts is context).
    focus_units: set[int] | None = None

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """(Re)build the lookups after ``units`` or ``evaluations`` changed."""
        self.collective: dict[int, EvalFact] = {}
        self.individuals: dict[int, list[EvalFact]] = defaultdict(list)
        self.children: dict[int, list[int]] = defaultdict(list)
        self.by_path: dict[str, UnitFact] = {u.path: u for u in self.units.values()}
        for unit in sorted(self.units.values(), key=lambda u: u.path):
            if unit.parent_id is not None:
                self.children[unit.parent_id].append(unit.id)
        for ev in self.evaluations:
            if ev.person_id is None:
                self.collective[ev.unit_id] = ev
            else:
                self.individuals[ev.unit_id].append(ev)

    @property
    def period_end(self) -> dt.date:
        return period_end(self.year, self.kind, self.quarter)

    def code(self, unit_id: int) -> str:
        unit = self.units.get(unit_id)
        return unit.code if unit else str(unit_id)

    def in_scope(self) -> list[EvalFact]:
        """The evaluations whose own findings are wanted (all of them for a whole cycle).

        Built on first use in a run; rules call it after any change to the facts was made.
        """
        cached: list[EvalFact] | None = self.__dict__.get("_in_scope")
        if cached is None:
            focus = self.focus_units
            cached = (
                self.evaluations if focus is None else [ev for ev in self.evaluations if ev.unit_id in focus]
            )
            self.__dict__["_in_scope"] = cached
        return cached

    def wanted(self, unit_id: int) -> bool:
        return self.focus_units is None or unit_id in self.focus_units

    def heads(self, unit_id: int) -> list[EvalFact]:
        return [ev for ev in self.individuals.get(unit_id, ()) if ev.is_head]

    def child_collectives(self, unit_id: int) -> list[EvalFact]:
        return [self.collective[c] for c in self.children.get(unit_id, ()) if c in self.collective]

    def quota_group(self, unit_id: int, kind: str) -> int:
        """The comparable group of an individual evaluated in ``unit_id``.

        The nearest ancestor-or-self of ``kind`` (the grassroots organization); where there is none
        (a cell directly under a commune or an agency Party committee, which then acts as the grassroots
        level) the nearest ancestor-or-self that is not a cell; failing that, the unit itself.
        """
        unit = self.units.get(unit_id)
        if unit is None:
            return unit_id
        fallback: int | None = None
        current: UnitFact | None = unit
        while current is not None:
            if current.kind == kind:
                return current.id
            if fallback is None and current.kind != "cell":
                fallback = current.id
            current = self.units.get(current.parent_id) if current.parent_id is not None else None
        return fallback if fallback is not None else unit_id
