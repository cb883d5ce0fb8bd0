"""Word documents of an evaluation cycle.

- the individual self-review (``BẢN KIỂM ĐIỂM CÁ NHÂN``): Mẫu 2A for non-leaders, 2B for leaders
  (and cadres managed by the Centre), 2C for members working outside the political system, chosen
  by the evaluation's criteria frame;
- the collective report Mẫu 01 (``BÁO CÁO KIỂM ĐIỂM TẬP THỂ``) with the ratings of its members and
  of its subordinate collectives;
- the cycle's summary for the upper level: counts and shares per rating, overall and per child
  unit, and the findings that were allowed with a written justification.

Layout helpers (Times New Roman 13, A4, margins) are those of the 2C curriculum vitae
(``tochuc.people.word``). The data they print is read by the ``*_data`` functions below, which
take already-scoped objects: the views check access first.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from tochuc.audit.services import record
from tochuc.evaluations.models import (
    RATING_SHORT,
    Evaluation,
    EvaluationCycle,
    Frame,
    Justification,
    Rating,
    Stage,
)
from tochuc.orgunits.models import PATH_STEP, OrgUnit, UnitKind
from tochuc.people.word import EMPTY, PARTY, _grid, _line, _section, _use_font

SELF_REVIEW_TITLE = "BẢN KIỂM ĐIỂM CÁ NHÂN"
COLLECTIVE_TITLE = "BÁO CÁO KIỂM ĐIỂM TẬP THỂ"
SUMMARY_TITLE = "BÁO CÁO TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"

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

        found: list[Any] = list(get_pack(pack_code).criteria(frame))
        rows: list[tuple[str, str, int | None]] = []
        for item in found:
            if hasattr(item, "key"):
                rows.append((item.key, item.label, item.max_points))
            else:
                key, label, max_points = item
                rows.append((key, label, max_points))
    except Exception:  # an unknown pack, or one without this frame yet: print the two groups
        return CriteriaRows([(k, label, m) for k, label, m in FALLBACK_CRITERIA], from_pack=False)
    if not rows:
        return CriteriaRows([(k, label, m) for k, label, m in FALLBACK_CRITERIA], from_pack=False)
    return CriteriaRows(rows, from_pack=bool(rows))


def _criteria_table(document: Any, evaluation: Evaluation | None, pack: str, frame: str) -> None:
    criteria = criteria_for(pack, frame)
    given: dict[str, Any] = dict(evaluation.self_criteria or {}) if evaluation else {}
    rows = []
    for number, (key, label, max_points) in enumerate(criteria.rows, start=1):
        rows.append([str(number), label, str(max_points or ""), _points(given.get(key))])
    total = sum(m or 0 for _, _, m in criteria.rows)
    score = evaluation.self_score if evaluation else None
    rows.append(["", "Tổng cộng", str(total or ""), _points(score)])
    _grid(document, ["STT", "Tiêu chí", "Điểm tối đa", "Điểm tự chấm"], rows)
    if not criteria.from_pack:
        _line(document, FALLBACK_NOTE, italic=True, size=11)


# --- Shared layout -----------------------------------------------------------------------


def _header(document: Any, unit: OrgUnit, form: str, today: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    upper = unit.parent.name.upper() if unit.parent_id and unit.parent else ""
    left.paragraphs[0].add_run(upper or unit.name.upper()).font.size = Pt(12)
    if upper:
        _line(left, unit.name.upper(), bold=True, size=12, center=True)
    _line(left, "*", center=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    right.paragraphs[0].add_run(PARTY).bold = True
    _line(right, _place_date(today), italic=True, size=12, center=True)
    if form:
        _line(right, f"Mẫu {form}", bold=True, size=12, center=True)


def _title(document: Any, title: str, year_line: str, purpose: str = "") -> None:
    _line(document, title, bold=True, size=15, center=True).paragraph_format.space_before = Pt(12)
    _line(document, year_line, bold=True, center=True)
    if purpose:
        _line(document, f"({purpose})", italic=True, center=True)


def _label(document: Any, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ")
    paragraph.add_run(value or EMPTY).bold = bool(value)


def _text_block(document: Any, text: str) -> None:
    paragraphs = [p.strip() for p in (text or "").splitlines() if p.strip()]
    for paragraph in paragraphs or [EMPTY]:
        _line(document, paragraph).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _signatures(document: Any, left: tuple[str, str, str], right: tuple[str, str, str]) -> None:
    table = document.add_table(rows=1, cols=2)
    for cell, (title, hint, name) in zip(table.rows[0].cells, (left, right), strict=True):
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cell.paragraphs[0].add_run(title).bold = True
        _line(cell, hint, italic=True, size=12, center=True)
        for _ in range(3):
            _line(cell, "")
        _line(cell, name, bold=True, center=True)


def _save(document: Any) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _cycle_line(cycle: EvaluationCycle) -> str:
    if cycle.quarter:
        return f"Quý {cycle.quarter} năm {cycle.year}"
    return f"Năm {cycle.year}"


# --- Mẫu 2A / 2B / 2C ---------------------------------------------------------------------


def self_review_docx(evaluation: Evaluation, *, today: dt.date) -> bytes:
    """The individual's self-review on the form of their frame (2A, 2B or 2C)."""
    person = evaluation.person
    if person is None:
        raise ValueError("a collective's report is Mẫu 01: use collective_report_docx")
    cycle, unit = evaluation.cycle, evaluation.unit
    form, purpose = FORMS.get(evaluation.frame, FORMS[Frame.NON_LEADER])
    document = Document()
    _use_font(document)
    _header(document, unit, form, today)
    _title(document, SELF_REVIEW_TITLE, _cycle_line(cycle), purpose)

    _label(document, "Họ và tên", person.full_name)
    _label(document, "Mã đảng viên", person.code)
    _label(document, "Ngày sinh", person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "")
    post = person.current_post + (" (người đứng đầu)" if evaluation.is_head else "")
    _label(document, "Chức vụ", post)
    _label(document, "Đơn vị công tác", person.workplace)
    _label(document, "Sinh hoạt tại", unit.name)
    _label(document, "Khung tiêu chí", str(Frame(evaluation.frame).label))

    _section(document, "I. KẾT QUẢ TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ")
    _criteria_table(document, evaluation, cycle.pack, evaluation.frame)
    if evaluation.frame in {Frame.LEADER, Frame.CENTRAL_CADRE}:
        _section(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ĐƠN VỊ ĐƯỢC GIAO LÃNH ĐẠO, QUẢN LÝ")
        _tasks(document, evaluation)
        if evaluation.low_confidence_share is not None:
            _label(
                document,
                "Tỷ lệ phiếu tín nhiệm thấp",
                _share(int(evaluation.low_confidence_share * 10000), 10000),
            )
        numbers = ("III", "IV", "V")
    else:
        numbers = ("II", "III", "IV")
    _section(document, f"{numbers[0]}. TỰ KIỂM ĐIỂM")
    _text_block(document, evaluation.self_review)
    if evaluation.evidence.strip():
        _line(document, "Minh chứng:", bold=True)
        _text_block(document, evaluation.evidence)
    _section(document, f"{numbers[1]}. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG")
    _label(document, "Điểm tự chấm", _points(evaluation.self_score))
    _label(document, "Tự xếp loại", _rating_text(evaluation.self_rating))
    _section(document, f"{numbers[2]}. Ý KIẾN CỦA TẬP THỂ VÀ KẾT QUẢ XẾP LOẠI")
    _label(document, "Ý kiến của tập thể", evaluation.comments.strip())
    _label(document, "Tập thể đề nghị", rating_label(evaluation.suggested_rating))
    _label(document, "Cơ quan tham mưu đề xuất", rating_label(evaluation.proposed_rating))
    decided = (
        f"{_rating_text(evaluation.final_rating)}, {_points(evaluation.final_score)} điểm"
        if evaluation.final_rating
        else ""
    )
    _label(document, "Cấp có thẩm quyền xếp loại", decided)
    document.add_paragraph()
    _signatures(
        document,
        ("Ý KIẾN CỦA CẤP ỦY, CHI BỘ", "(Ký, ghi rõ họ và tên)", ""),
        ("NGƯỜI TỰ KIỂM ĐIỂM", "(Ký, ghi rõ họ và tên)", person.full_name),
    )
    return _save(document)


def _tasks(document: Any, evaluation: Evaluation) -> None:
    total = evaluation.tasks_total
    _grid(
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
    _use_font(document)
    _header(document, unit, "01", today)
    _title(document, f"{COLLECTIVE_TITLE} {unit.name.upper()}", _cycle_line(cycle))

    _section(document, "I. KẾT QUẢ TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ")
    _criteria_table(document, collective, cycle.pack, Frame.COLLECTIVE)
    _section(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ")
    if collective is not None:
        _tasks(document, collective)
    _section(document, "III. TỰ KIỂM ĐIỂM CỦA TẬP THỂ")
    _text_block(document, collective.self_review if collective else "")
    _section(document, "IV. XẾP LOẠI CHẤT LƯỢNG TẬP THỂ")
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
        _line(document, "Tập thể chưa có trong đợt đánh giá.", italic=True)

    _section(document, "V. KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG CÁ NHÂN")
    rows = []
    for number, evaluation in enumerate(data.members, start=1):
        assert evaluation.person is not None
        score, rating = _stage_rating(evaluation)
        role = "Người đứng đầu" if evaluation.is_head else ""
        rows.append([str(number), evaluation.person.full_name, evaluation.person.code, role, score, rating])
    _grid(document, ["STT", "Họ và tên", "Mã đảng viên", "Chức trách", "Điểm", "Xếp loại"], rows)
    _counts_line(document, [e.final_rating for e in data.members if e.final_rating])

    if data.children:
        _section(document, "VI. KẾT QUẢ XẾP LOẠI CÁC TỔ CHỨC TRỰC THUỘC")
        child_rows = []
        for number, (child, child_evaluation) in enumerate(data.children, start=1):
            score, rating = _stage_rating(child_evaluation) if child_evaluation else ("", "")
            child_rows.append([str(number), child.name, child.code, score, rating])
        _grid(document, ["STT", "Tổ chức", "Mã đơn vị", "Điểm", "Xếp loại"], child_rows)
    document.add_paragraph()
    is_cell = unit.kind == UnitKind.CELL
    head_name = data.head.person.full_name if data.head and data.head.person else ""
    _signatures(
        document,
        ("NƠI NHẬN", "- Cấp ủy cấp trên; - Lưu", ""),
        ("T/M CHI BỘ" if is_cell else "T/M BAN CHẤP HÀNH", "BÍ THƯ (Ký, ghi rõ họ và tên)", head_name),
    )
    return _save(document)


def _counts_line(document: Any, ratings: Sequence[str]) -> None:
    counts = Counter(ratings)
    total = len(ratings)
    parts = [f"{RATING_SHORT[r]}: {counts[r]} ({_share(counts[r], total)})" for r in RATINGS]
    _line(document, f"Đã xếp loại {total} đảng viên — " + "; ".join(parts), italic=True, size=12)


# --- The cycle's summary for the upper level ----------------------------------------------


@dataclass
class Tally:
    """Counts of one group of evaluations."""

    label: str
    code: str = ""
    ratings: Counter[str] = field(default_factory=Counter)
    undecided: int = 0
    not_reviewed: int = 0

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def total(self) -> int:
        return self.rated + self.undecided + self.not_reviewed

    def add(self, rating: str, stage: str, n: int) -> None:
        if stage == Stage.NOT_REVIEWED:
            self.not_reviewed += n
        elif rating:
            self.ratings[rating] += n
        else:
            self.undecided += n

    def share(self, rating: str) -> str:
        return _share(self.ratings[rating], self.rated)


@dataclass
class JustifiedRow:
    rule: str
    unit: str
    person: str
    text: str
    author: str
    created_at: dt.datetime


@dataclass
class SummaryData:
    cycle: EvaluationCycle
    individuals: Tally
    collectives: Tally
    per_child: list[Tally]  # individuals per child unit of the cycle's unit
    justified: list[JustifiedRow]


def summary_data(cycle: EvaluationCycle) -> SummaryData:
    """Counts per decided rating, overall and per child unit, and the justified findings."""
    root = cycle.unit
    children = list(root.children.filter(valid_to__isnull=True).order_by("sort_order", "path"))
    per_child = {c.path: Tally(c.name, c.code) for c in children}
    individuals = Tally("Cá nhân")
    collectives = Tally("Tập thể")
    grouped = (
        Evaluation.objects.filter(cycle=cycle)
        .values_list("unit__path", "subject_kind", "final_rating", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    step = len(root.path) + PATH_STEP
    for path, kind, rating, stage, n in grouped:
        if kind == "collective":
            collectives.add(rating, stage, n)
            continue
        individuals.add(rating, stage, n)
        child = per_child.get(path[:step])
        if child is not None:
            child.add(rating, stage, n)
    justified = [
        JustifiedRow(
            rule=j.rule,
            unit=f"{j.unit.code} — {j.unit.name}",
            person=f"{j.person.full_name} ({j.person.code})" if j.person else "",
            text=j.text,
            author=j.author.display_name() if j.author else "",
            created_at=j.created_at,
        )
        for j in Justification.objects.filter(cycle=cycle)
        .select_related("unit", "person", "author")
        .order_by("unit__path", "created_at", "id")
    ]
    return SummaryData(cycle, individuals, collectives, list(per_child.values()), justified)


def _tally_rows(tallies: Iterable[Tally]) -> list[list[str]]:
    rows = []
    for tally in tallies:
        row = [tally.label, str(tally.total)]
        row += [f"{tally.ratings[r]} ({tally.share(r)})" for r in RATINGS]
        row += [str(tally.undecided), str(tally.not_reviewed)]
        rows.append(row)
    return rows


TALLY_HEADINGS = ["", "Tổng số", *(RATING_SHORT[r] for r in RATINGS), "Chưa xếp loại", "Không đánh giá"]


def cycle_summary_docx(data: SummaryData, *, today: dt.date) -> bytes:
    """The summary the upper level receives: results per rating and unit, justified findings."""
    cycle = data.cycle
    document = Document()
    _use_font(document)
    _header(document, cycle.unit, "", today)
    _title(document, SUMMARY_TITLE, f"{cycle.name} — {_cycle_line(cycle)}")
    _label(document, "Mã đợt", cycle.code)
    _label(document, "Phạm vi", f"{cycle.unit.name} và các tổ chức trực thuộc")
    _label(document, "Bộ quy tắc", cycle.pack)
    _label(document, "Trạng thái", str(cycle.get_status_display()))
    _line(
        document,
        "Tỷ lệ tính trên số đã được cấp có thẩm quyền xếp loại. "
        + "; ".join(f"{RATING_SHORT[r]}: {rating_label(r)}" for r in RATINGS)
        + ".",
        italic=True,
        size=11,
    )

    _section(document, "I. KẾT QUẢ XẾP LOẠI CHUNG")
    headings = ["Đối tượng", *TALLY_HEADINGS[1:]]
    _grid(document, headings, _tally_rows([data.collectives, data.individuals]))
    _section(document, "II. KẾT QUẢ XẾP LOẠI CÁ NHÂN THEO ĐƠN VỊ TRỰC THUỘC")
    _grid(document, ["Đơn vị", *TALLY_HEADINGS[1:]], _tally_rows(data.per_child))
    _section(document, "III. CÁC TRƯỜNG HỢP ĐÃ GIẢI TRÌNH")
    if data.justified:
        _grid(
            document,
            ["STT", "Quy tắc", "Đơn vị", "Cá nhân", "Nội dung giải trình", "Người giải trình"],
            [
                [str(n), j.rule, j.unit, j.person, j.text, f"{j.author} ({j.created_at:%d/%m/%Y})"]
                for n, j in enumerate(data.justified, start=1)
            ],
        )
    else:
        _line(document, "Không có trường hợp nào phải giải trình.", italic=True)
    document.add_paragraph()
    _signatures(
        document,
        ("NƠI NHẬN", "- Cấp ủy cấp trên; - Lưu", ""),
        ("T/M BAN TỔ CHỨC", "(Ký, ghi rõ họ và tên)", ""),
    )
    return _save(document)


# --- A download is an audit event ---------------------------------------------------------


def document_export_log(
    *, actor: Any, document: str, target: Any, unit: OrgUnit, cycle: EvaluationCycle
) -> None:
    """Record that ``actor`` downloaded ``document`` (``2A``, ``01``, ``summary``…) of ``target``."""
    with transaction.atomic():
        record(
            actor=actor,
            action="evaluation.document_export",
            target=target,
            unit_path=unit.path,
            summary={"document": document, "cycle": cycle.code, "unit": unit.code},
            object_label=f"{document} — {cycle.code} — {unit.code}",
        )
