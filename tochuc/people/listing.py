"""The people list of a scope or a unit at national scale: its total and its pages.

A province holds some 300,000 people among 5.7 million. Counting them for the list's total read them
all on every page; the kept figures (``tochuc.figures``) already hold that number for each unit's
whole subtree. ``kept_total`` answers from them when they answer exactly: the list is not narrowed by
a name or an age (kept per birth year, not per day), by at most one of gender, ethnicity, theory
level or membership status, and the user sees the whole subtree of every unit summed
(``can_subtree``). Otherwise the list keeps counting its rows.

A page of that list (``wide_subtree``) is read from the subtree's units and their people in name
order: the ids of the units first (one index range on their paths), then the people whose unit is
one of them, walking the name order's covering index (migration 0004) with the unit checked against
that set inside the index. The join it replaces looked up the unit of every person skipped on the
way: page 50 of a province read 48,000 units (390–540 ms); the set costs one lookup in memory each
(50–60 ms in all).
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import BooleanField, Q, QuerySet, Sum
from django.db.models.expressions import RawSQL

from tochuc.accounts.policy import Action, can_subtree, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.figures.models import Figure, Topic
from tochuc.figures.selectors import enabled as kept_figures_enabled
from tochuc.figures.selectors import outermost
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.selectors import AGE_BANDS, PeopleFilter, narrowed_by_traits

# Past this many units (a whole country) the set of units is not worth building: the list joins them.
WIDE_UNITS_MAX = 40_000
# The first pages are found sooner by the join (a few hundred units looked up, 10 ms for a province's
# first page) than by building the set of units (15,000 in a province: 20–30 ms); deeper pages, from:
WIDE_FROM_PAGE = 3


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


def _units_in(units: QuerySet[OrgUnit]) -> Q | RawSQL | None:
    """A filter on people keeping those whose unit is one of ``units``, or ``None`` past
    ``WIDE_UNITS_MAX`` units.

    On PostgreSQL the ids travel as one text that the server joins and splits itself: the planner
    folds ``string_to_array`` of a constant into a constant array of the column's type, which it
    hashes (15,000 ids written ``IN (…)`` took 40–60 ms to parse and plan; a Python list of them 40 ms
    to fetch and quote).
    """
    ids = units.order_by().values_list("pk", flat=True)[: WIDE_UNITS_MAX + 1]
    if connection.vendor != "postgresql":
        # A subquery, not the ids: SQLite takes at most 32,766 parameters in one statement.
        return Q(unit_id__in=units.order_by().values("pk")) if ids.count() <= WIDE_UNITS_MAX else None
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # a user who sees no unit
        return Q(pk__in=[])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT string_agg(CAST(u.pk AS text), ','), COUNT(*) FROM ({sql}) u (pk)", params)
        text, count = cursor.fetchone()
    if count > WIDE_UNITS_MAX:
        return None
    column = f'"{Person._meta.db_table}"."unit_id"'
    return RawSQL(
        f"{column} = ANY(CAST(string_to_array(%s, ',') AS bigint[]))",
        (text or "",),
        output_field=BooleanField(),
    )


def is_deep(page_number: str | None) -> bool:
    """Whether the page asked for is deep enough for ``wide_subtree`` to pay."""
    try:
        return int(page_number or 1) >= WIDE_FROM_PAGE
    except ValueError:
        return False


# Walking the name order reads about (the rows up to the end of the page) × (people everywhere ÷ people
# on the list) index entries. Past this many the join's sort is cheaper: a province's last pages, or a
# rare ethnicity, would walk the whole country (17 s for a list of nobody in a province of 300,000).
WALK_BUDGET = 200_000


def people_everywhere() -> int:
    """How many people the name order holds (PostgreSQL's estimate when it has one)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Person._meta.db_table])
            row = cursor.fetchone()
        if row is not None and row[0] >= 1:
            return int(row[0])
    return Person.objects.count()


def walk_pays(page_number: str | None, count: int, per_page: int) -> bool:
    """Whether walking the name order to the end of the page stays within ``WALK_BUDGET`` entries."""
    if count <= 0:
        return False
    try:
        number = int(page_number or 1)
    except ValueError:
        number = 1
    number = min(max(number, 1), -(-count // per_page))
    return number * per_page * people_everywhere() <= WALK_BUDGET * count


def wide_pays(filters: PeopleFilter, page_number: str | None, count: int, per_page: int) -> bool:
    """Whether ``wide_subtree`` reads this page of a list of ``count`` people: a deep page, or a list
    narrowed by two or more of gender, ethnicity, age, theory level and status (the join then
    misjudges how few rows match and sorts them all: 110 ms for a province's women in their forties,
    28 ms walked) — and in both cases only when the walk is short (``walk_pays``)."""
    narrowed = sum(
        bool(value)
        for value in (
            filters.gender,
            filters.ethnicity,
            filters.age_band in AGE_BANDS,
            filters.political_theory_level,
            filters.membership_status,
        )
    )
    if not (is_deep(page_number) or narrowed >= 2):
        return False
    return walk_pays(page_number, count, per_page)


def wide_subtree(user: Actor, filters: PeopleFilter) -> QuerySet[Person] | None:
    """``filter_people(user, filters)`` (same rows, same order) read from the units of the list first,
    or ``None`` when that does not help: a name search (it has its own index), or more units than
    ``WIDE_UNITS_MAX``."""
    if filters.q:
        return None
    units = OrgUnit.objects.filter(scope_q(user, Action.VIEW, "path"))
    if filters.unit is not None:
        units = units.filter(path__startswith=filters.unit.path)
    inside = _units_in(units)
    if inside is None:
        return None
    # The units hold the scope and the unit filter; a name search never comes here.
    return narrowed_by_traits(Person.objects.filter(inside).order_by("sort_key", "pk"), filters)
