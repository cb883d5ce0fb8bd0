import datetime as dt

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.core.errors import DomainError
from tochuc.people.selectors import PeopleFilter, filter_people
from tochuc.people.services import citizen_id_reveal, person_correct, person_create

pytestmark = pytest.mark.django_db


def _person(tree, code="P1", name="Nguyễn Văn An", cid="001080012345"):
    return person_create(
        actor=None,
        unit=tree.cell,
        code=code,
        values={"full_name": name, "birth_date": dt.date(1980, 5, 1), "gender": "male", "citizen_id": cid},
        membership={
            "status": "full",
            "admitted_on": dt.date(2005, 3, 2),
            "full_member_on": dt.date(2006, 3, 2),
        },
    )


def test_create_search_correct_reveal(tree, inside, outside):
    person = _person(tree)
    _person(tree, "P2", "Trần Thị Bình", "001180012346")
    found = list(filter_people(inside, PeopleFilter(q="nguyen an 1980")))
    assert found == [person]
    assert list(filter_people(outside, PeopleFilter(q="nguyen"))) == []
    names = [p.full_name for p in filter_people(inside, PeopleFilter())]
    assert names == ["Nguyễn Văn An", "Trần Thị Bình"]
    correction = person_correct(
        actor=inside, person=person, reason="Theo CCCD", values={"citizen_id": "001080099999"}
    )
    assert "001080099999" not in str(correction.changes)
    with pytest.raises(DomainError):
        citizen_id_reveal(actor=outside, person=person, reason="xem thử")
    assert citizen_id_reveal(actor=inside, person=person, reason="Đối chiếu hồ sơ") == "001080099999"
    assert AuditEvent.objects.filter(action="person.reveal_citizen_id").count() == 1
    with pytest.raises(DomainError):
        _person(tree, "P3", "Lê Văn Cường", "001080099999")
