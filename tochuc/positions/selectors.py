"""Reads of job positions, always scoped by the acting user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import CareerEntry, Person
from tochuc.positions.models import Assignment, AssignmentKind, Duty, DutyResponsibility, Position
from tochuc.positions.requirements import Candidate, Shortfall, quota_shortfall, shortfalls

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

OPEN = Q(end__isnull=True)


def positions_for(user: Actor, action: Action = Action.VIEW) -> QuerySet[Position]:
    return Position.objects.filter(scope_q(user, action, "unit__path"))


def _open_count(kind: str) -> Coalesce:
    rows = (
        Assignment.objects.filter(position=OuterRef("pk"), kind=kind, end__isnull=True)
        .order_by()
        .values("position")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows), 0)


class OpenCounts(TypedDict):
    holders: int
    acting: int


def with_counts(qs: QuerySet[Position]) -> QuerySet[WithAnnotations[Position, OpenCounts]]:
    """Annotate ``holders`` and ``acting`` (open assignments of each kind): one sub-count per row."""
    return qs.annotate(holders=_open_count(AssignmentKind.HOLDER), acting=_open_count(AssignmentKind.ACTING))


def vacancy(quota: int, holders: int) -> int:
    """Seats of the quota no holder fills (acting holders cover a seat, they do not fill it)."""
    return max(quota - holders, 0)


def excess(quota: int, holders: int) -> int:
    return max(holders - quota, 0)


@dataclass(frozen=True)
class Staffing:
    """A position with the number of its open holders and acting holders."""

    position: Position
    holders: int
    acting: int

    @classmethod
    def of(cls, position: WithAnnotations[Position, OpenCounts]) -> Staffing:
        return cls(position, position.holders, position.acting)

    @property
    def vacant(self) -> int:
        return vacancy(self.position.headcount_quota, self.holders)

    @property
    def over(self) -> int:
        return excess(self.position.headcount_quota, self.holders)


@dataclass(frozen=True)
class PositionFilter:
    unit: OrgUnit | None = None  # with its subtree
    group: str = ""


def filter_positions(user: Actor, filters: PositionFilter) -> QuerySet[Position]:
    qs = positions_for(user)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    if filters.group:
        qs = qs.filter(group=filters.group)
    return qs


@dataclass(frozen=True)
class PositionPage:
    page: Page[WithAnnotations[Position, OpenCounts]]
    rows: list[Staffing]


def position_page(
    user: Actor, filters: PositionFilter, page_number: str | int | None, per_page: int
) -> PositionPage:
    qs = (
        with_counts(filter_positions(user, filters))
        .select_related("unit", "title")
        .order_by("unit__path", "name", "pk")
    )
    page = Paginator(qs, per_page).get_page(page_number)
    return PositionPage(page, [Staffing.of(position) for position in page.object_list])


@dataclass(frozen=True)
class DutyNow:
    """A duty of a position and who answers for it today, if anyone."""

    duty: Duty
    responsible: DutyResponsibility | None


@dataclass
class PositionDetail:
    position: Position
    duties: Sequence[DutyNow]
    holders: list[Assignment]
    acting: list[Assignment]
    past: list[Assignment]
    vacancies: int
    excess: int


def position_detail(position: Position) -> PositionDetail:
    """Everything the position page shows; ``position`` comes from a scoped lookup."""
    duties = list(position.duties.filter(retired_on__isnull=True))
    responsible = {
        row.duty_id: row
        for row in DutyResponsibility.objects.filter(duty__in=duties, end__isnull=True).select_related(
            "person"
        )
    }
    assignments = list(position.assignments.select_related("person", "person__unit").order_by("start", "pk"))
    holders = [a for a in assignments if a.end is None and a.kind == AssignmentKind.HOLDER]
    acting = [a for a in assignments if a.end is None and a.kind == AssignmentKind.ACTING]
    past = sorted((a for a in assignments if a.end is not None), key=lambda a: a.end or a.start, reverse=True)
    return PositionDetail(
        position=position,
        duties=[DutyNow(duty, responsible.get(duty.pk)) for duty in duties],
        holders=holders,
        acting=acting,
        past=past,
        vacancies=max(position.headcount_quota - len(holders), 0),
        excess=max(len(holders) - position.headcount_quota, 0),
    )


def current_positions(user: Actor, person: Person) -> list[Assignment]:
    """The person's open assignments on positions the user may see."""
    return list(
        Assignment.objects.filter(OPEN, scope_q(user, Action.VIEW, "position__unit__path"), person=person)
        .select_related("position__unit", "position__title")
        .order_by("start", "pk")
    )


def _first_career_start() -> Subquery:
    return Subquery(
        CareerEntry.objects.filter(person=OuterRef("person"))
        .order_by()
        .values("person")
        .annotate(first=Min("start"))
        .values("first")
    )


def assignment_warnings(*, position: Position, person: Person, kind: str, on: dt.date) -> list[Shortfall]:
    """What stands against putting ``person`` in ``position`` on day ``on`` (quota for holders only)."""
    first = CareerEntry.objects.filter(person=person).aggregate(first=Min("start"))["first"]
    found = shortfalls(position, Candidate.of(person, first_career_start=first), on=on)
    if kind == AssignmentKind.HOLDER:
        holders = Assignment.objects.filter(OPEN, position=position, kind=AssignmentKind.HOLDER).count()
        over = quota_shortfall(position, holders + 1)
        if over is not None:
            found.append(over)
    return found


# --- reports --------------------------------------------------------------------------------------

STAFFING_LABELS = {
    "over": _("Vượt biên chế"),
    "under": _("Thiếu biên chế"),
    "mixed": _("Có vị trí thừa, có vị trí thiếu"),
    "full": _("Đủ biên chế"),
}


@dataclass
class UnitStaffing:
    unit: OrgUnit
    positions: int = 0
    quota: int = 0
    holders: int = 0
    acting: int = 0
    vacancies: int = 0  # summed per position: an excess in one seat does not fill another
    excess: int = 0

    @property
    def label(self) -> str:
        return str(STAFFING_LABELS[self.status])

    @property
    def status(self) -> str:
        if self.excess and self.vacancies:
            return "mixed"
        if self.excess:
            return "over"
        if self.vacancies:
            return "under"
        return "full"


def _scoped(user: Actor, root: OrgUnit | None) -> QuerySet[Position]:
    qs = positions_for(user)
    if root is not None:
        qs = qs.filter(unit__path__startswith=root.path)
    return qs


def staffing_by_unit(user: Actor, root: OrgUnit | None = None) -> list[UnitStaffing]:
    """Quota against holders per unit, in tree order. One query."""
    rows: dict[int, UnitStaffing] = {}
    for position in with_counts(_scoped(user, root)).select_related("unit").order_by("unit__path", "pk"):
        row = rows.setdefault(position.unit_id, UnitStaffing(unit=position.unit))
        row.positions += 1
        row.quota += position.headcount_quota
        row.holders += position.holders
        row.acting += position.acting
        row.vacancies += vacancy(position.headcount_quota, position.holders)
        row.excess += excess(position.headcount_quota, position.holders)
    return list(rows.values())


def vacancies(user: Actor, root: OrgUnit | None = None) -> list[Staffing]:
    """Positions with fewer holders than their quota, with their counts."""
    rows = with_counts(_scoped(user, root)).select_related("unit", "title").order_by("unit__path", "name")
    return [staffing for staffing in map(Staffing.of, rows) if staffing.vacant]


@dataclass
class MultiPostHolder:
    person: Person
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.assignments)


def people_with_many_posts(
    user: Actor, more_than: int = 2, root: OrgUnit | None = None
) -> list[MultiPostHolder]:
    """People holding more than ``more_than`` open posts among the positions the user sees."""
    scope = scope_q(user, Action.VIEW, "position__unit__path")
    open_rows = Assignment.objects.filter(OPEN, scope)
    if root is not None:
        open_rows = open_rows.filter(position__unit__path__startswith=root.path)
    many = (
        open_rows.order_by().values("person").annotate(n=Count("pk")).filter(n__gt=more_than).values("person")
    )
    people: dict[int, MultiPostHolder] = {}
    rows = (
        open_rows.filter(person__in=Subquery(many))
        .select_related("person", "person__unit", "position__unit")
        .order_by("person__sort_key", "person_id", "start", "pk")
    )
    for row in rows:
        people.setdefault(row.person_id, MultiPostHolder(row.person)).assignments.append(row)
    return list(people.values())


@dataclass(frozen=True)
class Unmet:
    assignment: Assignment
    reasons: list[Shortfall]


class FirstCareer(TypedDict):
    first_career: dt.date | None


def _check_all(rows: Iterable[WithAnnotations[Assignment, FirstCareer]], today: dt.date) -> list[Unmet]:
    found = []
    for row in rows:
        candidate = Candidate.of(row.person, first_career_start=row.first_career)
        reasons = shortfalls(row.position, candidate, on=today)
        if reasons:
            found.append(Unmet(row, reasons))
    return found


def unmet_requirements(user: Actor, root: OrgUnit | None = None) -> list[Unmet]:
    """Open assignments whose person does not meet the position's requirements today, with the reasons."""
    rows = Assignment.objects.filter(OPEN, scope_q(user, Action.VIEW, "position__unit__path"))
    if root is not None:
        rows = rows.filter(position__unit__path__startswith=root.path)
    counted: QuerySet[WithAnnotations[Assignment, FirstCareer]] = (
        rows.annotate(first_career=_first_career_start())
        .select_related("person", "position__unit")
        .order_by("position__unit__path", "position__name", "person__sort_key", "pk")
    )
    return _check_all(counted, timezone.localdate())
