"""Proposed results from a workbook, all-or-nothing.

``read_workbook`` checks the file as an archive and reads its rows (``rows``); ``evaluation_import``
looks up in bulk what the rows name (``lookups``), lists every bad cell, and only when there is none
writes every row (``writing``). Results land as the appraisal (proposed score and rating).
"""

from __future__ import annotations

from django.db import transaction

from tochuc.core.actors import Actor
from tochuc.evaluations.models import EvaluationCycle
from tochuc.evaluations.services.common import require_open
from tochuc.evaluations.services.importing.lookups import look_up, target_errors
from tochuc.evaluations.services.importing.rows import (
    HEADERS,
    CellError,
    ImportRejected,
    ImportRow,
    cell_errors,
    read_workbook,
    template_workbook,
)
from tochuc.evaluations.services.importing.writing import Planned, write_plan

__all__ = [
    "HEADERS",
    "ImportRejected",
    "ImportRow",
    "evaluation_import",
    "read_workbook",
    "template_workbook",
]


def _checked_plan(
    actor: Actor | None, cycle: EvaluationCycle, rows: list[ImportRow]
) -> tuple[list[Planned], int]:
    """Every row planned, and the number of heads; raises ``ImportRejected`` with every bad cell."""
    found = look_up(actor, cycle, rows)
    errors: list[CellError] = []
    heads: dict[str, int] = {}
    plan: list[Planned] = []
    for row in rows:
        wrong, evaluation, unit = target_errors(row, found)
        bad_cells, score, rating = cell_errors(row, heads)
        errors += wrong + bad_cells
        if not wrong and not bad_cells and evaluation is not None and score is not None:
            plan.append(Planned(evaluation, score, rating, unit, row.is_head))
    if errors:
        raise ImportRejected(errors)
    return plan, len(heads)


@transaction.atomic
def evaluation_import(
    *, actor: Actor | None, cycle: EvaluationCycle, rows: list[ImportRow], source: str = ""
) -> dict[str, int]:
    """Write every row or none; raises ``ImportRejected`` with every bad cell."""
    cycle = EvaluationCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)
    require_open(cycle)
    plan, heads = _checked_plan(actor, cycle, rows)
    write_plan(actor=actor, cycle=cycle, plan=plan, heads=heads, source=source)
    return {"rows": len(plan), "heads": heads}
