"""The shape of a training pack and the facts its rules read about one person."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule


@dataclass(frozen=True)
class PostFacts:
    """A post the person holds: its position's group and minimum levels."""

    name: str
    group: str
    min_theory_level: str
    min_degree: int


@dataclass(frozen=True)
class PlannedTitle:
    """A title the person is planned for (approved, open cycle), with the strictest levels of its seats."""

    name: str
    leadership_group: int | None
    min_theory_level: str
    min_degree: int


@dataclass(slots=True)
class PersonFacts:
    """What the need rules read about one person, loaded in bulk."""

    person_id: int
    code: str
    membership_status: str
    theory_level: str
    degree: int
    it_level: str
    foreign_language: str
    # Training lines of the 2C (fields and qualifications, diacritics folded, lower case).
    training_texts: list[str] = field(default_factory=list)
    # Kinds of course the person passed in this system.
    passed_kinds: set[str] = field(default_factory=set)
    posts: list[PostFacts] = field(default_factory=list)
    planned: list[PlannedTitle] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)  # (kind, note)

    def has_training(self, kind: str, words: tuple[str, ...]) -> bool:
        """A course of ``kind`` passed here, or a 2C training line naming it."""
        return kind in self.passed_kinds or any(w in text for text in self.training_texts for w in words)


@dataclass(frozen=True, kw_only=True)
class NeedFinding(Finding):
    """One training need: the kind of course (``need``) and why (``reason``, a ``NeedReason``)."""

    need: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class TrainingPack:
    """The numbers of the regulations on training needs, and the need rules."""

    code: str
    name: str
    citation: str
    # Words (folded) of a 2C training line that show the course was taken.
    new_member_words: tuple[str, ...]
    state_management_words: tuple[str, ...]
    title_fostering_words: tuple[str, ...]
    # Position groups whose holders need state management knowledge, basic IT skills, a foreign language.
    state_management_groups: tuple[str, ...]
    it_groups: tuple[str, ...]
    language_groups: tuple[str, ...]
    # The political-theory level a planned title needs, by leadership group (None: titles without a group).
    title_theory: dict[int | None, str]
    # Planned cadres are fostered to the standards of the planned title (a course of that kind).
    planned_need_fostering: bool
    rules: tuple[NeedRule, ...] = field(default=(), compare=False, repr=False)

    def concerns(self, facts: PersonFacts) -> bool:
        """Whether a rule can find a need for this person: every rule reads a probationary membership,
        a post held, a planned title or an open request; most people of a province have none of them,
        and the rules are not run for them. A rule reading anything else must widen this test."""
        return bool(
            facts.posts or facts.planned or facts.requests or facts.membership_status == "probationary"
        )

    def numbers(self) -> dict[str, str]:
        return {
            "state_management_groups": ", ".join(self.state_management_groups),
            "it_groups": ", ".join(self.it_groups),
            "language_groups": ", ".join(self.language_groups),
            "title_theory": ", ".join(f"{k}: {v}" for k, v in self.title_theory.items()),
        }


NeedRule: TypeAlias = "Rule[PersonFacts, TrainingPack, NeedFinding]"
