"""The charts and tables of the structure report, drawn from its counts."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tochuc.core.documents.charts import MEN, WOMEN, Bar, PyramidBand, bar_chart, pyramid_chart
from tochuc.reports.selectors import ETHNICITY_TOP, Share, Structure


@dataclass(frozen=True)
class Section:
    """One breakdown: its chart and the table beside it."""

    key: str
    title: str
    header: str  # the table's first column
    caption: str
    rows: list[Share]
    chart: SafeString
    note: str = ""


@dataclass(frozen=True)
class StructureFigures:
    pyramid: SafeString
    sections: list[Section]


def _section(
    key: str,
    title: str,
    header: str,
    rows: list[Share],
    unit: str,
    *,
    note: str = "",
    colours: dict[str, str] | None = None,
    vertical: bool = False,
    width: float = 440,
) -> Section:
    caption = _("Số người theo %(what)s") % {"what": header.lower()}
    svg = bar_chart(
        [Bar(r.label, r.count, (colours or {}).get(r.key)) for r in rows],
        chart_id=f"chart-{key}",
        title=title,
        description=f"{caption}, {unit}.",
        vertical=vertical,
        width=width,
    )
    return Section(key, title, header, caption, rows, svg, note)


def structure_figures(data: Structure) -> StructureFigures:
    unit = data.unit.name
    pyramid = pyramid_chart(
        [PyramidBand(b.label, b.men, b.women) for b in data.age_gender],
        chart_id="chart-pyramid",
        title=_("Tháp tuổi theo giới tính"),
        description=_("Số người theo nhóm tuổi 5 năm và giới tính, %(unit)s.") % {"unit": unit},
        width=560,
    )
    sections = [
        _section(
            "gender",
            _("Giới tính"),
            _("Giới tính"),
            data.gender,
            unit,
            colours={"male": MEN, "female": WOMEN},  # the pyramid's colours
            vertical=True,
            width=360,
        ),
        _section(
            "ethnicity",
            _("Dân tộc"),
            _("Dân tộc"),
            data.ethnicity,
            unit,
            note=_("%(n)d dân tộc đông nhất; các dân tộc còn lại gộp vào «Khác».") % {"n": ETHNICITY_TOP},
        ),
        _section(
            "qualification",
            _("Trình độ chuyên môn"),
            _("Trình độ chuyên môn"),
            data.qualification,
            unit,
            note=_("Xếp theo bậc cao nhất ghi trong ô trình độ chuyên môn của hồ sơ."),
        ),
        _section("theory", _("Lý luận chính trị"), _("Trình độ lý luận chính trị"), data.theory, unit),
        _section("membership", _("Tình trạng đảng viên"), _("Tình trạng đảng viên"), data.membership, unit),
    ]
    return StructureFigures(pyramid, sections)
