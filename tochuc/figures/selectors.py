"""Reading kept figures. Callers decide whether the user sees the whole subtree being summed
(``tochuc.accounts.policy.can_subtree``): a kept figure counts everything below a unit."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from tochuc.figures.models import Figure

Counts = dict[tuple[str, str], int]


def enabled() -> bool:
    """Whether pages read kept figures (``TOCHUC_KEPT_FIGURES``, on by default; off to compare)."""
    return bool(getattr(settings, "TOCHUC_KEPT_FIGURES", True))


def figures_of(unit_ids: Iterable[int], topics: Iterable[str], cycle_pk: int = 0) -> dict[int, Counts]:
    """For each unit: {(topic, item): count} of its whole subtree; one indexed query."""
    ids = list(unit_ids)
    found: dict[int, Counts] = {pk: {} for pk in ids}
    rows = (
        Figure.objects.filter(unit_id__in=ids, topic__in=list(topics), cycle_pk=cycle_pk)
        .exclude(n=0)
        .values_list("unit_id", "topic", "item", "n")
    )
    for unit_id, topic, item, n in rows:
        found[unit_id][(topic, item)] = n
    return found
