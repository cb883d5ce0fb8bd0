"""The shape of a Golden Hammer and Sickle pack and the facts its eligibility rules read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

from tochuc.core.rules import Finding, Rule

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

UNCONFIRMED = "chưa xác nhận"


@dataclass(frozen=True, kw_only=True)
class Source:
    """Where one number of the pack comes from; ``confirmed`` False when no text was found for it."""

    text: str
    confirmed: bool = True

    def __str__(self) -> str:
        return self.text if self.confirmed else f"{self.text} ({UNCONFIRMED})"


@dataclass(frozen=True, kw_only=True)
class EntryFacts:
    """What an eligibility rule reads about one entry of a round."""

    published_on: dt.date
    window_start: dt.date
    window_end: dt.date
    form: str
    topic: str
    # For each author, how many eligible-so-far entries of the round (this one included) count
    # towards the limit: the same form when the pack limits per form, every form otherwise.
    author_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, kw_only=True)
class AwardPack:
    """The numbers of one edition of the award's rules (Thể lệ), each with its source, and the rules."""

    code: str
    name: str
    citation: str
    forms: tuple[str, ...]
    topics: tuple[tuple[str, StrOrPromise], ...]  # (code, label): what counts as Party building
    window_start: tuple[int, int]  # (month, day) in the year before the round's year
    window_end: tuple[int, int]  # (month, day) in the round's year
    author_limit: int
    author_limit_per_form: bool
    max_score: int
    advance_min_score: Decimal  # preliminary average that sends an entry to the final round
    prizes: tuple[tuple[str, int], ...]  # (level, count), best first
    sources: dict[str, Source]
    rules: tuple[EntryRule, ...]

    def window_for(self, year: int) -> tuple[dt.date, dt.date]:
        """The default publication window of the round of ``year``."""
        (m1, d1), (m2, d2) = self.window_start, self.window_end
        return dt.date(year - 1, m1, d1), dt.date(year, m2, d2)

    def quota(self, level: str) -> int:
        return dict(self.prizes).get(level, 0)

    def numbers(self) -> dict[str, object]:
        return {
            "window": f"{self.window_start[1]}/{self.window_start[0]} – {self.window_end[1]}/{self.window_end[0]}",
            "author_limit": self.author_limit,
            "max_score": self.max_score,
            "advance_min_score": self.advance_min_score,
            "prizes": ", ".join(f"{level}: {count}" for level, count in self.prizes),
        }


EntryRule: TypeAlias = Rule[EntryFacts, AwardPack, Finding]
