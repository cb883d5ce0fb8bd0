"""What a supervision-signal pack is made of: the facts read from the other apps, the thresholds,
and the signal each rule yields (a finding with its unit, person, evidence and link)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule


@dataclass(frozen=True, kw_only=True)
class Signal(Finding):
    """Something in a unit's subtree that deserves an inspector's look."""

    unit: str  # unit code
    unit_name: str
    person: str | None = None  # person code
    person_name: str = ""
    detail: str
    evidence: tuple[str, ...] = ()
    link: str = ""

    @property
    def kind(self) -> str:
        return self.rule

    def as_json(self) -> dict[str, str | None]:
        return {"kind": self.rule, "unit": self.unit, "person": self.person, "detail": self.detail}


@dataclass(frozen=True)
class JustifiedFlag:
    rule: str  # the evaluation rule id, e.g. "inflation_pattern"
    cycle: str
    unit: str
    unit_name: str
    person: str | None
    person_name: str
    text: str
    link: str


@dataclass(frozen=True)
class OverdueTask:
    label: str  # "05-KL/TU – 2"
    text: str
    unit: str
    unit_name: str
    deadline: dt.date
    link: str


@dataclass(frozen=True)
class OverdueAnswer:
    what: str  # "proposal" or "feedback"
    label: str
    unit: str
    unit_name: str
    due: dt.date
    link: str


@dataclass(frozen=True)
class RightFeedback:
    label: str  # the tracking code
    unit: str
    unit_name: str
    person: str | None
    person_name: str
    answered_on: dt.date
    link: str


@dataclass(frozen=True)
class PendingDiscipline:
    label: str  # what waits: the inspection code, or the appeal of a decision
    unit: str
    unit_name: str
    person: str | None
    person_name: str
    since: dt.date  # the day the wait began (conclusion, appeal deadline)
    link: str


@dataclass(frozen=True)
class RatingEditor:
    """A user who changed ratings of evaluations already decided, within one cycle."""

    actor: str
    cycle: str
    unit: str
    unit_name: str
    changes: int
    link: str


@dataclass(frozen=True)
class RevealCount:
    """Citizen-ID reveals of the members of one unit: the recent window against the usual rate."""

    unit: str
    unit_name: str
    recent: int
    usual: float  # the average count per window over the baseline
    top_actor: str
    link: str


@dataclass(frozen=True)
class ClosedCycleWrite:
    """A write on an evaluation of a closed cycle, after it was closed."""

    cycle: str
    unit: str
    unit_name: str
    actor: str
    action: str
    at: dt.datetime  # local time
    link: str


@dataclass(frozen=True)
class SupervisionFacts:
    today: dt.date
    justified_flags: list[JustifiedFlag] = field(default_factory=list)
    overdue_tasks: list[OverdueTask] = field(default_factory=list)
    overdue_answers: list[OverdueAnswer] = field(default_factory=list)
    right_feedback: list[RightFeedback] = field(default_factory=list)
    pending_discipline: list[PendingDiscipline] = field(default_factory=list)
    rating_editors: list[RatingEditor] = field(default_factory=list)
    reveal_counts: list[RevealCount] = field(default_factory=list)
    closed_cycle_writes: list[ClosedCycleWrite] = field(default_factory=list)


SignalRule: TypeAlias = "Rule[SupervisionFacts, SignalsPack, Signal]"


@dataclass(frozen=True)
class SignalsPack:
    code: str
    name: str
    citation: str
    # Evaluation rules whose justified findings are signals.
    watched_flags: tuple[str, ...] = ("inflation_pattern", "identical_scores", "head_above_collective")
    # A task still open this many days past its deadline.
    task_overdue_days: int = 30
    # A proposal or feedback still unanswered this many days past its answer deadline.
    answer_overdue_days: int = 15
    # Feedback found right, answered within this many days back.
    feedback_lookback_days: int = 365
    # A proposed discipline without decision, or an appeal without answer, this many days on.
    discipline_wait_days: int = 60
    # One user changing at least this many already-decided ratings in one cycle.
    rating_changes_min: int = 5
    # Citizen-ID reveals: the recent window, the baseline before it, how far above the usual rate.
    reveal_window_days: int = 30
    reveal_baseline_days: int = 180
    reveal_factor: int = 3
    reveal_min: int = 10
    # Writes between these local hours count as at night (start inclusive, end exclusive).
    night_start_hour: int = 22
    night_end_hour: int = 6
    rules: tuple[SignalRule, ...] = ()

    def numbers(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if isinstance(v, int)}
