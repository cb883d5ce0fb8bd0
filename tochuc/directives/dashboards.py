"""Reads behind the task lists and dashboards, scoped by the acting user: tasks with their status,
counts by status and by branch, a directive's unit × task matrix, on-time figures per quarter."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, CharField, Count, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from tochuc.core.actors import Actor
from tochuc.directives import selectors
from tochuc.directives.models import Directive, Task, TaskStatus
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
    found = {
        t.pk: t
        for t in Task.objects.filter(pk__in=ids)
        .filter(selectors.task_scope_rows_q(user))
        .annotate(status=status_expression(timezone.localdate()))
        .select_related("directive", "lead_unit")
        .select_related("assigned_by")
        .defer("directive__body", "directive__recipients")
    }
    return task_rows(found[pk] for pk in ids if pk in found)


def _zeros() -> dict[str, int]:
    return {s.value: 0 for s in TaskStatus}


@dataclass(frozen=True)
class StatusCounts:
    """Tasks by status in all, and per child unit (tasks the unit leads itself on its own row)."""

    totals: dict[str, int]
    branches: list[tuple[OrgUnit, dict[str, int]]]

    @property
    def total(self) -> int:
        return sum(self.totals.values())


def status_counts(user: Actor, unit: OrgUnit) -> StatusCounts:
    """The counts of the tasks ``unit``'s dashboard shows, from one grouped query."""
    width = len(unit.path) + PATH_STEP
    rows = (
        selectors.tasks_for(user, unit=unit)
        .order_by()
        .annotate(
            branch=Case(
                When(lead_path__startswith=unit.path, then=Substr("lead_path", 1, width)),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .values("branch", "status")
        .annotate(n=Count("id"))
    )
    totals = _zeros()
    by_branch: dict[str, dict[str, int]] = defaultdict(_zeros)
    for row in rows:
        totals[row["status"]] += row["n"]
        if row["branch"]:
            branch = row["branch"] if len(row["branch"]) == width else unit.path
            by_branch[branch][row["status"]] += row["n"]
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(by_branch))}
    return StatusCounts(totals, [(units[p], by_branch[p]) for p in sorted(by_branch) if p in units])


# --- the matrix of a directive ----------------------------------------------------------------------


@dataclass
class Cell:
    status: str = ""
    label: str = ""
    percent: int | None = None
    role: str = ""  # "lead", "child" (leads a part), "coop"
    task_id: int | None = None
    count: int = 0


@dataclass
class MatrixRow:
    unit: OrgUnit
    cells: list[Cell] = field(default_factory=list)


@dataclass(frozen=True)
class Matrix:
    """One column per top-level task, one row per unit taking part, in tree order."""

    columns: list[Task]
    rows: list[MatrixRow]


_RANK = {s.value: i for i, s in enumerate(STATUS_ORDER)}


def _worse(a: str, b: str) -> bool:
    return _RANK.get(a, 99) < _RANK.get(b, 99)


def directive_matrix(user: Actor, directive: Directive) -> Matrix:
    """Each unit's part in each top-level task: the worst status of what it leads, or that it
    cooperates."""
    visible = task_rows(
        selectors.tasks_for(user, directive=directive).prefetch_related("cooperating_units").order_by("pk")
    )
    parents = dict(Task.objects.filter(directive=directive).values_list("pk", "parent_id"))

    def top_of(pk: int) -> int:
        seen = 0
        while parents.get(pk) is not None and seen < 50:
            pk, seen = parents[pk], seen + 1
        return pk

    columns = [r.task for r in visible if r.task.parent_id is None]
    index = {t.pk: i for i, t in enumerate(columns)}
    rows: dict[int, MatrixRow] = {}
    for row in visible:
        task, code = row.task, row.status
        column = index.get(top_of(task.pk))
        if column is None:
            continue
        role = "lead" if task.parent_id is None else "child"
        units = [(task.lead_unit, role)] if task.lead_unit else []
        units += [(u, "coop") for u in task.cooperating_units.all()]
        for unit, unit_role in units:
            found = rows.setdefault(unit.pk, MatrixRow(unit, [Cell() for _ in columns]))
            cell = found.cells[column]
            if unit_role == "coop":
                if not cell.role:
                    cell.role, cell.task_id = "coop", task.pk
                continue
            cell.count += 1
            if (
                cell.role in ("", "coop")
                or _worse(code, cell.status)
                or (unit_role == "lead" and cell.role != "lead")
            ):
                cell.status, cell.label, cell.percent = code, row.status_text, task.percent
                cell.role, cell.task_id = unit_role, task.pk
    return Matrix(columns, sorted(rows.values(), key=lambda r: r.unit.path))


# --- on time --------------------------------------------------------------------------------------


def last_quarters(day: dt.date, n: int = 4) -> list[selectors.Period]:
    """The ``n`` quarters ending with the one ``day`` falls in, oldest first."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    found = []
    for _i in range(n):
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        found.append((f"Q{quarter}/{year}", start, end))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return list(reversed(found))


def _rate(on_time: int, due: int) -> float | None:
    return round(100 * on_time / due, 1) if due else None


@dataclass
class UnitOnTime:
    """One unit over the periods: a cell per period and the whole span."""

    unit: OrgUnit
    cells: list[selectors.OnTimeCell] = field(default_factory=list)
    due: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return _rate(self.on_time, self.due)


@dataclass(frozen=True)
class PeriodOnTime:
    """All units together in one period."""

    label: str
    due: int
    on_time: int

    @property
    def rate(self) -> float | None:
        return _rate(self.on_time, self.due)


@dataclass(frozen=True)
class OnTime:
    units: list[UnitOnTime]
    trend: list[PeriodOnTime]


def on_time(user: Actor, unit: OrgUnit, periods: Sequence[selectors.Period]) -> OnTime:
    """Tasks due and done on time per child unit of ``unit`` and per period, and per period in all."""
    table: dict[int, UnitOnTime] = {}
    totals = {label: [0, 0] for label, _start, _end in periods}
    for cell in selectors.on_time_rate_by_unit(user, unit, periods):
        entry = table.setdefault(cell["unit"].pk, UnitOnTime(cell["unit"]))
        entry.cells.append(cell)
        entry.due += cell["due"]
        entry.on_time += cell["on_time"]
        totals[cell["period"]][0] += cell["due"]
        totals[cell["period"]][1] += cell["on_time"]
    trend = [PeriodOnTime(label, due, done) for label, (due, done) in totals.items()]
    return OnTime(list(table.values()), trend)
