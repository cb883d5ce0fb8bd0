"""Name search through the token-prefix index (``PersonToken``), with the same results as the plain query.

A typed word matches a person when it starts a word of the folded name
(``selectors.search_condition``). Over millions of people the plain query either
scans a trigram index of the whole country or walks the name order until a
page is full; which one is fast depends on how common the words are:

- a word that starts fewer than ``RARE_BELOW`` tokens in the country (counted
  in the index, stopping at that bound) is *rare*: its tokens, with the birth
  year and the user's scope, are read from the index alone, the other words
  checked there too, and the page taken in name order;
- when every typed word is common ("nguyen", "van", "thi": a third of the
  country each), a page fills after a few hundred people in name order, so the
  plain query walks the sorted covering index (migration 0004) instead.

The counts are bounded, so choosing costs at most a few thousand index entries
per word, whatever the size of the country.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import Q, QuerySet

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.core.text import words
from tochuc.people.models import PersonToken

RARE_BELOW = 2_000
LAST_CHARACTER = "\U0010ffff"
_YEAR = re.compile(r"^(19|20)\d{2}$")


def split_query(query: str) -> tuple[list[str], list[int]]:
    """The name words and the birth years of a typed query."""
    terms = words(query)
    return [t for t in terms if not _YEAR.match(t)], [int(t) for t in terms if _YEAR.match(t)]


def token_condition(names: list[str], years: list[int]) -> Q:
    """``search_condition`` written on the columns of ``PersonToken``."""
    condition = Q()
    for year in years:
        condition &= Q(birth_year=year)
    for term in names:
        condition &= Q(name_folded__startswith=term) | Q(name_folded__contains=" " + term)
    return condition


def _tokens(term: str, years: list[int]) -> QuerySet[PersonToken]:
    if connection.vendor == "postgresql":
        qs = PersonToken.objects.filter(token__startswith=term)  # LIKE 'term%' on a varchar_pattern_ops index
    else:
        # SQLite's LIKE ignores case and so no index serves it; its text order is the
        # code point order, in which the words starting with ``term`` form this range.
        qs = PersonToken.objects.filter(token__gte=term, token__lt=term + LAST_CHARACTER)
    for year in years:
        qs = qs.filter(birth_year=year)
    return qs


def rarest_word(names: list[str], years: list[int]) -> str | None:
    """The typed word starting the fewest tokens, if fewer than ``RARE_BELOW``; ``None`` when all are common.

    Longer words are counted first and counting stops at the first word
    known to be rare enough that no other can save much.
    """
    best: tuple[int, str] | None = None
    for term in sorted(set(names), key=len, reverse=True):
        found = _tokens(term, years)[:RARE_BELOW].count()
        if best is None or found < best[0]:
            best = (found, term)
        if found < RARE_BELOW // 10:
            break
    if best is None or best[0] >= RARE_BELOW:
        return None
    return best[1]


def candidates(query: str) -> Q | None:
    """A filter on people narrowing ``search_condition(query)`` through the index, or ``None`` when it cannot help.

    Used beside the plain condition (which keeps the meaning exact) by lists
    that filter and count on more than the name.
    """
    names, years = split_query(query)
    rare = rarest_word(names, years) if names else None
    if rare is None:
        return None
    return Q(pk__in=_tokens(rare, years).values("person_id"))


def page_ids(user: Actor, query: str, *, offset: int, limit: int) -> list[int] | None:
    """The ids of one page of people matching ``query`` in the user's scope, in name order.

    ``None`` when no typed word is rare: the caller walks the name order instead.
    """
    names, years = split_query(query)
    rare = rarest_word(names, years) if names else None
    if rare is None:
        return None
    rows = (
        _tokens(rare, years)
        .filter(token_condition(names, years))
        .filter(scope_q(user, Action.VIEW, "unit_path"))
        .order_by("sort_key", "person_id")
        .values_list("person_id", "sort_key")
        .distinct()
    )
    return [person_id for person_id, _ in rows[offset : offset + limit]]
