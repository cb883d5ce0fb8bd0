"""The people list's total from the kept figures equals the count of its rows, whatever the filters,
the user and the moves of units; the list asks the figures, not the rows, when they answer."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, login, make_user
from tochuc.core.actors import Actor
from tochuc.people import listing
from tochuc.people.models import Membership, Person
from tochuc.people.selectors import AGE_BANDS, PeopleFilter, filter_people

pytestmark = pytest.mark.django_db

GENDERS = ("male", "female")
ETHNICITIES = ("Kinh", "Tày", "Mường")
THEORIES = ("none", "elementary", "advanced")
STATUSES = ("full", "probationary", "left", None)  # None: no membership row
_codes = itertools.count(1)

people_st = st.lists(
    st.tuples(
        st.integers(0, 10),  # unit (index in Tree.units())
        st.sampled_from(GENDERS),
        st.sampled_from(ETHNICITIES),
        st.sampled_from(THEORIES),
        st.sampled_from(STATUSES),
        st.integers(1950, 2000),
    ),
    max_size=14,
)
filters_st = st.fixed_dictionaries(
    {
        "unit": st.one_of(st.none(), st.integers(0, 10)),
        "gender": st.sampled_from(("", *GENDERS)),
        "ethnicity": st.sampled_from(("", *ETHNICITIES, "Thái")),
        "political_theory_level": st.sampled_from(("", *THEORIES)),
        "membership_status": st.sampled_from(("", "full", "probationary", "left")),
        "age_band": st.sampled_from(("", "", "", *AGE_BANDS)),
        "q": st.sampled_from(("", "", "", "an")),
    }
)


def _add_people(tree: Tree, specs: list[tuple[int, str, str, str, str | None, int]]) -> None:
    units = tree.units()
    for unit, gender, ethnicity, theory, status, year in specs:
        k = next(_codes)
        person = Person.objects.create(
            code=f"L{k:06d}",
            unit=units[unit],
            full_name=f"Lê Văn An {k}",
            family_name="Lê",
            given_name="An",
            name_folded=f"le van an {k}",
            sort_key=f"an {k:06d}",
            birth_date=dt.date(year, 1 + k % 12, 1 + k % 28),
            gender=gender,
            ethnicity=ethnicity,
            political_theory_level=theory,
        )
        if status is not None:
            Membership.objects.create(person=person, status=status)


def _users(tree: Tree) -> list[Actor]:
    single = make_user("single", Role.SPECIALIST, None)
    grant_role(actor=None, user=single, role=Role.VIEWER, unit=tree.commune, include_subtree=False)
    nested = make_user("nested", Role.VIEWER, tree.province)
    grant_role(actor=None, user=nested, role=Role.VIEWER, unit=tree.commune)
    grant_role(actor=None, user=nested, role=Role.VIEWER, unit=tree.other_cell)
    return [
        make_user("inside", Role.SPECIALIST, tree.province),
        make_user("outside", Role.SPECIALIST, tree.other_province),
        make_user("leader", Role.LEADER, tree.commune),
        make_user("auditor", Role.AUDITOR, tree.centre),
        single,
        nested,
        make_user("nobody"),
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=people_st, moves=st.lists(st.integers(0, 20), max_size=2), chosen=st.lists(filters_st, max_size=6)
)
def test_the_kept_total_is_the_count_of_the_rows(tree, specs, moves, chosen):
    with transaction.atomic():
        users = _users(tree)
        _add_people(tree, specs)
        for pick in moves:
            tree.move_a_branch(pick)
        units = tree.units()
        for unit in units:
            unit.refresh_from_db()
        for values in chosen:
            unit = None if values["unit"] is None else units[values["unit"]]
            filters = PeopleFilter(**{**values, "unit": unit})
            for user in users:
                total = listing.kept_total(user, filters)
                if total is not None:
                    assert total == filter_people(user, filters).count(), (user, filters)
        transaction.set_rollback(True)


@pytest.fixture
def spread(tree):
    _add_people(
        tree,
        [
            (6, "female", "Tày", "advanced", "full", 1980),
            (6, "male", "Kinh", "none", "probationary", 1990),
            (7, "male", "Kinh", "elementary", None, 1970),
            (4, "female", "Kinh", "none", "left", 1985),
            (10, "male", "Mường", "advanced", "full", 1965),
        ],
    )
    return tree


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({}, 4),
        ({"unit": "commune"}, 3),
        ({"unit": "commune", "gender": "female"}, 2),
        ({"gender": "male"}, 2),
        ({"ethnicity": "Kinh"}, 3),
        ({"political_theory_level": "none"}, 2),
        ({"membership_status": "full"}, 1),
        ({"unit": "province", "membership_status": "left"}, 1),
    ],
)
def test_the_figures_answer_a_whole_subtree_with_at_most_one_kept_filter(spread, inside, values, expected):
    unit = getattr(spread, values.pop("unit")) if "unit" in values else None
    filters = PeopleFilter(unit=unit, **values)
    assert listing.kept_total(inside, filters) == expected == filter_people(inside, filters).count()


@pytest.mark.parametrize(
    "values",
    [
        {"q": "an"},
        {"age_band": "40-49"},
        {"gender": "male", "ethnicity": "Kinh"},
        {"membership_status": "full", "political_theory_level": "advanced"},
    ],
)
def test_a_name_an_age_or_two_kept_filters_are_counted(spread, inside, values):
    assert listing.kept_total(inside, PeopleFilter(**values)) is None


def test_a_user_without_the_whole_subtree_gets_a_count(spread):
    single = make_user("single")
    grant_role(actor=None, user=single, role=Role.VIEWER, unit=spread.commune, include_subtree=False)
    assert listing.kept_total(single, PeopleFilter()) is None
    assert listing.kept_total(single, PeopleFilter(unit=spread.commune)) is None


def test_the_list_takes_its_total_from_the_figures_and_its_rows_from_the_people(spread, inside, settings):
    client = login(inside)
    url = reverse("people:list") + f"?unit={spread.province.code}"
    client.get(url)
    with CaptureQueriesContext(transaction.get_connection()) as captured:
        response = client.get(url)
    counts = [q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counts if "people_person" in sql]
    assert [sql for sql in captured.captured_queries if "figures_figure" in sql["sql"]]
    assert response.context["page"].paginator.count == 4
    assert "4 người" in response.content.decode()
    settings.TOCHUC_KEPT_FIGURES = False
    again = client.get(url)
    assert again.context["page"].paginator.count == 4
    assert [p.code for p in again.context["page"].object_list] == [
        p.code for p in response.context["page"].object_list
    ]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=people_st,
    moves=st.lists(st.integers(0, 20), max_size=2),
    chosen=st.lists(filters_st, min_size=1, max_size=5),
    window=st.tuples(st.integers(0, 15), st.integers(1, 6)),
)
def test_the_wide_subtree_reads_the_same_rows_in_the_same_order(tree, specs, moves, chosen, window):
    offset, limit = window
    with transaction.atomic():
        users = _users(tree)
        _add_people(tree, specs)
        for pick in moves:
            tree.move_a_branch(pick)
        units = tree.units()
        for unit in units:
            unit.refresh_from_db()
        for values in chosen:
            unit = None if values["unit"] is None else units[values["unit"]]
            filters = PeopleFilter(**{**values, "unit": unit})
            for user in users:
                wide = listing.wide_subtree(user, filters)
                if wide is None:
                    assert filters.q
                    continue
                old = filter_people(user, filters).values_list("pk", flat=True)
                new = wide.values_list("pk", flat=True)
                assert list(new) == list(old), (user, filters)
                assert list(new[offset : offset + limit]) == list(old[offset : offset + limit])
        transaction.set_rollback(True)


def test_a_deep_page_of_the_list_shows_the_rows_of_the_joined_query(tree, inside, monkeypatch):
    _add_people(tree, [(6 + k % 2, GENDERS[k % 2], "Kinh", "none", "full", 1960 + k) for k in range(23)])
    monkeypatch.setattr("django.conf.settings.TOCHUC_PAGE_SIZE", 5)
    client = login(inside)
    monkeypatch.setattr(listing, "WIDE_FROM_PAGE", 1)
    for query in (f"?unit={tree.province.code}", "?gender=female", "?unit=T01-X01&page=2", "?page=4"):
        with CaptureQueriesContext(transaction.get_connection()) as captured:
            shown = client.get(reverse("people:list") + query).context["page"]
        walks = [q["sql"] for q in captured.captured_queries if '"people_person"."sort_key" ASC' in q["sql"]]
        assert walks and all("LIMIT" in sql for sql in walks)  # one page read, never the whole list
        monkeypatch.setattr(listing, "wide_subtree", lambda user, filters: None)
        joined = client.get(reverse("people:list") + query).context["page"]
        monkeypatch.undo()
        monkeypatch.setattr("django.conf.settings.TOCHUC_PAGE_SIZE", 5)
        monkeypatch.setattr(listing, "WIDE_FROM_PAGE", 1)
        assert [p.code for p in shown.object_list] == [p.code for p in joined.object_list]
        assert (shown.number, shown.paginator.count) == (joined.number, joined.paginator.count)


def test_too_many_units_keep_the_joined_query(tree, inside, monkeypatch):
    monkeypatch.setattr(listing, "WIDE_UNITS_MAX", 3)
    assert listing.wide_subtree(inside, PeopleFilter()) is None
    assert listing.wide_subtree(inside, PeopleFilter(unit=tree.grassroots)) is not None


def test_only_deep_pages_read_the_units_first():
    assert not listing.is_deep(None) and not listing.is_deep("2") and not listing.is_deep("x")
    assert listing.is_deep("3") and listing.is_deep("500")


def test_the_walk_is_taken_only_when_it_stays_short(monkeypatch):
    monkeypatch.setattr(listing, "people_everywhere", lambda: 5_700_000)
    # A province of 300,000: page 50 walks ≈ 47,500 entries; its last page would walk the whole country.
    assert listing.walk_pays("50", 300_000, 50)
    assert not listing.walk_pays("6000", 300_000, 50)
    assert not listing.walk_pays("99999", 300_000, 50)  # past the end: the last page
    # A list of nobody, or of a rare ethnicity: the walk would cross the country to find them.
    assert not listing.walk_pays("3", 0, 50)
    assert not listing.walk_pays("3", 120, 50)
    # A province's women in their forties (38,000): the first page walks ≈ 7,500 entries.
    assert listing.walk_pays("1", 38_000, 50)
    assert listing.walk_pays("x", 38_000, 50)  # not a number: the first page


def test_the_first_pages_walk_only_lists_narrowed_twice(monkeypatch):
    monkeypatch.setattr(listing, "people_everywhere", lambda: 5_700_000)
    two = PeopleFilter(gender="female", age_band="40-49")
    assert listing.wide_pays(two, None, 38_000, 50)
    assert not listing.wide_pays(two, None, 500, 50)  # too few: the join finds them sooner
    assert not listing.wide_pays(PeopleFilter(gender="female"), None, 150_000, 50)
    assert not listing.wide_pays(PeopleFilter(), "2", 300_000, 50)
    assert listing.wide_pays(PeopleFilter(), "3", 300_000, 50)
