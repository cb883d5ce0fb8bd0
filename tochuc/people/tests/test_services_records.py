"""Adding a person from a form, changing and removing lines of the 2C, the photo, grade and army items."""

from __future__ import annotations

import datetime as dt
import struct
import zlib
from decimal import Decimal

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.core.attachments import Upload
from tochuc.core.errors import DomainError
from tochuc.people.models import CareerEntry, Person, PersonCorrection, PersonPhoto, Relative
from tochuc.people.services import (
    career_entry_add,
    next_person_code,
    part_delete,
    part_update,
    person_correct,
    person_create,
    photo_remove,
    photo_set,
    relative_add,
)

pytestmark = pytest.mark.django_db

BASE = {"full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male"}


def png(width: int, height: int) -> bytes:
    """A real, tiny PNG (grey pixels), built without an imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def person(tree):
    return person_create(actor=None, unit=tree.cell, code="P1", values=dict(BASE))


# --- Adding a person ------------------------------------------------------------------------------


def test_an_empty_code_takes_the_units_next_code_like_the_import(tree, inside):
    first = person_create(actor=inside, unit=tree.cell, code="", values=dict(BASE))
    assert first.code == "T01-X01-CS1-CB1-0001"
    # A code already taken by hand is skipped.
    person_create(
        actor=None, unit=tree.cell, code="T01-X01-CS1-CB1-0003", values={**BASE, "full_name": "Lê Văn Bình"}
    )
    assert next_person_code(tree.cell) == "T01-X01-CS1-CB1-0004"
    event = AuditEvent.objects.filter(action="person.create").latest("seq")
    assert event.summary["code"] == "T01-X01-CS1-CB1-0003"


def test_create_outside_scope_writes_nothing(tree, outside):
    with pytest.raises(DomainError):
        person_create(actor=outside, unit=tree.cell, code="", values=dict(BASE))
    assert not Person.objects.exists()


def test_grade_salary_and_army_are_kept_and_checked(tree, inside):
    person = person_create(
        actor=inside,
        unit=tree.cell,
        code="",
        values={
            **BASE,
            "civil_grade": "Chuyên viên chính",
            "civil_grade_code": "01.002",
            "salary_step": 3,
            "salary_coefficient": Decimal("5.08"),
            "salary_since": dt.date(2021, 1, 1),
            "enlisted_on": dt.date(1998, 2, 1),
            "discharged_on": dt.date(2000, 2, 1),
            "military_rank": "Trung sĩ",
        },
    )
    person.refresh_from_db()
    assert person.salary_coefficient == Decimal("5.08") and person.military_rank == "Trung sĩ"


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"civil_grade_code": "01 002"}, "civil_grade_code"),
        ({"salary_step": 0}, "salary_step"),
        ({"salary_step": 21}, "salary_step"),
        ({"salary_coefficient": Decimal("0.99")}, "salary_coefficient"),
        ({"salary_coefficient": Decimal("10.01")}, "salary_coefficient"),
        ({"salary_since": dt.date(1979, 1, 1)}, "salary_since"),
        ({"enlisted_on": dt.date.today() + dt.timedelta(days=2)}, "enlisted_on"),
        ({"discharged_on": dt.date(2000, 1, 1)}, "enlisted_on"),
        ({"enlisted_on": dt.date(2000, 1, 1), "discharged_on": dt.date(1999, 1, 1)}, "discharged_on"),
        ({"enlisted_on": dt.date(1990, 1, 1)}, "enlisted_on"),
    ],
)
def test_values_that_cannot_be_true_name_their_field(tree, inside, values, field):
    with pytest.raises(DomainError) as err:
        person_create(actor=inside, unit=tree.cell, code="", values={**BASE, **values})
    assert err.value.field == field
    assert not Person.objects.exists()


def test_bounds_themselves_are_accepted(tree, inside):
    person_create(
        actor=inside,
        unit=tree.cell,
        code="",
        values={
            **BASE,
            "salary_step": 1,
            "salary_coefficient": Decimal("1.00"),
            "enlisted_on": dt.date(1995, 1, 1),
        },
    )
    person_create(
        actor=inside,
        unit=tree.cell,
        code="",
        values={**BASE, "full_name": "Lê Thị Hoa", "salary_step": 20, "salary_coefficient": Decimal("10.00")},
    )
    assert Person.objects.count() == 2


def test_a_correction_checks_army_dates_against_the_stored_ones(person, inside):
    person_correct(actor=inside, person=person, reason="Bổ sung", values={"enlisted_on": dt.date(2000, 3, 1)})
    with pytest.raises(DomainError) as err:
        person_correct(
            actor=inside, person=person, reason="Bổ sung", values={"discharged_on": dt.date(1999, 1, 1)}
        )
    assert err.value.field == "discharged_on"


# --- Changing and removing a line -------------------------------------------------------------------


def test_changing_a_line_keeps_old_values_reason_and_audit(person, inside):
    entry = career_entry_add(
        actor=inside, person=person, start=dt.date(2002, 9, 1), end=None, description="Giáo viên"
    )
    part_update(
        actor=inside,
        person=person,
        kind="career",
        part_id=entry.pk,
        reason="Theo quyết định 12-QĐ",
        values={"start": dt.date(2002, 9, 1), "end": dt.date(2010, 8, 31), "description": " Tổ trưởng "},
    )
    entry.refresh_from_db()
    assert entry.description == "Tổ trưởng" and entry.end == dt.date(2010, 8, 31)
    correction = PersonCorrection.objects.get(person=person)
    assert correction.reason == "Theo quyết định 12-QĐ"
    assert correction.changes == {
        "career.end": [None, "31/08/2010"],
        "career.description": ["Giáo viên", "Tổ trưởng"],
    }
    event = AuditEvent.objects.latest("seq")
    assert event.action == "person.career_update" and event.summary["reason"] == "Theo quyết định 12-QĐ"


def test_a_change_needs_a_reason_and_a_difference(person, inside):
    entry = career_entry_add(
        actor=inside, person=person, start=dt.date(2002, 9, 1), end=None, description="GV"
    )
    values = {"start": dt.date(2002, 9, 1), "end": None, "description": "GV"}
    with pytest.raises(DomainError) as err:
        part_update(actor=inside, person=person, kind="career", part_id=entry.pk, reason="  ", values=values)
    assert err.value.field == "reason"
    with pytest.raises(DomainError):
        part_update(actor=inside, person=person, kind="career", part_id=entry.pk, reason="x", values=values)
    with pytest.raises(DomainError) as err:
        part_update(
            actor=inside,
            person=person,
            kind="career",
            part_id=entry.pk,
            reason="x",
            values={**values, "end": dt.date(2001, 1, 1)},
        )
    assert err.value.field == "end"
    assert not PersonCorrection.objects.exists()


def test_a_line_of_another_person_or_outside_scope_is_not_found(tree, person, inside, outside):
    other = person_create(actor=None, unit=tree.cell, code="P2", values={**BASE, "full_name": "Lê Văn Bình"})
    entry = career_entry_add(actor=None, person=other, start=dt.date(2002, 9, 1), end=None, description="GV")
    with pytest.raises(DomainError):
        part_delete(actor=inside, person=person, kind="career", part_id=entry.pk, reason="x")
    with pytest.raises(DomainError):
        part_delete(actor=outside, person=other, kind="career", part_id=entry.pk, reason="x")
    assert CareerEntry.objects.filter(pk=entry.pk).exists()


def test_removing_a_line_keeps_what_it_said(person, inside):
    relative = relative_add(
        actor=inside, person=person, relation="Con", full_name="Nguyễn Minh Khôi", birth_year=2010
    )
    part_delete(actor=inside, person=person, kind="relative", part_id=relative.pk, reason="Ghi trùng")
    assert not Relative.objects.exists()
    correction = PersonCorrection.objects.get(person=person)
    assert correction.changes["relative.full_name"] == ["Nguyễn Minh Khôi", ""]
    assert AuditEvent.objects.latest("seq").action == "person.relative_delete"


def test_a_relative_cannot_become_oneself(person, inside):
    relative = relative_add(actor=inside, person=person, relation="Con", full_name="Nguyễn Minh Khôi")
    with pytest.raises(DomainError) as err:
        part_update(
            actor=inside,
            person=person,
            kind="relative",
            part_id=relative.pk,
            reason="x",
            values={"relation": "Con", "full_name": "Nguyễn Minh Khôi", "linked_person": person},
        )
    assert err.value.field == "linked_code"


# --- The photo --------------------------------------------------------------------------------------


def test_a_real_png_is_kept_with_its_size(person, inside):
    photo_set(actor=inside, person=person, upload=Upload("anh.png", "image/png", png(90, 120)))
    photo = PersonPhoto.objects.get(person=person)
    assert (photo.content_type, photo.width, photo.height) == ("image/png", 90, 120)
    assert AuditEvent.objects.latest("seq").action == "person.photo_set"
    photo_remove(actor=inside, person=person)
    assert not PersonPhoto.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("anh.png", b"<svg onload=alert(1)>"),  # not an image, whatever its name says
        ("anh.gif", b"GIF89a" + b"\x00" * 20),  # a type not accepted
        ("anh.png", png(20, 20)),  # too small to be a 4x6 photo
        ("anh.png", png(100, 100) + b"\x00" * (2 * 1024 * 1024)),  # over 2 MB
    ],
)
def test_what_is_not_a_usable_photo_is_refused(person, inside, name, data):
    with pytest.raises(DomainError) as err:
        photo_set(actor=inside, person=person, upload=Upload(name, "image/png", data))
    assert err.value.field == "photo"
    assert not PersonPhoto.objects.exists()


def test_photo_outside_scope_is_refused(person, outside):
    with pytest.raises(DomainError):
        photo_set(actor=outside, person=person, upload=Upload("anh.png", "image/png", png(90, 120)))
