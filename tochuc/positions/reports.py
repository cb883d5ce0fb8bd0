"""The four staffing reports as plain tables (for Excel) and the staffing chart's geometry."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.exports import export_record
from tochuc.core.actors import Actor
from tochuc.core.documents.excel import append
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.positions import selectors
from tochuc.positions.errors import PositionsErrorCode

TABLES = ("staffing", "vacancies", "many_posts", "unmet")


@dataclass(frozen=True)
class Table:
    title: str
    headers: list[str]
    rows: list[list[object]]


def status_label(row: selectors.UnitStaffing) -> str:
    return row.label


def build_table(user: Actor, table: str, *, root: OrgUnit | None, more_than: int) -> Table:
    if table == "staffing":
        staffing = selectors.staffing_by_unit(user, root)
        return Table(
            _("Biên chế và số người đảm nhiệm theo đơn vị"),
            [
                _("Mã đơn vị"),
                _("Đơn vị"),
                _("Số vị trí"),
                _("Biên chế"),
                _("Đang đảm nhiệm"),
                _("Kiêm nhiệm, quyền"),
                _("Còn thiếu"),
                _("Vượt"),
                _("Tình trạng"),
            ],
            [
                [
                    r.unit.code,
                    r.unit.name,
                    r.positions,
                    r.quota,
                    r.holders,
                    r.acting,
                    r.vacancies,
                    r.excess,
                    status_label(r),
                ]
                for r in staffing
            ],
        )
    if table == "vacancies":
        return Table(
            _("Vị trí còn trống"),
            [
                _("Mã đơn vị"),
                _("Đơn vị"),
                _("Vị trí việc làm"),
                _("Biên chế"),
                _("Đang đảm nhiệm"),
                _("Kiêm nhiệm, quyền"),
                _("Còn trống"),
            ],
            [
                [p.unit.code, p.unit.name, p.name, p.headcount_quota, s.holders, s.acting, s.vacant]
                for s in selectors.vacancies(user, root)
                for p in [s.position]
            ],
        )
    if table == "many_posts":
        return Table(
            _("Người giữ nhiều hơn %(n)d vị trí") % {"n": more_than},
            [_("Mã đảng viên"), _("Họ và tên"), _("Đơn vị sinh hoạt"), _("Số vị trí"), _("Các vị trí")],
            [
                [
                    h.person.code,
                    h.person.full_name,
                    h.person.unit.name,
                    h.count,
                    "; ".join(f"{a.position.name} ({a.position.unit.name})" for a in h.assignments),
                ]
                for h in selectors.people_with_many_posts(user, more_than, root)
            ],
        )
    if table == "unmet":
        return Table(
            _("Người đảm nhiệm chưa đạt yêu cầu của vị trí"),
            [
                _("Mã đơn vị"),
                _("Vị trí việc làm"),
                _("Mã đảng viên"),
                _("Họ và tên"),
                _("Hình thức"),
                _("Điểm chưa đạt"),
            ],
            [
                [
                    u.assignment.position.unit.code,
                    u.assignment.position.name,
                    u.assignment.person.code,
                    u.assignment.person.full_name,
                    u.assignment.get_kind_display(),
                    "; ".join(r.message for r in u.reasons),
                ]
                for u in selectors.unmet_requirements(user, root)
            ],
        )
    raise ValueError(table)


def workbook_bytes(table: Table) -> bytes:
    book = Workbook(write_only=False)
    sheet = book.active
    assert sheet is not None
    sheet.title = table.title[:31]
    append(sheet, table.headers, font=Font(bold=True))
    for row in table.rows:
        append(sheet, row)
    sheet.freeze_panes = "A2"
    for column, header in zip(sheet.columns, table.headers, strict=False):
        width = max([len(str(header))] + [len(str(c.value or "")) for c in list(column)[:200]])
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 60)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- chart ------------------------------------------------------------------------------------------

CHART_MAX_UNITS = 30
BAR_HEIGHT = 14
ROW_HEIGHT = 34
LABEL_WIDTH = 260
PLOT_WIDTH = 420
COLOURS = {"over": "#b42318", "under": "#a86a00", "mixed": "#a86a00", "full": "#2e7d32"}


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    quota_width: int
    holders_width: int
    acting_width: int
    colour: str
    text: str
    text_x: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    omitted: int


def staffing_chart(rows: list[selectors.UnitStaffing]) -> Chart:
    """Horizontal bars: the quota as an outline, holders filled (colour by status), acting holders hatched."""
    shown = rows[:CHART_MAX_UNITS]
    top = max([max(r.quota, r.holders + r.acting) for r in shown] + [1])
    scale = PLOT_WIDTH / top
    bars = []
    for index, row in enumerate(shown):
        holders_width = round(row.holders * scale)
        acting_width = round(row.acting * scale)
        quota_width = round(row.quota * scale)
        label = row.unit.short_name or row.unit.name
        bars.append(
            Bar(
                label=label if len(label) <= 38 else label[:37] + "…",
                y=index * ROW_HEIGHT + 8,
                quota_width=quota_width,
                holders_width=holders_width,
                acting_width=acting_width,
                colour=COLOURS[row.status],
                text=f"{row.holders}/{row.quota}" + (f" (+{row.acting})" if row.acting else ""),
                text_x=LABEL_WIDTH + max(quota_width, holders_width + acting_width) + 6,
            )
        )
    return Chart(
        bars=bars,
        width=LABEL_WIDTH + PLOT_WIDTH + 90,
        height=len(shown) * ROW_HEIGHT + 10,
        label_width=LABEL_WIDTH,
        omitted=max(len(rows) - CHART_MAX_UNITS, 0),
    )


@transaction.atomic
def report_export(*, actor: Actor, table: str, root: OrgUnit | None = None, more_than: int = 2) -> bytes:
    """One report as an Excel file; every export is an audit event."""
    if table not in TABLES:
        raise DomainError(_("Báo cáo không tồn tại."), code=PositionsErrorCode.REPORT_NOT_FOUND)
    if root is not None:
        enforce(actor, Action.VIEW, root)
    built = build_table(actor, table, root=root, more_than=more_than)
    content = workbook_bytes(built)
    export_record(
        actor=actor,
        kind="positions.report_export",
        target=root if root is not None else actor,
        unit_path=root.path if root is not None else "",
        rows=len(built.rows),
        details={"table": table, "unit": root.code if root is not None else "", "more_than": more_than},
        label=built.title,
    )
    return content
