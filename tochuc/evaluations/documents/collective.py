"""The collective report Mẫu 01 (``BÁO CÁO KIỂM ĐIỂM TẬP THỂ``) with the ratings of its members and of
its subordinate collectives.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument

from tochuc.core.documents.word import grid, line, section, use_font
from tochuc.evaluations.documents.layout import (
    RATINGS,
    _criteria_table,
    _cycle_line,
    _header,
    _label,
    _points,
    _rating_text,
    _save,
    _share,
    _signatures,
    _tasks,
    _text_block,
    _title,
    rating_label,
)
from tochuc.evaluations.models import (
    RATING_SHORT,
    Evaluation,
    EvaluationCycle,
    Frame,
    Stage,
)
from tochuc.orgunits.models import OrgUnit, UnitKind

COLLECTIVE_TITLE = "BÁO CÁO KIỂM ĐIỂM TẬP THỂ"


# --- Mẫu 01 -------------------------------------------------------------------------------


@dataclass
class CollectiveData:
    cycle: EvaluationCycle
    unit: OrgUnit
    collective: Evaluation | None
    members: list[Evaluation]  # individuals evaluated in the unit itself
    children: list[tuple[OrgUnit, Evaluation | None]]  # subordinate collectives
    head: Evaluation | None = None


def collective_data(cycle: EvaluationCycle, unit: OrgUnit) -> CollectiveData:
    evaluations = list(
        Evaluation.objects.filter(cycle=cycle, unit=unit)
        .select_related("person", "unit")
        .order_by("-is_head", "person__sort_key", "person__code")
    )
    collective = next((e for e in evaluations if e.person_id is None), None)
    members = [e for e in evaluations if e.person_id is not None]
    children = list(unit.children.filter(valid_to__isnull=True).order_by("sort_order", "path"))
    by_unit = {
        e.unit_id: e for e in Evaluation.objects.filter(cycle=cycle, unit__in=children, person__isnull=True)
    }
    return CollectiveData(
        cycle=cycle,
        unit=unit,
        collective=collective,
        members=members,
        children=[(child, by_unit.get(child.pk)) for child in children],
        head=next((e for e in members if e.is_head), None),
    )


def _stage_rating(evaluation: Evaluation) -> tuple[str, str]:
    """The score and rating as far as they go, with the step they come from."""
    if evaluation.stage == Stage.NOT_REVIEWED:
        return "", f"Không đánh giá ({evaluation.not_reviewed_reason})".replace(" ()", "")
    if evaluation.final_rating:
        return _points(evaluation.final_score), RATING_SHORT[evaluation.final_rating]
    if evaluation.proposed_rating:
        return _points(evaluation.proposed_score), f"{RATING_SHORT[evaluation.proposed_rating]} (đề xuất)"
    rating = evaluation.suggested_rating or evaluation.self_rating
    if rating:
        return _points(evaluation.self_score), f"{RATING_SHORT[rating]} (tự xếp loại)"
    return "", str(Stage(evaluation.stage).label)


def collective_report_docx(data: CollectiveData, *, today: dt.date) -> bytes:
    """Mẫu 01: the collective's self-review and results, with its members' ratings."""
    cycle, unit, collective = data.cycle, data.unit, data.collective
    document = Document()
    use_font(document)
    _header(document, unit, "01", today)
    _title(document, f"{COLLECTIVE_TITLE} {unit.name.upper()}", _cycle_line(cycle))

    section(document, "I. KẾT QUẢ TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ")
    _criteria_table(document, collective, cycle.pack, Frame.COLLECTIVE)
    section(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    if collective is not None:
        _tasks(document, collective)
    section(document, "III. TỰ KIỂM ĐIỂM CỦA TẬP THỂ")
    _text_block(document, collective.self_review if collective else "")
    section(document, "IV. XẾP LOẠI CHẤT LƯỢNG TẬP THỂ")
    if collective is not None:
        _label(document, "Tập thể tự xếp loại", _rating_text(collective.self_rating))
        _label(document, "Đề xuất", rating_label(collective.proposed_rating))
        _label(
            document,
            "Cấp có thẩm quyền xếp loại",
            f"{_rating_text(collective.final_rating)}, {_points(collective.final_score)} điểm"
            if collective.final_rating
            else "",
        )
    else:
        line(document, "Tập thể chưa có trong đợt đánh giá.", italic=True)

    section(document, "V. KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG CÁ NHÂN")
    rows = []
    for number, evaluation in enumerate(data.members, start=1):
        assert evaluation.person is not None
        score, rating = _stage_rating(evaluation)
        role = "Người đứng đầu" if evaluation.is_head else ""
        rows.append([str(number), evaluation.person.full_name, evaluation.person.code, role, score, rating])
    grid(document, ["STT", "Họ và tên", "Mã đảng viên", "Chức trách", "Điểm", "Xếp loại"], rows)
    _counts_line(document, [e.final_rating for e in data.members if e.final_rating])

    if data.children:
        section(document, "VI. KẾT QUẢ XẾP LOẠI CÁC TỔ CHỨC TRỰC THUỘC")
        child_rows = []
        for number, (child, child_evaluation) in enumerate(data.children, start=1):
            score, rating = _stage_rating(child_evaluation) if child_evaluation else ("", "")
            child_rows.append([str(number), child.name, child.code, score, rating])
        grid(document, ["STT", "Tổ chức", "Mã đơn vị", "Điểm", "Xếp loại"], child_rows)
    document.add_paragraph()
    is_cell = unit.kind == UnitKind.CELL
    head_name = data.head.person.full_name if data.head and data.head.person else ""
    _signatures(
        document,
        ("NƠI NHẬN", "- Cấp ủy cấp trên; - Lưu", ""),
        ("T/M CHI BỘ" if is_cell else "T/M BAN CHẤP HÀNH", "BÍ THƯ (Ký, ghi rõ họ và tên)", head_name),
    )
    return _save(document)


def _counts_line(document: DocxDocument, ratings: Sequence[str]) -> None:
    counts = Counter(ratings)
    total = len(ratings)
    parts = [f"{RATING_SHORT[r]}: {counts[r]} ({_share(counts[r], total)})" for r in RATINGS]
    line(document, f"Đã xếp loại {total} đảng viên — " + "; ".join(parts), italic=True, size=12)
