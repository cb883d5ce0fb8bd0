"""The workbook of proposed results: its five headers, the template, and the rows read from an upload.

Headers (first row, exact): ``Mã đơn vị``, ``Mã đảng viên`` (empty on the collective's row), ``Điểm``
(0–100), ``Xếp loại`` (one of the four labels), ``Người đứng đầu`` ("x" on the head's row). The file
is checked as an archive before it is opened; the cells of one row are checked here, what they name
is looked up in ``lookups``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from tochuc.core.documents.excel import MAX_ROWS, WorkbookRejected, append, open_sheet
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.evaluations.models import Rating

H_UNIT, H_PERSON, H_SCORE, H_RATING, H_HEAD = (
    "Mã đơn vị",
    "Mã đảng viên",
    "Điểm",
    "Xếp loại",
    "Người đứng đầu",
)
HEADERS = [H_UNIT, H_PERSON, H_SCORE, H_RATING, H_HEAD]
RATING_BY_LABEL = {str(label): value for value, label in Rating.choices}
HEAD_MARK = "x"

CellError = tuple[int, str, str]  # (row in the sheet, header, message)


@dataclass(frozen=True)
class ImportRow:
    row: int  # row number in the sheet (headers are row 1)
    unit: str
    person: str
    score: object
    rating: str
    head: str

    @property
    def key(self) -> str:
        """One person, or one collective ("@unit"): a second row for it is a duplicate."""
        return self.person or f"@{self.unit}"

    @property
    def is_head(self) -> bool:
        return self.head == HEAD_MARK


class ImportRejected(DomainError):
    """Nothing imported; ``errors`` lists every bad cell as (row, column, message)."""

    def __init__(self, errors: list[CellError]) -> None:
        super().__init__(_("Không nhập: có %(n)d lỗi trong tệp.") % {"n": len(errors)})
        self.errors = errors


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def read_workbook(path: str | Path) -> list[ImportRow]:
    """The rows of the first sheet; a file that is not a sound workbook or lacks a header is refused."""
    try:
        with open_sheet(Path(path), data_only=True) as sheet:
            header = [_cell(v) for v in next(sheet.rows, ())]
            missing = [h for h in HEADERS if h not in header]
            if missing:
                raise ImportRejected([(1, h, _("Thiếu cột bắt buộc.")) for h in missing])
            index = {h: header.index(h) for h in HEADERS}
            found: list[ImportRow] = []
            for number, values in enumerate(sheet.rows, start=2):
                if all(v is None or _cell(v) == "" for v in values):
                    continue
                cells = list(values) + [None] * len(header)
                found.append(
                    ImportRow(
                        row=number,
                        unit=_cell(cells[index[H_UNIT]]).upper(),
                        person=_cell(cells[index[H_PERSON]]).upper(),
                        score=cells[index[H_SCORE]],
                        rating=_cell(cells[index[H_RATING]]),
                        head=_cell(cells[index[H_HEAD]]).lower(),
                    )
                )
                if len(found) > MAX_ROWS:
                    break
    except WorkbookRejected as exc:
        raise DomainError(exc.message, field="file") from exc
    return found


def parse_score(value: object) -> Decimal | None:
    """The score of a cell, one decimal; None when blank; ``ValueError`` when not a number in 0–100."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        score = Decimal(str(value).strip().replace(",", ".")).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ValueError from None
    if not Decimal(0) <= score <= Decimal(100):
        raise ValueError
    return score


def cell_errors(row: ImportRow, heads: dict[str, int]) -> tuple[list[CellError], Decimal | None, str]:
    """What is wrong with the score, rating and head cells of ``row``; its score and rating.

    ``heads`` (unit code → row of its head) is filled as heads are met, so a second head is an error.
    """
    errors: list[CellError] = []
    try:
        score = parse_score(row.score)
    except ValueError:
        errors.append((row.row, H_SCORE, _("Điểm phải là số từ 0 đến 100.")))
        score = None
    else:
        if score is None:
            errors.append((row.row, H_SCORE, _("Thiếu điểm.")))
    rating = RATING_BY_LABEL.get(row.rating, "")
    if not rating:
        errors.append(
            (
                row.row,
                H_RATING,
                _("Xếp loại phải là một trong: %(labels)s.") % {"labels": "; ".join(RATING_BY_LABEL)},
            )
        )
    if row.head not in ("", HEAD_MARK):
        errors.append((row.row, H_HEAD, _("Chỉ ghi «x» ở dòng của người đứng đầu, hoặc để trống.")))
    elif row.is_head:
        if not row.person:
            errors.append((row.row, H_HEAD, _("Dòng của tập thể không đánh dấu người đứng đầu.")))
        elif row.unit in heads:
            errors.append(
                (
                    row.row,
                    H_HEAD,
                    _("Đơn vị «%(unit)s» đã có người đứng đầu ở dòng %(row)d.")
                    % {"unit": row.unit, "row": heads[row.unit]},
                )
            )
        else:
            heads[row.unit] = row.row
    return errors, score, rating


def template_workbook() -> bytes:
    """An empty workbook with the five headers and the four ratings offered in a list."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ket qua de xuat"
    append(sheet, HEADERS, font=Font(bold=True))
    for column, width in zip("ABCDE", (16, 26, 8, 32, 16), strict=True):
        sheet.column_dimensions[column].width = width
    labels = ",".join(str(label) for _value, label in Rating.choices)
    ratings = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=False)
    heads = DataValidation(type="list", formula1=f'"{HEAD_MARK}"', allow_blank=True)
    sheet.add_data_validation(ratings)
    sheet.add_data_validation(heads)
    ratings.add("D2:D200000")
    heads.add("E2:E200000")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
