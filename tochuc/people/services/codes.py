"""Person codes made by the system: ``<unit code>-<number>``, numbered after the unit's people."""

from __future__ import annotations

from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person


def code_for(unit: OrgUnit, number: int) -> str:
    code = f"{unit.code}-{number:04d}"
    return code if len(code) <= 40 else f"U{unit.pk}-{number:04d}"


def next_person_code(unit: OrgUnit) -> str:
    """The first free code after the unit's head count, as the Excel import gives them."""
    number = Person.objects.filter(unit=unit).count() + 1
    while Person.objects.filter(code=code_for(unit, number)).exists():
        number += 1
    return code_for(unit, number)
