"""A file that leaves tochuc (an Excel export, a Word download) is one audit event, written here."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from tochuc.audit.models import AuditEvent
from tochuc.audit.services import record
from tochuc.core.actors import Actor


def common_unit_path(paths: Iterable[str]) -> str:
    """The path of the nearest unit holding every path given (fixed-width segments, so the common
    prefix cut back to a whole segment); "" when none is given."""
    from tochuc.orgunits.models import PATH_STEP

    found: str | None = None
    for path in paths:
        if found is None:
            found = path
            continue
        end = 0
        while end < min(len(found), len(path)) and found[end] == path[end]:
            end += 1
        found = found[: end - end % PATH_STEP]
        if not found:
            break
    return found or ""


def export_unit_path(actor: Actor | None, paths: Iterable[str]) -> str:
    """The unit an export of rows under ``paths`` is filed under in the audit trail: the nearest unit
    holding those of them the actor reaches (a proposal sent up names a unit above), or, for an empty
    export, the nearest unit holding the actor's reach."""
    from tochuc.accounts.policy import Action, reaches

    if actor is None:
        return common_unit_path(paths)
    reached = reaches(actor, Action.VIEW)
    found = common_unit_path(p for p in paths if any(r.covers(p) for r in reached))
    return found or common_unit_path(r.path for r in reached)


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
