"""The structure report as an Excel workbook: one sheet per breakdown, Vietnamese headers."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tochuc.core.documents.excel import append
from tochuc.core.documents.numbers import share
from tochuc.reports.selectors import Share, Structure

HEADER_FILL = PatternFill("solid", fgColor="EEF0F3")
BOLD = Font(bold=True)
COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0.0%"


def _sheet(book: Workbook, title: str, headers: Sequence[str], widths: Sequence[int]) -> Worksheet:
    sheet = book.create_sheet(title[:31])
    append(sheet, list(headers))
    for cell in sheet[1]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _format_row(sheet: Worksheet, counts: Sequence[int], percents: Sequence[int]) -> None:
    row = sheet.max_row
    for column in counts:
        sheet.cell(row=row, column=column).number_format = COUNT_FORMAT
    for column in percents:
        sheet.cell(row=row, column=column).number_format = PERCENT_FORMAT


def _shares_sheet(book: Workbook, title: str, label_header: str, shares: list[Share], total: int) -> None:
    sheet = _sheet(book, title, [label_header, _("Số người"), _("Tỷ lệ")], [34, 14, 12])
    for item in shares:
        append(sheet, [item.label, item.count, item.percent / 100])
        _format_row(sheet, [2], [3])
    append(sheet, [_("Tổng số"), total, 1 if total else 0])
    _format_row(sheet, [2], [3])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD


def structure_workbook(data: Structure, *, generated_by: str) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Tổng hợp")
    rows: list[tuple[str, object]] = [
        (_("Báo cáo"), _("Cơ cấu đội ngũ cán bộ, đảng viên")),
        (_("Đơn vị"), data.unit.name),
        (_("Mã đơn vị"), data.unit.code),
        (_("Phạm vi"), _("Đơn vị và toàn bộ đơn vị trực thuộc")),
        (_("Tính đến ngày"), data.as_of.strftime("%d/%m/%Y")),
        (_("Người lập"), generated_by),
        (_("Tổng số người"), data.total),
    ]
    for label, value in rows:
        append(summary, [label, value])
        summary.cell(row=summary.max_row, column=1).font = BOLD
    summary.cell(row=summary.max_row, column=2).number_format = COUNT_FORMAT
    summary.column_dimensions["A"].width = 20
    summary.column_dimensions["B"].width = 60

    pyramid = _sheet(
        book,
        _("Tháp tuổi"),
        [_("Nhóm tuổi"), _("Nam"), _("Nữ"), _("Tổng số"), _("Tỷ lệ nam"), _("Tỷ lệ nữ"), _("Tỷ lệ")],
        [14, 12, 12, 12, 12, 12, 12],
    )
    for band in data.age_gender:
        append(
            pyramid,
            [
                band.label,
                band.men,
                band.women,
                band.total,
                share(band.men, data.total) / 100,
                share(band.women, data.total) / 100,
                share(band.total, data.total) / 100,
            ],
        )
        _format_row(pyramid, [2, 3, 4], [5, 6, 7])
    men = sum(b.men for b in data.age_gender)
    women = sum(b.women for b in data.age_gender)
    whole = men + women
    append(
        pyramid,
        [
            _("Tổng số"),
            men,
            women,
            whole,
            share(men, whole) / 100,
            share(women, whole) / 100,
            1 if whole else 0,
        ],
    )
    _format_row(pyramid, [2, 3, 4], [5, 6, 7])
    for cell in pyramid[pyramid.max_row]:
        cell.font = BOLD

    _shares_sheet(book, _("Giới tính"), _("Giới tính"), data.gender, data.total)
    _shares_sheet(book, _("Dân tộc"), _("Dân tộc"), data.ethnicity, data.total)
    _shares_sheet(book, _("Trình độ chuyên môn"), _("Trình độ chuyên môn"), data.qualification, data.total)
    _shares_sheet(book, _("Lý luận chính trị"), _("Trình độ lý luận chính trị"), data.theory, data.total)
    _shares_sheet(book, _("Tình trạng đảng viên"), _("Tình trạng đảng viên"), data.membership, data.total)

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
