"""What the person page and the Word 2C read: the photo with the person, the same 2C file as before."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from docx import Document
from docx.document import Document as DocxDocument

from tochuc.conftest import login
from tochuc.core.attachments import Upload
from tochuc.people import word
from tochuc.people.services import (
    career_entry_add,
    person_correct,
    person_create,
    photo_set,
    relative_add,
    reward_add,
    training_add,
)
from tochuc.people.tests.test_services_records import png

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(tree, inside):
    person = person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={
            "full_name": "Nguyễn Thị Ánh Tuyết",
            "birth_date": dt.date(1980, 5, 1),
            "gender": "female",
            "citizen_id": "001080012345",
            "ethnicity": "Mường",
        },
        membership={"status": "full", "admitted_on": dt.date(2005, 3, 2)},
    )
    career_entry_add(
        actor=inside, person=person, start=dt.date(2002, 9, 1), end=None, description="Giáo viên Toán"
    )
    training_add(
        actor=inside,
        person=person,
        start=dt.date(1998, 9, 1),
        end=dt.date(2002, 6, 30),
        institution="Đại học Vinh",
        field="Sư phạm Toán",
    )
    reward_add(actor=inside, person=person, decided_on=dt.date(2020, 1, 15), title="Giấy khen")
    relative_add(actor=inside, person=person, relation="Chồng", full_name="Lê Văn Hùng", birth_year=1978)
    person_correct(
        actor=inside, person=person, reason="Theo văn bản 12-CV/BTC", values={"hometown": "Xã Đức Thọ"}
    )
    return person


def _with_photo(person, inside) -> None:
    photo_set(actor=inside, person=person, upload=Upload("anh.png", "image/png", png(90, 120)))


def _parts(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("photo", [False, True])
def test_the_page_shows_the_photo_or_its_place(person, inside, photo):
    if photo:
        _with_photo(person, inside)
    page = login(inside).get(reverse("people:detail", args=[person.code])).content.decode()
    photo_url = reverse("people:photo", args=[person.code])
    assert (f'src="{photo_url}"' in page) is photo
    assert ("Ảnh 4×6" in page) is not photo
    assert ("Đổi ảnh" in page) is photo and ("Thêm ảnh" in page) is not photo
    assert "Theo văn bản 12-CV/BTC" in page  # the history of corrections is still on the page


@pytest.mark.parametrize("photo", [False, True])
def test_the_page_reads_the_photo_with_the_person(person, inside, photo, django_assert_num_queries):
    if photo:
        _with_photo(person, inside)
    client = login(inside)
    url = reverse("people:detail", args=[person.code])
    client.get(url)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("photo", [False, True])
def test_the_2c_is_the_same_file_as_one_built_on_a_freshly_parsed_template(
    person, inside, photo, monkeypatch
):
    if photo:
        _with_photo(person, inside)
    client = login(inside)
    url = reverse("people:download_2c", args=[person.code])
    client.get(url)
    built = client.get(url).content

    def parsed(prepare) -> DocxDocument:
        document = Document()
        prepare(document)
        return document

    monkeypatch.setattr(word, "blank", parsed)
    reference = client.get(url).content
    assert _parts(built) == _parts(reference)
    document = Document(io.BytesIO(built))
    assert len(document.inline_shapes) == int(photo)
    assert "Theo văn bản 12-CV/BTC" not in "\n".join(p.text for p in document.paragraphs)


@pytest.mark.parametrize("photo", [False, True])
def test_the_2c_reads_the_photo_with_the_person_and_not_the_corrections(
    person, inside, photo, django_assert_num_queries
):
    if photo:
        _with_photo(person, inside)
    client = login(inside)
    url = reverse("people:download_2c", args=[person.code])
    client.get(url)
    with django_assert_num_queries(DOCX_QUERIES) as captured:
        assert client.get(url).status_code == 200
    queries = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in queries if "people_personcorrection" in sql]
    assert len([sql for sql in queries if "people_personphoto" in sql]) == 1


# The photo was a query of its own on both (15 and 17); the 2C also read the corrections it does not print.
# The header names the scope from the grants already read (one query fewer on every page).
PAGE_QUERIES = 13
# The audit log of the download takes one more statement on PostgreSQL (its chain's lock).
DOCX_QUERIES = 15 if connection.vendor == "sqlite" else 16
