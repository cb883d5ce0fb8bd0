"""Word and Excel files of discipline and of certificates from results."""

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
from tochuc.rewards.candidates import Candidate
from tochuc.rewards.models import Certificate, Discipline, DisciplineForm, RewardProposal


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def discipline_docx(discipline: Discipline) -> bytes:
    """The decision on the discipline of a member or an organization (Word, Party layout)."""
    level = discipline.decided_by
    assert level is not None
    body = issuing_body(level)
    form = str(DisciplineForm(discipline.form).label).lower()
    if discipline.person is not None:
        subject = f"đồng chí {discipline.person.full_name}, đảng viên {discipline.person.unit.name}"
    else:
        subject = discipline.unit.name if discipline.unit is not None else ""
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=discipline.decision_number,
        place=body.place,
        date=discipline.decided_on,
        doc_type_name="QUYẾT ĐỊNH",
        title=f"thi hành kỷ luật {subject}",
        paragraphs=(
            "Căn cứ Điều lệ Đảng; Quy định 69-QĐ/TW năm 2022 về kỷ luật tổ chức đảng, đảng viên vi phạm;",
            f"Xét đề nghị của {discipline.proposed_by.name};",
            f"Điều 1. Thi hành kỷ luật bằng hình thức {form} đối với {subject}.",
            f"Nội dung vi phạm: {discipline.violation} (ngày vi phạm {_d(discipline.violation_on)}).",
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký. Trong thời hạn một tháng kể từ ngày nhận "
            "quyết định, nếu không đồng ý, có quyền khiếu nại lên cấp ủy cấp trên.",
            f"Điều 3. {discipline.proposed_by.name} và "
            + (
                "đồng chí có tên tại Điều 1"
                if discipline.person is not None
                else "tổ chức đảng có tên tại Điều 1"
            )
            + " chịu trách nhiệm thi hành Quyết định này.",
        ),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Như Điều 3", "Cấp ủy cấp trên (để báo cáo)", "Lưu"),
    )
    return render_party_document(doc)


def candidate_headers() -> list[str]:
    return [
        _("STT"),
        _("Đối tượng"),
        _("Mã"),
        _("Họ tên / tên tổ chức"),
        _("Hình thức khen thưởng"),
        _("Căn cứ"),
        _("Không đủ điều kiện vì"),
    ]


def candidates_xlsx(unit: OrgUnit, year: int, rows: Sequence[Candidate]) -> bytes:
    """The candidates from the year's results as a workbook (every text cell kept as text)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Khen thưởng")[:31]
    append(sheet, [f"{unit.name} — {year}"], font=Font(bold=True))
    append(sheet, candidate_headers(), font=Font(bold=True))
    for i, c in enumerate(rows, 1):
        kind = _("Đảng viên") if c.kind == "member" else _("Tổ chức đảng")
        append(sheet, [i, kind, c.code, c.name, str(Certificate(c.title).label), c.citation, c.refused])
    sheet.freeze_panes = "A3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(proposals: Sequence[RewardProposal], last: str) -> TableBlock:
    return TableBlock(
        headings=["STT", "Họ và tên / Tổ chức đảng", "Hình thức", "Năm", last],
        rows=[
            [
                str(i),
                p.subject_name,
                str(Certificate(p.title).label),
                str(p.year),
                p.person.unit.name if p.person is not None else p.subject_code,
            ]
            for i, p in enumerate(proposals, 1)
        ],
        font_size=12,
    )


def certificate_list_docx(
    unit: OrgUnit, year: int, proposals: Sequence[RewardProposal], *, today: dt.date
) -> bytes:
    """The list of members and organizations proposed for certificates from the results of ``year``."""
    body = issuing_body(unit)
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=f"     -TTr/{body.code}",
        place=body.place,
        date=today,
        doc_type_name="DANH SÁCH",
        title=f"đề nghị khen thưởng theo kết quả đánh giá, xếp loại năm {year}",
        paragraphs=(_table(proposals, "Đơn vị"), f"Tổng số: {len(proposals)}."),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Cấp ủy cấp trên (để xét, quyết định)", "Lưu"),
    )
    return render_party_document(doc)


def certificate_decision_docx(level: OrgUnit, number: str, proposals: Sequence[RewardProposal]) -> bytes:
    """The decision of ``level`` approving the certificates it recorded under ``number``."""
    body = issuing_body(level)
    doc = PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=number,
        place=body.place,
        date=proposals[0].decided_on if proposals else None,
        doc_type_name="QUYẾT ĐỊNH",
        title="khen thưởng tổ chức đảng, đảng viên hoàn thành xuất sắc nhiệm vụ",
        paragraphs=(
            "Căn cứ Điều lệ Đảng; Hướng dẫn 06-HD/TW năm 2025 về khen thưởng trong Đảng;",
            "Căn cứ kết quả đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên,",
            "Điều 1. Khen thưởng các tổ chức đảng, đảng viên có tên sau:",
            _table(proposals, "Đơn vị"),
            "Điều 2. Các cấp ủy có liên quan thi hành Quyết định này.",
        ),
        signing_capacity=body.capacity,
        signer_position=body.position,
        recipients=("Như Điều 2", "Lưu"),
    )
    return render_party_document(doc)
