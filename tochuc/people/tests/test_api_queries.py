"""The person API costs the same number of queries whatever the size of the page or the file."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.people.models import CareerEntry, Relative, Training
from tochuc.people.tests.test_api import (  # the shared cast of people
    API,
    Cast,
    _person,
    bearer,
    people,
)

__all__ = ["people"]


# --- query counts --------------------------------------------------------------------------


@pytest.fixture
def crowded(people: Cast, tree: Tree) -> Cast:
    """Thirty more people in the second commune, and a long file for An."""
    for n in range(30):
        _person(
            tree.commune2,
            f"P-X{n:02d}",
            f"Phạm Văn Số{n:02d}",
            dt.date(1970 + n, 1, 1),
            "male",
            f"0420700{n:05d}",
        )
        CareerEntry.objects.create(
            person=people.binh, start=dt.date(2000 + n % 20, 1, 1), description=f"Việc {n}"
        )
        Relative.objects.create(
            person=people.binh, relation="Con", full_name=f"Trần Văn Con{n}", linked_person=people.an
        )
        Training.objects.create(
            person=people.binh, start=dt.date(2010, 1, 1), institution="Trường", field=f"Lớp {n}"
        )
    return people


def test_list_does_not_grow_with_the_page(
    crowded: Cast, inside: User, django_assert_num_queries: Any
) -> None:
    client = login(inside)
    sizes = []
    for limit in [1, 500]:
        # session, user, grants, the page's ids, their rows (with unit and membership joined), count
        with django_assert_num_queries(6):
            sizes.append(len(client.get(f"{API}/", {"limit": limit}).json()["items"]))
        # the same plus the unit filter's lookup
        with django_assert_num_queries(7):
            client.get(f"{API}/", {"limit": str(limit), "unit": "T01", "gender": "male"})
    assert sizes == [1, 32]


def test_search_does_not_grow_with_the_results(
    crowded: Cast, inside: User, django_assert_num_queries: Any
) -> None:
    client = login(inside)
    # session, user, grants, how common the word is (bounded count in the token index), the ids, their rows
    with django_assert_num_queries(6):
        one = client.get(f"{API}/search", {"q": "nguyen"}).json()
    with django_assert_num_queries(6):
        many = client.get(f"{API}/search", {"q": "van", "limit": "100"}).json()
    assert len(one) == 1
    assert len(many) == 31


def test_detail_does_not_grow_with_the_file(
    crowded: Cast, inside: User, django_assert_num_queries: Any
) -> None:
    client = login(inside)
    # session, user, grants, the person, then career, trainings, rewards, disciplines, relatives
    with django_assert_num_queries(9):
        short = client.get(f"{API}/P-AN").json()
    with django_assert_num_queries(9):
        long = client.get(f"{API}/P-BINH").json()
    assert len(short["relatives"]) == 2
    assert len(long["relatives"]) == 30
    assert len(long["career"]) == 30


def test_token_requests_do_not_grow_with_the_page(
    crowded: Cast, inside: User, django_assert_max_num_queries: Any
) -> None:
    client = bearer(inside)
    client.get(f"{API}/")  # the first use stamps last_used_at
    for limit in [1, 500]:
        # token, grants, ids, rows, count
        with django_assert_max_num_queries(5):
            client.get(f"{API}/", {"limit": limit})
