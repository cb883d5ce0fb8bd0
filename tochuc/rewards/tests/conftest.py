from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tochuc.conftest import Tree
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Gender, MembershipStatus, Person
from tochuc.people.services import person_create

MakeMember = Callable[..., Person]


@pytest.fixture
def make_member(tree: Tree) -> MakeMember:
    counter = iter(range(1, 10_000))

    def make(
        admitted_on: dt.date,
        *,
        status: str = MembershipStatus.FULL,
        unit: OrgUnit | None = None,
        name: str = "Nguyễn Văn An",
    ) -> Person:
        full_member_on = admitted_on.replace(year=admitted_on.year + 1, day=min(admitted_on.day, 28))
        return person_create(
            actor=None,
            unit=unit or tree.cell,
            code=f"DV{next(counter):05d}",
            values={"full_name": name, "birth_date": dt.date(1940, 1, 1), "gender": Gender.MALE},
            membership={
                "status": status,
                "admitted_on": admitted_on,
                "full_member_on": full_member_on if status != MembershipStatus.PROBATIONARY else None,
            },
        )

    return make
