"""The consolidated report of a period in Word (Party layout) and its figures per unit in Excel."""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.core.documents.excel import append
from tochuc.core.documents.word import Heading, PartyDocument, TableBlock, render_party_document
from tochuc.directives.documents import issuing_body
from tochuc.reviews.figures import FIGURE_KEYS
from tochuc.reviews.models import OutgoingNumber, ReviewPeriod, Section
from tochuc.reviews.selectors import PeriodStatus


def figure_labels() -> dict[str, str]:
    return {
        "members": _("Đảng viên cuối kỳ"),
        "admitted": _("Kết nạp trong kỳ"),
        "transferred_in": _("Chuyển sinh hoạt đến"),
        "transferred_out": _("Chuyển sinh hoạt đi"),
        "deaths": _("Từ trần"),
        "exclusions": _("Khai trừ, xóa tên"),
        "tasks_due": _("Nhiệm vụ đến hạn"),
        "tasks_done_on_time": _("Hoàn thành đúng hạn"),
        "tasks_done_late": _("Hoàn thành chậm"),
        "tasks_overdue": _("Quá hạn"),
        "rated_excellent": _("Hoàn thành xuất sắc nhiệm vụ"),
        "rated_good": _("Hoàn thành tốt nhiệm vụ"),
        "rated_completed": _("Hoàn thành nhiệm vụ"),
        "rated_not_completed": _("Không hoàn thành nhiệm vụ"),
        "appointments": _("Bổ nhiệm đã quyết định"),
        "rotations": _("Luân chuyển"),
    }


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")


def consolidated_document(
    status: PeriodStatus, *, today: dt.date, number_symbol: str = "", signer_name: str = ""
) -> PartyDocument:
    period = status.period
    body = issuing_body(period.unit)
    labels = figure_labels()
    sent = status.sent_reports
    blocks: list[str | Heading | TableBlock] = [
        _(
            "Thực hiện yêu cầu báo cáo %(p)s, %(b)s tổng hợp báo cáo của %(n)d/%(e)d đơn vị trực thuộc như sau:"
        )
        % {"p": period.label.lower(), "b": body.label, "n": len(sent), "e": len(status.expected)},
        Heading(f"{ROMAN[0]}. " + _("Số liệu tổng hợp")),
        TableBlock(
            headings=[_("Chỉ tiêu"), _("Tổng số")],
            rows=[[labels[key], str(status.figures[key])] for key in FIGURE_KEYS],
            widths_mm=(125, 40),
        ),
    ]
    for number, section in enumerate(Section, start=1):
        blocks.append(Heading(f"{ROMAN[number]}. {section.label}"))
        texts = [(r.unit.name, getattr(r, section.value)) for r in sent if getattr(r, section.value)]
        if not texts:
            blocks.append(_("Không có đơn vị nào nêu nội dung này."))
        for unit_name, text in texts:
            blocks.append(Heading(unit_name, level=2))
            blocks.extend(part for part in text.splitlines() if part.strip())
    blocks.append(Heading(f"{ROMAN[len(Section) + 1]}. " + _("Đơn vị chưa gửi báo cáo")))
    if status.missing:
        blocks.extend(f"- {u.name}" for u in status.missing)
    else:
        blocks.append(_("Tất cả các đơn vị đã gửi báo cáo."))
    number_symbol = number_symbol or f"-BC/{body.code}"
    return PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=number_symbol,
        place=body.place,
        date=today,
        doc_type_name=_("BÁO CÁO"),
        title=_("Tổng hợp kết quả %(p)s") % {"p": period.label.lower()},
        paragraphs=blocks,
        signing_capacity=body.capacity,
        signer_position=body.position,
        signer_name=signer_name,
        recipients=[_("Cấp ủy cấp trên (để báo cáo)"), _("Các đơn vị trực thuộc"), _("Lưu Văn phòng")],
    )


def consolidated_docx(
    status: PeriodStatus, *, today: dt.date, number_symbol: str = "", signer_name: str = ""
) -> bytes:
    return render_party_document(
        consolidated_document(status, today=today, number_symbol=number_symbol, signer_name=signer_name)
    )


def issued_document(status: PeriodStatus, issued: OutgoingNumber | None, today: dt.date) -> PartyDocument:
    """The consolidated report as issued (its number, date and signer), or as a draft before that."""
    if issued is None:
        return consolidated_document(status, today=today)
    return consolidated_document(
        status, today=issued.issued_on, number_symbol=issued.number_symbol, signer_name=issued.signer_name
    )


def figures_xlsx(status: PeriodStatus) -> bytes:
    labels = figure_labels()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Số liệu"))
    bold = Font(bold=True)
    append(sheet, [_("Kỳ báo cáo"), status.period.label], font=bold)
    append(
        sheet,
        [_("Mã đơn vị"), _("Tên đơn vị"), _("Trạng thái")] + [labels[k] for k in FIGURE_KEYS],
        font=bold,
    )
    for line in status.lines:
        if line.report is not None and line.is_sent:
            values: list[object] = [line.report.figures.get(k, 0) for k in FIGURE_KEYS]
            state = _("Gửi muộn %(n)d ngày") % {"n": line.report.delay_days} if line.is_late else _("Đã gửi")
        else:
            values = ["" for _k in FIGURE_KEYS]
            state = _("Chưa gửi")
        append(sheet, [line.unit.code, line.unit.name, state, *values])
    append(sheet, ["", _("Tổng cộng"), "", *[status.figures[k] for k in FIGURE_KEYS]], font=bold)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def file_stem(period: ReviewPeriod, kind: str) -> str:
    return f"{kind}-{period.code}"
