"""The shapes of the inflation analytics: distributions, rows, flags and the page's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy

from tochuc.core.documents.numbers import format_percent
from tochuc.evaluations.models import RATING_SHORT, EvaluationCycle, Rating

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
from tochuc.evaluations.rules.base import RulePack
from tochuc.orgunits.models import OrgUnit

RATINGS: tuple[str, ...] = (Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED)
# At least this many people with a score, all the same, make "identical scores for everyone"
# (the pack's ``identical_min_people`` when it has one).
IDENTICAL_MIN_PEOPLE = 5
# Year-on-year jump: the share of Excellent up by at least this much (30 percentage points) …
JUMP_EXCELLENT_SHARE = 0.30
# … or the collective up by at least this many levels (the pack's ``jump_levels``).
JUMP_COLLECTIVE_LEVELS = 2
# The most individuals listed on the page of a unit without children.
PEOPLE_LIMIT = 500
# Shares are compared with this tolerance, so that 9 of 10 is "exactly 90 %".
EPSILON = 1e-9
# A closed cycle's figures no longer move; they are kept this long in the cache (per unit and scope).
CLOSED_CYCLE_CACHE_SECONDS = 600


class FlagKind(StrEnum):
    INFLATION = "inflation"
    SIBLINGS = "far_from_siblings"
    IDENTICAL = "identical_scores"
    JUMP = "year_on_year_jump"


FLAG_LABELS: dict[str, StrOrPromise] = {
    FlagKind.INFLATION: gettext_lazy("Cá nhân cao, tập thể thấp"),
    FlagKind.SIBLINGS: gettext_lazy("Khác xa các đơn vị cùng cấp"),
    FlagKind.IDENTICAL: gettext_lazy("Điểm giống hệt nhau"),
    FlagKind.JUMP: gettext_lazy("Tăng đột biến so với kỳ trước"),
}


@dataclass(frozen=True)
class Flag:
    kind: str
    detail: str

    @property
    def label(self) -> str:
        return str(FLAG_LABELS[self.kind])


def pct(value: float) -> str:
    """A share 0–1 written as a Vietnamese percentage: ``0.9`` → ``90,0%``."""
    return format_percent(100 * value)


@dataclass
class Distribution:
    """Counts of the individuals' current ratings in one subtree."""

    excellent: int = 0
    good: int = 0
    completed: int = 0
    not_completed: int = 0
    unrated: int = 0
    not_reviewed: int = 0
    scored: int = 0
    min_score: Decimal | None = None
    max_score: Decimal | None = None
    # Kept figures cannot keep a minimum: they keep the sum of the scores × 10 and of their squares,
    # and all scores are equal exactly when n × Σx² = (Σx)².
    score_sum: int = 0
    score_squares: int = 0
    kept: bool = False

    def count(self, rating: str) -> int:
        return int(getattr(self, rating))

    @property
    def rated(self) -> int:
        return self.excellent + self.good + self.completed + self.not_completed

    @property
    def individuals(self) -> int:
        """Everyone to be rated: rated or not yet (the "not reviewed" apart)."""
        return self.rated + self.unrated

    def share(self, rating: str) -> float | None:
        """The share of ``rating`` among those rated (0–1); None when nobody is rated yet."""
        return self.count(rating) / self.rated if self.rated else None

    @property
    def good_or_better(self) -> float | None:
        return (self.excellent + self.good) / self.rated if self.rated else None

    @property
    def good_or_better_percent(self) -> float | None:
        share = self.good_or_better
        return None if share is None else 100 * share

    @property
    def excellent_share(self) -> float | None:
        return self.share(Rating.EXCELLENT)

    def identical_score(self, min_people: int = IDENTICAL_MIN_PEOPLE) -> Decimal | None:
        """The one score everybody has, when at least ``min_people`` have a score and all the same."""
        if self.scored < min_people or self.scored != self.individuals:
            return None
        if self.kept:
            if self.scored * self.score_squares == self.score_sum * self.score_sum:
                return (Decimal(self.score_sum) / (10 * self.scored)).quantize(Decimal("0.1"))
            return None
        if self.min_score is not None and self.min_score == self.max_score:
            return self.min_score
        return None

    def cells(self) -> list[dict[str, object]]:
        """The four ratings for a template: code, short and long label, count, percent of those rated."""
        return [
            {
                "rating": r,
                "short": RATING_SHORT[r],
                "label": Rating(r).label,
                "count": self.count(r),
                "percent": None if self.rated == 0 else 100 * self.count(r) / self.rated,
            }
            for r in RATINGS
        ]

    def add(self, other: Distribution) -> None:
        for name in (
            "excellent",
            "good",
            "completed",
            "not_completed",
            "unrated",
            "not_reviewed",
            "scored",
            "score_sum",
            "score_squares",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.kept = self.kept or other.kept
        if other.min_score is not None:
            self.min_score = (
                other.min_score if self.min_score is None else min(self.min_score, other.min_score)
            )
        if other.max_score is not None:
            self.max_score = (
                other.max_score if self.max_score is None else max(self.max_score, other.max_score)
            )


@dataclass
class Previous:
    """The same subtree in the previous cycle of the same kind."""

    excellent_share: float | None
    collective: str


@dataclass
class UnitRow:
    unit: OrgUnit
    dist: Distribution
    collective: str = ""  # the collective's current rating, "" when not rated (or no collective evaluation)
    collective_score: Decimal | None = None
    previous: Previous | None = None
    flags: list[Flag] = field(default_factory=list)
    own: bool = False  # individuals evaluated at the chosen unit itself, not in a child
    has_children: bool = False

    @property
    def collective_label(self) -> str:
        return str(Rating(self.collective).label) if self.collective else ""

    @property
    def collective_short(self) -> str:
        return RATING_SHORT[self.collective] if self.collective else ""

    def has_flag(self, kind: str) -> bool:
        return any(f.kind == kind for f in self.flags)


@dataclass
class PersonRow:
    evaluation_id: int
    person_code: str
    person_name: str
    is_head: bool
    rating: str
    score: Decimal | None
    stage: str

    @property
    def rating_label(self) -> str:
        return str(Rating(self.rating).label) if self.rating else ""


@dataclass
class Analytics:
    cycle: EvaluationCycle
    unit: OrgUnit
    pack: RulePack
    previous_cycle: EvaluationCycle | None
    rows: list[UnitRow]
    total: Distribution
    collective: str = ""
    collective_score: Decimal | None = None
    people: list[PersonRow] = field(default_factory=list)
    people_truncated: bool = False

    @property
    def flagged(self) -> list[UnitRow]:
        return [r for r in self.rows if r.flags]

    @property
    def collective_label(self) -> str:
        return str(Rating(self.collective).label) if self.collective else ""

    @property
    def covers(self) -> bool:
        """Whether the chosen unit and the cycle's subtree meet at all."""
        return self.unit.path.startswith(self.cycle.unit.path) or self.cycle.unit.path.startswith(
            self.unit.path
        )
