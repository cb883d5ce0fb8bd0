"""Seeding the people again: the same seed gives the same people, and a missing one comes back.

These tests delete people, which the rest of the demo (positions, evaluations,
procedures) would protect: they share a database with only the unit tree and
the people, loaded once for the module.
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterator

import pytest
from pytest_django import DjangoDbBlocker

from tochuc.demo import people as demo
from tochuc.demo import units as unit_demo
from tochuc.demo.tests.conftest import loaded_once
from tochuc.people.models import Person

pytestmark = pytest.mark.django_db


def _seed_people() -> int:
    unit_demo.seed_small(unit_demo.SeedReport())
    return demo.seed_people(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=io.StringIO())


@pytest.fixture(scope="module")
def people_database(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[int]:
    with loaded_once(django_db_blocker, _seed_people) as created:
        yield created


@pytest.fixture
def seeded(people_database: int, db: None) -> int:
    return people_database


def test_a_missing_person_is_added_back_the_same(seeded: int) -> None:
    victim = Person.objects.order_by("code")[100]
    kept = (victim.code, victim.full_name, victim.birth_date, victim.citizen_id)
    victim.delete()
    assert (
        demo.seed_people(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=io.StringIO()) == 1
    )
    again = Person.objects.get(code=kept[0])
    assert (again.code, again.full_name, again.birth_date, again.citizen_id) == kept


def test_the_same_seed_gives_the_same_people(seeded: int) -> None:
    first = list(Person.objects.order_by("code").values_list("code", "full_name", "citizen_id")[:50])
    Person.objects.all().delete()
    demo.seed_people(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=io.StringIO())
    assert list(Person.objects.order_by("code").values_list("code", "full_name", "citizen_id")[:50]) == first
