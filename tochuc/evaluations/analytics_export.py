"""The analytics table as an Excel workbook (Vietnamese headers), exported with one audit event."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from tochuc.audit.exports import export_record
from tochuc.core.actors import Actor
from tochuc.core.documents.excel import append
from tochuc.evaluations.analytics import RATINGS, Analytics
from tochuc.evaluations.models import RATING_SHORT

HEADER_FILL = PatternFill("solid", fgColor="EEF0F3")
BOLD = Font(bold=True)
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"


def headers() -> list[str]:
    columns = [_("Mã đơn vị"), _("Đơn vị"), _("Số cá nhân")]
    for rating in RATINGS:
        short = RATING_SHORT[rating]
        columns += [_("%(r)s (người)") % {"r": short}, _("%(r)s (tỷ lệ)") % {"r": short}]
    columns += [
        _("Chưa xếp loại"),
        _("Không đánh giá"),
        _("Tỷ lệ HTTNV trở lên"),
        _("Xếp loại tập thể"),
        _("Dấu hiệu cần xem xét"),
    ]
    return columns


def analytics_workbook(data: Analytics, *, generated_by: str) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Phân tích xếp loại")
    info: list[tuple[str, object]] = [
        (_("Đợt đánh giá"), f"{data.cycle.code} — {data.cycle.name}"),
        (_("Đơn vị"), f"{data.unit.code} — {data.unit.name}"),
        (_("Bộ quy tắc"), data.pack.name),
        (
            _("Cách tính"),
            _(
                "Xếp loại hiện tại = xếp loại đã quyết định, nếu chưa có thì xếp loại đề xuất; "
                "tỷ lệ tính trên số cá nhân đã có xếp loại."
            ),
        ),
        (_("Người lập"), generated_by),
        (_("Thời điểm lập"), timezone.localtime().strftime("%d/%m/%Y %H:%M")),
    ]
    for label, value in info:
        append(sheet, [label, value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
    append(sheet, [])
    append(sheet, headers())
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    share_columns = [5, 7, 9, 11, 15]
    for row in data.rows:
        dist = row.dist
        values: list[object] = [
            row.unit.code,
            _("%(name)s (trực tiếp tại đơn vị)") % {"name": row.unit.name} if row.own else row.unit.name,
            dist.individuals,
        ]
        for rating in RATINGS:
            values += [dist.count(rating), dist.share(rating)]
        values += [
            dist.unrated,
            dist.not_reviewed,
            dist.good_or_better,
            row.collective_label,
            "\n".join(f"{flag.label}: {flag.detail}" for flag in row.flags),
        ]
        append(sheet, values)
        for column in share_columns:
            sheet.cell(row=sheet.max_row, column=column).number_format = PERCENT_FORMAT
    total = data.total
    values = [data.unit.code, _("Tổng số"), total.individuals]
    for rating in RATINGS:
        values += [total.count(rating), total.share(rating)]
    values += [total.unrated, total.not_reviewed, total.good_or_better, data.collective_label, ""]
    append(sheet, values)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for column in share_columns:
        sheet.cell(row=sheet.max_row, column=column).number_format = PERCENT_FORMAT
    widths = [16, 44, 11] + [10, 10] * 4 + [12, 12, 14, 28, 70]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def analytics_export(*, actor: Actor, data: Analytics) -> bytes:
    """The workbook of ``data`` and its audit event ``evaluation.analytics_export``."""
    content = analytics_workbook(data, generated_by=actor.display_name())
    export_record(
        actor=actor,
        kind="evaluation.analytics_export",
        target=data.cycle,
        unit_path=data.unit.path,
        rows=len(data.rows),
        details={
            "cycle": data.cycle.code,
            "unit": data.unit.code,
            "individuals": data.total.individuals,
            "flagged": [r.unit.code for r in data.flagged],
        },
        label=f"{data.cycle.code} — {data.unit.name}",
    )
    return content
