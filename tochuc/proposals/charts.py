"""The dashboard's charts: the on-time rate per answering unit, and the items per unit split by kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from tochuc.core.documents.charts.bars import Bar, Series, StackedRow, bar_chart, stacked_bar_chart
from tochuc.proposals.selectors import UnitCounts

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Enough units to read at a glance; the table above the chart lists more, the export all.
MAX_UNITS = 15
KIND_COLOURS = ("#1f5f99", "#c0392b", "#2e7d32", "#8e44ad", "#d68910", "#6b7280")


def on_time_chart(rows: Sequence[UnitCounts], chart_id: str, title: str) -> SafeString | None:
    """None when nothing was answered yet (the page then shows no chart rather than an empty one)."""
    answered = [r for r in rows if r.answered][:MAX_UNITS]
    if not answered:
        return None
    return bar_chart(
        [Bar(r.unit_name, round((r.on_time_rate or 0) * 100)) for r in answered],
        chart_id=chart_id,
        title=title,
        show_share=False,
    )


def kinds_chart(
    rows: Sequence[UnitCounts], kinds: Sequence[tuple[str, StrOrPromise]], chart_id: str, title: str
) -> SafeString:
    busiest = sorted(rows, key=lambda r: (-r.total, r.unit_name))[:MAX_UNITS]
    return stacked_bar_chart(
        [StackedRow(r.unit_name, [r.by_kind[value] for value, _label in kinds]) for r in busiest],
        series=[
            Series(str(label), KIND_COLOURS[i % len(KIND_COLOURS)]) for i, (_v, label) in enumerate(kinds)
        ],
        chart_id=chart_id,
        title=title,
        normalise=False,
    )
