"""The record pages with the named cast: add a person, change or remove a line, the photo."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login
from tochuc.core.attachments import Upload
from tochuc.people.models import CareerEntry, Person, PersonPhoto
from tochuc.people.services import career_entry_add, person_create, photo_set
from tochuc.people.tests.test_services_records import png

pytestmark = pytest.mark.django_db

FORM = {
    "unit_code": "t01-x01-cs1-cb1",
    "code": "",
    "full_name": "Phạm Thị Lan",
    "birth_date": "12/04/1990",
    "gender": "female",
    "ethnicity": "Tày",
    "political_theory_level": "elementary",
    "civil_grade": "Chuyên viên",
    "civil_grade_code": "01.003",
    "salary_step": "2",
    "salary_coefficient": "2,67",
    "enlisted_on": "",
    "status": "probationary",
    "admitted_on": "03/02/2025",
}


@pytest.fixture
def person(tree):
    return person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={"full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 1), "gender": "male"},
    )


@pytest.fixture
def entry(person):
    return career_entry_add(
        actor=None, person=person, start=dt.date(2002, 9, 1), end=None, description="Giáo viên"
    )


def _line_urls(person, entry):
    return [
        reverse("people:part_edit", args=[person.code, "career", entry.pk]),
        reverse("people:part_delete", args=[person.code, "career", entry.pk]),
        reverse("people:photo_upload", args=[person.code]),
    ]


# --- Adding a person ------------------------------------------------------------------------------


def test_inside_adds_a_person_and_lands_on_the_new_2c(tree, inside):
    response = login(inside).post(reverse("people:create"), FORM)
    person = Person.objects.get(full_name="Phạm Thị Lan")
    assert response.status_code == 302 and response["Location"] == reverse(
        "people:detail", args=[person.code]
    )
    assert person.code == "T01-X01-CS1-CB1-0001" and person.unit == tree.cell
    assert str(person.salary_coefficient) == "2.67" and person.ethnicity == "Tày"
    assert person.membership.status == "probationary"
    assert AuditEvent.objects.filter(action="person.create", object_id=str(person.pk)).count() == 1
    page = login(inside).get(response["Location"]).content.decode()
    assert "Chuyên viên" in page and "01.003" in page and "2,67" in page


def test_form_errors_are_in_vietnamese_on_their_field(tree, inside):
    data = {**FORM, "birth_date": "31/02/1990", "salary_coefficient": "abc", "citizen_id": "123"}
    response = login(inside).post(reverse("people:create"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ngày phải có dạng dd/mm/yyyy" in page
    assert "Hệ số lương là một số" in page
    assert "Số CCCD gồm đúng 12 chữ số." in page
    assert not Person.objects.exists()


def test_service_errors_show_on_the_form(tree, inside):
    data = {**FORM, "enlisted_on": "01/01/2000", "discharged_on": "01/01/1999"}
    page = login(inside).post(reverse("people:create"), data).content.decode()
    assert "Ngày xuất ngũ phải sau ngày nhập ngũ." in page
    assert not Person.objects.exists()


def test_a_unit_outside_scope_is_named_unknown(tree, outside, inside):
    page = login(outside).post(reverse("people:create"), FORM).content.decode()
    assert "Không có đơn vị mã «T01-X01-CS1-CB1»" in page
    assert not Person.objects.exists()


def test_add_page_is_404_for_roles_that_do_not_enter_data(tree, leader, auditor):
    assert login(leader).get(reverse("people:create")).status_code == 404
    assert login(auditor).post(reverse("people:create"), FORM).status_code == 404
    assert not Person.objects.exists()


def test_anonymous_is_sent_to_login_and_nothing_is_written(client: Client, tree):
    response = client.post(reverse("people:create"), FORM)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Person.objects.exists()


# --- Changing and removing a line ---------------------------------------------------------------


def test_inside_changes_a_line_with_a_reason(person, entry, inside):
    url = reverse("people:part_edit", args=[person.code, "career", entry.pk])
    client = login(inside)
    form = client.get(url).content.decode()
    assert "Giáo viên" in form and "change_reason" in form
    data = {"start": "01/09/2002", "end": "31/08/2010", "description": "Tổ trưởng Tổ Toán"}
    missing = client.post(url, data)
    assert missing.status_code == 200 and "has-error" in missing.content.decode()
    assert CareerEntry.objects.get().description == "Giáo viên"  # no reason, no change
    response = client.post(url, {**data, "change_reason": "Theo Quyết định 12-QĐ/ĐU"})
    assert response.status_code == 302
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert "Tổ trưởng Tổ Toán" in page and "Theo Quyết định 12-QĐ/ĐU" in page
    assert "Quá trình công tác — Chức danh, chức vụ, đơn vị công tác" in page


def test_delete_asks_first_and_a_get_writes_nothing(person, entry, inside):
    url = reverse("people:part_delete", args=[person.code, "career", entry.pk])
    client = login(inside)
    before = AuditEvent.objects.count()
    page = client.get(url).content.decode()
    assert "Xóa dòng này" in page and "Giáo viên" in page
    assert CareerEntry.objects.exists() and AuditEvent.objects.count() == before
    assert client.post(url, {}).status_code == 200 and CareerEntry.objects.exists()
    assert client.post(url, {"change_reason": "Ghi trùng"}).status_code == 302
    assert not CareerEntry.objects.exists()
    assert AuditEvent.objects.latest("seq").action == "person.career_delete"


def test_unknown_kind_or_line_of_someone_else_is_404(tree, person, entry, inside):
    client = login(inside)
    assert client.get(reverse("people:part_edit", args=[person.code, "salary", entry.pk])).status_code == 404
    other = person_create(
        actor=None,
        unit=tree.cell,
        code="P2",
        values={"full_name": "Lê Văn Bình", "birth_date": dt.date(1981, 1, 1), "gender": "male"},
    )
    assert client.get(reverse("people:part_edit", args=[other.code, "career", entry.pk])).status_code == 404


def test_outside_gets_404_and_changes_nothing(person, entry, outside):
    client = login(outside)
    for url in _line_urls(person, entry):
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"change_reason": "x", "description": "y", "start": "01/01/2000"}).status_code
            == 404
        )
    assert CareerEntry.objects.get().description == "Giáo viên"


def test_anonymous_is_sent_to_login(client: Client, person, entry):
    for url in _line_urls(person, entry):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_leader_of_the_commune_reads_but_sees_no_edit_buttons(person, entry, leader):
    client = login(leader)
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert reverse("people:part_edit", args=[person.code, "career", entry.pk]) not in page
    assert client.get(reverse("people:part_edit", args=[person.code, "career", entry.pk])).status_code == 404


# --- The photo --------------------------------------------------------------------------------------


def test_photo_upload_shows_on_the_2c_and_in_the_word_file(person, inside):
    client = login(inside)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("anh.png", png(90, 120), content_type="image/png")
    response = client.post(reverse("people:photo_upload", args=[person.code]), {"photo": upload})
    assert response.status_code == 302
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert reverse("people:photo", args=[person.code]) in page
    image = client.get(reverse("people:photo", args=[person.code]))
    assert image["Content-Type"] == "image/png" and image["X-Content-Type-Options"] == "nosniff"
    word = client.get(reverse("people:download_2c", args=[person.code])).content
    assert b"word/media/" in word


def test_a_fake_image_is_refused_on_the_form(person, inside):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("anh.png", b"<html>not an image</html>", content_type="image/png")
    page = (
        login(inside)
        .post(reverse("people:photo_upload", args=[person.code]), {"photo": upload})
        .content.decode()
    )
    assert "không phải là ảnh JPEG hoặc PNG" in page
    assert not PersonPhoto.objects.exists()


def test_photo_is_404_outside_scope_and_when_there_is_none(person, inside, outside):
    url = reverse("people:photo", args=[person.code])
    assert login(inside).get(url).status_code == 404
    photo_set(actor=None, person=person, upload=Upload("a.png", "image/png", png(90, 120)))
    assert login(outside).get(url).status_code == 404
    assert login(outside).post(reverse("people:photo_remove", args=[person.code])).status_code == 404
    assert login(inside).get(reverse("people:photo_remove", args=[person.code])).status_code == 405
    assert PersonPhoto.objects.exists()


def test_membership_follows_the_dates_and_is_absent_for_a_non_member(tree, inside):
    client = login(inside)
    base = {k: v for k, v in FORM.items() if k not in ("status", "admitted_on")}
    client.post(
        reverse("people:create"), {**base, "admitted_on": "03/02/2015", "full_member_on": "03/02/2016"}
    )
    client.post(reverse("people:create"), {**base, "full_name": "Đỗ Văn Hùng"})
    assert Person.objects.get(full_name="Phạm Thị Lan").membership.status == "full"
    assert not hasattr(Person.objects.get(full_name="Đỗ Văn Hùng"), "membership")


def test_the_unit_page_offers_to_add_a_member_there(tree, inside, leader):
    url = reverse("orgunits:detail", args=[tree.cell.code])
    page = login(inside).get(url).content.decode()
    assert reverse("people:create") + "?unit=T01-X01-CS1-CB1" in page
    form = login(inside).get(reverse("people:create") + "?unit=T01-X01-CS1-CB1").content.decode()
    assert 'value="T01-X01-CS1-CB1"' in form
    assert reverse("people:create") not in login(leader).get(url).content.decode()
