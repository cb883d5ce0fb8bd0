"""Excel exports of the proposals register and of the dashboard (proposals and feedback counts per
unit and kind, on-time rate). Text is written as text; each export is one audit event."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from tochuc.audit.exports import export_record, export_unit_path
from tochuc.core.actors import Actor
from tochuc.core.documents.excel import append, cell
from tochuc.feedback.models import FeedbackKind
from tochuc.feedback.selectors import FeedbackCounts
from tochuc.proposals.models import Proposal, ProposalKind
from tochuc.proposals.selectors import UnitCounts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

BOLD = Font(bold=True)
PERCENT = "0%"


def _date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _bold_row(sheet: WriteOnlyWorksheet, values: Sequence[object]) -> None:
    append(sheet, [cell(sheet, v, font=BOLD) for v in values])


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def proposals_workbook(proposals: Iterable[Proposal], today: dt.date) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Kiến nghị"))
    _bold_row(
        sheet,
        [
            _("Số"),
            _("Ngày gửi"),
            _("Đơn vị gửi"),
            _("Đơn vị trả lời"),
            _("Loại kiến nghị"),
            _("Trích yếu"),
            _("Nội dung"),
            _("Hạn trả lời"),
            _("Tình trạng"),
            _("Ngày trả lời"),
            _("Đúng hạn"),
            _("Nội dung trả lời"),
        ],
    )
    for p in proposals:
        append(
            sheet,
            [
                p.pk,
                _date(p.sent_on),
                f"{p.from_unit.code} — {p.from_unit.name}",
                f"{p.to_unit.code} — {p.to_unit.name}",
                p.get_kind_display(),
                p.subject,
                p.content,
                _date(p.answer_due),
                p.get_status_display(),
                _date(p.answered_on),
                str(p.timeliness(today).label),
                p.answer if p.is_closed else "",
            ],
        )
    return _save(book)


def _counts_sheet(
    book: Workbook, title: str, rows: Sequence[UnitCounts], kinds: Sequence[tuple[str, StrOrPromise]]
) -> None:
    sheet = book.create_sheet(title)
    right = bool(rows) and isinstance(rows[0], FeedbackCounts)
    headers = [_("Mã đơn vị"), _("Đơn vị"), *(str(label) for _v, label in kinds)]
    headers += [_("Tổng"), _("Chờ trả lời"), _("Quá hạn"), _("Đã trả lời"), _("Tỷ lệ đúng hạn")]
    if right:
        headers.append(_("Phản ánh đúng"))
    _bold_row(sheet, headers)
    for row in rows:
        rate = row.on_time_rate
        values: list[object] = [row.unit_code, row.unit_name, *(row.by_kind[v] for v, _l in kinds)]
        values += [row.total, row.open, row.overdue, row.answered]
        values.append(cell(sheet, rate, number_format=PERCENT) if rate is not None else "")
        if isinstance(row, FeedbackCounts):
            values.append(row.found_right)
        append(sheet, values)


def dashboard_workbook(proposal_rows: Sequence[UnitCounts], feedback_rows: Sequence[FeedbackCounts]) -> bytes:
    book = Workbook(write_only=True)
    _counts_sheet(book, _("Kiến nghị theo đơn vị"), proposal_rows, ProposalKind.choices)
    _counts_sheet(book, _("Phản ánh theo đơn vị"), feedback_rows, FeedbackKind.choices)
    return _save(book)


def proposals_export(*, actor: Actor, proposals: Sequence[Proposal], filters: dict[str, str]) -> bytes:
    """The register as filtered on the page, and its audit event ``proposal.export``."""
    content = proposals_workbook(proposals, timezone.localdate())
    export_record(
        actor=actor,
        kind="proposal.export",
        target=actor,
        unit_path=export_unit_path(actor, (u.path for p in proposals for u in (p.from_unit, p.to_unit))),
        rows=len(proposals),
        details=dict[str, object](filters),
    )
    return content


def dashboard_export(
    *, actor: Actor, proposal_rows: Sequence[UnitCounts], feedback_rows: Sequence[FeedbackCounts]
) -> bytes:
    content = dashboard_workbook(proposal_rows, feedback_rows)
    export_record(
        actor=actor,
        kind="proposal.dashboard_export",
        target=actor,
        unit_path=export_unit_path(actor, ()),
        rows=len(proposal_rows) + len(feedback_rows),
    )
    return content
