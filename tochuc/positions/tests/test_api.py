"""The positions API with the named cast."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from tochuc.accounts.services import api_token_create
from tochuc.conftest import login
from tochuc.positions.services import assignment_create, duty_holder_set

pytestmark = pytest.mark.django_db

API = "/api/v1/positions"


_names = itertools.count(1)


def bearer(user) -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"test-{next(_names)}")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def positions(tree, position_factory, person_factory):
    mine = position_factory(quota=2)
    person = person_factory()
    assignment_create(actor=None, position=mine, person=person)
    duty_holder_set(actor=None, duty=mine.duties.first(), person=person)
    theirs = position_factory(unit=tree.other_commune, name="Chuyên viên Quảng Trị")
    return mine, theirs, person


def test_anonymous_gets_401(client, positions):
    mine, _, _ = positions
    for url in [f"{API}/", f"{API}/{mine.pk}"]:
        response = client.get(url)
        assert response.status_code == 401
        assert response.json()["code"] == "unauthenticated"


def test_list_is_scoped_paginated_and_filtered(positions, inside, outside):
    mine, theirs, _ = positions
    body = bearer(inside).get(f"{API}/").json()
    assert body["count"] == 1
    (item,) = body["items"]
    assert item["id"] == mine.pk and item["unit_code"] == "T01-X01"
    assert (item["headcount_quota"], item["holders"], item["acting"], item["vacancies"]) == (2, 1, 0, 1)
    assert [i["id"] for i in bearer(outside).get(f"{API}/").json()["items"]] == [theirs.pk]
    assert bearer(inside).get(f"{API}/", {"unit": "T01-X02"}).json()["count"] == 0
    assert bearer(inside).get(f"{API}/", {"unit": "T02"}).status_code == 404
    assert bearer(inside).get(f"{API}/", {"group": "support"}).json()["count"] == 0


def test_detail_inside_200_outside_404(positions, inside, outside):
    mine, theirs, person = positions
    body = login(inside).get(f"{API}/{mine.pk}").json()
    assert body["requirements"]["min_theory_level"] == "none"
    assert body["duties"][0] == {
        "order": 1,
        "text": "Quản lý hồ sơ đảng viên",
        "responsible_code": person.code,
    }
    assert body["duties"][1]["responsible_code"] is None
    assert body["assignments"][0]["person_code"] == person.code
    assert "citizen_id" not in str(body)
    for user, pk in [(outside, mine.pk), (inside, theirs.pk), (inside, 999999)]:
        response = bearer(user).get(f"{API}/{pk}")
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy.", "code": "not_found", "field": ""}


def test_list_query_count_is_flat(positions, inside, tree, position_factory, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login(inside)
    client.get(f"{API}/")
    with CaptureQueriesContext(connection) as first:
        client.get(f"{API}/")
    for i in range(10):
        position_factory(name=f"Vị trí {i}")
    with django_assert_max_num_queries(len(first)):
        assert client.get(f"{API}/").json()["count"] == 11
