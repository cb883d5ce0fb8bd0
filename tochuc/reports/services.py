"""Writes of the reports app: an export is recorded in the audit trail."""

from __future__ import annotations

from django.db import transaction

from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.reports.exports import structure_workbook
from tochuc.reports.selectors import structure


@transaction.atomic
def structure_export(*, actor: Actor, unit: OrgUnit) -> bytes:
    """The structure report of ``unit``'s subtree as an Excel file, with its audit event."""
    data = structure(actor, unit)
    content = structure_workbook(data, generated_by=actor.display_name())
    record(
        actor=actor,
        action="reports.structure_export",
        target=unit,
        unit_path=unit.path,
        summary={"report": "structure", "unit": unit.code, "people": data.total},
        object_label=unit.name,
    )
    return content
