"""Pages reading kept figures show what counting the raw rows shows (``TOCHUC_KEPT_FIGURES`` off)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from tochuc.conftest import Tree
from tochuc.evaluations.analytics.selectors import analytics_for
from tochuc.evaluations.tests.analytics_data import make_cycle, rate

pytestmark = pytest.mark.django_db


def _seen(result: Any) -> list[tuple[Any, ...]]:
    rows = []
    for row in result.rows:
        d = row.dist
        counts = (d.excellent, d.good, d.completed, d.not_completed, d.unrated, d.not_reviewed, d.scored)
        previous = row.previous and (row.previous.excellent_share, row.previous.collective)
        rows.append(
            (
                row.unit.code,
                row.own,
                counts,
                d.identical_score(),
                previous,
                [(f.kind, f.detail) for f in row.flags],
            )
        )
    return rows


def _both(user: Any, cycle: Any, unit: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with override_settings(TOCHUC_KEPT_FIGURES=False):
        raw = analytics_for(user, cycle, unit)
    kept = analytics_for(user, cycle, unit)
    assert kept.total.kept and not raw.total.kept
    return _seen(raw), _seen(kept)


def test_analytics_from_kept_figures_equal_the_counted_ones(tree: Tree, inside: Any) -> None:
    before = make_cycle(tree.centre, "DG-2024", year=2024)
    rate(before, tree.cell, ["good", "completed", "completed", "good", "completed"], collective="good")
    cycle = make_cycle(tree.centre)
    # Five alike in the cell (identical scores), a mixed commune, people at the commune itself.
    rate(cycle, tree.cell, ["excellent"] * 5, scores=[92.5] * 5, collective="completed")
    rate(
        cycle, tree.commune2, ["excellent", "good", "", "-", "not_completed"], scores=[90, 80, None, None, 40]
    )
    rate(cycle, tree.commune, ["good", "good"], scores=[70, 71], proposed_only=True)
    for unit in (tree.province, tree.commune, tree.grassroots, tree.cell):
        raw, kept = _both(inside, cycle, unit)
        assert raw == kept, unit.code
    raw, kept = _both(inside, cycle, tree.grassroots)
    assert kept[0][3] is not None and str(kept[0][3]) == "92.5"  # the cell's identical score
    assert any(row[4] for row in kept)  # the previous cycle is read too
