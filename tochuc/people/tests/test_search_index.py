"""The search index finds what the plain query finds, and follows every way people are written."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from django.db import connection, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.core.text import fold
from tochuc.orgunits.services.structure import unit_move
from tochuc.people import search, selectors
from tochuc.people.importing.writing import insert_batch
from tochuc.people.models import Person, PersonToken
from tochuc.people.selectors import (
    PeopleFilter,
    count_people,
    filter_people,
    name_query,
    people_for,
    people_page,
    search_condition,
    search_people,
    search_people_page,
)
from tochuc.people.services import derive_fields, person_correct, person_create, person_move
from tochuc.people.tests.test_names import names

pytestmark = pytest.mark.django_db
DB_SETTINGS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def plain(user, query: str, limit: int = 200) -> list[int]:
    return list(people_for(user).filter(search_condition(query)).values_list("pk", flat=True)[:limit])


def indexed(user, query: str, limit: int = 200) -> list[int]:
    return [p.pk for p in search_people_page(user, query, limit=limit)]


def kept_tokens() -> set[tuple[int, str, str, str, int, str]]:
    return set(
        PersonToken.objects.values_list(
            "person_id", "token", "name_folded", "sort_key", "birth_year", "unit_path"
        )
    )


def expected_tokens() -> set[tuple[int, str, str, str, int, str]]:
    return {
        (p.pk, word, p.name_folded, p.sort_key, p.birth_date.year, p.unit.path)
        for p in Person.objects.select_related("unit")
        for word in p.name_folded.split(" ")
        if word
    }


@pytest.fixture
def rare_below() -> Iterator[None]:
    kept, cap = search.RARE_BELOW, selectors.SEARCH_COUNT_LIMIT
    yield
    search.RARE_BELOW, selectors.SEARCH_COUNT_LIMIT = kept, cap


def _person(unit, code: str, name: str, born: dt.date) -> Person:
    person = Person(code=code, unit=unit, full_name=name, birth_date=born, gender="female")
    derive_fields(person)
    return person


def _write(tree, batch: list[tuple[str, int, int]]) -> None:
    """People through three write paths (a service, ``bulk_create``, the import's ``COPY``), in two provinces."""
    units = [tree.cell, tree.commune2, tree.other_cell]
    bulk: list[Person] = []
    copied: list[Person] = []
    for i, (name, year, where) in enumerate(batch):
        unit, born = units[where % 3], dt.date(year, 1 + i % 12, 1 + i % 28)
        if i % 3 == 0:
            values = {"full_name": name, "birth_date": born, "gender": "male"}
            person_create(actor=None, unit=unit, code=f"S{i:04d}", values=values)
        else:
            (bulk if i % 3 == 1 else copied).append(_person(unit, f"S{i:04d}", name, born))
    Person.objects.bulk_create(bulk)
    insert_batch(Person, copied, timezone.now())


people = st.lists(st.tuples(names, st.integers(1960, 1964), st.integers(0, 2)), min_size=1, max_size=14)


@st.composite
def queries(draw, batch: list[tuple[str, int, int]]) -> str:
    """What someone types: whole or partial words of the names (any case, with or without marks), a year, noise."""
    pool = [w for name, _, _ in batch for w in name.split()] + ["Nguyễn", "Thị", "Văn", "x", "ng"]
    parts: list[str] = []
    for word in draw(st.lists(st.sampled_from(pool), max_size=3)):
        form = draw(st.sampled_from([word, fold(word), word.upper(), fold(word)[: draw(st.integers(1, 4))]]))
        parts.append(form)
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), str(draw(st.integers(1959, 1965))))
    separator: str = draw(st.sampled_from([" ", "  ", ", "]))
    return separator.join(parts)


@DB_SETTINGS
@given(
    batch=people,
    data=st.data(),
    bound=st.sampled_from([1, 3, 20_000]),
    cap=st.sampled_from([1, 2, 5, 1000]),
)
def test_the_search_index_finds_what_the_plain_query_finds(
    tree, inside, outside, leader, auditor, rare_below, batch, data, bound, cap
):
    search.RARE_BELOW = bound  # 1: every word common (the name order is walked); 20,000: the index is read
    selectors.SEARCH_COUNT_LIMIT = cap  # the list counts a common name up to this, then says "more than"
    # Two provinces' specialists and a commune's leader read their branch's index; the Centre's auditor the
    # country's.
    with transaction.atomic():
        _write(tree, batch)
        assert kept_tokens() == expected_tokens()
        for _ in range(4):
            query = data.draw(queries(batch))
            for user in (inside, outside, leader, auditor):
                expected = plain(user, query) if fold(query).strip(" ,") else []
                assert indexed(user, query) == expected, query
                assert [p.pk for p in search_people(user, query, limit=3)] == expected[:3]
                listed = filter_people(user, PeopleFilter(q=query))
                assert list(listed.values_list("pk", flat=True)) == plain(user, query)
                assert listed.count() == len(plain(user, query))
                for unit in (None, tree.commune2, tree.other_province):
                    filters = PeopleFilter(q=query, unit=unit)
                    named = name_query(user, filters)
                    listed = filter_people(user, filters, named=named)
                    wanted = plain(user, query)
                    if unit is not None:
                        below = set(
                            Person.objects.filter(unit__path__startswith=unit.path).values_list(
                                "pk", flat=True
                            )
                        )
                        wanted = [pk for pk in wanted if pk in below]
                    assert list(listed.values_list("pk", flat=True)) == wanted, (query, unit)
                    counted = count_people(filters, listed, named)
                    if counted.more:  # only a name whose every word is common there is counted up to the cap
                        assert named is not None and named.rare is None
                        assert counted.n == cap and len(wanted) > cap, (query, unit)
                    else:
                        assert counted.n == len(wanted), (query, unit)
                    for number in (
                        1,
                        2,
                        3,
                    ):  # the list's pages (as far as counted), the last one past the end
                        page = people_page(
                            listed, number, 2, count=counted.n, named=named, within=people_for(user)
                        )
                        last = max(1, -(-counted.n // 2))
                        start = (min(number, last) - 1) * 2
                        shown = wanted[start : min(start + 2, counted.n)]
                        assert [p.pk for p in page] == shown, (query, unit, number)
        transaction.set_rollback(True)


def test_an_empty_query_finds_nobody_and_a_year_alone_finds_that_year(tree, inside):
    _write(tree, [("Nguyễn Thị Hoa", 1960, 0), ("Trần Văn An", 1961, 0), ("Lê Thu", 1960, 1)])
    assert search_people_page(inside, "", limit=20) == []
    assert search_people_page(inside, " ,. ", limit=20) == []
    assert [p.full_name for p in search_people_page(inside, "1960", limit=20)] == ["Nguyễn Thị Hoa", "Lê Thu"]
    assert [p.full_name for p in search_people_page(inside, "hoa 1961", limit=20)] == []
    assert [p.full_name for p in search_people_page(inside, "NGUYEN th 1960", limit=20)] == ["Nguyễn Thị Hoa"]


def _found(user, query: str) -> list[str]:
    return [p.code for p in search_people_page(user, query, limit=20)]


def test_renamed_moved_and_deleted_people_leave_their_old_results(tree, inside, outside):
    values = {"full_name": "Phạm Thị Khuê", "birth_date": dt.date(1980, 5, 1), "gender": "female"}
    person = person_create(actor=None, unit=tree.cell, code="K1", values=values)
    assert _found(inside, "khue") == ["K1"]

    person_correct(actor=None, person=person, reason="Sai chính tả", values={"full_name": "Phạm Thị Khuyên"})
    assert _found(inside, "khue") == []
    assert _found(inside, "khuyen pham") == ["K1"]

    Person.objects.filter(pk=person.pk).update(birth_date=dt.date(1981, 5, 1))
    assert _found(inside, "khuyen 1980") == []
    assert _found(inside, "khuyen 1981") == ["K1"]

    person_move(actor=None, person=person, unit=tree.other_cell, reason="Chuyển sinh hoạt")
    assert _found(inside, "khuyen") == []
    assert _found(outside, "khuyen") == ["K1"]

    Person.objects.filter(pk=person.pk).delete()
    assert _found(outside, "khuyen") == []
    assert not PersonToken.objects.filter(person_id=person.pk).exists()


def test_a_unit_moved_to_another_province_takes_its_people_with_it(tree, inside, outside):
    values = {"full_name": "Đỗ Văn Điệp", "birth_date": dt.date(1975, 1, 1), "gender": "male"}
    person_create(actor=None, unit=tree.cell, code="D1", values=values)
    assert _found(inside, "diep") == ["D1"]
    unit_move(actor=None, unit=tree.commune, new_parent=tree.other_province)
    assert _found(inside, "diep") == []
    assert _found(outside, "diep") == ["D1"]
    assert kept_tokens() == expected_tokens()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="TRUNCATE is PostgreSQL's")
def test_emptying_the_people_table_empties_the_index(tree):
    _write(tree, [("Nguyễn Thị Hoa", 1960, 0)])
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE people_person CASCADE")
    assert not PersonToken.objects.exists()


def test_the_rebuild_command_fills_the_index_again_after_a_bulk_load(tree, inside):
    """A bulk load that went around the triggers leaves the index empty; the command fills it again."""
    from django.core.management import call_command

    Person.objects.bulk_create(
        [
            _person(tree.cell, "P1", "Nguyễn Thị Khuê", dt.date(1980, 5, 1)),
            _person(tree.commune2, "P2", "Trần Văn Hưng", dt.date(1972, 3, 9)),
        ]
    )
    PersonToken.objects.all().delete()
    assert _found(inside, "khue") == []
    call_command("people_search_rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert kept_tokens() == expected_tokens()
    assert _found(inside, "khue") == ["P1"] and _found(inside, "hung 1972") == ["P2"]


@pytest.mark.parametrize("bound", [1, 20_000])
def test_a_list_counts_a_common_name_up_to_the_cap_inside_its_scope_only(
    tree, inside, outside, rare_below, bound
):
    search.RARE_BELOW = bound  # 1: "hoa" is common everywhere; 20,000: it is rare and counted exactly
    selectors.SEARCH_COUNT_LIMIT = 2
    # tree.cell and tree.commune2 are in the inside user's province, tree.other_cell in the other one.
    _write(
        tree,
        [
            ("Nguyễn Thị Hoa", 1960, 0),
            ("Lê Hoà", 1961, 0),
            ("Hoàng Văn Hoa", 1962, 0),
            ("Trần Hoa", 1960, 1),
            ("Phạm Hoa", 1960, 2),
            ("Vũ Thị Hoa", 1961, 2),
        ],
    )

    def counted(user, query: str, unit=None) -> tuple[int, bool]:
        filters = PeopleFilter(q=query, unit=unit)
        named = name_query(user, filters)
        found = count_people(filters, filter_people(user, filters, named=named), named)
        return found.n, found.more

    common = bound == 1
    assert counted(inside, "hoa") == ((2, True) if common else (4, False))
    assert counted(outside, "hoa") == (2, False)
    assert counted(inside, "hoa", tree.commune2) == (1, False)
    assert counted(inside, "hoa 1960") == (2, False)
    assert counted(inside, "nguyen hoa") == (1, False)
    # Another filter beside a common name: counted from the people table, up to the cap as well.
    filters = PeopleFilter(q="hoa", gender="male")
    named = name_query(inside, filters)
    found = count_people(filters, filter_people(inside, filters, named=named), named)
    assert (found.n, found.more) == (2, False)  # the first and the fourth are written as men


def test_a_search_reads_one_branch_when_everything_the_reader_sees_lies_in_it(tree, inside, leader, auditor):
    from tochuc.accounts.services import grant_role
    from tochuc.conftest import make_user

    province = tree.province.path[: search.BRANCH_LENGTH]
    assert search.branch_of(inside).head == province
    assert search.branch_of(leader).head == province  # a commune's leader: the province's branch, his scope
    assert search.branch_of(leader).reaches == ((tree.commune.path, True),)
    assert search.branch_of(inside, tree.commune2.path).unit_path == tree.commune2.path
    assert search.branch_of(inside, tree.centre.path).head == province  # the Centre filtered on: still his
    assert search.branch_of(inside, tree.other_province.path) is None  # nothing of his under that unit
    assert search.branch_of(auditor) is None  # the whole country: the country's index
    assert search.branch_of(auditor, tree.other_commune.path).head == tree.other_province.path
    both = make_user("both", "specialist", tree.province)
    grant_role(actor=None, user=both, role="specialist", unit=tree.other_province)
    assert search.branch_of(both) is None  # two provinces


@pytest.mark.parametrize("bound", [1, 20_000])
def test_a_province_never_finds_another_provinces_people(tree, inside, outside, rare_below, bound):
    from tochuc.conftest import login

    search.RARE_BELOW = bound  # 1: the common word is walked in name order; 20,000: read as rare
    _write(tree, [("Nguyễn Thị Hoa", 1960, 0), ("Nguyễn Thị Hòa", 1961, 2), ("Nguyễn Hoa", 1962, 1)])
    client = login(outside)
    found = client.get("/api/v1/persons/search", {"q": "nguyen hoa"}).json()
    assert [p["full_name"] for p in found] == ["Nguyễn Thị Hòa"]
    page = client.get("/people/", {"q": "nguyen hoa"})
    assert [p.full_name for p in page.context["page"]] == ["Nguyễn Thị Hòa"]
    assert page.context["page"].paginator.count == 1
    # A unit of another province, filtered on: a message, nobody listed.
    other = client.get("/people/", {"q": "nguyen", "unit": tree.province.code})
    assert list(other.context["page"]) == []
    assert client.get(f"/api/v1/persons/?q=nguyen&unit={tree.province.code}").status_code == 404
    mine = login(inside).get("/people/", {"q": "nguyen hoa"})
    assert [p.full_name for p in mine.context["page"]] == ["Nguyễn Hoa", "Nguyễn Thị Hoa"]


@pytest.mark.parametrize("bound", [1, 20_000])
def test_a_stale_index_never_lists_someone_outside_the_readers_scope(tree, inside, rare_below, bound):
    """The branch index places another province's member in the reader's province (as it could between
    a bulk write and ``people_search_rebuild``): the list still shows only people the reader sees."""
    from tochuc.conftest import login

    search.RARE_BELOW = bound
    _write(tree, [("Nguyễn Thị Hoa", 1960, 0), ("Nguyễn Thị Hòa", 1961, 2)])
    stranger = Person.objects.get(full_name="Nguyễn Thị Hòa")
    PersonToken.objects.filter(person=stranger).update(unit_path=tree.cell.path)
    page = login(inside).get("/people/", {"q": "nguyen thi"})
    assert page.status_code == 200
    assert [p.full_name for p in page.context["page"]] == ["Nguyễn Thị Hoa"]


@pytest.mark.parametrize("bound", [1, 20_000])
def test_a_provinces_search_costs_the_same_queries_whatever_it_finds(
    tree, inside, rare_below, bound, django_assert_num_queries
):
    from tochuc.conftest import login

    search.RARE_BELOW = bound
    _write(tree, [(f"Nguyễn Văn Tên{i:02d}", 1960 + i % 3, i % 2) for i in range(40)])
    client = login(inside)
    client.get("/people/")  # the session
    walked = bound == 1
    # session, user, grants; the word's count in the branch (and its tokens when walked); the ids; the rows
    for query, limit in [("ten00", "1"), ("nguyen", "1"), ("nguyen", "100")]:
        with django_assert_num_queries(7 if walked else 6):
            client.get("/api/v1/persons/search", {"q": query, "limit": limit})
    # The list: the same, the count from the index (walked: the count's reading gives the page too), the
    # rows' units, the notifications.
    for query in ["ten00", "nguyen"]:
        with django_assert_num_queries(9):
            response = client.get("/people/", {"q": query})
        assert response.status_code == 200
    # Two common words: each is counted, then the tokens of one are listed (it has one: no other is).
    for query in ["nguyen ten01 1961", "nguyen van"]:
        with django_assert_num_queries(10 if walked else 9):
            response = client.get("/people/", {"q": query})
        assert response.status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the branch index's layout is PostgreSQL's")
def test_the_rebuild_command_builds_the_branch_index_again(tree):
    from django.core.management import call_command

    call_command("people_search_rebuild", stdout=open(os.devnull, "w"))  # noqa: SIM115
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'persontoken_branch'")
        (definition,) = cursor.fetchone()
    assert 'substr((unit_path)::text, 1, 18), token COLLATE "C", sort_key, person_id' in definition
