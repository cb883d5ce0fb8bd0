"""Selectors over generated Vietnamese names: the database sorts and finds them as a reader expects."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.core.text import fold
from tochuc.people.models import Person
from tochuc.people.selectors import PeopleFilter, filter_people, may_reveal_all, people_for
from tochuc.people.services import person_create
from tochuc.people.tests.test_names import names, vietnamese_key

pytestmark = pytest.mark.django_db
DB_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _create(unit, batch: list[str]) -> list[Person]:
    return [
        person_create(
            actor=None,
            unit=unit,
            code=f"G{i:04d}",
            values={"full_name": name, "birth_date": dt.date(1970 + i % 30, 1, 1 + i % 28), "gender": "male"},
        )
        for i, name in enumerate(batch)
    ]


@DB_SETTINGS
@given(batch=st.lists(names, min_size=1, max_size=15))
def test_the_database_order_is_the_vietnamese_order(tree, inside, batch):
    with transaction.atomic():
        _create(tree.cell, batch)
        ordered = [p.full_name for p in filter_people(inside, PeopleFilter())]
        assert [vietnamese_key(n) for n in ordered] == sorted(vietnamese_key(n) for n in batch)
        transaction.set_rollback(True)


@DB_SETTINGS
@given(batch=st.lists(names, min_size=1, max_size=8), data=st.data())
def test_any_word_typed_without_diacritics_finds_the_person(tree, inside, batch, data):
    with transaction.atomic():
        people = _create(tree.cell, batch)
        target = data.draw(st.sampled_from(people))
        word = data.draw(st.sampled_from(target.full_name.split()))
        typed = data.draw(st.sampled_from([fold(word), fold(word).upper(), word]))
        found = list(filter_people(inside, PeopleFilter(q=typed)))
        assert target in found
        with_year = list(filter_people(inside, PeopleFilter(q=f"{typed} {target.birth_date.year}")))
        assert target in with_year
        assert all(p.birth_date.year == target.birth_date.year for p in with_year)
        transaction.set_rollback(True)


def test_search_is_scoped(tree, inside, outside):
    (person,) = _create(tree.other_cell, ["Nguyễn Văn An"])
    assert list(filter_people(outside, PeopleFilter(q="nguyen"))) == [person]
    assert list(filter_people(inside, PeopleFilter(q="nguyen"))) == []


def test_may_reveal_all(tree, inside, leader):
    _create(tree.cell, ["Nguyễn Văn An"])
    person_create(
        actor=None,
        unit=tree.commune2,
        code="OTHER",
        values={"full_name": "Trần Thị Bình", "birth_date": dt.date(1980, 1, 1), "gender": "female"},
    )
    assert may_reveal_all(inside, people_for(inside))
    assert may_reveal_all(leader, people_for(leader))
    assert not may_reveal_all(leader, people_for(inside))
