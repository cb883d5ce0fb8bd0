"""Scope fuzzing: users with random grants ask every list, search, count and detail endpoint of the
API; nothing outside their scope may appear, and everything inside it must.

The scope is computed here on its own, from the grants drawn (a unit, and the units below it when
the grant has the subtree), not through ``tochuc.accounts.policy``. ``TOCHUC_FUZZ_EXAMPLES`` sets
the number of users drawn (about 50 requests each): small by default, ``200`` or more for the
nightly run (at least 10,000 requests).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_create
from tochuc.positions.models import Position
from tochuc.positions.services import position_create

EXAMPLES = int(os.environ.get("TOCHUC_FUZZ_EXAMPLES", "6"))
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Hà", "Hoa", "Khánh", "Lan", "Minh", "Nga", "Phúc"]


@dataclass
class World:
    units: list[OrgUnit]
    people: list[Person]
    positions: list[Position]
    requests: int = 0


@pytest.fixture
def world(tree: Tree) -> World:
    units = list(OrgUnit.objects.order_by("path"))
    people, positions = [], []
    for n, unit in enumerate(units):
        people.append(
            person_create(
                actor=None,
                unit=unit,
                code=f"FZ-{n:02d}",
                values={
                    "full_name": f"Nguyễn Văn {GIVEN_NAMES[n % len(GIVEN_NAMES)]} {n:02d}",
                    "birth_date": dt.date(1970 + n, 1, 1),
                    "gender": "male",
                },
            )
        )
        positions.append(
            position_create(actor=None, unit=unit, name=f"Chuyên viên {n:02d}", group="professional")
        )
    return World(units, people, positions)


GRANTS = st.lists(
    st.tuples(st.sampled_from([r.value for r in Role]), st.integers(0, 10), st.booleans()),
    max_size=3,
    unique_by=lambda grant: (grant[0], grant[1]),
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Asker:
    def __init__(self, world: World, client: Client) -> None:
        self.world = world
        self.client = client

    def get(self, url: str, **params: Any) -> Any:
        self.world.requests += 1
        response = self.client.get(url, params)
        assert response.status_code in (200, 404), (url, response.status_code)
        return response


def _check_user(world: World, grants: list[tuple[str, int, bool]]) -> None:
    user = User.objects.create_user(username="fuzz", password="x")
    for role, index, subtree in grants:
        grant_role(actor=None, user=user, role=role, unit=world.units[index], include_subtree=subtree)
    reaches = [(world.units[i].path, subtree) for _, i, subtree in grants]
    seen = {u.pk for u in world.units if any(u.path == p or (s and u.path.startswith(p)) for p, s in reaches)}
    in_units = {u.code for u in world.units if u.pk in seen}
    in_people = {p.code for p in world.people if p.unit_id in seen}
    in_positions = {p.pk for p in world.positions if p.unit_id in seen}
    hidden = {u.code for u in world.units if u.pk not in seen} | {
        u.name for u in world.units if u.pk not in seen
    }
    hidden |= {p.code for p in world.people if p.unit_id not in seen}
    hidden |= {p.full_name for p in world.people if p.unit_id not in seen}
    hidden |= {p.name for p in world.positions if p.unit_id not in seen}

    client = Client()
    client.force_login(user)
    ask = Asker(world, client)

    def clean(response: Any) -> Any:
        body = response.json()
        leaked = set(_strings(body)) & hidden
        assert not leaked, (response.request["PATH_INFO"], leaked)
        return body

    units = clean(ask.get("/api/v1/units/", limit=500))
    assert {u["code"] for u in units["items"]} == in_units and units["count"] == len(in_units)
    assert {u["code"] for u in clean(ask.get("/api/v1/units/search", q="dang bo"))} <= in_units
    people = clean(ask.get("/api/v1/persons/", limit=500))
    assert {p["code"] for p in people["items"]} == in_people and people["count"] == len(in_people)
    assert {p["code"] for p in clean(ask.get("/api/v1/persons/search", q="nguyen", limit=100))} == in_people
    positions = clean(ask.get("/api/v1/positions/", limit=500))
    assert {p["id"] for p in positions["items"]} == in_positions and positions["count"] == len(in_positions)
    for unit in world.units:
        for url in [f"/api/v1/units/{unit.code}", f"/api/v1/units/{unit.code}/subtree"]:
            response = ask.get(url)
            assert response.status_code == (200 if unit.code in in_units else 404), url
            clean(response)
    for person in world.people:
        response = ask.get(f"/api/v1/persons/{person.code}")
        assert response.status_code == (200 if person.code in in_people else 404)
        clean(response)
    for position in world.positions:
        response = ask.get(f"/api/v1/positions/{position.pk}")
        assert response.status_code == (200 if position.pk in in_positions else 404)
        clean(response)


def test_no_object_outside_the_scope_ever_appears(world: World) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=EXAMPLES <= 20,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )
    @given(grants=GRANTS)
    def check(grants: list[tuple[str, int, bool]]) -> None:
        with transaction.atomic():
            _check_user(world, grants)
            transaction.set_rollback(True)

    check()
    assert world.requests >= EXAMPLES * 40
