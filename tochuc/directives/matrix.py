"""A directive's unit × task matrix: each unit's part in each top-level task, as the user sees it."""

from __future__ import annotations

from dataclasses import dataclass, field

from tochuc.core.actors import Actor
from tochuc.directives import selectors
from tochuc.directives.dashboards import task_rows
from tochuc.directives.models import Directive, Task
from tochuc.directives.status import STATUS_ORDER
from tochuc.orgunits.models import OrgUnit


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
