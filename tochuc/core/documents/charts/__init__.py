"""Server-rendered SVG charts: bars, stacked bars and the population pyramid (see ``bars``)."""

from tochuc.core.documents.charts.bars import (
    BAR,
    COMPLETED,
    EXCELLENT,
    GOOD,
    MEN,
    NOT_COMPLETED,
    WOMEN,
    Bar,
    Series,
    StackedRow,
    bar_chart,
    no_data,
    stacked_bar_chart,
)
from tochuc.core.documents.charts.pyramid import PyramidBand, pyramid_chart

__all__ = [
    "BAR",
    "COMPLETED",
    "EXCELLENT",
    "GOOD",
    "MEN",
    "NOT_COMPLETED",
    "WOMEN",
    "Bar",
    "PyramidBand",
    "Series",
    "StackedRow",
    "bar_chart",
    "no_data",
    "pyramid_chart",
    "stacked_bar_chart",
]
