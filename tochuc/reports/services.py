"""Writes of the reports app: an export is recorded in the audit trail."""

from __future__ import annotations

from tochuc.audit.exports import export_record
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.reports.exports import structure_workbook
from tochuc.reports.selectors import structure


def structure_export(*, actor: Actor, unit: OrgUnit) -> bytes:
    """The structure report of ``unit``'s subtree as an Excel file, with its audit event."""
    data = structure(actor, unit)
    content = structure_workbook(data, generated_by=actor.display_name())
    export_record(
        actor=actor,
        kind="reports.structure_export",
        target=unit,
        unit_path=unit.path,
        details={"report": "structure", "unit": unit.code, "people": data.total},
        label=unit.name,
    )
    return content
