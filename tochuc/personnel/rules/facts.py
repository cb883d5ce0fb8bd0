"""What the personnel rules read, in memory: loaded in bulk by ``personnel.eligibility`` or given
by a service (a rotation plan, the counts of a vote or of a ballot)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tochuc.people.models import Person
    from tochuc.personnel.models import ConfidenceVote
    from tochuc.positions.models import Position, Title

PLANNING = "planning"
REAPPOINTMENT = "reappointment"


@dataclass
class CandidateFacts:
    """A person's record as the rules read it."""

    person: Person
    first_career_start: dt.date | None = None
    disciplines: list[tuple[str, dt.date]] = field(default_factory=list)  # (key, decided_on)
    ratings: dict[int, str] = field(default_factory=dict)  # year → final individual rating
    latest_vote: ConfidenceVote | None = None
    planned_title_ids: set[int] = field(default_factory=set)  # approved entries, any open cycle
    # The leadership group of each planned title (loaded with them, so the check needs no query).
    planned_title_groups: dict[int, int | None] = field(default_factory=dict)

    @property
    def low_share(self) -> tuple[int, int] | None:
        vote = self.latest_vote
        return (vote.low, vote.voters) if vote and vote.voters else None


@dataclass(frozen=True)
class Candidacy:
    """One person considered for one title: for an appointment (or re-appointment, nomination) on
    the day the file is received, or for the planning of a term."""

    facts: CandidateFacts
    kind: str  # a ``ProcedureKind`` value, or ``PLANNING``
    title: Title
    position: Position | None
    # The day working time left and the title's standards are counted: the file received, or the
    # first day of the planned term.
    counted_on: dt.date
    # The day the record (discipline, ratings) is read: the file received, or the day of the assessment.
    record_on: dt.date
    term_months: int = 60
    is_internal: bool = True
    # Planning only: others in the planning for this title, other titles of this person (this entry excluded).
    people_for_title: int = 0
    titles_for_person: int = 0

    @property
    def is_planning(self) -> bool:
        return self.kind == PLANNING


@dataclass(frozen=True)
class PlanningStay:
    """A person in the planning since ``added_on``, reviewed on ``on``."""

    facts: CandidateFacts
    added_on: dt.date
    on: dt.date


@dataclass(frozen=True)
class RotationPlan:
    person_name: str
    start: dt.date
    planned_end: dt.date
    months_left: int  # working time left on the first day


@dataclass(frozen=True)
class VoteCount:
    voters: int
    low: int


@dataclass(frozen=True)
class BallotCount:
    convened: int
    present: int
    seats: int
    votes: Mapping[str, int]
    needed: int  # the smallest number of votes above the pack's threshold
