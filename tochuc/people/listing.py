"""The people list of a scope or a unit at national scale: its total and its pages.

A province holds some 300,000 people among 5.7 million. Counting them for the list's total read them
all on every page; the kept figures (``tochuc.figures``) already hold that number for each unit's
whole subtree. ``kept_total`` answers from them when they answer exactly: the list is not narrowed by
a name or an age (kept per birth year, not per day), by at most one of gender, ethnicity, theory
level or membership status, and the user sees the whole subtree of every unit summed
(``can_subtree``). Otherwise the list keeps counting its rows.
"""

from __future__ import annotations

from django.db.models import Q, Sum

from tochuc.accounts.policy import Action, can_subtree, reaches
from tochuc.core.actors import Actor
from tochuc.figures.models import Figure, Topic
from tochuc.figures.selectors import enabled as kept_figures_enabled
from tochuc.figures.selectors import outermost
from tochuc.people.selectors import PeopleFilter


def _whole_subtrees(user: Actor, filters: PeopleFilter) -> list[tuple[int, str]] | None:
    """The (unit id, path) of the subtrees whose people are exactly the list's (before the other
    filters), or ``None`` when some of the list's people are not the whole of a subtree the user sees."""
    if filters.unit is not None:
        if not can_subtree(user, Action.VIEW, filters.unit):
            return None
        return [(filters.unit.pk, filters.unit.path)]
    found = reaches(user, Action.VIEW)
    if not all(reach.include_subtree for reach in found):
        return None
    return [(reach.unit_id, reach.path) for reach in found]


def _kept_item(filters: PeopleFilter) -> Q | None:
    """The kept figures counting the people of one unit that the list's filters keep, or ``None``
    when the figures do not hold that number."""
    chosen = [
        (topic, value)
        for topic, value in (
            (Topic.YEAR_GENDER, filters.gender),
            (Topic.ETHNICITY, filters.ethnicity),
            (Topic.THEORY, filters.political_theory_level),
            (Topic.MEMBERSHIP, filters.membership_status),
        )
        if value
    ]
    if filters.q or filters.age_band or len(chosen) > 1:
        return None
    if not chosen:
        return Q(topic=Topic.ETHNICITY)  # every person has exactly one ethnicity
    topic, value = chosen[0]
    if topic == Topic.YEAR_GENDER:  # items "1980:female"
        return Q(topic=topic, item__endswith=":" + value)
    return Q(topic=topic, item=value)


def kept_total(user: Actor, filters: PeopleFilter) -> int | None:
    """The number of people on the list ``filter_people(user, filters)``, from the kept figures, or
    ``None`` when they do not answer it (the caller counts the rows)."""
    if not kept_figures_enabled():
        return None
    items = _kept_item(filters)
    roots = _whole_subtrees(user, filters) if items is not None else None
    if items is None or roots is None:
        return None
    if not roots:
        return 0
    found = Figure.objects.filter(items, unit_id__in=outermost(roots), cycle_pk=0).aggregate(total=Sum("n"))
    return int(found["total"] or 0)
