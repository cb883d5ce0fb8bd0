"""A file that leaves tochuc (an Excel export, a Word download) is one audit event, written here."""

from __future__ import annotations

from django.db import transaction

from tochuc.audit.models import AuditEvent
from tochuc.audit.services import record
from tochuc.core.actors import Actor


def export_record(
    *,
    actor: Actor | None,
    kind: str,
    target: object,
    unit_path: str,
    rows: int | None = None,
    details: dict[str, object] | None = None,
    label: str = "",
) -> AuditEvent:
    """Record that ``actor`` took a file away: ``kind`` is the action ("person.export"), ``target``
    what the file is about, ``rows`` how many rows it holds when it is a list, ``details`` what else
    tells the file apart (the filters, the document, the reason given for sensitive columns)."""
    summary = dict(details or {})
    if rows is not None:
        summary["rows"] = rows
    with transaction.atomic():
        return record(
            actor=actor,
            action=kind,
            target=target,
            unit_path=unit_path,
            summary=summary,
            object_label=label,
        )
