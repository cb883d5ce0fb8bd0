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

When everything the reader may see (and the unit filtered on) lies in one
branch of the tree (a province, or a central agency: the first two segments of
the unit path), a second index (migration 0009) keyed by that branch serves the
search instead, so a province's search reads only its own tokens:

- rarity is counted among the branch's tokens of each word, and a rare word's
  tokens are read, filtered and sorted as above;
- when every word is common there, one word's tokens are walked in name order
  (one index range per distinct token starting with it, merged), the other
  words, the birth year and the scope checked on the way, until the page is
  full; the count is taken the same way, up to ``count_at_most``'s limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import overload

from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from tochuc.accounts.policy import Action, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.core.text import words
from tochuc.orgunits.models import PATH_STEP
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
    return _rarest(
        sorted(set(names), key=len, reverse=True),
        lambda term: _within(_tokens(term, years), within)[:RARE_BELOW].count(),
    )


def _rarest(terms: Iterable[str], count: Callable[[str], int]) -> str | None:
    """The term of fewest ``count``, if under ``RARE_BELOW``; counting stops at a term a tenth as common."""
    best: tuple[int, str] | None = None
    for term in terms:
        found = count(term)
        if best is None or found < best[0]:
            best = (found, term)
        if found < RARE_BELOW // 10:
            break
    if best is None or best[0] >= RARE_BELOW:
        return None
    return best[1]


# The branch of a unit path: the Centre's segment and the next one (a province, a central agency).
BRANCH_LENGTH = 2 * PATH_STEP
# A common word is walked in name order through one index range per distinct token starting with it;
# past this many tokens (a one- or two-letter word) the name order of the people table is walked instead.
MAX_STREAMS = 64


@dataclass(frozen=True)
class Branch:
    """One branch of the tree holding everything a search may find: ``head`` (its path), and the reader's
    reaches inside it (path, with the subtree or not) and the unit filtered on, checked on the index's
    copy of the unit path."""

    head: str
    reaches: tuple[tuple[str, bool], ...]
    unit_path: str = ""

    def scope_sql(self) -> tuple[str, list[int | str]]:
        """The rows inside the reaches and under the unit, on the token table's ``unit_path``."""
        parts: list[str] = []
        params: list[int | str] = []
        for path, subtree in self.reaches:
            if subtree:
                parts.append(f"substr(unit_path, 1, {len(path)}) = %s")
            else:
                parts.append("unit_path = %s")
            params.append(path)
        sql = "(" + " OR ".join(parts) + ")"
        if self.unit_path:
            sql += f" AND substr(unit_path, 1, {len(self.unit_path)}) = %s"
            params.append(self.unit_path)
        return sql, params


def branch_of(user: Actor, unit_path: str = "") -> Branch | None:
    """The branch holding all the people ``user`` sees (under ``unit_path`` when given), or ``None`` when
    they span several branches (the Centre, a user with grants in two provinces) or there are none."""
    heads: set[str] = set()
    kept: list[tuple[str, bool]] = []
    for reach in reaches(user, Action.VIEW):
        if reach.path.startswith(unit_path):
            pass  # the reach lies under the unit (or there is no unit)
        elif reach.include_subtree and unit_path.startswith(reach.path):
            pass  # the unit lies inside the reach
        else:
            continue  # nothing of this reach is under the unit
        kept.append((reach.path, reach.include_subtree))
        longest = max(reach.path, unit_path, key=len)
        if len(longest) < BRANCH_LENGTH:
            return None
        heads.add(longest[:BRANCH_LENGTH])
    if len(heads) != 1:
        return None
    return Branch(heads.pop(), tuple(kept), unit_path)


def _token_column() -> str:
    # PostgreSQL's branch index orders the tokens in byte order (collation "C"), in which the words starting
    # with a typed word form a range and the next distinct token is found by one index probe.
    return 'token COLLATE "C"' if connection.vendor == "postgresql" else "token"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _words_sql(names: list[str], years: list[int]) -> tuple[str, list[int | str]]:
    """``search_condition`` on the token table's columns, in SQL (true when there is nothing to check)."""
    parts: list[str] = ["TRUE" if connection.vendor == "postgresql" else "1"]
    params: list[int | str] = []
    for year in years:
        parts.append("birth_year = %s")
        params.append(year)
    for term in names:
        parts.append("(' ' || name_folded) LIKE %s ESCAPE '\\'")
        params.append("% " + _escape_like(term) + "%")
    return " AND ".join(parts), params


_BRANCH_ROWS = f"people_persontoken WHERE substr(unit_path, 1, {BRANCH_LENGTH}) = %s"


def _branch_count(branch: Branch, term: str, bound: int) -> int:
    """How many of the branch's tokens start with ``term``, counted up to ``bound``."""
    column = _token_column()
    sql = (
        f"SELECT count(*) FROM (SELECT 1 FROM {_BRANCH_ROWS} AND {column} >= %s AND {column} < %s LIMIT %s) s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [branch.head, term, term + LAST_CHARACTER, bound])
        return int(cursor.fetchone()[0])


def _branch_tokens(branch: Branch, term: str, most: int) -> list[str]:
    """The distinct tokens of the branch starting with ``term``, in byte order, at most ``most``: one index
    probe each."""
    column = _token_column()
    first = f"SELECT min({column}) FROM {_BRANCH_ROWS} AND {column} >= %s AND {column} < %s"
    following = f"SELECT min({column}) FROM {_BRANCH_ROWS} AND {column} > t.token AND {column} < %s"
    sql = (
        f"WITH RECURSIVE t(token) AS (SELECT ({first}) UNION ALL "
        f"SELECT ({following}) FROM t WHERE t.token IS NOT NULL) "
        "SELECT token FROM t WHERE token IS NOT NULL LIMIT %s"
    )
    end = term + LAST_CHARACTER
    with connection.cursor() as cursor:
        cursor.execute(sql, [branch.head, term, end, branch.head, end, most])
        return [row[0] for row in cursor.fetchall()]


def _longest_first(names: list[str]) -> list[str]:
    """The distinct typed words, longest first, in the order typed among equals."""
    return sorted(dict.fromkeys(names), key=len, reverse=True)


def branch_rarest_word(branch: Branch, names: list[str]) -> str | None:
    """``rarest_word`` among the branch's tokens (the birth year is checked when reading, not counting)."""
    return _rarest(_longest_first(names), lambda term: _branch_count(branch, term, RARE_BELOW))


def branch_walk(branch: Branch, names: list[str]) -> tuple[str, ...] | None:
    """The distinct tokens of the typed word walked in name order when every word is common in the branch:
    the word with the fewest of them (``None`` when each has more than ``MAX_STREAMS``)."""
    best: list[str] | None = None
    for term in _longest_first(names):
        tokens = _branch_tokens(branch, term, MAX_STREAMS + 1)
        if len(tokens) <= MAX_STREAMS and (best is None or len(tokens) < len(best)):
            best = tokens
        if best is not None and len(best) <= 1:
            break
    return None if best is None else tuple(best)


@dataclass(frozen=True)
class NameQuery:
    """What the index says of a typed name query inside ``within``: ``rare`` is the word whose people are
    read from the index, ``None`` when every word is common there (the name order is walked instead).

    With ``branch``, the branch index is read: ``rare`` was counted there, and when it is ``None``,
    ``walk`` holds the tokens walked in name order (``None``: the people table's name order is walked).
    ``name_only``: nothing but the name, the year and the unit is filtered on, so the list's pages and
    count come from the index alone.
    """

    names: list[str]
    years: list[int]
    within: Q
    rare: str | None
    branch: Branch | None = None
    walk: tuple[str, ...] | None = None
    name_only: bool = False
    read: dict[int, list[int]] = field(default_factory=dict, compare=False, repr=False)

    def _rare_sql(self, columns: str) -> tuple[str, list[int | str]]:
        assert self.branch is not None and self.rare is not None
        column = _token_column()
        scope, scope_params = self.branch.scope_sql()
        checks, check_params = _words_sql(self.names, self.years)
        sql = (
            f"SELECT {columns} FROM {_BRANCH_ROWS} AND {column} >= %s AND {column} < %s "
            f"AND {checks} AND {scope}"
        )
        return sql, [self.branch.head, self.rare, self.rare + LAST_CHARACTER, *check_params, *scope_params]

    def _stream_sql(self, token: str) -> tuple[str, list[int | str]]:
        """The people of one walked token in the branch, checked for the other words, the year and the scope."""
        assert self.branch is not None
        scope, scope_params = self.branch.scope_sql()
        checks, check_params = _words_sql(self.names, self.years)
        sql = f"SELECT person_id, sort_key FROM {_BRANCH_ROWS} AND {_token_column()} = %s AND {checks} AND {scope}"
        return sql, [self.branch.head, token, *check_params, *scope_params]

    def walked_ids(self, want: int) -> list[int]:
        """The first ``want`` people of the walk, in name order (kept: the list counts them, then shows
        its page from the same reading).

        Each token's people come in name order from the index, and one person has one row per token, so
        the first ``want`` people of the whole walk are among the first ``want`` rows of each token:
        those are read (one ordered range each), merged in name order and repeated people dropped.
        """
        assert self.walk
        for read, ids in self.read.items():
            if read >= want or len(ids) < read:  # as far as asked, or all there are
                return ids[:want]
        parts: list[str] = []
        params: list[int | str] = []
        for n, token in enumerate(self.walk):
            stream, stream_params = self._stream_sql(token)
            parts.append(
                f"SELECT person_id, sort_key FROM ({stream} ORDER BY sort_key, person_id LIMIT %s) s{n}"
            )
            params += [*stream_params, want]
        sql = f"SELECT person_id FROM ({' UNION ALL '.join(parts)}) t ORDER BY sort_key, person_id"
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [row[0] for row in cursor.fetchall()]
        found = list(dict.fromkeys(rows))[:want]
        self.read[want] = found
        return found

    @property
    def indexed(self) -> bool:
        """Whether ``ids`` reads the page from an index (else the people table's name order is walked)."""
        if self.branch is not None:
            return self.rare is not None or bool(self.walk)
        return self.rare is not None

    def ids(self, *, offset: int, limit: int) -> list[int]:
        """One page of the people matching, in name order, from the index (``indexed`` must hold)."""
        if self.branch is not None and self.rare is not None:
            sql, params = self._rare_sql("DISTINCT person_id, sort_key")
        elif self.branch is not None and self.walk:
            return self.walked_ids(offset + limit)[offset:] if limit > 0 else []
        elif self.rare is not None:
            rows = (
                _tokens(self.rare, self.years)
                .filter(token_condition(self.names, self.years))
                .filter(self.within)
                .order_by("sort_key", "person_id")
                .values_list("person_id", "sort_key")
                .distinct()
            )
            return [person_id for person_id, _ in rows[offset : offset + limit]]
        else:
            raise ValueError("the index cannot serve this query")
        sql += " ORDER BY sort_key, person_id LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    @property
    def candidates(self) -> Q | None:
        """A filter on people narrowing ``search_condition`` to the people the index finds (the plain
        condition stays beside it and keeps the meaning exact), or ``None`` when the index cannot help."""
        if self.rare is None:
            return None
        if self.branch is not None:
            sql, params = self._rare_sql("person_id")
            return Q(pk__in=RawSQL(sql, params))
        found = _tokens(self.rare, self.years).filter(token_condition(self.names, self.years), self.within)
        return Q(pk__in=found.values("person_id"))


def name_query(query: str, within: Q, branch: Branch | None = None, *, name_only: bool = False) -> NameQuery:
    """Read ``query`` against the index once, for a list that filters, counts and pages on it; ``branch``
    when everything ``within`` holds lies in that branch (``branch_of``)."""
    names, years = split_query(query)
    if not names:
        return NameQuery(names, years, within, None)
    if branch is not None:
        rare = branch_rarest_word(branch, names)
        walk = None if rare is not None else branch_walk(branch, names)
        return NameQuery(names, years, within, rare, branch, walk, name_only)
    return NameQuery(names, years, within, rarest_word(names, years, within))


def count_exactly(found: NameQuery) -> int:
    """How many people match a query whose rare word is read from the branch index."""
    sql, params = found._rare_sql("count(DISTINCT person_id)")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.fetchone()[0])


def count_at_most(found: NameQuery, limit: int) -> int:
    """How many people inside ``found.within`` match the query, counted up to ``limit + 1`` (more means "over
    ``limit``"), from the index alone.

    Walked in a branch, the first ``limit + 1`` people in name order are read (and kept for the page).
    Otherwise: a person has
    one token per distinct word of the name, so unless names run past ``MAX_WORDS`` words, ``limit + 1``
    people are found among the first ``(limit + 1) × MAX_WORDS`` tokens; the index is read no further
    than that.
    """
    names, years, within = found.names, found.years, found.within
    if not names:
        raise ValueError("count_at_most needs a name word")
    if found.branch is not None and found.walk:
        return len(found.walked_ids(limit + 1))
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

    ``None`` when the index cannot serve it (every typed word common): the caller walks the name order.
    """
    found = name_query(query, token_scope(user), branch_of(user))
    if not found.indexed:
        return None
    return found.ids(offset=offset, limit=limit)


class IndexedIds(Sequence[int]):
    """The ids of a name-only list, page by page from the index, for a paginator given the count."""

    def __init__(self, found: NameQuery, count: int) -> None:
        self.found, self.total = found, count

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            return self.found.ids(offset=index, limit=1)[0]
        start, stop = index.start or 0, index.stop if index.stop is not None else self.total
        return self.found.ids(offset=start, limit=max(stop - start, 0))
