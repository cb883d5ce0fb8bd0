"""Word and Excel files of Party badges: the list proposed for a ceremony, the decision, the workbook."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from tochuc.core.documents.excel import append
from tochuc.core.documents.word import PartyDocument, TableBlock, render_party_document
from tochuc.directives.documents import issuing_body
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.models import PartyBadge
from tochuc.rewards.selectors import BadgeDue


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _occasion(on: dt.date) -> str:
    return f"dịp {on.day}/{on.month}/{on.year}"


def due_headers() -> list[str]:
    return [
        _("STT"),
        _("Mã đảng viên"),
        _("Họ và tên"),
        _("Ngày vào Đảng"),
        _("Tuổi đảng"),
        _("Mốc Huy hiệu"),
        _("Ngày đủ tuổi đảng"),
        _("Đã đề nghị"),
    ]


def due_rows(rows: Sequence[BadgeDue]) -> list[list[object]]:
    return [
        [
            i,
            r.code,
            r.name,
            _d(r.admitted_on),
            r.age,
            r.years,
            _d(r.reached_on),
            _("Có") if r.proposed else "",
        ]
        for i, r in enumerate(rows, 1)
    ]


def due_xlsx(unit: OrgUnit, on: dt.date, rows: Sequence[BadgeDue]) -> bytes:
    """The members due a badge as a workbook (every text cell kept as text)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Huy hiệu Đảng")[:31]
    append(sheet, [f"{unit.name} — {_occasion(on)}"], font=Font(bold=True))
    append(sheet, due_headers(), font=Font(bold=True))
    for row in due_rows(rows):
        append(sheet, row)
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def proposal_docx(committee: OrgUnit, on: dt.date, badges: Sequence[PartyBadge], *, today: dt.date) -> bytes:
    """The committee's list of members proposed for the badge at a ceremony (Word, Party layout)."""
    body = issuing_body(committee)
    table = TableBlock(
        headings=["STT", "Họ và tên", "Ngày vào Đảng", "Mốc Huy hiệu", "Trường hợp", "Chi bộ"],
        rows=[
            [
                str(i),
                b.person.full_name,
                _d(b.admitted_on),
                f"{b.years} năm",
                str(b.get_early_reason_display()) if b.early_reason else "",
                b.person.unit.name,
            ]
            for i, b in enumerate(badges, 1)
        ],
        font_size=12,
    )
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=f"     -TTr/{body.code}",
        place=body.place,
        date=today,
        doc_type_name="DANH SÁCH",
        title=f"đảng viên đề nghị tặng Huy hiệu Đảng {_occasion(on)}",
        paragraphs=(table, f"Tổng số: {len(badges)} đồng chí."),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Cấp ủy cấp trên (để xét, quyết định)", "Lưu"),
    )
    return render_party_document(doc)


def decision_docx(level: OrgUnit, decision_number: str, badges: Sequence[PartyBadge]) -> bytes:
    """The competent level's decision awarding the badges it recorded under one number."""
    body = issuing_body(level)
    decided_on = badges[0].decided_on if badges else None
    table = TableBlock(
        headings=["STT", "Họ và tên", "Ngày vào Đảng", "Huy hiệu", "Số huy hiệu", "Đơn vị"],
        rows=[
            [
                str(i),
                b.person.full_name,
                _d(b.admitted_on),
                f"{b.years} năm",
                b.badge_number,
                b.person.unit.name,
            ]
            for i, b in enumerate(badges, 1)
        ],
        font_size=12,
    )
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=decision_number,
        place=body.place,
        date=decided_on,
        doc_type_name="QUYẾT ĐỊNH",
        title="tặng Huy hiệu Đảng",
        paragraphs=(
            "Căn cứ Điều lệ Đảng; Hướng dẫn 01-HD/TW năm 2021 về thi hành Điều lệ Đảng;",
            "Xét đề nghị của các cấp ủy cơ sở,",
            "Điều 1. Tặng Huy hiệu Đảng cho các đồng chí có tên sau:",
            table,
            "Điều 2. Các cấp ủy có liên quan tổ chức trao Huy hiệu Đảng trang trọng, đúng dịp.",
        ),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Như Điều 2", "Lưu"),
    )
    return render_party_document(doc)
