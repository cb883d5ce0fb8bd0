"""Excel export of the feedback register. The sender's name and contact are written only for the
items the exporting user handles (``may_handle``), and the export that holds them is audited with
the items whose identity it carries. Text is written as text."""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.audit.exports import export_record, export_unit_path
from tochuc.core.actors import Actor
from tochuc.core.documents.excel import append, cell
from tochuc.feedback.models import Feedback
from tochuc.feedback.services import may_handle

BOLD = Font(bold=True)


def _handled_units(actor: Actor, items: Sequence[Feedback]) -> set[int]:
    """The handling units (among those of ``items``) whose items ``actor`` handles: one check per unit."""
    units = {item.unit_id: item for item in items}
    return {unit_id for unit_id, item in units.items() if may_handle(actor, item)}


def feedback_workbook(items: Sequence[Feedback], handled: set[int]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Phản ánh"))
    headers = [
        _("Mã tra cứu"),
        _("Nguồn"),
        _("Loại phản ánh"),
        _("Đơn vị được phản ánh"),
        _("Đơn vị xử lý"),
        _("Ngày tiếp nhận"),
        _("Hạn trả lời"),
        _("Tình trạng"),
        _("Ngày trả lời"),
        _("Kết quả xác minh"),
        _("Nội dung"),
        _("Cơ quan báo chí"),
        _("Đường dẫn bài báo"),
        _("Nặc danh"),
        _("Họ và tên người gửi"),
        _("Địa chỉ, điện thoại, thư điện tử"),
    ]
    append(sheet, [cell(sheet, h, font=BOLD) for h in headers])
    for f in items:
        shown = f.unit_id in handled
        append(
            sheet,
            [
                f.tracking_code,
                f.get_channel_display(),
                f.get_kind_display(),
                f"{f.concerned_unit.code} — {f.concerned_unit.name}",
                f"{f.unit.code} — {f.unit.name}",
                f.received_on.strftime("%d/%m/%Y"),
                f.due_on.strftime("%d/%m/%Y"),
                f.get_status_display(),
                f.answered_on.strftime("%d/%m/%Y") if f.answered_on else "",
                f.get_finding_display(),
                f.content,
                f.outlet,
                f.link,
                _("Có") if f.anonymous else "",
                f.sender_name if shown else "",
                f.sender_contact if shown else "",
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def feedback_export(*, actor: Actor, items: Sequence[Feedback], filters: dict[str, str]) -> bytes:
    """The register as filtered on the page and its audit event; when it carries senders' identities,
    the event is ``feedback.identity_export`` and lists the items."""
    handled = _handled_units(actor, items)
    with_identity = [f.pk for f in items if f.unit_id in handled and (f.sender_name or f.sender_contact)]
    content = feedback_workbook(items, handled)
    details: dict[str, object] = dict(filters)
    if with_identity:
        details["identities"] = with_identity
    export_record(
        actor=actor,
        kind="feedback.identity_export" if with_identity else "feedback.export",
        target=actor,
        unit_path=export_unit_path(actor, (f.unit.path for f in items)),
        rows=len(items),
        details=details,
    )
    return content
