"""Reads of personnel records, always scoped by the acting user."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import TypedDict

from django.core.cache import cache
from django.core.paginator import Page
from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Concat
from django.db.models.lookups import Contains
from django.utils import timezone

from tochuc.accounts.policy import Action, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.core.pages import page_then_fetch
from tochuc.core.text import words
from tochuc.orgunits.models import OrgUnit
from tochuc.people import search
from tochuc.people.ethnicities import in_official_order
from tochuc.people.models import (
    CareerEntry,
    Person,
    PersonCorrection,
    PersonDiscipline,
    PersonReward,
    Relative,
    Training,
)
from tochuc.positions.models import Assignment

AGE_BANDS: dict[str, tuple[int, int | None]] = {
    "lt30": (0, 30),
    "30-39": (30, 40),
    "40-49": (40, 50),
    "50-59": (50, 60),
    "60+": (60, None),
}
AGE_BAND_LABELS = {
    "lt30": "Dưới 30",
    "30-39": "30–39",
    "40-49": "40–49",
    "50-59": "50–59",
    "60+": "Từ 60",
}
_YEAR = re.compile(r"^(19|20)\d{2}$")


def people_for(user: Actor, action: Action = Action.VIEW) -> QuerySet[Person]:
    """Every person whose unit the user reaches, in Vietnamese name order."""
    return Person.objects.filter(scope_q(user, action, "unit__path")).order_by("sort_key", "pk")


@dataclass(frozen=True)
class PeopleFilter:
    q: str = ""
    unit: OrgUnit | None = None  # with its whole subtree
    gender: str = ""
    ethnicity: str = ""
    age_band: str = ""
    political_theory_level: str = ""
    membership_status: str = ""


def _birth_range(band: str, today: dt.date) -> Q:
    low, high = AGE_BANDS[band]
    # Age >= low  <=> born on or before today minus low years; age < high <=> born after today minus high years.
    condition = Q(birth_date__lte=_years_before(today, low))
    if high is not None:
        condition &= Q(birth_date__gt=_years_before(today, high))
    return condition


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def search_condition(query: str) -> Q:
    """Each word typed must start a word of the name (diacritics ignored); a 4-digit year matches the birth year."""
    terms = words(query)
    years = [int(t) for t in terms if _YEAR.match(t)]
    names = [t for t in terms if not _YEAR.match(t)]
    condition = Q()
    for year in years:
        condition &= Q(birth_date__year=year)
    for term in names:
        if years:
            # A birth year narrows the search to ~2 % of people through its index;
            # the name words are then checked on those rows only. Written on an
            # expression no index covers, so the planner does not intersect huge
            # trigram bitmaps of common words ("thi", "van") instead.
            condition &= Q(Contains(Concat(Value(" "), "name_folded"), " " + term))
        else:
            condition &= Q(name_folded__startswith=term) | Q(name_folded__contains=" " + term)
    return condition


def name_query(user: Actor, filters: PeopleFilter) -> search.NameQuery | None:
    """The typed name read against the index where the list looks (the user's scope, the unit chosen)."""
    if not filters.q:
        return None
    unit_path = filters.unit.path if filters.unit else ""
    return search.name_query(
        filters.q,
        search.token_scope(user, unit_path),
        search.branch_of(user, unit_path),
        name_only=not _other_filters(filters),
    )


def _other_filters(filters: PeopleFilter) -> bool:
    """Whether the list filters on more than the name, the birth year and the unit."""
    return any(
        [
            filters.gender,
            filters.ethnicity,
            filters.age_band,
            filters.political_theory_level,
            filters.membership_status,
        ]
    )


def filter_people(
    user: Actor, filters: PeopleFilter, *, named: search.NameQuery | None = None
) -> QuerySet[Person]:
    """People ``user`` sees, filtered; ``named`` is ``name_query(user, filters)`` when already read."""
    qs = people_for(user)
    if filters.q:
        qs = qs.filter(search_condition(filters.q))
        named = named or name_query(user, filters)
        narrowed = named.candidates if named else None
        if narrowed is not None:
            qs = qs.filter(narrowed)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    return narrowed_by_traits(qs, filters)


def narrowed_by_traits(qs: QuerySet[Person], filters: PeopleFilter) -> QuerySet[Person]:
    """``qs`` narrowed by the list's filters other than the name, the unit and the scope: gender,
    ethnicity, age band, theory level, membership status."""
    if filters.gender:
        qs = qs.filter(gender=filters.gender)
    if filters.ethnicity:
        qs = qs.filter(ethnicity=filters.ethnicity)
    if filters.age_band in AGE_BANDS:
        qs = qs.filter(_birth_range(filters.age_band, timezone.localdate()))
    if filters.political_theory_level:
        qs = qs.filter(political_theory_level=filters.political_theory_level)
    if filters.membership_status:
        qs = qs.filter(membership__status=filters.membership_status)
    return qs


# Past this many matches of a name search the list says "more than" instead of counting every one.
SEARCH_COUNT_LIMIT = 1000


@dataclass(frozen=True)
class Counted:
    n: int
    more: bool  # there are more than ``n`` (the count stopped at ``SEARCH_COUNT_LIMIT``)


def count_people(filters: PeopleFilter, qs: QuerySet[Person], named: search.NameQuery | None) -> Counted:
    """The size of ``qs`` (``filter_people`` with ``named``): exact, except for a name search whose every
    word is common where it looks, counted up to ``SEARCH_COUNT_LIMIT``."""
    if named is None or not named.names:
        return Counted(qs.count(), more=False)
    name_only = not _other_filters(filters)
    if named.rare is not None:
        if name_only and named.branch is not None:
            return Counted(search.count_exactly(named), more=False)
        return Counted(qs.count(), more=False)
    if name_only:
        found = search.count_at_most(named, SEARCH_COUNT_LIMIT)
    else:
        found = qs.order_by().values("pk")[: SEARCH_COUNT_LIMIT + 1].count()
    return Counted(min(found, SEARCH_COUNT_LIMIT), more=found > SEARCH_COUNT_LIMIT)


def search_people(user: Actor, query: str, *, limit: int = 20) -> list[Person]:
    """The first ``limit`` people matching ``query`` in name order (see ``search_people_page``)."""
    return search_people_page(user, query, limit=limit)


# --- The people list page, its export, and the curriculum vitae page ---


def people_page_rows(qs: QuerySet[Person]) -> QuerySet[Person]:
    """What one row of the list shows, in a fixed number of queries."""
    return qs.select_related("unit", "membership").only(
        "code",
        "full_name",
        "birth_date",
        "gender",
        "ethnicity",
        "political_theory_level",
        "current_post",
        "unit__code",
        "unit__name",
        "unit__short_name",
        "unit__path",
        "membership__status",
        "membership__person",
    )


def may_reveal_all(user: Actor, qs: QuerySet[Person]) -> bool:
    """Whether the user may see the citizen ID of every person in ``qs``."""
    return not qs.exclude(scope_q(user, Action.REVEAL_CITIZEN_ID, "unit__path")).exists()


ETHNICITY_CACHE_SECONDS = 600


def ethnicities_for(user: Actor) -> list[str]:
    """The ethnicities recorded in the user's scope, for the filter list, in the official order.

    A distinct scan of a province takes tens of milliseconds, so the list is
    kept for a few minutes per scope; a new ethnicity appears after that.
    """
    paths = ",".join(f"{r.path}{'*' if r.include_subtree else ''}" for r in reaches(user, Action.VIEW))
    key = "people:ethnicities:" + hashlib.sha1(paths.encode()).hexdigest()
    found: list[str] | None = cache.get(key)
    if found is None:
        found = in_official_order(
            people_for(user).order_by().values_list("ethnicity", flat=True).distinct().order_by()
        )
        cache.set(key, found, ETHNICITY_CACHE_SECONDS)
    return found


class PersonProfile(TypedDict):
    career: list[CareerEntry]
    trainings: list[Training]
    rewards: list[PersonReward]
    disciplines: list[PersonDiscipline]
    relatives: list[Relative]
    corrections: list[PersonCorrection]


def person_profile(person: Person, *, corrections: bool = True) -> PersonProfile:
    """Every part of a person's 2C curriculum vitae (the person was fetched through scope), and the
    history of corrections unless ``corrections`` is false (the Word 2C does not print it: empty)."""
    return {
        "career": list(person.career.all()),
        "trainings": list(person.trainings.all()),
        "rewards": list(person.rewards.all()),
        "disciplines": list(person.disciplines.all()),
        "relatives": list(person.relatives.select_related("linked_person").order_by("pk")),
        "corrections": list(person.corrections.select_related("actor")[:200]) if corrections else [],
    }


def person_positions(user: Actor, person: Person) -> list[Assignment]:
    """The person's current positions (open assignments) that the user may see."""
    from tochuc.positions.selectors import current_positions

    return current_positions(user, person)


def people_page(
    qs: QuerySet[Person],
    page_number: str | int | None,
    per_page: int,
    *,
    count: int | None = None,
    named: search.NameQuery | None = None,
    within: QuerySet[Person] | None = None,
) -> Page[Person]:
    """One page of the list: ids first, then those rows (see ``page_by_ids``); ``count`` when already
    known (``count_people``), else counted. A name-only search read in one branch (``named``) takes the
    page's ids from the branch index, in the same order; its rows are read again within ``within``
    (``people_for(user)``), so a person the index still places in the reader's scope is never shown
    when the person's unit says otherwise."""

    def rows(ids: list[int]) -> list[Person]:
        by_id = people_page_rows(Person.objects.filter(pk__in=ids)).in_bulk()
        return [by_id[pk] for pk in ids]

    def rows_within(ids: list[int]) -> list[Person]:
        scoped = within if within is not None else Person.objects.none()
        by_id = people_page_rows(scoped.filter(pk__in=ids).order_by()).in_bulk()
        return [by_id[pk] for pk in ids if pk in by_id]

    if (
        named is not None
        and named.name_only
        and named.branch is not None
        and named.indexed
        and count is not None
    ):
        return page_then_fetch(
            search.IndexedIds(named, count), page_number, per_page, rows_within, count=count
        )
    return page_then_fetch(qs.values_list("pk", flat=True), page_number, per_page, rows, count=count)


def profiles(user: Actor) -> QuerySet[Person]:
    """People the user reaches, with everything the 2C curriculum vitae shows fetched in a fixed number of queries."""
    from django.db.models import Prefetch

    from tochuc.people.models import Relative

    return (
        people_for(user)
        .select_related("unit", "membership")
        .prefetch_related(
            "career",
            "trainings",
            "rewards",
            "disciplines",
            Prefetch("relatives", queryset=Relative.objects.select_related("linked_person__unit")),
        )
    )


def page_by_ids(qs: QuerySet[Person], *, offset: int, limit: int) -> list[Person]:
    """One page of ``qs`` in its order: the ids first, then those rows with their unit and membership.

    The ids come from a narrow query that PostgreSQL answers from a covering
    index (migration 0004) without visiting the table for every skipped row.
    """
    ids = list(qs.values_list("pk", flat=True)[offset : offset + limit])
    return rows_by_ids(ids) if ids else []


def search_people_page(user: Actor, query: str, *, limit: int = 20) -> list[Person]:
    """People matching ``query``, first page, through the token index when a typed word is rare.

    Otherwise the name order is walked (ids first, see ``page_by_ids``): with
    only common words a page fills after a few hundred people.
    """
    if not words(query):
        return []
    ids = search.page_ids(user, query, offset=0, limit=limit)
    if ids is None:
        return page_by_ids(people_for(user).filter(search_condition(query)), offset=0, limit=limit)
    return rows_by_ids(ids, within=people_for(user))


def rows_by_ids(ids: list[int], *, within: QuerySet[Person] | None = None) -> list[Person]:
    """These people, in this order, with their unit and membership; with ``within``, only those in it
    (the index's copy of a unit path is checked against the people table's own)."""
    qs = Person.objects.all() if within is None else within
    rows = qs.filter(pk__in=ids).select_related("unit", "membership").in_bulk()
    return [rows[pk] for pk in ids if pk in rows]
