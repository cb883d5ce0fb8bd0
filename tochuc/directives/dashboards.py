"""Reads behind the task lists and dashboards, scoped by the acting user: tasks with their status,
counts by status and by branch (a directive's matrix: ``matrix``; on-time figures: ``on_time``)."""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import overload

from django.db import connections
from django.db.models import BooleanField, Case, CharField, Count, Q, QuerySet, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from tochuc.accounts.policy import Action, can_subtree, reaches
from tochuc.core.actors import Actor
from tochuc.directives import counts, selectors
from tochuc.directives.models import Task, TaskStatus
from tochuc.directives.permissions import can_assign_task
from tochuc.directives.status import STATUS_ORDER, status_expression, task_status
from tochuc.orgunits.models import PATH_STEP, OrgUnit


def status_of(task: Task) -> str:
    """The computed status, from the ``status`` annotation when the selector added it."""
    annotated = getattr(task, "status", None)
    return str(annotated) if annotated else task_status(task, timezone.localdate()).value


def status_label(status: str) -> str:
    try:
        return str(TaskStatus(status).label)
    except ValueError:
        return status


@dataclass(frozen=True)
class TaskRow:
    """A task as a list shows it: with its status, and whether the reader may assign it."""

    task: Task
    status: str
    status_text: str
    may_assign: bool = False


def task_rows(tasks: Iterable[Task], *, user: Actor | None = None) -> list[TaskRow]:
    """Rows for ``tasks`` in their order; ``may_assign`` is worked out when ``user`` is given."""
    rows = []
    for task in tasks:
        code = status_of(task)
        allowed = user is not None and can_assign_task(user, task)
        rows.append(TaskRow(task, code, status_label(code), allowed))
    return rows


def tasks_by_id(user: Actor, ids: list[int]) -> list[TaskRow]:
    """The tasks with these ids, in this order, with what the lists show (a second, narrow query:
    sorting ids alone is much cheaper than sorting whole rows)."""
    return task_lists_by_id(user, ids)[0]


def task_lists_by_id(user: Actor, *lists: list[int]) -> list[list[TaskRow]]:
    """``tasks_by_id`` for each list of ids, all read in one query (a task may be in several)."""
    wanted = {pk for ids in lists for pk in ids}
    found = (
        {
            t.pk: t
            for t in selectors.with_status(
                Task.objects.filter(pk__in=wanted).filter(selectors.task_scope_rows_q(user)),
                today=timezone.localdate(),
            )
            .select_related("directive", "lead_unit")
            .defer("directive__body", "directive__recipients")
        }
        if wanted
        else {}
    )
    return [task_rows(found[pk] for pk in ids if pk in found) for ids in lists]


@dataclass(frozen=True)
class TaskParts:
    """What a task page shows of the task's direct children: those the reader sees, in the order
    they were made, and the rollup of all of them (``None`` when the reader sees none)."""

    children: list[TaskRow]
    rollup: selectors.Rollup | None


def parts_of(user: Actor, task: Task, *, today: dt.date | None = None) -> TaskParts:
    """The children of ``task`` and their rollup (``selectors.task_rollup``) in one query: every
    child is read with its status and whether ``user`` sees it."""
    day = today or timezone.localdate()
    children = list(
        selectors.with_status(Task.objects.filter(parent=task), today=day)
        .annotate(
            visible=Case(
                When(selectors.task_scope_rows_q(user), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .select_related("directive", "lead_unit")
        .defer("directive__body", "directive__recipients")
        .order_by("pk")
    )
    rows = task_rows(c for c in children if c.visible)
    if not rows:
        return TaskParts([], None)
    by_status = _zeros()
    for child in children:
        by_status[status_of(child)] += 1
    total = len(children)
    rollup: selectors.Rollup = {
        "total": total,
        "by_status": by_status,
        "mean_percent": round(sum(c.percent for c in children) / total, 1),
        "done": by_status[TaskStatus.DONE_ON_TIME] + by_status[TaskStatus.DONE_LATE],
    }
    return TaskParts(rows, rollup)


def _zeros() -> dict[str, int]:
    return {s.value: 0 for s in TaskStatus}


@dataclass(frozen=True)
class StatusCounts:
    """Tasks by status in all, and per child unit (tasks the unit leads itself on its own row).

    ``as_of`` is when the worker counted them (``counts``), ``None`` when counted live for this page.
    """

    totals: dict[str, int]
    branches: list[tuple[OrgUnit, dict[str, int]]]
    as_of: dt.datetime | None = None

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def _branch_units(by_branch: dict[str, dict[str, int]]) -> list[tuple[OrgUnit, dict[str, int]]]:
    # What the dashboard shows of a branch: its name and a link by its code.
    found = OrgUnit.objects.filter(path__in=list(by_branch)).only("code", "name", "short_name", "path")
    units = {u.path: u for u in found}
    return [(units[p], by_branch[p]) for p in sorted(by_branch) if p in units]


def status_counts(
    user: Actor, unit: OrgUnit, *, today: dt.date | None = None, by_branch: bool = True
) -> StatusCounts:
    """The counts of the tasks ``unit``'s dashboard shows.

    From the worker's counting (``counts.kept``) when it is fresh and the user sees the whole subtree,
    plus, counted live, the few tasks the unit assigned or cooperates on that are led outside its
    subtree (no branch); otherwise from one grouped live query. ``by_branch=False`` leaves the
    branches out (totals only).
    """
    day = today or timezone.localdate()
    if can_subtree(user, Action.VIEW, unit):
        found = counts.kept(unit.path, day)
        if found is not None:
            return _from_kept(unit, found, day, by_branch=by_branch)
    width = len(unit.path) + PATH_STEP
    rows = selectors.with_status(selectors.scoped_tasks(user, unit=unit), today=day).order_by()
    if by_branch:
        rows = rows.annotate(
            branch=Case(
                When(lead_path__startswith=unit.path, then=Substr("lead_path", 1, width)),
                default=Value(""),
                output_field=CharField(),
            )
        )
    else:
        rows = rows.annotate(branch=Value("", output_field=CharField()))
    totals = _zeros()
    branches: dict[str, dict[str, int]] = defaultdict(_zeros)
    for row in rows.values("branch", "status").annotate(n=Count("id")):
        totals[row["status"]] += row["n"]
        if row["branch"]:
            branch = row["branch"] if len(row["branch"]) == width else unit.path
            branches[branch][row["status"]] += row["n"]
    return StatusCounts(totals, _branch_units(branches) if by_branch else [])


def _from_kept(unit: OrgUnit, found: counts.Kept, day: dt.date, *, by_branch: bool) -> StatusCounts:
    totals = _zeros()
    branches: dict[str, dict[str, int]] = defaultdict(_zeros)
    for branch, by_status in found.branches.items():
        for status, n in by_status.items():
            totals[status] += n
            branches[branch][status] += n
    cooperating = list(
        Task.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values_list("task_id", flat=True)
    )
    related = Q(assigned_by_id=unit.pk) | Q(pk__in=cooperating) if cooperating else Q(assigned_by_id=unit.pk)
    outside = (
        Task.objects.filter(related)
        .exclude(lead_path__startswith=unit.path)
        .annotate(status=status_expression(day))
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    for row in outside:
        totals[row["status"]] += row["n"]
    return StatusCounts(totals, _branch_units(branches) if by_branch else [], as_of=found.counted_at)


# --- the first rows of a list, status by status --------------------------------------------------------


def _parts(status: str, day: dt.date, nulls_last: bool) -> list[Q]:
    """Conditions on stored facts that split one status into index ranges, in list order.

    Each is implied by the status (or splits it by whether a deadline is set), so adding it changes no
    result; it lets the database read the open tasks' index by deadline instead of sorting.
    """
    open_, done = Q(completed_on__isnull=True), Q(completed_on__isnull=False)
    if status == TaskStatus.OVERDUE:
        return [open_ & Q(deadline__lt=day)]
    if status == TaskStatus.DONE_LATE:
        return [done & Q(deadline__isnull=False)]
    if status == TaskStatus.DONE_ON_TIME:
        dated, undated = done & Q(deadline__isnull=False), done & Q(deadline__isnull=True)
    else:
        dated, undated = open_ & Q(deadline__gte=day), open_ & Q(deadline__isnull=True)
    return [dated, undated] if nulls_last else [undated, dated]


def first_ids(
    listed: Callable[[str], QuerySet[Task]],
    statuses: Sequence[str],
    *,
    offset: int,
    limit: int,
    counts: Mapping[str, int] | None = None,
    today: dt.date | None = None,
) -> list[int]:
    """Ids of rows ``offset`` … ``offset + limit`` of a task list ordered by status rank, deadline,
    directive and id (``tasks_for``'s order), read status by status in deadline order.

    ``listed(status)`` is the list narrowed to one status. Rows before ``offset`` are skipped by the
    database (an offset into the status's index range) when the page starts inside it, else by counting:
    whole statuses by ``counts`` (exact, per status) when given, the rest with a count of the part skipped.
    The first page needs no count.
    """
    day = today or timezone.localdate()
    wanted = set(statuses)
    ids: list[int] = []
    skip = offset
    for status in (s.value for s in STATUS_ORDER if s.value in wanted):
        if len(ids) >= limit:
            break
        if skip > 0 and counts is not None and skip >= counts.get(status, 0):
            skip -= counts.get(status, 0)
            continue
        qs = listed(status)
        nulls_last = connections[qs.db].features.nulls_order_largest
        for part in _parts(status, day, nulls_last):
            if len(ids) >= limit:
                break
            rows = qs.filter(part).order_by("deadline", "directive_id", "id").values_list("pk", flat=True)
            got = list(rows[skip : skip + limit - len(ids)])
            if skip > 0 and not got:
                # The page starts after this part: skip all of it.
                skip -= rows.count()
                continue
            ids += got
            skip = 0
    return ids


class TaskIds(Sequence[int]):
    """The ids of a dashboard's task list for ``Paginator``: its length is known from the counts,
    and a page is read with ``first_ids``."""

    def __init__(
        self,
        listed: Callable[[str], QuerySet[Task]],
        statuses: Sequence[str],
        total: int,
        counts: Mapping[str, int] | None,
        today: dt.date,
    ) -> None:
        self.listed, self.statuses, self.total, self.counts, self.today = (
            listed,
            statuses,
            total,
            counts,
            today,
        )

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, key: int) -> int: ...

    @overload
    def __getitem__(self, key: slice) -> list[int]: ...

    def __getitem__(self, key: int | slice) -> int | list[int]:
        if isinstance(key, int):
            found = self[key : key + 1]
            if not found:
                raise IndexError(key)
            return found[0]
        start, stop = key.start or 0, key.stop if key.stop is not None else self.total
        return first_ids(
            self.listed,
            self.statuses,
            offset=start,
            limit=max(stop - start, 0),
            counts=self.counts,
            today=self.today,
        )


# --- tasks led in the user's reach (the home page) ------------------------------------------------------


@dataclass(frozen=True)
class LedCounts:
    totals: dict[str, int]
    as_of: dt.datetime | None = None  # when the worker counted part of them; None when all live


def led_status_counts(user: Actor, statuses: Sequence[str], *, today: dt.date | None = None) -> LedCounts:
    """Tasks led inside the user's reach with one of ``statuses``, by status (``led_tasks_for``'s counts).

    The reaches are disjoint (``reaches`` drops those inside another); a subtree reach the worker
    counted is read from its counting, the others are counted live in one query.
    """
    day = today or timezone.localdate()
    wanted = set(statuses)
    totals = {s: 0 for s in statuses}
    run = counts.fresh_run(day)
    live: list[Q] = []
    as_of: dt.datetime | None = None
    for reach in reaches(user, Action.VIEW):
        found = counts.kept(reach.path, day, run) if reach.include_subtree and run is not None else None
        if found is None:
            live.append(
                Q(lead_path__startswith=reach.path) if reach.include_subtree else Q(lead_path=reach.path)
            )
            continue
        as_of = found.counted_at
        for status, n in found.totals().items():
            if status in wanted:
                totals[status] += n
    if live:
        open_only = all(s not in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE) for s in wanted)
        rows = Task.objects.filter(reduce(operator.or_, live))
        if open_only:
            rows = rows.filter(completed_on__isnull=True)
        grouped = (
            rows.annotate(status=status_expression(day))
            .filter(status__in=list(wanted))
            .order_by()
            .values("status")
            .annotate(n=Count("id"))
        )
        for row in grouped:
            totals[row["status"]] += row["n"]
    return LedCounts(totals, as_of)


def first_led_tasks(
    user: Actor, statuses: Sequence[str], *, limit: int, today: dt.date | None = None
) -> list[Task]:
    """The first ``limit`` of ``led_tasks_for(user, status=statuses)``, read status by status."""
    day = today or timezone.localdate()
    ids = first_ids(
        lambda status: selectors.led_tasks_for(user, status=[status], today=day),
        statuses,
        offset=0,
        limit=limit,
        today=day,
    )
    found = {t.pk: t for t in selectors.led_tasks_for(user, status=statuses, today=day).filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]
