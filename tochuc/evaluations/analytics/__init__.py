"""Inflation analytics: how individual ratings sit next to the collective's, unit by unit.

Read-only and always scoped by the acting user. For the chosen unit, one row per
child unit: the distribution of the individual ratings in the child's subtree,
the collective's own rating, and the statistical signals of the rule pack
(inflation pattern, far from siblings, identical scores, year-on-year jump).

The "current" rating of an evaluation is its final rating, else the rating the
advisory body proposed. Individuals marked "not reviewed" are counted apart.

- ``figures``: the shapes (``Distribution``, ``UnitRow``, ``Analytics``, ``Flag``) and thresholds;
- ``flags``: ``flags_for(row, siblings_mean, pack)``;
- ``selectors``: ``visible_cycles``, ``latest_cycle``, ``default_unit``,
  ``previous_cycle``, ``pack_for`` and ``analytics_for(user, cycle, unit)``.
"""

from tochuc.evaluations.analytics.figures import (
    FLAG_LABELS,
    IDENTICAL_MIN_PEOPLE,
    JUMP_COLLECTIVE_LEVELS,
    JUMP_EXCELLENT_SHARE,
    RATINGS,
    Analytics,
    Distribution,
    Flag,
    FlagKind,
    PersonRow,
    Previous,
    UnitRow,
)
from tochuc.evaluations.analytics.flags import flags_for
from tochuc.evaluations.analytics.selectors import (
    analytics_for,
    default_unit,
    latest_cycle,
    pack_for,
    previous_cycle,
    visible_cycles,
)

__all__ = [
    "FLAG_LABELS",
    "IDENTICAL_MIN_PEOPLE",
    "JUMP_COLLECTIVE_LEVELS",
    "JUMP_EXCELLENT_SHARE",
    "RATINGS",
    "Analytics",
    "Distribution",
    "Flag",
    "FlagKind",
    "PersonRow",
    "Previous",
    "UnitRow",
    "analytics_for",
    "default_unit",
    "flags_for",
    "latest_cycle",
    "pack_for",
    "previous_cycle",
    "visible_cycles",
]
