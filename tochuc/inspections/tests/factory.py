"""Helpers for the inspection tests (not fixtures of the cast)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tochuc.conftest import Tree
from tochuc.inspections import services
from tochuc.inspections.models import Inspection
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

D = dt.date


def make_person(unit: OrgUnit, name: str, code: str) -> Person:
    from tochuc.people.services import person_create

    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": name, "birth_date": D(1980, 5, 1), "gender": "male"},
    )


def make_inspection(tree: Tree, *, code: str = "KT-01", **fields: Any) -> Inspection:
    values: dict[str, Any] = {
        "kind": "inspection",
        "basis": "signs_of_violation",
        "unit": tree.province,
        "targets": [tree.commune],
        "subject": "Việc thực hiện quy chế làm việc",
        "start": D(2026, 3, 1),
        "end": D(2026, 4, 30),
    }
    values.update(fields)
    return services.inspection_create(actor=None, code=code, **values)
