"""Excel files in and out: one content type, cells that keep text as text, workbooks read without trust.

Writing: every cell tochuc writes goes through ``cell``/``append``, which store any text starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return as text, never as a formula (a corrected field
``=HYPERLINK(…)`` must not become a live link in someone's spreadsheet).

Reading: the archive is checked before anything is unpacked (``tochuc.core.documents.archive``), then it
must be a real OOXML workbook. Rows are streamed with openpyxl's read-only reader, ignoring the declared
sheet dimension so that a stale one cannot hide rows or columns.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from tochuc.core.documents.archive import ArchiveRejected, check_archive, looks_like_archive

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_LIKE = ("=", "+", "-", "@", "\t", "\r")

MAX_ROWS = 200_000
STREAMED_PARTS = ("xl/worksheets/",)  # read row by row; every other part is read whole

WORKBOOK_TYPES = (
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)
_MERGE_REF = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)\"")
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 512


class WorkbookRejected(Exception):
    """The file as a whole cannot be read; ``row``/``column`` name the place when there is one."""

    def __init__(self, message: str, *, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


@dataclass(frozen=True)
class MergedRange:
    ref: str
    first_row: int
    first_column: int


def check_workbook(path: Path) -> None:
    """Refuse what is not a plain xlsx workbook, before unpacking anything."""
    if path.stat().st_size == 0:
        raise WorkbookRejected(_("Tệp rỗng."))
    if not zipfile.is_zipfile(path):
        with path.open("rb") as head:
            if looks_like_archive(head.read(4)):
                raise WorkbookRejected(_("Tệp Excel bị hỏng, không đọc được (tệp nén không trọn vẹn)."))
        raise WorkbookRejected(
            _(
                "Tệp không phải là bảng tính Excel .xlsx (có thể là tệp CSV, .xls hoặc tệp đã đặt mật khẩu). "
                "Hãy mở bằng Excel và lưu lại dưới dạng Excel Workbook (.xlsx)."
            )
        )
    try:
        check_archive(path, holds=_("một bảng tính"), streamed=STREAMED_PARTS)
    except ArchiveRejected as exc:
        raise WorkbookRejected(exc.message) from exc
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise WorkbookRejected(_("Tệp nén không phải là bảng tính Excel .xlsx."))
            if archive.getinfo("[Content_Types].xml").file_size > 1024 * 1024:
                raise WorkbookRejected(_("Tệp nén không phải là bảng tính Excel .xlsx."))
            types = archive.read("[Content_Types].xml")
            if not any(kind in types for kind in WORKBOOK_TYPES):
                raise WorkbookRejected(_("Tệp nén không phải là bảng tính Excel .xlsx."))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise WorkbookRejected(_("Tệp Excel bị hỏng, không đọc được.")) from exc


def merged_ranges(archive: zipfile.ZipFile, sheet_path: str) -> list[MergedRange]:
    """Merged cell ranges of one sheet, found by streaming its XML (read-only openpyxl ignores them)."""
    found: list[MergedRange] = []
    pending = b""
    with archive.open(sheet_path) as source:
        while True:
            chunk = source.read(_CHUNK)
            data = pending + chunk
            # A match that starts in the last bytes may be cut off: look at it again with the next chunk.
            limit = len(data) - _OVERLAP if chunk else len(data)
            for match in _MERGE_REF.finditer(data):
                if match.start() >= limit:
                    break
                ref = match.group(1).decode().upper()
                min_col, min_row, _max_col, _max_row = range_boundaries(ref)
                found.append(MergedRange(ref, int(min_row or 0), int(min_col or 0)))
            if not chunk:
                break
            pending = data[max(limit, 0) :]
    return found


@dataclass
class Sheet:
    """The first worksheet: its declared size and a stream of its rows."""

    declared_rows: int | None
    merged: list[MergedRange]
    rows: Iterator[tuple[object, ...]]


@contextmanager
def open_sheet(path: Path, *, data_only: bool = False) -> Iterator[Sheet]:
    """The first sheet of the workbook at ``path``, checked first; ``data_only`` reads formulas' values."""
    check_workbook(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=data_only, keep_links=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds on a malformed workbook
        raise WorkbookRejected(_("Tệp Excel bị hỏng, không đọc được.")) from exc
    try:
        if not workbook.worksheets:
            raise WorkbookRejected(_("Bảng tính không có trang nào."))
        sheet = workbook.worksheets[0]
        declared = getattr(sheet, "max_row", None)
        sheet_path = getattr(sheet, "_worksheet_path", None)
        merged = merged_ranges(workbook._archive, sheet_path) if sheet_path else []
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        yield Sheet(declared, merged, sheet.iter_rows(values_only=True))
    finally:
        workbook.close()


def column_letter(index: int) -> str:
    return str(get_column_letter(index + 1))


# --- Writing ---------------------------------------------------------------------------------------


def as_text(target: Cell) -> Cell:
    """``cell`` with text that looks like a formula stored as text (and shown as typed when edited)."""
    value = target.value
    if isinstance(value, str) and value.startswith(FORMULA_LIKE):
        target.data_type = "s"
        target.quotePrefix = True
    return target


def cell(sheet: Worksheet | WriteOnlyWorksheet, value: object, **style: object) -> Cell:
    """A cell for ``sheet.append``; ``style`` sets attributes such as ``font`` or ``number_format``."""
    made = value if isinstance(value, Cell) else WriteOnlyCell(sheet, value=value)
    for name, setting in style.items():
        setattr(made, name, setting)
    return as_text(made)


def append(sheet: Worksheet | WriteOnlyWorksheet, values: Iterable[object], **style: object) -> None:
    """Append one row of ``values``, every text kept as text; ``style`` applies to each cell."""
    sheet.append([cell(sheet, value, **style) for value in values])
