"""The import lists rows allowed but unlikely, and the job page links to the records it created."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tochuc.conftest import login
from tochuc.people.importing import import_people
from tochuc.people.importing.doubts import row_doubts
from tochuc.people.models import ImportJob, ImportJobStatus, Person
from tochuc.people.tests.import_helpers import member, write_book

TODAY = dt.date(2026, 12, 1)


def test_admitted_ten_years_ago_with_no_full_membership_is_doubtful():
    doubts = row_doubts(
        {}, {"admitted_on": dt.date(2016, 5, 1), "full_member_on": None, "status": "probationary"}, TODAY
    )
    assert [field for field, _message in doubts] == ["full_member_on"]
    assert "01/05/2016" in doubts[0][1] and "10 năm" in doubts[0][1]


@pytest.mark.parametrize(
    ("person", "membership", "fields"),
    [
        ({}, {"admitted_on": dt.date(2025, 6, 1), "full_member_on": None, "status": "probationary"}, []),
        (
            {},
            {"admitted_on": dt.date(2024, 11, 30), "full_member_on": None, "status": "probationary"},
            ["full_member_on"],
        ),
        ({}, {"admitted_on": dt.date(2010, 1, 1), "full_member_on": None, "status": "left"}, []),
        (
            {},
            {"admitted_on": dt.date(2010, 1, 1), "full_member_on": dt.date(2010, 6, 1), "status": "full"},
            ["full_member_on"],
        ),
        (
            {},
            {"admitted_on": dt.date(2010, 1, 1), "full_member_on": dt.date(2011, 1, 1), "status": "full"},
            [],
        ),
        ({"birth_date": dt.date(1990, 1, 1), "recruited_on": dt.date(2005, 1, 1)}, {}, ["recruited_on"]),
        ({"birth_date": dt.date(1990, 1, 1), "recruited_on": dt.date(2006, 1, 1)}, {}, []),
    ],
)
def test_doubts_at_their_edges(person, membership, fields):
    assert [field for field, _message in row_doubts(person, membership, TODAY)] == fields


@pytest.mark.django_db
def test_doubtful_rows_are_imported_and_listed(tree, inside, tmp_path):
    path = write_book(tmp_path / "ds.xlsx", [member(Ngày_vào_Đảng=dt.date(2012, 3, 2), Ngày_chính_thức=None)])
    result = import_people(actor=inside, path=path, file_name="ds.xlsx")
    assert result.ok and result.created == 1
    assert result.warning_count == 1 and result.warnings[0].column == "Ngày chính thức"
    assert result.created_codes == [Person.objects.get().code]


@pytest.mark.django_db
def test_job_page_shows_doubts_and_links_created_records_in_scope(tree, inside, outside):
    person_code = "T01-X01-CS1-CB1-0001"
    Person.objects.all().delete()
    from tochuc.people.services import person_create

    created = person_create(
        actor=None,
        unit=tree.cell,
        code=person_code,
        values={"full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male"},
    )
    job = ImportJob.objects.create(
        created_by=inside,
        file_name="ds.xlsx",
        status=ImportJobStatus.DONE,
        created_count=1,
        warnings=[
            [5, "Ngày chính thức", "Vào Đảng ngày 02/03/2012 (đã 14 năm) nhưng chưa có ngày chính thức"]
        ],
        warning_count=1,
        created_codes=[created.code],
    )
    page = login(inside).get(reverse("people:import_job", args=[job.pk])).content.decode()
    assert "1 dòng cần xem lại" in page and "02/03/2012" in page
    assert reverse("people:detail", args=[created.code]) in page
    assert login(outside).get(reverse("people:import_job", args=[job.pk])).status_code == 404
