"""People for the report tests, created through the people service as an import would."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_create

_codes = itertools.count(1)
CITIZEN_ID = "001099123456"


def add_person(
    unit: OrgUnit,
    *,
    birth: dt.date,
    gender: str = "male",
    ethnicity: str = "Kinh",
    qualification: str = "",
    theory: str = "none",
    status: str | None = "full",
    citizen_id: str = "",
    name: str = "Nguyễn Văn An",
) -> Person:
    number = next(_codes)
    return person_create(
        actor=None,
        unit=unit,
        code=f"R{number:06d}",
        values={
            "full_name": name,
            "birth_date": birth,
            "gender": gender,
            "ethnicity": ethnicity,
            "professional_qualification": qualification,
            "political_theory_level": theory,
            "citizen_id": citizen_id,
        },
        membership=None if status is None else {"status": status},
    )


@pytest.fixture
def people_of(tree: Any) -> Callable[[OrgUnit, int], list[Person]]:
    """``n`` people of mixed ages, genders and ethnicities in ``unit``."""

    def make(unit: OrgUnit, n: int) -> list[Person]:
        made = []
        for i in range(n):
            made.append(
                add_person(
                    unit,
                    birth=dt.date(1960 + (i * 7) % 40, 1 + i % 12, 1 + i % 28),
                    gender="male" if i % 3 else "female",
                    ethnicity=("Kinh", "Tày", "Thái", "Mường")[i % 4],
                    qualification=("Cử nhân Luật", "Thạc sĩ Quản lý công", "")[i % 3],
                    theory=("none", "intermediate", "advanced")[i % 3],
                )
            )
        return made

    return make
