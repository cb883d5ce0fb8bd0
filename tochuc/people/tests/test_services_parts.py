"""Adding parts of a curriculum vitae: each is checked, scoped and audited."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.core.errors import DomainError
from tochuc.people.models import CareerEntry, Relative
from tochuc.people.services import (
    career_entry_add,
    discipline_add,
    person_create,
    relative_add,
    reward_add,
    training_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree):
    return person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={"full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male"},
    )


def test_each_part_is_audited(person, inside):
    day = dt.date(2020, 1, 1)
    career_entry_add(actor=inside, person=person, start=day, end=None, description=" Giáo viên ")
    training_add(actor=inside, person=person, start=day, end=None, institution="Học viện", field="Lý luận")
    reward_add(actor=inside, person=person, decided_on=day, title="Giấy khen")
    discipline_add(actor=inside, person=person, decided_on=day, form="Khiển trách")
    relative_add(actor=inside, person=person, relation="Con", full_name="Nguyễn Minh Khôi", birth_year=2010)
    events = AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk)).order_by("seq")
    actions = list(events.values_list("action", flat=True))
    assert actions[-5:] == [
        "person.career_add",
        "person.training_add",
        "person.reward_add",
        "person.discipline_add",
        "person.relative_add",
    ]
    assert CareerEntry.objects.get().description == "Giáo viên"


def test_outside_scope_changes_nothing(person, outside):
    with pytest.raises(DomainError):
        career_entry_add(actor=outside, person=person, start=dt.date(2020, 1, 1), end=None, description="x")
    assert not CareerEntry.objects.exists()


def test_checks(person, inside):
    with pytest.raises(DomainError) as err:
        career_entry_add(
            actor=inside, person=person, start=dt.date(2020, 1, 1), end=dt.date(2019, 1, 1), description="x"
        )
    assert err.value.field == "end"
    with pytest.raises(DomainError) as err:
        relative_add(actor=inside, person=person, relation="Con", full_name="A B", linked_person=person)
    assert err.value.field == "linked_code"
    with pytest.raises(DomainError) as err:
        reward_add(actor=inside, person=person, decided_on=dt.date(2020, 1, 1), title="  ")
    assert err.value.field == "title"
    assert not Relative.objects.exists()
