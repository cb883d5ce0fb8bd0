"""Helpers for the reviews tests (not fixtures of the cast)."""

from __future__ import annotations

import datetime as dt

from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Membership, MembershipStatus, Person
from tochuc.people.services import person_create

D = dt.date


def member(
    unit: OrgUnit, code: str, *, admitted: dt.date | None, status: str = MembershipStatus.FULL
) -> Person:
    person = person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": f"Nguyễn Văn {code}", "birth_date": D(1980, 5, 1), "gender": "male"},
    )
    Membership.objects.create(person=person, status=status, admitted_on=admitted)
    return person
