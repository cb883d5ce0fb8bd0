"""The cycle's summary for the upper level: counts and shares per rating, overall and per child unit,
and the findings that were allowed with a written justification.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count
from docx import Document

from tochuc.core.documents.word import grid, line, section, use_font
from tochuc.evaluations.documents.layout import (
    RATINGS,
    _cycle_line,
    _header,
    _label,
    _save,
    _share,
    _signatures,
    _title,
    rating_label,
)
from tochuc.evaluations.models import (
    RATING_SHORT,
    Evaluation,
    EvaluationCycle,
    Justification,
    Stage,
)
from tochuc.orgunits.models import PATH_STEP

SUMMARY_TITLE = "BÁO CÁO TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG"


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
    use_font(document)
    _header(document, cycle.unit, "", today)
    _title(document, SUMMARY_TITLE, f"{cycle.name} — {_cycle_line(cycle)}")
    _label(document, "Mã đợt", cycle.code)
    _label(document, "Phạm vi", f"{cycle.unit.name} và các tổ chức trực thuộc")
    _label(document, "Bộ quy tắc", cycle.pack)
    _label(document, "Trạng thái", str(cycle.get_status_display()))
    line(
        document,
        "Tỷ lệ tính trên số đã được cấp có thẩm quyền xếp loại. "
        + "; ".join(f"{RATING_SHORT[r]}: {rating_label(r)}" for r in RATINGS)
        + ".",
        italic=True,
        size=11,
    )

    section(document, "I. KẾT QUẢ XẾP LOẠI CHUNG")
    headings = ["Đối tượng", *TALLY_HEADINGS[1:]]
    grid(document, headings, _tally_rows([data.collectives, data.individuals]))
    section(document, "II. KẾT QUẢ XẾP LOẠI CÁ NHÂN THEO ĐƠN VỊ TRỰC THUỘC")
    grid(document, ["Đơn vị", *TALLY_HEADINGS[1:]], _tally_rows(data.per_child))
    section(document, "III. CÁC TRƯỜNG HỢP ĐÃ GIẢI TRÌNH")
    if data.justified:
        grid(
            document,
            ["STT", "Quy tắc", "Đơn vị", "Cá nhân", "Nội dung giải trình", "Người giải trình"],
            [
                [str(n), j.rule, j.unit, j.person, j.text, f"{j.author} ({j.created_at:%d/%m/%Y})"]
                for n, j in enumerate(data.justified, start=1)
            ],
        )
    else:
        line(document, "Không có trường hợp nào phải giải trình.", italic=True)
    document.add_paragraph()
    _signatures(
        document,
        ("NƠI NHẬN", "- Cấp ủy cấp trên; - Lưu", ""),
        ("T/M BAN TỔ CHỨC", "(Ký, ghi rõ họ và tên)", ""),
    )
    return _save(document)
