"""The whole demo, as ``make run`` loads it."""

from __future__ import annotations

from tochuc.audit.chain import verify_chain
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.positions.models import Assignment


def test_default_seed_also_brings_people_and_positions(demo_data: str) -> None:
    assert Person.objects.filter(unit__path__startswith=OrgUnit.objects.get(code="T01-X01").path).exists()
    assert Assignment.objects.exists()
    assert verify_chain().ok
    assert "demo.tinh" in demo_data
