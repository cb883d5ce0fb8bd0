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
per word, whatever the size of the country. They are taken inside the reader's
scope (and the unit filtered on): a word common in the country may be rare in
one province, whose people are then read from the index instead of walking the
name order of the whole country.

A list counts its matches only up to ``count_at_most``'s limit when every word
is common in the scope: past a thousand people a count helps nobody, and
counting a common given name exactly in a province of 300,000 reads all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Q, QuerySet

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.core.text import words
from tochuc.people.models import PersonToken

RARE_BELOW = 10_000
# Words of a name: a person has at most this many tokens starting with one typed word (see count_at_most).
MAX_WORDS = 8
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


def _within(qs: QuerySet[PersonToken], within: Q | None) -> QuerySet[PersonToken]:
    return qs if within is None else qs.filter(within)


def token_scope(user: Actor, unit_path: str = "") -> Q:
    """The tokens of people ``user`` may see (under ``unit_path`` when given), on the token table's paths."""
    condition = scope_q(user, Action.VIEW, "unit_path")
    return condition & Q(unit_path__startswith=unit_path) if unit_path else condition


def rarest_word(names: list[str], years: list[int], within: Q | None = None) -> str | None:
    """The typed word starting the fewest tokens (inside ``within``), if fewer than ``RARE_BELOW``;
    ``None`` when all are common.

    Longer words are counted first and counting stops at the first word
    known to be rare enough that no other can save much.
    """
    best: tuple[int, str] | None = None
    for term in sorted(set(names), key=len, reverse=True):
        found = _within(_tokens(term, years), within)[:RARE_BELOW].count()
        if best is None or found < best[0]:
            best = (found, term)
        if found < RARE_BELOW // 10:
            break
    if best is None or best[0] >= RARE_BELOW:
        return None
    return best[1]


@dataclass(frozen=True)
class NameQuery:
    """What the index says of a typed name query inside ``within``: ``rare`` is the word whose people are
    read from the index, ``None`` when every word is common there (the name order is walked instead)."""

    names: list[str]
    years: list[int]
    within: Q
    rare: str | None

    @property
    def candidates(self) -> Q | None:
        """A filter on people narrowing ``search_condition`` to the people the index finds (the plain
        condition stays beside it and keeps the meaning exact), or ``None`` when the index cannot help."""
        if self.rare is None:
            return None
        found = _tokens(self.rare, self.years).filter(token_condition(self.names, self.years), self.within)
        return Q(pk__in=found.values("person_id"))


def name_query(query: str, within: Q) -> NameQuery:
    """Read ``query`` against the index once, for a list that filters, counts and pages on it."""
    names, years = split_query(query)
    return NameQuery(names, years, within, rarest_word(names, years, within) if names else None)


def count_at_most(found: NameQuery, limit: int) -> int:
    """How many people inside ``found.within`` match the query, counted up to ``limit + 1`` (more means "over
    ``limit``"), from the index alone.

    A person has one token per distinct word of the name, so unless names run past ``MAX_WORDS`` words,
    ``limit + 1`` people are found among the first ``(limit + 1) × MAX_WORDS`` tokens; the index is read no
    further than that.
    """
    names, years, within = found.names, found.years, found.within
    if not names:
        raise ValueError("count_at_most needs a name word")
    term = max(names, key=len)
    enough = (limit + 1) * MAX_WORDS
    rows = list(
        _tokens(term, years)
        .filter(token_condition(names, years), within)
        .values_list("person_id", flat=True)[:enough]
    )
    people = len(set(rows))
    if len(rows) == enough and people <= limit:  # a name of more than MAX_WORDS words: count them all
        people = (
            _tokens(term, years)
            .filter(token_condition(names, years), within)
            .values("person_id")
            .distinct()[: limit + 1]
            .count()
        )
    return people


def page_ids(user: Actor, query: str, *, offset: int, limit: int) -> list[int] | None:
    """The ids of one page of people matching ``query`` in the user's scope, in name order.

    ``None`` when no typed word is rare: the caller walks the name order instead.
    """
    names, years = split_query(query)
    within = token_scope(user)
    rare = rarest_word(names, years, within) if names else None
    if rare is None:
        return None
    rows = (
        _tokens(rare, years)
        .filter(token_condition(names, years))
        .filter(within)
        .order_by("sort_key", "person_id")
        .values_list("person_id", "sort_key")
        .distinct()
    )
    return [person_id for person_id, _ in rows[offset : offset + limit]]
