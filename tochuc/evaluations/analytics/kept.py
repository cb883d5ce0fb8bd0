"""The analytics' distributions from the kept figures (``tochuc.figures``).

Kept figures count the individuals of a cycle per unit and whole subtree: a child's row is its
subtree, the unit's own people are the unit's row less its children's. One indexed query of a few
dozen rows per unit (the unit and its children), whatever the number of people below.
"""

from __future__ import annotations

from tochuc.evaluations.analytics.figures import Distribution
from tochuc.evaluations.models import EvaluationCycle
from tochuc.figures.selectors import children_figures
from tochuc.orgunits.models import OrgUnit

NAMES = (
    "excellent",
    "good",
    "completed",
    "not_completed",
    "unrated",
    "not_reviewed",
    "scored",
    "score_sum",
    "score_squares",
)
_SCORE_ITEMS = {"n": "scored", "sum": "score_sum", "sq": "score_squares"}


def _named(counts: dict[tuple[str, str], int]) -> dict[str, int]:
    row = dict.fromkeys(NAMES, 0)
    for (topic, item), n in counts.items():
        if topic == "rating" and item in row:
            row[item] += n
        elif topic == "score" and item in _SCORE_ITEMS:
            row[_SCORE_ITEMS[item]] += n
    return row


def kept_rollup(cycle: EvaluationCycle, unit: OrgUnit) -> dict[str, dict[str, int]]:
    """Per child path (and ``unit.path`` for the unit's own individuals): the counts of ``NAMES``.

    Only for a reader who sees all of ``unit``'s subtree; paths with nothing counted are left out.
    """
    found = children_figures(unit, ("rating", "score"), cycle.pk)
    children = {pk: path for pk, (path, _counts) in found.items() if pk != unit.pk}
    own_counts = found.get(unit.pk, (unit.path, {}))[1]
    rows: dict[str, dict[str, int]] = {}
    own = _named(own_counts)
    for pk, path in children.items():
        row = _named(found[pk][1])
        for name in NAMES:
            own[name] -= row[name]
        if any(row.values()):
            rows[path] = row
    if any(own.values()):
        rows[unit.path] = own
    return rows


def kept_distribution(counts: dict[str, int]) -> Distribution:
    return Distribution(
        excellent=counts["excellent"],
        good=counts["good"],
        completed=counts["completed"],
        not_completed=counts["not_completed"],
        unrated=counts["unrated"],
        not_reviewed=counts["not_reviewed"],
        scored=counts["scored"],
        score_sum=counts["score_sum"],
        score_squares=counts["score_squares"],
        kept=True,
    )
