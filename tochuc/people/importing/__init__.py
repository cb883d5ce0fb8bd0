"""Import of people from the Excel workbook: check the whole file, then write it all or nothing.

``import_people`` reads every row, checks every cell, looks units, person codes and
citizen IDs up in bulk, and only when not one cell is wrong writes everything in one
transaction: new records in batches, changed records through a correction with the
reason "Nhập từ Excel <file>", and one audit event with the counts.
"""

from __future__ import annotations

from pathlib import Path

from django.db import connection, transaction
from django.utils.translation import gettext as _

from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.documents.excel import WorkbookRejected
from tochuc.people.importing.doubts import collect_doubts
from tochuc.people.importing.lookups import (
    check_citizen_ids,
    find_units,
    match_existing,
)
from tochuc.people.importing.rows import (
    ANALYZE_AFTER,
    COLUMN_ORDER,
    Errors,
    ImportResult,
    Progress,
    Row,
    read_rows,
)
from tochuc.people.importing.writing import (
    Plan,
    common_path,
    plan_changes,
    write_all,
)
from tochuc.people.models import Person

MAX_LISTED_CODES = 1000  # the job page links to at most this many created records

# --- The service -----------------------------------------------------------------------------------


def import_people(
    *,
    actor: Actor | None,
    path: Path,
    file_name: str,
    dry_run: bool = False,
    progress: Progress | None = None,
    max_errors: int | None = 10_000,
) -> ImportResult:
    """Check the workbook at ``path`` and, unless ``dry_run`` or a cell is wrong, import it all.

    ``actor`` None is the system operator (the command line): every unit is in reach.
    """
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    errors = Errors(max_errors)
    try:
        rows = read_rows(path, errors, progress)
    except WorkbookRejected as exc:
        errors.add(exc.row, exc.column, exc.message)
        rows = []
    if rows:
        find_units(rows, actor, errors)
        existing = match_existing(rows, actor, errors)
        check_citizen_ids(rows, errors)
        plan = plan_changes(rows, existing, errors)
        doubts = Errors(max_errors)
        collect_doubts(
            [(r, r.person, r.membership) for r in plan.creates]
            + [(r, person, membership or {}) for r, _stored, person, membership, _c in plan.updates],
            today(),
            doubts,
        )
        result.warnings, result.warning_count = doubts.items, doubts.count
        result.rows = len(rows)
        result.created, result.updated, result.unchanged = (
            len(plan.creates),
            len(plan.updates),
            plan.unchanged,
        )
        if not errors.count and not dry_run:
            commit(actor=actor, plan=plan, rows=rows, result=result, progress=progress)
    if errors.count:
        result.warnings, result.warning_count = [], 0
        errors.items.sort(key=lambda e: (e.row, COLUMN_ORDER.get(e.column, len(COLUMN_ORDER)), e.column))
        result.errors, result.error_count = errors.items, errors.count
        result.created = result.updated = result.unchanged = 0
    return result


def commit(
    *, actor: Actor | None, plan: Plan, rows: list[Row], result: ImportResult, progress: Progress | None
) -> None:
    with transaction.atomic():
        write_all(actor=actor, plan=plan, rows=rows, file_name=result.file_name, progress=progress)
        result.created_codes = [r.code for r in plan.creates[:MAX_LISTED_CODES]]
        record(
            actor=actor,
            action="person.import",
            target=actor if actor is not None else Person(),
            unit_path=common_path(r.unit.path for r in rows if r.unit is not None),
            summary={
                "file": result.file_name,
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
            object_label=_("Nhập danh sách đảng viên từ Excel"),
        )
    if connection.vendor == "postgresql" and result.created >= ANALYZE_AFTER:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE people_person")
            cursor.execute("ANALYZE people_membership")
