"""Import of people from the Excel workbook: check the whole file, then write it all or nothing.

``import_people`` reads every row, checks every cell, looks units, person codes and
citizen IDs up in bulk, and only when not one cell is wrong writes everything in one
transaction: new records in batches, changed records through a correction with the
reason "Nhập từ Excel <file>", and one audit event with the counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, reaches
from tochuc.audit.services import record, sensitive
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import PATH_STEP, OrgUnit
from tochuc.people.excel.cells import CellInvalid, is_blank, parse_cell
from tochuc.people.excel.columns import (
    BY_HEADER,
    COLUMNS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    MEMBERSHIP_COLUMNS,
    PERSON_COLUMNS,
    Column,
    Target,
)
from tochuc.people.excel.reading import MAX_ROWS, WorkbookRejected, column_letter, open_sheet
from tochuc.people.models import Membership, MembershipStatus, Person, PersonCorrection, TheoryLevel
from tochuc.people.services import (
    SENSITIVE_FIELDS,
    citizen_id_hash,
    clean_membership_values,
    clean_person_values,
    derive_fields,
)

BATCH = 2000
LOOKUP_CHUNK = 2000
PROGRESS_EVERY = 2000
ANALYZE_AFTER = 5000  # new rows after which PostgreSQL's planner statistics are refreshed

PERSON_FIELDS = tuple(c.field for c in PERSON_COLUMNS)
MEMBERSHIP_FIELDS = tuple(c.field for c in MEMBERSHIP_COLUMNS)
_HEADER_OF = {c.field: c.header for c in COLUMNS}
_UNIT_HEADER = next(c.header for c in COLUMNS if c.field == "unit")
_CODE_HEADER = next(c.header for c in COLUMNS if c.field == "code")
_CITIZEN_HEADER = _HEADER_OF["citizen_id"]
_ORDER = {c.header: i for i, c in enumerate(COLUMNS)}

Progress = Callable[[str, int, int | None], None]
T = TypeVar("T")


@dataclass(frozen=True)
class CellError:
    """A bad cell: the Excel row number (0 for the file as a whole), the column header, the message."""

    row: int
    column: str
    message: str

    def line(self) -> str:
        if self.row == 0:
            return f"File: {self.message}"
        return f"Row {self.row}, column {self.column}: {self.message}"


@dataclass
class ImportResult:
    file_name: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class _Errors:
    def __init__(self, limit: int | None) -> None:
        self.items: list[CellError] = []
        self.count = 0
        self.limit = limit

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if self.limit is None or len(self.items) < self.limit:
            self.items.append(CellError(row, column, message))


@dataclass
class _Row:
    number: int
    code: str
    unit_code: str
    person: dict[str, Any]
    membership: dict[str, Any]
    unit: OrgUnit | None = None
    match_id: int | None = None
    broken: bool = False  # a cell is wrong: still checked for its unit and citizen ID, never matched


@dataclass
class _Existing:
    """What is stored for one matched person, as plain values."""

    pk: int
    code: str
    unit_id: int
    unit_code: str
    unit_path: str
    person: dict[str, Any]
    membership: dict[str, Any] | None


def _chunks(items: list[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Reading and checking each row ----------------------------------------------------------------


def _header(values: tuple[Any, ...], errors: _Errors) -> list[Column | None]:
    columns: list[Column | None] = []
    seen: set[str] = set()
    by_folded = {header.casefold(): column for header, column in BY_HEADER.items()}
    for index, raw in enumerate(values):
        if is_blank(raw):
            columns.append(None)
            continue
        text = nfc(str(raw))[:100]
        column = by_folded.get(text.casefold())
        if column is None:
            errors.add(
                HEADER_ROW,
                text,
                _(
                    "Cột %(letter)s «%(name)s» không có trong mẫu; hãy xóa cột này hoặc sửa tên cột cho đúng mẫu."
                )
                % {"letter": column_letter(index), "name": text},
            )
        elif column.header in seen:
            errors.add(HEADER_ROW, column.header, _("Cột bị lặp lại (cột %s).") % column_letter(index))
        else:
            seen.add(column.header)
        columns.append(column)
    for column in COLUMNS:
        if column.required and column.header not in seen:
            errors.add(HEADER_ROW, column.header, _("Thiếu cột bắt buộc."))
    return columns


def _field_error(row: int, exc: DomainError, errors: _Errors) -> None:
    errors.add(row, _HEADER_OF.get(exc.field, exc.field), exc.message)


def _parse_row(number: int, values: tuple[Any, ...], columns: list[Column | None], errors: _Errors) -> _Row:
    row = _Row(number, "", "", {}, {})
    failed: set[str] = set()
    for index, value in enumerate(values):
        column = columns[index] if index < len(columns) else None
        if column is None:
            if not is_blank(value):
                failed.add("")
                errors.add(
                    number,
                    _("Cột %s (không có tiêu đề)") % column_letter(index),
                    _("Ô có dữ liệu nhưng cột không có tiêu đề trong mẫu."),
                )
            continue
        if is_blank(value):
            continue
        try:
            parsed = parse_cell(column, value)
        except CellInvalid as exc:
            failed.add(column.header)
            errors.add(number, column.header, exc.message)
            continue
        if column.field == "code":
            row.code = parsed
        elif column.field == "unit":
            row.unit_code = parsed
        elif column.target is Target.PERSON:
            row.person[column.field] = parsed
        else:
            row.membership[column.field] = parsed
    for column in COLUMNS:
        if column.required and column.header not in failed and not _has(row, column):
            failed.add(column.header)
            errors.add(number, column.header, _("Thiếu thông tin bắt buộc."))
    if not failed and " " not in row.person["full_name"]:
        # The one rule of ``clean_person_values`` the cell checks do not already cover
        # (gender and theory level by label, birth date in range); calling it per row
        # would double the time spent on each row.
        _field_error(number, _name_error(row.person["full_name"]), errors)
        failed.add("full_name")
    row.broken = bool(failed)
    return row


def _name_error(full_name: str) -> DomainError:
    try:
        clean_person_values({"full_name": full_name})
    except DomainError as exc:
        return exc
    raise AssertionError("a one-word name is refused by clean_person_values")


def _has(row: _Row, column: Column) -> bool:
    if column.field == "unit":
        return bool(row.unit_code)
    if column.field == "code":
        return bool(row.code)
    source = row.person if column.target is Target.PERSON else row.membership
    return column.field in source


def _read(path: Path, errors: _Errors, progress: Progress | None) -> list[_Row]:
    rows: list[_Row] = []
    with open_sheet(path) as sheet:
        declared = sheet.declared_rows - HEADER_ROW if sheet.declared_rows else None
        if declared is not None and declared > MAX_ROWS:
            raise WorkbookRejected(_too_many_rows())
        for merged in sheet.merged:
            errors.add(
                merged.first_row,
                column_letter(merged.first_column - 1),
                _("Ô gộp %(ref)s không được chấp nhận; hãy bỏ gộp ô.") % {"ref": merged.ref},
            )
        columns: list[Column | None] | None = None
        for number, values in enumerate(sheet.rows, start=1):
            if number == HEADER_ROW:
                columns = _header(values, errors)
                if errors.count:
                    return []
                continue
            if number - HEADER_ROW > MAX_ROWS:
                raise WorkbookRejected(_too_many_rows())
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress("checking", number - HEADER_ROW, declared)
            if number < FIRST_DATA_ROW or all(is_blank(v) for v in values):
                continue
            assert columns is not None
            rows.append(_parse_row(number, values, columns, errors))
        if columns is None:
            raise WorkbookRejected(_("Trang đầu tiên của bảng tính trống: không có dòng tiêu đề."))
    return rows


def _too_many_rows() -> str:
    return _("Tệp có hơn %(n)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {
        "n": f"{MAX_ROWS:,}".replace(",", ".")
    }


# --- Looking up units, existing records and citizen IDs in bulk ------------------------------------


def _units(rows: list[_Row], actor: Any, errors: _Errors) -> None:
    codes = sorted({r.unit_code for r in rows})
    found: dict[str, OrgUnit] = {}
    for chunk in _chunks(codes):
        for found_unit in OrgUnit.objects.filter(code__in=chunk).only("id", "code", "path", "valid_to"):
            found[found_unit.code] = found_unit
    if actor is not None:
        reach = reaches(actor, Action.EDIT)
        found = {c: u for c, u in found.items() if any(r.covers(u.path) for r in reach)}
    for row in rows:
        if not row.unit_code:
            continue
        unit = found.get(row.unit_code)
        if unit is None:
            # A unit outside the importer's scope is reported exactly like one that does not exist.
            errors.add(
                row.number,
                _UNIT_HEADER,
                _("Không có đơn vị mã «%(code)s» trong phạm vi của bạn.") % {"code": row.unit_code},
            )
        elif not unit.is_active:
            errors.add(
                row.number, _UNIT_HEADER, _("Đơn vị «%(code)s» đã chấm dứt hoạt động.") % {"code": unit.code}
            )
        else:
            row.unit = unit


def _may_edit(actor: Any, path: str) -> bool:
    return actor is None or any(r.covers(path) for r in reaches(actor, Action.EDIT))


def _match(rows: list[_Row], actor: Any, errors: _Errors) -> dict[int, _Existing]:
    """Find the stored record of each row: by person code, else by name, birth date and unit."""
    by_code: dict[str, int] = {}
    paths: dict[int, str] = {}
    codes = sorted({r.code for r in rows if r.code})
    for chunk in _chunks(codes):
        for pk, code, path in Person.objects.filter(code__in=chunk).values_list("pk", "code", "unit__path"):
            by_code[code] = pk
            paths[pk] = path
    keyless = [r for r in rows if not r.code and r.unit is not None and not r.broken]
    by_key: dict[tuple[str, dt.date, int], list[int]] = defaultdict(list)
    unit_ids = sorted({r.unit.pk for r in keyless if r.unit is not None})
    for id_chunk in _chunks(unit_ids, 500):
        for person_id, name, birth, unit_id in Person.objects.filter(unit_id__in=id_chunk).values_list(
            "pk", "full_name", "birth_date", "unit_id"
        ):
            by_key[(name.casefold(), birth, unit_id)].append(person_id)
    seen_codes: dict[str, int] = {}
    seen_keys: dict[tuple[str, dt.date, int], int] = {}
    for row in rows:
        if row.broken:
            continue
        if row.code:
            if row.code in seen_codes:
                errors.add(
                    row.number, _CODE_HEADER, _("Mã đảng viên trùng với dòng %d.") % seen_codes[row.code]
                )
                continue
            seen_codes[row.code] = row.number
            match_id = by_code.get(row.code)
            if match_id is not None and not _may_edit(actor, paths[match_id]):
                errors.add(row.number, _CODE_HEADER, _("Mã đảng viên «%s» không dùng được.") % row.code)
            row.match_id = match_id
        elif row.unit is not None:
            key = (row.person["full_name"].casefold(), row.person["birth_date"], row.unit.pk)
            if key in seen_keys:
                errors.add(
                    row.number,
                    _HEADER_OF["full_name"],
                    _(
                        "Trùng họ tên, ngày sinh và đơn vị với dòng %d; nếu là hai người, hãy ghi Mã đảng viên."
                    )
                    % seen_keys[key],
                )
                continue
            seen_keys[key] = row.number
            candidates = by_key.get(key, [])
            if len(candidates) > 1:
                errors.add(
                    row.number,
                    _HEADER_OF["full_name"],
                    _(
                        "Có nhiều hồ sơ cùng họ tên, ngày sinh và đơn vị; hãy ghi Mã đảng viên để chọn đúng người."
                    ),
                )
            elif candidates:
                row.match_id = candidates[0]
    matched = sorted({r.match_id for r in rows if r.match_id is not None})
    return _load_existing(matched)


def _load_existing(pks: list[int]) -> dict[int, _Existing]:
    existing: dict[int, _Existing] = {}
    person_fields = ["pk", "code", "unit_id", "unit__code", "unit__path", *PERSON_FIELDS]
    membership_fields = [f"membership__{name}" for name in MEMBERSHIP_FIELDS]
    for chunk in _chunks(pks):
        for values in Person.objects.filter(pk__in=chunk).values(
            *person_fields, "membership__person_id", *membership_fields
        ):
            existing[values["pk"]] = _Existing(
                pk=values["pk"],
                code=values["code"],
                unit_id=values["unit_id"],
                unit_code=values["unit__code"],
                unit_path=values["unit__path"],
                person={name: values[name] for name in PERSON_FIELDS},
                membership=(
                    {name: values[f"membership__{name}"] for name in MEMBERSHIP_FIELDS}
                    if values["membership__person_id"] is not None
                    else None
                ),
            )
    return existing


def _citizen_ids(rows: list[_Row], errors: _Errors) -> None:
    """A citizen ID appears once in the file and belongs to nobody else in the register."""
    first_row: dict[str, int] = {}
    hashes: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        number = row.person.get("citizen_id")
        if not number:
            continue
        if number in first_row:
            errors.add(row.number, _CITIZEN_HEADER, _("Số CCCD trùng với dòng %d.") % first_row[number])
            continue
        first_row[number] = row.number
        hashes[citizen_id_hash(number)].append(row)
    for chunk in _chunks(sorted(hashes)):
        for digest, owner in Person.objects.filter(citizen_id_hash__in=chunk).values_list(
            "citizen_id_hash", "pk"
        ):
            for row in hashes[digest]:
                if not row.broken and row.match_id != owner:
                    errors.add(row.number, _CITIZEN_HEADER, _("Số CCCD đã có trong hồ sơ của người khác."))


# --- Deciding what changes -------------------------------------------------------------------------


@dataclass
class _Plan:
    creates: list[_Row] = field(default_factory=list)
    # (row, stored record, person values after import, membership values after import or None, changes)
    updates: list[tuple[_Row, _Existing, dict[str, Any], dict[str, Any] | None, dict[str, list[Any]]]] = (
        field(default_factory=list)
    )
    unchanged: int = 0


def _shown(name: str, value: Any) -> Any:
    if name in SENSITIVE_FIELDS:
        return sensitive(str(value)) if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


def _membership_after(row: _Row, stored: dict[str, Any] | None) -> dict[str, Any] | None:
    if not row.membership and stored is None:
        return None
    values = dict(stored or {"status": "", "admitted_on": None, "full_member_on": None, "card_number": ""})
    values.update(row.membership)
    if not values["status"]:
        values["status"] = (
            MembershipStatus.FULL if values["full_member_on"] else MembershipStatus.PROBATIONARY
        )
    return values


def _plan(rows: list[_Row], existing: dict[int, _Existing], errors: _Errors) -> _Plan:
    plan = _Plan()
    for row in rows:
        if row.broken:
            continue
        stored = existing.get(row.match_id) if row.match_id is not None else None
        person = dict(stored.person) if stored else {}
        person.update(row.person)
        if stored is None:
            person.setdefault("political_theory_level", TheoryLevel.NONE)
        membership = _membership_after(row, stored.membership if stored else None)
        if membership is not None:
            try:
                clean_membership_values(membership, birth_date=person["birth_date"])
            except DomainError as exc:
                _field_error(row.number, exc, errors)
                continue
        if stored is None:
            row.person = person
            row.membership = membership or {}
            plan.creates.append(row)
            continue
        changes: dict[str, list[Any]] = {}
        for name in PERSON_FIELDS:
            if stored.person[name] != person[name]:
                changes[name] = [_shown(name, stored.person[name]), _shown(name, person[name])]
        if row.unit is not None and row.unit.pk != stored.unit_id:
            changes["unit"] = [stored.unit_code, row.unit.code]
        if membership is not None:
            before = stored.membership or {}
            for name in MEMBERSHIP_FIELDS:
                if before.get(name) != membership[name]:
                    changes[f"membership.{name}"] = [
                        _shown(name, before.get(name)),
                        _shown(name, membership[name]),
                    ]
        if changes:
            plan.updates.append((row, stored, person, membership, changes))
        else:
            plan.unchanged += 1
    return plan


# --- Writing ---------------------------------------------------------------------------------------


def _new_codes(rows: list[_Row], taken_in_file: set[str]) -> None:
    """``<unit code>-<number>`` for rows without a person code, numbered after the unit's people."""
    by_unit: dict[int, list[_Row]] = defaultdict(list)
    for row in rows:
        if not row.code and row.unit is not None:
            by_unit[row.unit.pk].append(row)
    if not by_unit:
        return
    counts: dict[int, int] = {}
    for chunk in _chunks(sorted(by_unit), 500):
        counts.update(
            Person.objects.filter(unit_id__in=chunk)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
    pending = {unit_id: (counts.get(unit_id, 0) + 1, unit_rows) for unit_id, unit_rows in by_unit.items()}
    while pending:
        proposals: dict[str, _Row] = {}
        next_start: dict[int, int] = {}
        for unit_id, (start, unit_rows) in pending.items():
            for offset, row in enumerate(unit_rows):
                assert row.unit is not None
                proposals[_code_for(row.unit, start + offset)] = row
            next_start[unit_id] = start + len(unit_rows)
        clashes = {c for c in proposals if c in taken_in_file}
        for code_chunk in _chunks(sorted(proposals)):
            clashes.update(Person.objects.filter(code__in=code_chunk).values_list("code", flat=True))
        retry: dict[int, tuple[int, list[_Row]]] = {}
        for code, row in proposals.items():
            assert row.unit is not None
            if code in clashes:
                start, again = retry.get(row.unit.pk, (next_start[row.unit.pk], []))
                again.append(row)
                retry[row.unit.pk] = (start, again)
            else:
                row.code = code
        pending = retry


def _code_for(unit: OrgUnit, number: int) -> str:
    code = f"{unit.code}-{number:04d}"
    return code if len(code) <= 40 else f"U{unit.pk}-{number:04d}"


def _insert(model: type[Person] | type[Membership], objects: list[Any], now: dt.datetime) -> None:
    """Insert new rows: with COPY on PostgreSQL (no SQL to build per value), else ``bulk_create``.

    The people models hold only plain values (text, dates, numbers, keys), which psycopg
    writes as they are; the time stamps are set here since no ``save`` runs.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        if isinstance(meta.pk, models.AutoField | models.BigAutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
        for obj in objects:
            if hasattr(obj, "created_at"):
                obj.created_at = obj.updated_at = now
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        attnames = [f.attname for f in fields]
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([getattr(obj, name) for name in attnames])


def _write(*, actor: Any, plan: _Plan, rows: list[_Row], file_name: str, progress: Progress | None) -> None:
    now = timezone.now()
    reason = f"Nhập từ Excel {file_name}"[:500]
    _new_codes(plan.creates, {r.code for r in rows if r.code})
    for index, batch in enumerate(_chunks(plan.creates, BATCH)):
        people = []
        for row in batch:
            assert row.unit is not None
            person = Person(code=row.code, unit=row.unit, **row.person)
            derive_fields(person)
            people.append(person)
        _insert(Person, people, now)
        memberships = [
            Membership(person=person, **row.membership)
            for person, row in zip(people, batch, strict=True)
            if row.membership
        ]
        _insert(Membership, memberships, now)
        if progress is not None:
            progress("writing", min((index + 1) * BATCH, len(plan.creates)), len(plan.creates))
    person_update_fields = [
        *PERSON_FIELDS,
        "unit",
        "family_name",
        "middle_name",
        "given_name",
        "name_folded",
        "sort_key",
        "citizen_id_hash",
        "updated_at",
    ]
    for batch_updates in _chunks(plan.updates, 500):
        people = []
        corrections = []
        new_memberships: list[Membership] = []
        changed_memberships: list[Membership] = []
        for row, stored, values, membership, changes in batch_updates:
            unit_id = row.unit.pk if row.unit is not None else stored.unit_id
            person = Person(pk=stored.pk, code=stored.code, unit_id=unit_id, updated_at=now, **values)
            derive_fields(person)
            people.append(person)
            corrections.append(
                PersonCorrection(person_id=stored.pk, actor=actor, reason=reason, changes=changes)
            )
            if membership is not None and any(k.startswith("membership.") for k in changes):
                target = changed_memberships if stored.membership is not None else new_memberships
                target.append(Membership(person_id=stored.pk, **membership))
        Person.objects.bulk_update(people, person_update_fields)
        Membership.objects.bulk_create(new_memberships)
        Membership.objects.bulk_update(changed_memberships, list(MEMBERSHIP_FIELDS))
        PersonCorrection.objects.bulk_create(corrections)


def _common_path(paths: Iterable[str]) -> str:
    common: str | None = None
    for path in paths:
        if common is None:
            common = path
            continue
        while not path.startswith(common):
            common = common[: len(common) - PATH_STEP]
    return common or ""


# --- The service -----------------------------------------------------------------------------------


def import_people(
    *,
    actor: Any,
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
    errors = _Errors(max_errors)
    try:
        rows = _read(path, errors, progress)
    except WorkbookRejected as exc:
        errors.add(exc.row, exc.column, exc.message)
        rows = []
    if rows:
        _units(rows, actor, errors)
        existing = _match(rows, actor, errors)
        _citizen_ids(rows, errors)
        plan = _plan(rows, existing, errors)
        result.rows = len(rows)
        result.created, result.updated, result.unchanged = (
            len(plan.creates),
            len(plan.updates),
            plan.unchanged,
        )
        if not errors.count and not dry_run:
            _commit(actor=actor, plan=plan, rows=rows, result=result, progress=progress)
    if errors.count:
        errors.items.sort(key=lambda e: (e.row, _ORDER.get(e.column, len(_ORDER)), e.column))
        result.errors, result.error_count = errors.items, errors.count
        result.created = result.updated = result.unchanged = 0
    return result


def _commit(
    *, actor: Any, plan: _Plan, rows: list[_Row], result: ImportResult, progress: Progress | None
) -> None:
    with transaction.atomic():
        _write(actor=actor, plan=plan, rows=rows, file_name=result.file_name, progress=progress)
        record(
            actor=actor,
            action="person.import",
            target=actor if actor is not None else Person(),
            unit_path=_common_path(r.unit.path for r in rows if r.unit is not None),
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
