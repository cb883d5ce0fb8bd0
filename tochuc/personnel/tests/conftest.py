"""People, titles and positions for the personnel tests, on the named cast's tree."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tochuc.people.models import Person
from tochuc.people.services import person_create
from tochuc.positions.models import LeadershipGroup, Position, PositionGroup, Title

_codes = itertools.count(1)


@pytest.fixture
def make_person(tree: Any) -> Callable[..., Person]:
    def make(
        name: str = "Nguyễn Văn An",
        *,
        unit: Any = None,
        born: dt.date = dt.date(1980, 5, 10),
        gender: str = "male",
        ethnicity: str = "Kinh",
        hometown: str = "",
        **values: Any,
    ) -> Person:
        return person_create(
            actor=None,
            unit=unit or tree.commune,
            code=f"DV{next(_codes):06d}",
            values={
                "full_name": name,
                "birth_date": born,
                "gender": gender,
                "ethnicity": ethnicity,
                "hometown": hometown,
                "professional_qualification": values.pop("qualification", "Cử nhân Luật"),
                "political_theory_level": values.pop("theory", "advanced"),
                **values,
            },
            membership={
                "status": "full",
                "admitted_on": dt.date(born.year + 20, 1, 1),
                "full_member_on": dt.date(born.year + 21, 1, 1),
            },
        )

    return make


@pytest.fixture
def vice_title(db: None) -> Title:
    return Title.objects.create(
        name="Phó Bí thư Đảng ủy xã", is_leadership=True, leadership_group=LeadershipGroup.FOUR
    )


@pytest.fixture
def secretary_title(db: None) -> Title:
    return Title.objects.create(
        name="Bí thư Đảng ủy xã", is_leadership=True, leadership_group=LeadershipGroup.THREE
    )


@pytest.fixture
def vice_position(tree: Any, vice_title: Title) -> Position:
    return Position.objects.create(
        unit=tree.commune,
        title=vice_title,
        name="Phó Bí thư Đảng ủy xã",
        group=PositionGroup.LEADERSHIP,
        headcount_quota=2,
    )
