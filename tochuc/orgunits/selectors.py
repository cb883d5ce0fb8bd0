"""Reads of the unit tree, always scoped by the acting user."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, TypedDict, cast

from django.core.paginator import Page
from django.db import connections
from django.db.models import Case, Count, Min, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from tochuc.accounts.policy import Action, reach_units, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.core.pages import page_then_fetch
from tochuc.core.text import words
from tochuc.orgunits.models import OrgUnit, UnitFunction

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination
    from django_stubs_ext import WithAnnotations


class ChildCount(TypedDict):
    active_children: int


def visible_units(user: Actor, *, include_inactive: bool = False) -> QuerySet[OrgUnit]:
    qs = OrgUnit.objects.filter(scope_q(user, Action.VIEW))
    if not include_inactive:
        qs = qs.filter(valid_to__isnull=True)
    return qs


def with_child_counts(qs: QuerySet[OrgUnit], user: Actor) -> QuerySet[WithAnnotations[OrgUnit, ChildCount]]:
    """Annotate ``active_children``, counting only the children ``user`` may see.

    One indexed sub-count per row, no N+1.
    """
    children = OrgUnit.objects.filter(
        scope_q(user, Action.VIEW), parent=OuterRef("pk"), valid_to__isnull=True
    )
    counts = children.order_by().values("parent").annotate(n=Count("pk")).values("n")
    return qs.annotate(active_children=Coalesce(Subquery(counts), 0))


def scope_roots(user: Actor, action: Action = Action.VIEW) -> list[WithAnnotations[OrgUnit, ChildCount]]:
    """The top units of the user's reach, in tree order."""
    ids = [r.unit_id for r in reaches(user, action)]
    return list(with_child_counts(OrgUnit.objects.filter(pk__in=ids), user).order_by("path"))


def children_of(
    user: Actor, unit: OrgUnit, *, include_inactive: bool = False
) -> list[WithAnnotations[OrgUnit, ChildCount]]:
    qs = visible_units(user, include_inactive=include_inactive).filter(parent=unit)
    return list(with_child_counts(qs, user).order_by("sort_order", "name"))


def breadcrumbs(user: Actor, unit: OrgUnit) -> list[OrgUnit]:
    """The parent chain of ``unit`` that the user may see, root first.

    Which ancestors the user sees follows from the paths of their grants; the units at the top of
    their reach came with the grants and the parent usually came with the unit, so only the
    ancestors in between (a cell's commune, say) are read.
    """
    reach = reaches(user, Action.VIEW)
    paths = [path for path in unit.ancestor_paths() if any(r.covers(path) for r in reach)]
    if not paths:
        return []
    known = {u.path: u for u in reach_units(user, Action.VIEW)}
    if OrgUnit.parent.is_cached(unit) and unit.parent is not None:
        known[unit.parent.path] = unit.parent
    missing = [path for path in paths if path not in known]
    if missing:
        known.update((u.path, u) for u in OrgUnit.objects.filter(path__in=missing))
    return [known[path] for path in paths if path in known]


def search_units(
    user: Actor, query: str, *, limit: int = 20, include_inactive: bool = False
) -> list[OrgUnit]:
    """Units whose name has a word starting with each word typed (diacritics and case
    ignored), or whose code is the one typed."""
    return match_units(visible_units(user, include_inactive=include_inactive), query, limit=limit)


# The characters a unit code is made of (see ``CODE_PATTERN``): a query holding any other (a space, a
# Vietnamese letter) cannot be a code, and the search then asks for names only.
_CODE_SHAPED = re.compile(r"[A-Z0-9._-]+")


def match_units(units: QuerySet[OrgUnit], query: str, *, limit: int = 20) -> list[OrgUnit]:
    """The search of :func:`search_units` over ``units`` (the caller decides which units may be found).

    Each unit comes with its parent."""
    terms = words(query)
    if not terms:
        return []
    name_match = Q()
    for term in terms:
        name_match &= Q(name_folded__startswith=term) | Q(name_folded__contains=" " + term)
    typed = query.strip()
    code_match = Q(code__iexact=typed) if _CODE_SHAPED.fullmatch(typed.upper()) else None
    qs = units.filter(name_match | code_match) if code_match is not None else units.filter(name_match)
    phrase = " ".join(terms)
    # Whole-phrase matches first, then the code typed, then shallower units, then by name:
    # ranked before the limit, so a close match is never cut off by many loose ones.
    ranked = qs.annotate(
        phrase_rank=Case(
            When(Q(name_folded__startswith=phrase) | Q(name_folded__contains=" " + phrase), then=Value(0)),
            default=Value(1),
        ),
        code_rank=Case(When(code_match, then=Value(0)), default=Value(1))
        if code_match is not None
        else Value(1),
    )
    return list(
        ranked.select_related("parent").order_by("phrase_rank", "code_rank", "depth", "name_folded")[:limit]
    )


def visible_among(user: Actor, ids: set[int]) -> set[int]:
    """Which of these unit ids the user may see (to name a parent or related unit, or not)."""
    if not ids:
        return set()
    return set(visible_units(user, include_inactive=True).filter(pk__in=ids).values_list("pk", flat=True))


def visible_parents(user: Actor, units: list[OrgUnit]) -> set[int]:
    """Which of these units' parents the user may see, to name them or not (the parents came with
    the units: ``match_units``), decided from the paths of the user's grants."""
    reach = reaches(user, Action.VIEW)
    return {
        u.parent.pk for u in units if u.parent is not None and any(r.covers(u.parent.path) for r in reach)
    }


class TreeOrderedIds:
    """The ids of a query of units in tree order, read a page at a time (for the paginator).

    On PostgreSQL each page is read ``ORDER BY path USING ~<~``: the order the path's pattern
    index keeps, so the index that finds a subtree also gives its order, and a page of a province
    no longer sorts the whole province first. Paths are fixed-width digits and dots, which every
    collation orders alike: the same order as ``ORDER BY path``.
    """

    def __init__(self, units: QuerySet[OrgUnit]) -> None:
        self.units = units.order_by("path")

    def count(self) -> int:
        return self.units.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, rows: slice) -> list[int]:
        ids = self.units.values_list("pk", flat=True)
        connection = connections[ids.db]
        if connection.vendor != "postgresql" or rows.step is not None:
            return list(ids[rows])
        start, stop = rows.start or 0, rows.stop
        if stop is not None and stop <= start:
            return []
        sql, params = ids.order_by().query.sql_with_params()
        column = f"{connection.ops.quote_name(OrgUnit._meta.db_table)}.{connection.ops.quote_name('path')}"
        sql = f"{sql} ORDER BY {column} USING ~<~ OFFSET %s"
        params = (*params, start)
        if stop is not None:
            sql += " LIMIT %s"
            params = (*params, stop - start)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


def subtree_units(user: Actor, unit: OrgUnit, *, include_inactive: bool = False) -> QuerySet[OrgUnit]:
    """Every visible unit strictly below ``unit``, in tree order."""
    return (
        visible_units(user, include_inactive=include_inactive)
        .filter(path__startswith=unit.path)
        .exclude(pk=unit.pk)
        .order_by("path")
    )


def subtree_page(
    user: Actor, unit: OrgUnit, page_number: str | int | None, per_page: int = 50
) -> Page[OrgUnit]:
    """One page of ``subtree_units`` with child counts.

    Pages over ids first, so the counts and parents are fetched for this page's
    rows only, however deep the page.
    """

    def rows(ids: list[int]) -> list[OrgUnit]:
        return list(
            with_child_counts(OrgUnit.objects.filter(pk__in=ids), user)
            .select_related("parent")
            .order_by("path")
        )

    ids = cast("_SupportsPagination[int]", TreeOrderedIds(subtree_units(user, unit)))
    return page_then_fetch(ids, page_number, per_page, rows)


@dataclass(frozen=True)
class UnitFunctions:
    led: list[UnitFunction]
    cooperating: list[UnitFunction]
    # Units named on these functions that the user may open; others are shown unnamed.
    visible_unit_ids: frozenset[int]


def unit_functions(user: Actor, unit: OrgUnit) -> UnitFunctions:
    """Functions the unit leads and those it cooperates on (one read, and one for the cooperating
    units when there are functions); which named units the user may open follows from their paths."""
    cooperates = UnitFunction.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values(
        "unitfunction_id"
    )
    functions = list(
        UnitFunction.objects.filter(Q(lead_unit_id=unit.pk) | Q(pk__in=cooperates))
        .select_related("lead_unit")
        .prefetch_related("cooperating_units")
        .order_by("title", "pk")
    )
    led = [f for f in functions if f.lead_unit_id == unit.pk]
    cooperating = [f for f in functions if any(u.pk == unit.pk for u in f.cooperating_units.all())]
    named = {f.lead_unit.pk: f.lead_unit for f in functions}
    named.update((u.pk, u) for f in functions for u in f.cooperating_units.all())
    reach = reaches(user, Action.VIEW)
    visible = frozenset(pk for pk, u in named.items() if any(r.covers(u.path) for r in reach))
    return UnitFunctions(led, cooperating, visible)


@dataclass(frozen=True)
class OverlapPair:
    first: UnitFunction
    second: UnitFunction
    similarity: float


def _similarity(a: str, b: str) -> float:
    words_a, words_b = set(a.split()), set(b.split())
    jaccard = len(words_a & words_b) / len(words_a | words_b) if words_a | words_b else 0.0
    return max(jaccard, SequenceMatcher(None, a, b).ratio())


OVERLAP_THRESHOLD = 0.8
# Looser than the threshold so a misspelt word does not hide a pair.
CANDIDATE_JACCARD = 0.5


def function_overlaps(
    user: Actor, *, threshold: float = OVERLAP_THRESHOLD, root: OrgUnit | None = None
) -> list[OverlapPair]:
    """Pairs of functions led by different units whose wording is the same or nearly so.

    Wording is compared after Vietnamese folding. Only pairs sharing one of
    their rarer words are compared, so the work grows with overlaps, not with
    the square of the list.
    """
    qs = UnitFunction.objects.filter(
        scope_q(user, Action.VIEW, "lead_unit__path"), lead_unit__valid_to__isnull=True
    ).select_related("lead_unit")
    if root is not None:
        qs = qs.filter(lead_unit__path__startswith=root.path)
    functions = list(qs)
    tokens = {f.pk: words(f.title) for f in functions}
    frequency: dict[str, int] = {}
    for function_words in tokens.values():
        for word in set(function_words):
            frequency[word] = frequency.get(word, 0) + 1
    # Prefix filtering: two word sets with Jaccard >= t share one of their
    # rarest |x| - ceil(t*|x|) + 1 words. Index only those.
    by_word: dict[str, list[UnitFunction]] = {}
    for function in functions:
        rare_first = sorted(set(tokens[function.pk]), key=lambda w: (frequency[w], w))
        keep = len(rare_first) - math.ceil(CANDIDATE_JACCARD * len(rare_first)) + 1
        for word in rare_first[:keep]:
            by_word.setdefault(word, []).append(function)
    seen: set[tuple[int, int]] = set()
    pairs: list[OverlapPair] = []
    for group in by_word.values():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                key = (min(first.pk, second.pk), max(first.pk, second.pk))
                if key in seen or first.lead_unit_id == second.lead_unit_id:
                    continue
                seen.add(key)
                score = _similarity(" ".join(tokens[first.pk]), " ".join(tokens[second.pk]))
                if score >= threshold:
                    a, b = sorted((first, second), key=lambda f: f.lead_unit.path)
                    pairs.append(OverlapPair(a, b, round(score, 2)))
    pairs.sort(key=lambda p: (-p.similarity, p.first.lead_unit.path, p.first.title))
    return pairs


# How many units a chooser lists at most, and how deep below the top of the user's reach;
# deeper units are typed by code.
CHOOSER_LIMIT = 400
CHOOSER_DEPTH = 2


def chooser_units(
    user: Actor, action: Action = Action.VIEW, *, within: OrgUnit | None = None
) -> QuerySet[OrgUnit]:
    """Active units the user may ``action``, the top levels of their reach, in tree order.

    ``within`` keeps only that unit's subtree (the unit itself included).
    """
    qs = OrgUnit.objects.filter(scope_q(user, action), valid_to__isnull=True)
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    top = qs.aggregate(d=Min("depth"))["d"]
    if top is None:
        return OrgUnit.objects.none()
    ids = list(
        qs.filter(depth__lte=top + CHOOSER_DEPTH)
        .order_by("path")
        .values_list("pk", flat=True)[:CHOOSER_LIMIT]
    )
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")
