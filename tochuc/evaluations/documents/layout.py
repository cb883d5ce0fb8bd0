"""Shared parts of the Word documents of a cycle: forms, criteria, layout, and the download's audit event.

Layout helpers (Times New Roman 13, A4, margins) are the Party-layout helpers
of ``tochuc.core.documents.word``.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tochuc.core.documents.word import EMPTY, PARTY, grid, line
from tochuc.evaluations.models import (
    RATING_SHORT,
    Evaluation,
    EvaluationCycle,
    Frame,
    Rating,
)
from tochuc.orgunits.models import OrgUnit

# Frame → (form number, who the form is for).
FORMS: dict[str, tuple[str, str]] = {
    Frame.NON_LEADER: ("2A", "Dùng cho cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý"),
    Frame.LEADER: ("2B", "Dùng cho cán bộ giữ chức vụ lãnh đạo, quản lý"),
    Frame.CENTRAL_CADRE: ("2B", "Dùng cho cán bộ giữ chức vụ lãnh đạo, quản lý"),
    Frame.OUTSIDE: ("2C", "Dùng cho đảng viên không làm việc trong hệ thống chính trị"),
    Frame.COLLECTIVE: ("01", "Dùng cho tập thể lãnh đạo, quản lý"),
}
RATINGS: tuple[str, ...] = (Rating.EXCELLENT, Rating.GOOD, Rating.COMPLETED, Rating.NOT_COMPLETED)
# The fallback frame when the cycle's rule pack cannot give its criteria.
FALLBACK_CRITERIA: tuple[tuple[str, str, int], ...] = (
    ("general", "Tiêu chí chung (phẩm chất chính trị, đạo đức, lối sống, ý thức tổ chức kỷ luật)", 30),
    ("tasks", "Kết quả thực hiện chức trách, nhiệm vụ được giao", 70),
)
FALLBACK_NOTE = "(Khung tiêu chí chi tiết của bộ quy tắc chưa có; điểm được ghi theo hai nhóm tiêu chí.)"


def form_number(frame: str) -> str:
    return FORMS.get(frame, FORMS[Frame.NON_LEADER])[0]


def rating_label(value: str) -> str:
    return str(Rating(value).label) if value else ""


def _rating_text(value: str) -> str:
    return f"{rating_label(value)} ({RATING_SHORT[value]})" if value else EMPTY


def _points(value: Decimal | float | int | None) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.1"))
    return f"{number}".replace(".", ",")


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "–"


def _place_date(today: dt.date) -> str:
    return f"…………, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}"


# --- Criteria of a frame ---------------------------------------------------------------


@dataclass(frozen=True)
class CriteriaRows:
    rows: list[tuple[str, str, int | None]]  # key, label, max points
    from_pack: bool


def criteria_for(pack_code: str, frame: str) -> CriteriaRows:
    """The criteria of ``frame`` in the cycle's rule pack, or the two groups when it has none yet."""
    try:
        from tochuc.evaluations.rules import get_pack

        rows: list[tuple[str, str, int | None]] = list(get_pack(pack_code).criteria(frame))
    except Exception:  # an unknown pack, or one without this frame yet: print the two groups
        return CriteriaRows([(k, label, m) for k, label, m in FALLBACK_CRITERIA], from_pack=False)
    if not rows:
        return CriteriaRows([(k, label, m) for k, label, m in FALLBACK_CRITERIA], from_pack=False)
    return CriteriaRows(rows, from_pack=bool(rows))


def _criteria_table(document: DocxDocument, evaluation: Evaluation | None, pack: str, frame: str) -> None:
    criteria = criteria_for(pack, frame)
    given: dict[str, Decimal | float | int | None] = (
        dict(evaluation.self_criteria or {}) if evaluation else {}
    )
    rows = []
    for number, (key, label, max_points) in enumerate(criteria.rows, start=1):
        rows.append([str(number), label, str(max_points or ""), _points(given.get(key))])
    total = sum(m or 0 for _, _, m in criteria.rows)
    score = evaluation.self_score if evaluation else None
    rows.append(["", "Tổng cộng", str(total or ""), _points(score)])
    grid(document, ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"], rows)
    if not criteria.from_pack:
        line(document, FALLBACK_NOTE, italic=True, size=11)


# --- Shared layout -----------------------------------------------------------------------


def _header(document: DocxDocument, unit: OrgUnit, form: str, today: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    upper = unit.parent.name.upper() if unit.parent_id and unit.parent else ""
    left.paragraphs[0].add_run(upper or unit.name.upper()).font.size = Pt(12)
    if upper:
        line(left, unit.name.upper(), bold=True, size=12, center=True)
    line(left, "*", center=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run(PARTY).bold = True
    line(right, _place_date(today), italic=True, size=12, center=True)
    if form:
        line(right, f"Mẫu {form}", bold=True, size=12, center=True)


def _title(document: DocxDocument, title: str, year_line: str, purpose: str = "") -> None:
    line(document, title, bold=True, size=15, center=True).paragraph_format.space_before = Pt(12)
    line(document, year_line, bold=True, center=True)
    if purpose:
        line(document, f"({purpose})", italic=True, center=True)


def _label(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ")
    paragraph.add_run(value or EMPTY).bold = bool(value)


def _text_block(document: DocxDocument, text: str) -> None:
    paragraphs = [p.strip() for p in (text or "").splitlines() if p.strip()]
    for paragraph in paragraphs or [EMPTY]:
        line(document, paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _signatures(document: DocxDocument, left: tuple[str, str, str], right: tuple[str, str, str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, (title, hint, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(title).bold = True
        line(cell, hint, italic=True, size=12, center=True)
        for _ in range(3):
            line(cell, "")
        line(cell, name, bold=True, center=True)


def _save(document: DocxDocument) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cycle_line(cycle: EvaluationCycle) -> str:
    if cycle.quarter:
        return f"Quý {cycle.quarter} năm {cycle.year}"
    return f"Năm {cycle.year}"


def _tasks(document: DocxDocument, evaluation: Evaluation) -> None:
    total = evaluation.tasks_total
    grid(
        document,
        ["Tổng số nhiệm vụ", "Hoàn thành", "Đúng hạn", "Chậm", "Vượt yêu cầu"],
        [
            [
                str(total),
                f"{evaluation.tasks_done} ({_share(evaluation.tasks_done, total)})",
                f"{evaluation.tasks_on_time} ({_share(evaluation.tasks_on_time, total)})",
                f"{evaluation.tasks_late} ({_share(evaluation.tasks_late, total)})",
                f"{evaluation.tasks_exceeding} ({_share(evaluation.tasks_exceeding, total)})",
            ]
        ],
    )
