"""The checks the packs are built from: pure functions over ``CycleFacts``.

Each check has the signature ``(facts, pack, rule) -> Iterator[Finding]``: the pack gives the numbers,
the rule gives the id, the severity and the citation appended to every message. A pack module lists
the checks that its regulation has (``Rule(id, severity, citation, title, check)``).

Boundaries follow the words of the regulation: "more than 20 %" / "more than 50 %" are strict (exactly
20 % or 50 % passes), "less than 70 %" is strict (exactly 70 % passes), "at least 30 %" and point bands
are inclusive at their lower end (90 is Excellent, 89.9 is not).

One module per group of rules: ``individual`` (one evaluation on its own), ``leaders``, ``groups``
(collectives, head and collective, the Excellent quota), ``signals`` (statistical signals), ``voices`` (answers to proposals and feedback);
``common`` holds the shared caches and formats. Everything is re-exported here, so the packs keep
writing ``checks.leader_unit_tasks`` and ``engine.run`` ``checks.reset_cache()``. This package
defines no ``PACK``: the discovery in ``rules/__init__.py`` imports it and passes it over.
"""

from __future__ import annotations

from tochuc.evaluations.rules.checks.common import (
    _LABELS,
    _TRANSLATED,
    RESTRICTED_MEMBERSHIP,
    _,
    _who,
    label,
    limit_pct,
    num,
    pct,
    reset_cache,
)
from tochuc.evaluations.rules.checks.groups import (
    _quota_finding,
    collective_before_head,
    collective_disciplined_units,
    collective_late_tasks,
    excellent_quota,
    head_above_collective,
)
from tochuc.evaluations.rules.checks.individual import (
    excellent_preconditions,
    not_reviewable_rated,
    rating_outside_band,
)
from tochuc.evaluations.rules.checks.leaders import (
    _leader_finding,
    _leaders,
    leader_degenerated,
    leader_disciplined,
    leader_low_confidence,
    leader_unit_tasks,
    leader_units_not_completed,
)
from tochuc.evaluations.rules.checks.signals import (
    _good_share,
    far_from_siblings,
    identical_scores,
    inflation_pattern,
    rating_jump,
)
from tochuc.evaluations.rules.checks.voices import (
    answers_overdue,
    answers_overdue_many,
    feedback_found_right,
)

__all__ = [
    "RESTRICTED_MEMBERSHIP",
    "_LABELS",
    "_TRANSLATED",
    "_",
    "_good_share",
    "_leader_finding",
    "_leaders",
    "_quota_finding",
    "_who",
    "answers_overdue",
    "answers_overdue_many",
    "collective_before_head",
    "collective_disciplined_units",
    "collective_late_tasks",
    "excellent_preconditions",
    "excellent_quota",
    "far_from_siblings",
    "feedback_found_right",
    "head_above_collective",
    "identical_scores",
    "inflation_pattern",
    "label",
    "leader_degenerated",
    "leader_disciplined",
    "leader_low_confidence",
    "leader_unit_tasks",
    "leader_units_not_completed",
    "limit_pct",
    "not_reviewable_rated",
    "num",
    "pct",
    "rating_jump",
    "rating_outside_band",
    "reset_cache",
]
