"""What a personnel rule pack is made of: the numbers of one regulation."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction


@dataclass(frozen=True)
class ProcedureStep:
    key: str
    label: str  # Vietnamese
    # Whether the step is a conference with a secret ballot (else a collective discussion).
    has_ballot: bool = True


@dataclass(frozen=True)
class PersonnelPack:
    code: str  # "qd377-2025"
    name: str  # Vietnamese
    citation: str
    # A meeting is valid when present ≥ quorum × convened (exact fractions, no rounding surprises).
    quorum: Fraction = Fraction(2, 3)
    # A candidate is elected with votes > threshold × convened; among those, most votes wins.
    threshold: Fraction = Fraction(1, 2)
    internal_steps: tuple[ProcedureStep, ...] = ()
    external_steps: tuple[ProcedureStep, ...] = ()
    # Working time left before retirement age for a first appointment to a five-year post.
    min_months_left: int = 60
    # Waiting period after discipline before a higher post, by discipline form (months).
    discipline_wait_months: dict[str, int] = field(default_factory=dict)
    reappointment_notice_working_days: int = 90
    # Confidence votes: more than this share of low votes → out of the planning for higher posts.
    low_confidence_out_of_planning: Fraction = Fraction(1, 2)
    # At least this share of low votes → dismissal proposed.
    low_confidence_dismissal: Fraction = Fraction(2, 3)
    planning_max_per_title: int = 3
    planning_max_titles_per_person: int = 3
    planning_min_young_share: Fraction = Fraction(15, 100)
    planning_min_women_share: Fraction = Fraction(25, 100)
    young_age_limit: int = 45  # unconfirmed: "young cadre" age, a setting
    rotation_min_months: int = 36
    rotation_min_years_left: int = 10
    head_max_consecutive_terms: int = 2
    # Planning needs at least this rating in each of the last ``planning_rating_years`` years (unconfirmed).
    planning_min_rating: str = "good"
    planning_rating_years: int = 3
    # Planning also needs a full term of working age: this many months left at the start of the term.
    planning_term_months: int = 60
    # Three age bands, five years apart (upper limits, in years, at the start of the term).
    planning_age_bands: tuple[int, ...] = (45, 50, 55)
    # Titles that a person from the same locality should not hold (folded name fragments; unconfirmed list).
    non_local_titles: tuple[str, ...] = (
        "bi thu",
        "chu tich uy ban",
        "chanh an",
        "vien truong",
        "giam doc cong an",
    )
    # Internal elections: surplus candidates at most this share of the seats.
    election_max_surplus: Fraction = Fraction(30, 100)
