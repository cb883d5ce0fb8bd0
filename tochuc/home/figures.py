"""The home overview's charts, drawn with the server-rendered SVG charts of the reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tochuc.core.documents.charts import (
    COMPLETED,
    EXCELLENT,
    GOOD,
    NOT_COMPLETED,
    Bar,
    PyramidBand,
    Series,
    StackedRow,
    bar_chart,
    pyramid_chart,
    stacked_bar_chart,
)
from tochuc.directives.models import TaskStatus
from tochuc.directives.status import STATUS_ORDER
from tochuc.evaluations.models import Rating
from tochuc.home.selectors import Overview

UNDECIDED = "#b9bfc8"
RATING_COLOURS: dict[str, str] = {
    Rating.EXCELLENT: EXCELLENT,
    Rating.GOOD: GOOD,
    Rating.COMPLETED: COMPLETED,
    Rating.NOT_COMPLETED: NOT_COMPLETED,
}
# The colours every page gives a task status (UI.md); the label always goes with them.
STATUS_COLOURS: dict[str, str] = {
    TaskStatus.OVERDUE: "#b42318",
    TaskStatus.AT_RISK: "#a86a00",
    TaskStatus.NOT_STARTED: "#8a929c",
    TaskStatus.ON_TRACK: "#2e7d32",
    TaskStatus.DONE_LATE: "#6f7f99",
    TaskStatus.DONE_ON_TIME: "#4a6a8a",
}


@dataclass(frozen=True)
class RatingRow:
    """One rating (or "not decided") with its count among collectives and individuals."""

    label: str
    collectives: int
    individuals: int


@dataclass(frozen=True)
class OverviewFigures:
    pyramid: SafeString
    ratings: SafeString | None
    rating_rows: list[RatingRow]
    tasks: SafeString | None
    task_rows: list[tuple[str, str, int]]  # (status, label, count)


def _rating_series() -> list[tuple[str, str, str]]:
    series = [(str(value), str(label), RATING_COLOURS[value]) for value, label in Rating.choices]
    return [*series, ("", str(_("Chưa quyết định")), UNDECIDED)]


def overview_figures(data: Overview) -> OverviewFigures:
    unit = data.unit.name
    pyramid = pyramid_chart(
        [PyramidBand(b.label, b.men, b.women) for b in data.members.age_gender],
        chart_id="home-pyramid",
        title=_("Tháp tuổi theo giới tính"),
        description=_("Số người theo nhóm tuổi 5 năm và giới tính, %(unit)s.") % {"unit": unit},
        width=520,
    )
    series = _rating_series()
    rating_rows: list[RatingRow] = []
    ratings_svg = None
    if data.ratings is not None and data.ratings.total:
        ratings = data.ratings
        rating_rows = [
            RatingRow(label, ratings.collectives.get(key, 0), ratings.individuals.get(key, 0))
            for key, label, _colour in series
        ]
        bars = [
            StackedRow(label, [counts.get(key, 0) for key, _label, _colour in series])
            for label, counts in (
                (str(_("Tập thể")), ratings.collectives),
                (str(_("Cá nhân")), ratings.individuals),
            )
            if sum(counts.values())
        ]
        ratings_svg = stacked_bar_chart(
            bars,
            series=[Series(label, colour) for _key, label, colour in series],
            chart_id="home-ratings",
            title=_("Kết quả xếp loại"),
            description=_("Tỷ lệ các mức xếp loại của đợt %(cycle)s, %(unit)s.")
            % {"cycle": ratings.label, "unit": unit},
            width=520,
        )
    task_rows = [(s.value, str(s.label), data.tasks.get(s.value, 0)) for s in STATUS_ORDER]
    tasks_svg = (
        bar_chart(
            [Bar(label, n, STATUS_COLOURS[code]) for code, label, n in task_rows],
            chart_id="home-tasks",
            title=_("Nhiệm vụ theo tình trạng"),
            description=_("Số nhiệm vụ của %(unit)s theo tình trạng.") % {"unit": unit},
            width=520,
        )
        if data.tasks_total
        else None
    )
    return OverviewFigures(
        pyramid=pyramid,
        ratings=ratings_svg,
        rating_rows=rating_rows,
        tasks=tasks_svg,
        task_rows=task_rows,
    )
