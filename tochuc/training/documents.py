"""The training report as a workbook: needs by unit and kind, the needs list, people lacking a post standard."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.core.documents.excel import append
from tochuc.orgunits.models import OrgUnit
from tochuc.training.models import CourseKind
from tochuc.training.needs import TrainingNeed
from tochuc.training.selectors import UnitNeeds


def report_xlsx(
    unit: OrgUnit, by_unit: Sequence[UnitNeeds], needs: Sequence[TrainingNeed], unit_names: dict[int, str]
) -> bytes:
    """Three sheets; every text cell written as text."""
    bold = Font(bold=True)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = _("Theo đơn vị")[:31]
    kinds = [k for k in CourseKind.values if any(row.by_kind[k] for row in by_unit)]
    append(summary, [_("Nhu cầu đào tạo, bồi dưỡng — %(unit)s") % {"unit": unit.name}], font=bold)
    append(summary, [_("Đơn vị"), *[str(CourseKind(k).label) for k in kinds], _("Tổng")], font=bold)
    for row in by_unit:
        append(summary, [row.unit.name, *[row.by_kind[k] for k in kinds], row.total])
    for title, rows in (
        (_("Nhu cầu"), needs),
        (_("Chưa đạt chuẩn vị trí"), [n for n in needs if n.reason == "post"]),
    ):
        sheet = book.create_sheet(title[:31])
        append(
            sheet,
            [_("STT"), _("Mã đảng viên"), _("Họ và tên"), _("Đơn vị"), _("Nhu cầu"), _("Lý do")],
            font=bold,
        )
        for i, need in enumerate(rows, 1):
            append(
                sheet,
                [
                    i,
                    need.person_code,
                    need.person_name,
                    unit_names.get(need.unit_id, ""),
                    need.need_label,
                    need.message,
                ],
            )
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
