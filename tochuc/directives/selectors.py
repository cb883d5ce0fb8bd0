"""Reads of directives and tasks, always for an acting user and always scoped.

A user sees a task when one of the units they may VIEW leads it (its
``lead_path`` lies in their reach), cooperates on it, or assigned it (so the
registering unit sees its directive's tasks before they are assigned) — and
nothing else. Every list is annotated with the computed ``status`` (see
``status.py``) so it can be filtered and counted in SQL.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Sequence
from functools import reduce
from typing import Any, TypedDict

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone

from tochuc.accounts.policy import Action, can, can_subtree, scope_q
from tochuc.core.actors import Actor
from tochuc.directives.models import Directive, Task, TaskStatus
from tochuc.directives.status import status_expression, status_rank_expression, stored_status_q
from tochuc.orgunits.models import PATH_STEP, OrgUnit

Period = tuple[str, dt.date, dt.date]  # (label, first day, last day)


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def task_scope_q(user: Actor) -> Q:
    """Tasks the user may see (see the module docstring).

    The three reaches are separate index lookups joined by ``UNION ALL`` (an ``OR`` of them,
    one through a join, makes PostgreSQL read every task in the country).
    """
    led = Task.objects.filter(scope_q(user, Action.VIEW, "lead_path")).order_by().values("pk")
    cooperating = (
        Task.cooperating_units.through.objects.filter(scope_q(user, Action.VIEW, "orgunit__path"))
        .order_by()
        .values("task_id")
    )
    assigned = Task.objects.filter(scope_q(user, Action.VIEW, "assigned_path")).order_by().values("pk")
    return Q(pk__in=led.union(cooperating, assigned, all=True))


def unit_tasks_q(unit: OrgUnit) -> Q:
    """Tasks that ``unit`` leads, cooperates on, assigned, or that sit in its subtree.

    One table, three indexed conditions ORed (PostgreSQL combines their bitmaps); the few tasks the
    unit cooperates on are listed first, so no subquery joins every row back by its key.
    """
    cooperating = list(
        Task.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values_list("task_id", flat=True)
    )
    condition = Q(lead_path__startswith=unit.path) | Q(assigned_by_id=unit.pk)
    return condition | Q(pk__in=cooperating) if cooperating else condition


def task_scope_rows_q(user: Actor) -> Q:
    """``task_scope_q`` for rows already picked by their keys: the three reaches ORed on each row, the
    cooperating units looked up for that row alone (the union form is for scanning the table)."""
    cooperating = Task.cooperating_units.through.objects.filter(
        scope_q(user, Action.VIEW, "orgunit__path"), task_id=OuterRef("pk")
    )
    return (
        scope_q(user, Action.VIEW, "lead_path")
        | scope_q(user, Action.VIEW, "assigned_path")
        | Q(Exists(cooperating))
    )


def with_status(
    qs: QuerySet[Task], *, today: dt.date, status: str | Sequence[str] | None = None
) -> QuerySet[Any]:
    """``qs`` annotated with its computed ``status`` on ``today``, narrowed to one status or several
    when ``status`` is given.

    The narrowing is said on the stored columns (``stored_status_q``), which the indexes answer; the
    computed status is only what the rows show.
    """
    if status:
        wanted = [status] if isinstance(status, str) else list(status)
        qs = qs.filter(reduce(operator.or_, (stored_status_q(s, today) for s in wanted)))
    return qs.annotate(status=status_expression(today))


def scoped_tasks(
    user: Actor, *, unit: OrgUnit | None = None, directive: Directive | None = None
) -> QuerySet[Task]:
    """The rows of ``tasks_for`` without its annotations and order (for keys and counts)."""
    if unit is not None and can_subtree(user, Action.VIEW, unit):
        # Everything the unit leads, cooperates on or assigned lies in the user's reach.
        qs = Task.objects.filter(unit_tasks_q(unit))
    elif unit is not None:
        qs = Task.objects.filter(task_scope_q(user), unit_tasks_q(unit))
        if not can(user, Action.VIEW, unit) and not qs.exists():
            raise Http404
    elif directive is not None:
        # One directive's tasks: each row's reaches are checked on it, not the user's whole scope read.
        return Task.objects.filter(directive=directive).filter(task_scope_rows_q(user))
    else:
        qs = Task.objects.filter(task_scope_q(user))
    if directive is not None:
        qs = qs.filter(directive=directive)
    return qs


def tasks_for(
    user: Actor,
    *,
    unit: OrgUnit | None = None,
    status: str | Sequence[str] | None = None,
    directive: Directive | None = None,
    today: dt.date | None = None,
) -> QuerySet[Task]:
    """The tasks ``user`` may see, annotated with ``status`` and ``status_rank`` (0 = overdue).

    ``unit`` narrows to one unit's tasks (404 if the user may not view that unit);
    ``status`` to one status or several. Ordered overdue first, then by deadline.
    """
    day = _today(today)
    qs = scoped_tasks(user, unit=unit, directive=directive)
    listed: QuerySet[Task] = (
        with_status(qs, today=day, status=status)
        .annotate(status_rank=status_rank_expression(day))
        .select_related("directive", "lead_unit")
        .order_by("status_rank", "deadline", "directive_id", "id")
    )
    return listed


def task_for(user: Actor, pk: int, *, today: dt.date | None = None) -> Task | None:
    """The task ``pk`` as ``tasks_for`` gives it, or ``None`` outside the user's scope.

    One row picked by its key, its reaches checked on that row alone (``task_scope_rows_q``).
    """
    return (
        with_status(Task.objects.filter(pk=pk).filter(task_scope_rows_q(user)), today=_today(today))
        .select_related("directive__unit", "lead_unit", "assigned_by", "parent", "responsible_person")
        .first()
    )


def led_tasks_for(user: Actor, *, status: Sequence[str], today: dt.date | None = None) -> QuerySet[Task]:
    """Tasks led inside the user's reach with one of ``status``, in ``tasks_for``'s order.

    Every such task is visible (leading in reach is one of the reaches), so this reads the lead-path
    ranges alone instead of the union of the three reaches joined back row by row.
    """
    day = _today(today)
    return (
        Task.objects.filter(scope_q(user, Action.VIEW, "lead_path"))
        .annotate(status=status_expression(day))
        .filter(status__in=list(status))
        .annotate(status_rank=status_rank_expression(day))
        .select_related("directive", "lead_unit")
        .order_by("status_rank", "deadline", "directive_id", "id")
    )


def directive_list_for(user: Actor) -> QuerySet[Directive]:
    """Directives the user's units registered, or with at least one task the user sees."""
    # The directives registered in reach and those of the three reaches' tasks, each read from its own
    # index (not the tasks' keys gathered and every task joined back, nor every unit joined).
    led = Task.objects.filter(scope_q(user, Action.VIEW, "lead_path")).order_by().values("directive_id")
    cooperating = (
        Task.cooperating_units.through.objects.filter(scope_q(user, Action.VIEW, "orgunit__path"))
        .order_by()
        .values("task__directive_id")
    )
    assigned = (
        Task.objects.filter(scope_q(user, Action.VIEW, "assigned_path")).order_by().values("directive_id")
    )
    registered = Directive.objects.filter(scope_q(user, Action.VIEW, "unit__path")).order_by().values("pk")
    return (
        Directive.objects.filter(pk__in=registered.union(led, cooperating, assigned, all=True))
        .select_related("unit")
        .order_by("-issued_on", "-id")
    )


class Rollup(TypedDict):
    total: int
    by_status: dict[str, int]
    mean_percent: float | None
    done: int


def task_rollup(task: Task, *, today: dt.date | None = None) -> Rollup:
    """The direct children of ``task``: how many, counts by status, mean percent."""
    rows = (
        Task.objects.filter(parent=task)
        .annotate(status=status_expression(_today(today)))
        .values("status")
        .annotate(n=Count("id"), mean=Avg("percent"))
    )
    by_status = {s.value: 0 for s in TaskStatus}
    total = 0
    weighted = 0.0
    for row in rows:
        by_status[row["status"]] = row["n"]
        total += row["n"]
        weighted += float(row["mean"] or 0) * row["n"]
    return {
        "total": total,
        "by_status": by_status,
        "mean_percent": round(weighted / total, 1) if total else None,
        "done": by_status[TaskStatus.DONE_ON_TIME] + by_status[TaskStatus.DONE_LATE],
    }


def status_counts(qs: QuerySet[Any]) -> dict[str, int]:
    """Counts by status of a ``tasks_for`` queryset, in one query."""
    counts = {s.value: 0 for s in TaskStatus}
    for row in qs.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    return counts


def overdue_in_subtree(user: Actor, unit: OrgUnit, *, today: dt.date | None = None) -> QuerySet[Task]:
    """Overdue tasks led anywhere in ``unit``'s subtree (escalation), oldest deadline first."""
    if not can(user, Action.VIEW, unit):
        raise Http404
    day = _today(today)
    # Open and past the deadline is what overdue means; said outright, it reads the open tasks' index.
    led = Task.objects.filter(lead_path__startswith=unit.path)
    if not can_subtree(user, Action.VIEW, unit):
        led = led.filter(task_scope_q(user))
    return (
        with_status(led, today=day, status=TaskStatus.OVERDUE)
        .select_related("directive", "lead_unit")
        .order_by("deadline", "lead_path", "id")
    )


def quarters(year: int) -> list[Period]:
    return [(f"Q{q}/{year}", dt.date(year, 3 * q - 2, 1), _quarter_end(year, q)) for q in range(1, 5)]


def _quarter_end(year: int, q: int) -> dt.date:
    month = 3 * q
    return (dt.date(year + (month == 12), month % 12 + 1, 1)) - dt.timedelta(days=1)


class OnTimeCell(TypedDict):
    unit: OrgUnit
    period: str
    start: dt.date
    end: dt.date
    due: int
    on_time: int
    rate: float | None


def on_time_rate_by_unit(user: Actor, unit: OrgUnit, periods: Sequence[Period]) -> list[OnTimeCell]:
    """Per child unit of ``unit`` (its own tasks counted under itself) and per period: tasks due
    (deadline in the period), done on time, and the on-time share. One grouped query."""
    if not can(user, Action.VIEW, unit) or not periods:
        raise Http404
    width = len(unit.path) + PATH_STEP
    period_case = Case(
        *(
            When(deadline__gte=start, deadline__lte=end, then=Value(i))
            for i, (_l, start, end) in enumerate(periods)
        ),
        default=Value(-1),
        output_field=IntegerField(),
    )
    led = Task.objects.filter(lead_path__startswith=unit.path)
    if not can_subtree(user, Action.VIEW, unit):
        led = led.filter(task_scope_q(user))
    rows = (
        led.filter(deadline__gte=min(p[1] for p in periods), deadline__lte=max(p[2] for p in periods))
        .annotate(
            branch=Case(
                When(lead_path=unit.path, then=Value(unit.path)),
                default=Substr("lead_path", 1, width),
                output_field=CharField(),
            ),
            period=period_case,
        )
        .exclude(period=-1)
        .values("branch", "period")
        .annotate(
            due=Count("id"),
            on_time=Count("id", filter=Q(completed_on__isnull=False, completed_on__lte=F("deadline"))),
        )
    )
    units = {
        u.path: u
        for u in OrgUnit.objects.filter(Q(parent=unit) | Q(pk=unit.pk)).only(
            "name", "short_name", "code", "path"
        )
    }
    found: dict[tuple[str, int], tuple[int, int]] = {}
    for row in rows:
        found[(row["branch"], row["period"])] = (row["due"], row["on_time"])
    result: list[OnTimeCell] = []
    for path in sorted(units):
        for index, (label, start, end) in enumerate(periods):
            due, on_time = found.get((path, index), (0, 0))
            result.append(
                {
                    "unit": units[path],
                    "period": label,
                    "start": start,
                    "end": end,
                    "due": due,
                    "on_time": on_time,
                    "rate": round(100 * on_time / due, 1) if due else None,
                }
            )
    return result
