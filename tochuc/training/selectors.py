"""Reads of training, always scoped by the acting user (the command reads a whole subtree)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.training.models import Attendance, AttendanceResult, Course, CourseKind, NeedReason, TrainingPlan
from tochuc.training.needs import TrainingNeed, training_needs


def _visible_unit_ids(user: Actor, unit: OrgUnit) -> set[int]:
    return set(
        OrgUnit.objects.filter(scope_q(user, Action.VIEW), path__startswith=unit.path).values_list(
            "pk", flat=True
        )
    )


def needs_for(user: Actor, unit: OrgUnit, *, kind: str = "", reason: str = "") -> list[TrainingNeed]:
    """The needs of the people of ``unit``'s subtree that the user sees, optionally of one kind or reason."""
    visible = _visible_unit_ids(user, unit)
    return [
        n
        for n in training_needs(unit)
        if n.unit_id in visible and (not kind or n.need == kind) and (not reason or n.reason == reason)
    ]


def unit_names(needs: list[TrainingNeed]) -> dict[int, str]:
    return dict(OrgUnit.objects.filter(pk__in={n.unit_id for n in needs}).values_list("pk", "name"))


def courses_for(user: Actor) -> QuerySet[Course]:
    return (
        Course.objects.filter(scope_q(user, Action.VIEW, "unit__path"))
        .select_related("unit")
        .annotate(
            nominated=Count("attendances"),
            passed=Count("attendances", filter=Q(attendances__result=AttendanceResult.PASSED)),
        )
    )


def attendances_of(user: Actor, course: Course) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(course=course)
        .filter(scope_q(user, Action.VIEW, "person__unit__path"))
        .select_related("person__unit")
    )


def candidates_for(user: Actor, course: Course) -> list[TrainingNeed]:
    """People of the organising unit's subtree who need this kind of course and are not on its list yet."""
    listed = set(Attendance.objects.filter(course=course).values_list("person_id", flat=True))
    seen: set[int] = set()
    found: list[TrainingNeed] = []
    for need in needs_for(user, course.unit, kind=course.kind):
        if need.person_id not in listed and need.person_id not in seen:
            seen.add(need.person_id)
            found.append(need)
    return found


def plans_for(user: Actor) -> QuerySet[TrainingPlan]:
    return TrainingPlan.objects.filter(scope_q(user, Action.VIEW, "unit__path")).select_related("unit")


@dataclass(frozen=True)
class PlanRow:
    kind: str
    label: str
    planned: int
    nominated: int
    passed: int

    @property
    def percent(self) -> int:
        return round(100 * self.passed / self.planned) if self.planned else 0


def plan_rows(plan: TrainingPlan) -> list[PlanRow]:
    """Each kind of course: planned people, nominated and passed in courses of the plan's year and subtree."""
    planned = dict(plan.lines.values_list("kind", "planned"))
    counted: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, result in Attendance.objects.filter(
        course__start__year=plan.year, person__unit__path__startswith=plan.unit.path
    ).values_list("course__kind", "result"):
        counted[kind]["nominated"] += 1
        if result == AttendanceResult.PASSED:
            counted[kind]["passed"] += 1
    return [
        PlanRow(
            kind,
            str(CourseKind(kind).label),
            planned.get(kind, 0),
            counted[kind]["nominated"],
            counted[kind]["passed"],
        )
        for kind in CourseKind.values
        if planned.get(kind) or counted[kind]["nominated"]
    ]


@dataclass(frozen=True)
class UnitNeeds:
    unit: OrgUnit
    by_kind: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def needs_by_child(unit: OrgUnit, needs: list[TrainingNeed]) -> list[UnitNeeds]:
    """The needs counted under each direct child of ``unit`` (and ``unit`` itself for its own people)."""
    children = list(OrgUnit.objects.filter(parent=unit).order_by("sort_order", "name"))
    paths = dict(OrgUnit.objects.filter(pk__in={n.unit_id for n in needs}).values_list("pk", "path"))
    rows = {child.pk: UnitNeeds(child, Counter()) for child in children}
    own = UnitNeeds(unit, Counter())
    for need in needs:
        path = paths.get(need.unit_id, "")
        child = next((c for c in children if path.startswith(c.path)), None)
        (rows[child.pk] if child else own).by_kind[need.need] += 1
    return ([own] if own.total else []) + [r for r in rows.values() if r.total]


def lacking_post_standard(needs: list[TrainingNeed]) -> list[TrainingNeed]:
    """People who do not meet a standard of the post they hold."""
    return [n for n in needs if n.reason == NeedReason.POST]
