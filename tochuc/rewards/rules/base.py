"""The shape of a Party badge pack and the facts its rules read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule


@dataclass(frozen=True, kw_only=True)
class BadgeFacts:
    """What a badge rule reads about one proposal."""

    is_full_member: bool
    admitted_on: dt.date | None
    gap_days: int
    years: int
    ceremony_on: dt.date
    early_reason: str  # "", "illness" or "posthumous"
    reason: str
    standard_occasion: bool
    occasion: str


@dataclass(frozen=True, kw_only=True)
class BadgePack:
    """The numbers of one regulation on Party badges, and its rules."""

    code: str
    name: str
    citation: str
    milestones: tuple[int, ...]
    ceremony_days: tuple[tuple[int, int], ...]  # (month, day)
    illness_early_months: int  # up to ``illness_long_from`` years
    illness_long_from: int
    illness_long_early_months: int
    posthumous_early_months: int
    rules: tuple[BadgeRule, ...]

    def numbers(self) -> dict[str, object]:
        return {
            "milestones": ", ".join(str(m) for m in self.milestones),
            "ceremony_days": ", ".join(f"{d}/{m}" for m, d in self.ceremony_days),
            "illness_early_months": self.illness_early_months,
            "illness_long_from": self.illness_long_from,
            "illness_long_early_months": self.illness_long_early_months,
            "posthumous_early_months": self.posthumous_early_months,
        }

    def early_limit_months(self, years: int, early_reason: str) -> int:
        """How many months before the milestone a badge may be given for this reason (0: not early)."""
        if early_reason == "posthumous":
            return self.posthumous_early_months
        if early_reason == "illness":
            return (
                self.illness_long_early_months
                if years >= self.illness_long_from
                else self.illness_early_months
            )
        return 0

    def is_ceremony_day(self, day: dt.date) -> bool:
        return (day.month, day.day) in self.ceremony_days


BadgeRule: TypeAlias = Rule[BadgeFacts, BadgePack, Finding]
