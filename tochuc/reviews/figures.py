"""The figures a unit's report starts from, counted by the system for its subtree and the period.

Every figure is a whole number, so a consolidation is a sum, key by key. Membership:
Party members at the end of the period (admitted on or before its last day, not gone from the
rolls by then: a death, an exclusion or a transfer out of the system dated after the last day
still counts the member) and, within the period, admissions, transfers in and out of the
subtree, deaths and exclusions (membership events, counted where the member was at the time). Directive tasks led by the subtree with a deadline in the period, as
they stood at ``min(today, last day)``: due, done on time, done late, overdue (not done by then
and past the deadline), with the overdue ones listed. Evaluations of cycles closed in the
period, by rating. Appointments decided and rotations started in the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q

from tochuc.directives.models import Task
from tochuc.evaluations.models import Evaluation, Rating
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import MembershipEvent, MembershipEventKind, MembershipStatus, Person
from tochuc.personnel.models import Procedure, ProcedureStatus, Rotation

FIGURE_KEYS: tuple[str, ...] = (
    "members",
    "admitted",
    "transferred_in",
    "transferred_out",
    "deaths",
    "exclusions",
    "tasks_due",
    "tasks_done_on_time",
    "tasks_done_late",
    "tasks_overdue",
    "rated_excellent",
    "rated_good",
    "rated_completed",
    "rated_not_completed",
    "appointments",
    "rotations",
)

RATING_KEYS: dict[str, str] = {
    Rating.EXCELLENT: "rated_excellent",
    Rating.GOOD: "rated_good",
    Rating.COMPLETED: "rated_completed",
    Rating.NOT_COMPLETED: "rated_not_completed",
}

MAX_OVERDUE_LISTED = 200


@dataclass
class Figures:
    values: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURE_KEYS, 0))
    overdue: list[dict[str, str]] = field(default_factory=list)


def empty() -> dict[str, int]:
    return dict.fromkeys(FIGURE_KEYS, 0)


def total(figure_sets: Iterable[Mapping[str, object]]) -> dict[str, int]:
    """Key-by-key sum of sets of figures (missing keys count as zero)."""
    summed = empty()
    for figures in figure_sets:
        for key in FIGURE_KEYS:
            value = figures.get(key, 0)
            summed[key] += value if isinstance(value, int) else 0
    return summed


def compute(unit: OrgUnit, start: dt.date, end: dt.date, today: dt.date) -> Figures:
    """The figures of ``unit``'s subtree (the unit included) for the days ``start``..``end``."""
    result = Figures()
    values = result.values
    as_of = min(today, end)

    in_subtree = Q(unit__path__startswith=unit.path)
    leaving = MembershipEvent.objects.filter(person=OuterRef("pk")).filter(
        ~Q(kind=MembershipEventKind.TRANSFER) | Q(to_unit__isnull=True)
    )
    members = (
        Person.objects.filter(in_subtree, membership__isnull=False)
        .filter(Q(membership__admitted_on__isnull=True) | Q(membership__admitted_on__lte=end))
        .exclude(Exists(leaving.filter(on__lte=end)))
        .filter(~Q(membership__status=MembershipStatus.LEFT) | Exists(leaving.filter(on__gt=end)))
    )
    values["members"] = members.count()
    values["admitted"] = Person.objects.filter(
        in_subtree,
        membership__admitted_on__gte=start,
        membership__admitted_on__lte=end,
    ).count()
    events = MembershipEvent.objects.filter(on__gte=start, on__lte=end)
    from_here = Q(from_unit__path__startswith=unit.path)
    to_here = Q(to_unit__path__startswith=unit.path)
    transfer = Q(kind=MembershipEventKind.TRANSFER)
    counted = events.aggregate(
        transferred_in=Count("pk", filter=transfer & to_here & ~from_here),
        transferred_out=Count("pk", filter=transfer & from_here & (Q(to_unit__isnull=True) | ~to_here)),
        deaths=Count("pk", filter=Q(kind=MembershipEventKind.DEATH) & from_here),
        exclusions=Count("pk", filter=Q(kind=MembershipEventKind.EXCLUSION) & from_here),
    )
    for name in ("transferred_in", "transferred_out", "deaths", "exclusions"):
        values[name] = counted[name]

    tasks = Task.objects.filter(lead_path__startswith=unit.path, deadline__gte=start, deadline__lte=end)
    done_by = Q(completed_on__isnull=False, completed_on__lte=as_of)
    counts = tasks.aggregate(
        due=Count("pk"),
        on_time=Count("pk", filter=done_by & Q(completed_on__lte=F("deadline"))),
        late=Count("pk", filter=done_by & Q(completed_on__gt=F("deadline"))),
    )
    values["tasks_due"] = counts["due"]
    values["tasks_done_on_time"] = counts["on_time"]
    values["tasks_done_late"] = counts["late"]
    overdue = (
        tasks.filter(deadline__lt=as_of)
        .exclude(done_by)
        .select_related("directive", "lead_unit")
        .order_by("deadline", "pk")
    )
    values["tasks_overdue"] = overdue.count()
    result.overdue = [
        {
            "id": str(task.pk),
            "directive": task.directive.number_symbol,
            "no": task.no,
            "text": task.text[:300],
            "deadline": task.deadline.isoformat() if task.deadline else "",
            "unit": task.lead_unit.code if task.lead_unit else "",
        }
        for task in overdue[:MAX_OVERDUE_LISTED]
    ]

    ratings = (
        Evaluation.objects.filter(
            unit__path__startswith=unit.path,
            cycle__closed_at__date__gte=start,
            cycle__closed_at__date__lte=end,
        )
        .exclude(final_rating="")
        .values("final_rating")
        .annotate(n=Count("pk"))
    )
    for row in ratings:
        key = RATING_KEYS.get(row["final_rating"])
        if key:
            values[key] += row["n"]

    values["appointments"] = Procedure.objects.filter(
        unit__path__startswith=unit.path,
        status=ProcedureStatus.DECIDED,
        decided_on__gte=start,
        decided_on__lte=end,
    ).count()
    values["rotations"] = Rotation.objects.filter(
        to_unit__path__startswith=unit.path, start__gte=start, start__lte=end
    ).count()
    return result
