"""Training needs of the people of a subtree: the facts loaded in bulk, then the pack's rules over them.

A need is what today's record says: the 2C (levels, training lines), the posts held, the approved
planning of open cycles, the open requests. When a course is passed its line enters the 2C and its
level the record, so the need is gone the next time anyone asks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tochuc.core.rules import run
from tochuc.core.text import fold
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import MembershipStatus, Person, Training
from tochuc.personnel.models import EntryStatus, PlanningEntry
from tochuc.positions.models import Assignment, Position, theory_rank
from tochuc.positions.requirements import degree_of
from tochuc.training.models import Attendance, AttendanceResult, CourseKind, NeedReason, TrainingRequest
from tochuc.training.rules import TrainingPack, get_pack
from tochuc.training.rules.base import PersonFacts, PlannedTitle, PostFacts

# Qualifications and course names repeat across a province ("Cử nhân Luật", "Trung cấp lý luận chính
# trị"): each text is read once.
_degree = lru_cache(maxsize=4096)(degree_of)


@lru_cache(maxsize=16384)
def _folded(field: str, qualification: str) -> str:
    return fold(f"{field} {qualification}")


@dataclass(frozen=True)
class TrainingNeed:
    """One person's need for one kind of course, and why."""

    person_id: int
    person_code: str
    person_name: str
    unit_id: int
    need: str  # a CourseKind
    reason: str  # a NeedReason
    message: str
    rule: str

    @property
    def need_label(self) -> str:
        return str(CourseKind(self.need).label)

    @property
    def reason_label(self) -> str:
        return str(NeedReason(self.reason).label)

    def as_json(self) -> dict[str, str]:
        return {"person": self.person_code, "need": self.need, "reason": self.message}


def _people(where: dict[str, object]) -> list[tuple[int, str, str, int, str, str, str, str, str | None]]:
    return list(
        Person.objects.filter(**where)
        .exclude(membership__status=MembershipStatus.LEFT)
        .order_by("unit__path", "sort_key", "pk")
        .values_list(
            "pk",
            "code",
            "full_name",
            "unit_id",
            "political_theory_level",
            "professional_qualification",
            "it_level",
            "foreign_language",
            "membership__status",
        )
    )


def load_facts(
    unit: OrgUnit | None = None, *, person_ids: Iterable[int] = ()
) -> tuple[dict[int, PersonFacts], dict[int, tuple[str, int]]]:
    """The facts of every person of ``unit``'s subtree (or of these people), and (name, unit id) of each."""
    facts: dict[int, PersonFacts] = {}
    names: dict[int, tuple[str, int]] = {}
    ids = list(person_ids)
    where: dict[str, object] = {"unit__path__startswith": unit.path} if unit else {"pk__in": ids}
    in_subtree: dict[str, object] = (
        {"person__unit__path__startswith": unit.path} if unit else {"person_id__in": ids}
    )
    for pk, code, name, unit_id, theory, qualification, it, language, status in _people(where):
        facts[pk] = PersonFacts(
            person_id=pk,
            code=code,
            membership_status=status or "",
            theory_level=theory,
            degree=int(_degree(qualification)),
            it_level=it,
            foreign_language=language,
        )
        names[pk] = (name, unit_id)
    for person_id, field, qualification in (
        Training.objects.filter(**in_subtree).order_by().values_list("person_id", "field", "qualification")
    ):
        if person_id in facts:
            facts[person_id].training_texts.append(_folded(field, qualification))
    for person_id, kind in Attendance.objects.filter(
        result=AttendanceResult.PASSED, **in_subtree
    ).values_list("person_id", "course__kind"):
        if person_id in facts:
            facts[person_id].passed_kinds.add(kind)
    for person_id, name, group, theory, degree in Assignment.objects.filter(
        end__isnull=True, **in_subtree
    ).values_list(
        "person_id",
        "position__name",
        "position__group",
        "position__min_theory_level",
        "position__min_degree",
    ):
        if person_id in facts:
            facts[person_id].posts.append(PostFacts(name, group, theory, degree))
    _load_planned(facts, in_subtree)
    for person_id, kind, note in TrainingRequest.objects.filter(
        closed_on__isnull=True, **in_subtree
    ).values_list("person_id", "kind", "note"):
        if person_id in facts:
            facts[person_id].requests.append((kind, note))
    return facts, names


def _load_planned(facts: dict[int, PersonFacts], in_subtree: dict[str, object]) -> None:
    entries = list(
        PlanningEntry.objects.filter(status=EntryStatus.APPROVED, cycle__is_open=True, **in_subtree)
        .order_by()
        .values_list("person_id", "title_id", "title__name", "title__leadership_group")
        .distinct()
    )
    strictest: dict[int, tuple[str, int]] = {}
    for title_id, theory, degree in Position.objects.filter(
        title_id__in={title_id for _, title_id, _, _ in entries}
    ).values_list("title_id", "min_theory_level", "min_degree"):
        old_theory, old_degree = strictest.get(title_id, ("none", 0))
        strictest[title_id] = (max(old_theory, theory, key=theory_rank), max(old_degree, degree))
    for person_id, title_id, name, group in entries:
        if person_id in facts:
            theory, degree = strictest.get(title_id, ("none", 0))
            facts[person_id].planned.append(PlannedTitle(name, group, theory, degree))


def needs_of(
    facts: Iterable[PersonFacts], names: dict[int, tuple[str, int]], pack: TrainingPack
) -> list[TrainingNeed]:
    """Every need of these people; one line per person, kind of course and reason."""
    found: list[TrainingNeed] = []
    for person in facts:
        if not pack.concerns(person):
            continue
        seen: set[tuple[str, str]] = set()
        for finding in run(pack.rules, person, pack):
            if (finding.need, finding.reason) in seen:
                continue
            seen.add((finding.need, finding.reason))
            name, unit_id = names[person.person_id]
            found.append(
                TrainingNeed(
                    person_id=person.person_id,
                    person_code=person.code,
                    person_name=name,
                    unit_id=unit_id,
                    need=finding.need,
                    reason=finding.reason,
                    message=finding.message,
                    rule=finding.rule,
                )
            )
    return found


def training_needs(unit: OrgUnit, *, pack: TrainingPack | None = None) -> list[TrainingNeed]:
    """Every need of the people of ``unit``'s subtree (no scope check: callers check the unit)."""
    facts, names = load_facts(unit)
    return needs_of(facts.values(), names, pack or get_pack())


def needs_of_people(person_ids: Iterable[int], *, pack: TrainingPack | None = None) -> list[TrainingNeed]:
    """The needs of a few people, wherever they are."""
    facts, names = load_facts(person_ids=person_ids)
    return needs_of(facts.values(), names, pack or get_pack())


def people_per_kind(needs: Iterable[TrainingNeed]) -> Counter[str]:
    """How many different people need each kind of course: the lines of a yearly plan."""
    return Counter(kind for kind, _ in {(n.need, n.person_id) for n in needs})
