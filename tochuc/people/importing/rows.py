"""Reading the workbook and checking each row; the shapes every step of the import shares."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from django.utils.translation import gettext as _

from tochuc.core.documents.excel import MAX_ROWS, WorkbookRejected, column_letter, open_sheet
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
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
from tochuc.people.services import (
    clean_person_values,
)

BATCH = 2000
LOOKUP_CHUNK = 2000
PROGRESS_EVERY = 2000
ANALYZE_AFTER = 5000  # new rows after which PostgreSQL's planner statistics are refreshed

PERSON_FIELDS = tuple(c.field for c in PERSON_COLUMNS)
MEMBERSHIP_FIELDS = tuple(c.field for c in MEMBERSHIP_COLUMNS)
HEADER_OF = {c.field: c.header for c in COLUMNS}
UNIT_HEADER = next(c.header for c in COLUMNS if c.field == "unit")
CODE_HEADER = next(c.header for c in COLUMNS if c.field == "code")
CITIZEN_HEADER = HEADER_OF["citizen_id"]
COLUMN_ORDER = {c.header: i for i, c in enumerate(COLUMNS)}

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
    # Values allowed but unlikely (see ``doubts``), and the codes of the records created.
    warnings: list[CellError] = field(default_factory=list)
    warning_count: int = 0
    created_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


class Errors:
    def __init__(self, limit: int | None) -> None:
        self.items: list[CellError] = []
        self.count = 0
        self.limit = limit

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if self.limit is None or len(self.items) < self.limit:
            self.items.append(CellError(row, column, message))


@dataclass
class Row:
    number: int
    code: str
    unit_code: str
    person: dict[str, Any]
    membership: dict[str, Any]
    unit: OrgUnit | None = None
    match_id: int | None = None
    broken: bool = False  # a cell is wrong: still checked for its unit and citizen ID, never matched


@dataclass
class Existing:
    """What is stored for one matched person, as plain values."""

    pk: int
    code: str
    unit_id: int
    unit_code: str
    unit_path: str
    person: dict[str, Any]
    membership: dict[str, Any] | None


def in_chunks(items: list[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- Reading and checking each row ----------------------------------------------------------------


def read_header(values: tuple[object, ...], errors: Errors) -> list[Column | None]:
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


def field_error(row: int, exc: DomainError, errors: Errors) -> None:
    errors.add(row, HEADER_OF.get(exc.field, exc.field), exc.message)


def parse_row(number: int, values: tuple[object, ...], columns: list[Column | None], errors: Errors) -> Row:
    row = Row(number, "", "", {}, {})
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
        if column.required and column.header not in failed and not has_value(row, column):
            failed.add(column.header)
            errors.add(number, column.header, _("Thiếu thông tin bắt buộc."))
    if not failed and " " not in row.person["full_name"]:
        # The one rule of ``clean_person_values`` the cell checks do not already cover
        # (gender and theory level by label, birth date in range); calling it per row
        # would double the time spent on each row.
        field_error(number, name_error(row.person["full_name"]), errors)
        failed.add("full_name")
    row.broken = bool(failed)
    return row


def name_error(full_name: str) -> DomainError:
    try:
        clean_person_values({"full_name": full_name})
    except DomainError as exc:
        return exc
    raise AssertionError("a one-word name is refused by clean_person_values")


def has_value(row: Row, column: Column) -> bool:
    if column.field == "unit":
        return bool(row.unit_code)
    if column.field == "code":
        return bool(row.code)
    source = row.person if column.target is Target.PERSON else row.membership
    return column.field in source


def read_rows(path: Path, errors: Errors, progress: Progress | None) -> list[Row]:
    rows: list[Row] = []
    with open_sheet(path) as sheet:
        declared = sheet.declared_rows - HEADER_ROW if sheet.declared_rows else None
        if declared is not None and declared > MAX_ROWS:
            raise WorkbookRejected(too_many_rows())
        for merged in sheet.merged:
            errors.add(
                merged.first_row,
                column_letter(merged.first_column - 1),
                _("Ô gộp %(ref)s không được chấp nhận; hãy bỏ gộp ô.") % {"ref": merged.ref},
            )
        columns: list[Column | None] | None = None
        for number, values in enumerate(sheet.rows, start=1):
            if number == HEADER_ROW:
                columns = read_header(values, errors)
                if errors.count:
                    return []
                continue
            if number - HEADER_ROW > MAX_ROWS:
                raise WorkbookRejected(too_many_rows())
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress("checking", number - HEADER_ROW, declared)
            if number < FIRST_DATA_ROW or all(is_blank(v) for v in values):
                continue
            assert columns is not None
            rows.append(parse_row(number, values, columns, errors))
        if columns is None:
            raise WorkbookRejected(_("Trang đầu tiên của bảng tính trống: không có dòng tiêu đề."))
    return rows


def too_many_rows() -> str:
    return _("Tệp có hơn %(n)s dòng dữ liệu; hãy chia thành nhiều tệp.") % {
        "n": f"{MAX_ROWS:,}".replace(",", ".")
    }
