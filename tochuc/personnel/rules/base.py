"""What a personnel rule pack is made of: the numbers of one regulation and the list of its rules.

The rules are core ``Rule`` objects (``tochuc.core.rules``), grouped by what they read: a candidate for
a title (appointment, planning), a person staying in the planning (the yearly review), a rotation
plan, the counts of a confidence vote, the counts of a secret ballot. Services run the group they
need; the numbers stay here, read by the checks and shown by the pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule
from tochuc.personnel.rules.facts import BallotCount, Candidacy, PlanningStay, RotationPlan, VoteCount
from tochuc.positions.requirements import Requirements

CandidateRule: TypeAlias = "Rule[Candidacy, PersonnelPack, Finding]"
StayRule: TypeAlias = "Rule[PlanningStay, PersonnelPack, Finding]"
RotationRule: TypeAlias = "Rule[RotationPlan, PersonnelPack, Finding]"
VoteRule: TypeAlias = "Rule[VoteCount, PersonnelPack, Finding]"
BallotRule: TypeAlias = "Rule[BallotCount, PersonnelPack, Finding]"
AnyRule: TypeAlias = "CandidateRule | StayRule | RotationRule | VoteRule | BallotRule"


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
    # The least a leadership title asks, by its group (Quy định 368-QĐ/TW), when no job position with
    # its own requirements is chosen; a position's requirements replace them.
    title_standards: Mapping[int, Requirements] = field(default_factory=dict)
    # A leadership title asks for a full member: a probationary member is not yet one.
    leadership_needs_full_member: bool = True
    # Internal elections: surplus candidates at most this share of the seats.
    election_max_surplus: Fraction = Fraction(30, 100)

    # --- the rules, by what they read (in the order their findings are listed) --------------------
    appointment_rules: tuple[CandidateRule, ...] = field(default=(), compare=False, repr=False)
    planning_rules: tuple[CandidateRule, ...] = field(default=(), compare=False, repr=False)
    # The yearly review: the first finding takes the person out of the planning.
    review_rules: tuple[StayRule, ...] = field(default=(), compare=False, repr=False)
    rotation_rules: tuple[RotationRule, ...] = field(default=(), compare=False, repr=False)
    # The first finding is the outcome of the vote.
    vote_rules: tuple[VoteRule, ...] = field(default=(), compare=False, repr=False)
    # A ``block`` finding makes the meeting invalid; the others are the reasons given with the result.
    ballot_rules: tuple[BallotRule, ...] = field(default=(), compare=False, repr=False)

    @property
    def rules(self) -> tuple[AnyRule, ...]:
        """Every rule of the pack once (a rule may serve several groups), in the order of the groups."""
        seen: dict[int, AnyRule] = {}
        for group in (
            self.appointment_rules,
            self.planning_rules,
            self.review_rules,
            self.rotation_rules,
            self.vote_rules,
            self.ballot_rules,
        ):
            for rule in group:
                seen.setdefault(id(rule), rule)
        return tuple(seen.values())

    def rule(self, rule_id: str) -> AnyRule | None:
        return next((rule for rule in self.rules if rule.id == rule_id), None)

    def numbers(self) -> dict[str, str]:
        """The pack's limits as pages show them: shares as "2/3", counts as numbers."""
        shown: dict[str, str] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, Fraction):
                shown[name] = f"{value.numerator}/{value.denominator}"
            elif isinstance(value, int) and not isinstance(value, bool):
                shown[name] = str(value)
        return shown

    def rule_title(self, rule: AnyRule) -> str:
        """The rule's title with this pack's numbers."""
        return rule.describe(self.numbers())
