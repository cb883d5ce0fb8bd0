"""People and positions on the named cast's tree."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest

from tochuc.conftest import Tree
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_create
from tochuc.positions.models import Position, PositionGroup
from tochuc.positions.requirements import Requirements
from tochuc.positions.services import position_create

_codes = itertools.count(1)


def make_person(
    unit: OrgUnit,
    name: str = "Nguyễn Văn An",
    *,
    birth: dt.date = dt.date(1980, 5, 1),
    qualification: str = "Cử nhân Luật",
    theory: str = "advanced",
    recruited_on: dt.date | None = dt.date(2005, 1, 1),
    gender: str = "male",
) -> Person:
    return person_create(
        actor=None,
        unit=unit,
        code=f"DV{next(_codes):05d}",
        values={
            "full_name": name,
            "birth_date": birth,
            "gender": gender,
            "professional_qualification": qualification,
            "political_theory_level": theory,
            "recruited_on": recruited_on,
        },
    )


def make_position(
    unit: OrgUnit,
    name: str = "Chuyên viên tổ chức đảng",
    *,
    quota: int = 1,
    duties: tuple[str, ...] = ("Quản lý hồ sơ đảng viên", "Tổng hợp báo cáo"),
    requirements: Requirements | None = None,
    group: str = PositionGroup.PROFESSIONAL,
) -> Position:
    return position_create(
        actor=None,
        unit=unit,
        name=name,
        group=group,
        duties=duties,
        requirements=requirements or Requirements(),
        headcount_quota=quota,
    )


@pytest.fixture
def person_factory(tree: Tree) -> Callable[..., Person]:
    def build(unit: OrgUnit | None = None, name: str = "Nguyễn Văn An", **kwargs: Any) -> Person:
        return make_person(unit or tree.commune, name, **kwargs)

    return build


@pytest.fixture
def position_factory(tree: Tree) -> Callable[..., Position]:
    def build(unit: OrgUnit | None = None, name: str = "Chuyên viên tổ chức đảng", **kwargs: Any) -> Position:
        return make_position(unit or tree.commune, name, **kwargs)

    return build
