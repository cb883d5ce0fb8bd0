"""The person pages with the named cast: inside reads and corrects, outside gets 404, anonymous logs in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tochuc.accounts.models import Role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import login, make_user
from tochuc.people.models import (
    CareerEntry,
    PersonCorrection,
    PersonDiscipline,
    PersonReward,
    Relative,
    Training,
)
from tochuc.people.services import person_create

pytestmark = pytest.mark.django_db

CID = "001080012345"
PAGES = [
    "people:detail",
    "people:download_2c",
    "people:reveal",
    "people:correct",
    "people:move",
    "people:career_add",
    "people:training_add",
    "people:reward_add",
    "people:discipline_add",
    "people:relative_add",
]
POSTS = {
    "people:reveal": {"reason": "Đối chiếu hồ sơ chuyển sinh hoạt"},
    "people:move": {"unit_code": "T01-X02", "reason": "Quyết định 45-QĐ/ĐU"},
    "people:career_add": {"start": "01/09/2002", "description": "Giáo viên Trường THPT An Bình"},
    "people:training_add": {
        "start": "01/09/1998",
        "end": "30/06/2002",
        "institution": "Đại học Sư phạm Vinh",
        "field": "Sư phạm Toán",
    },
    "people:reward_add": {"decided_on": "15/01/2020", "title": "Giấy khen của Đảng ủy xã"},
    "people:discipline_add": {"decided_on": "15/01/2021", "form": "Khiển trách"},
    "people:relative_add": {"relation": "Vợ", "full_name": "Lê Thị Hoa", "birth_year": "1982"},
    "people:correct": {
        "full_name": "Nguyễn Văn An",
        "birth_date": "01/05/1980",
        "gender": "male",
        "ethnicity": "Kinh",
        "hometown": "Xã Đức Thọ, tỉnh Hà Tĩnh",
        "current_post": "Bí thư chi bộ",
        "general_education": "12/12",
        "political_theory_level": "intermediate",
        "status": "full",
        "admitted_on": "02/03/2005",
        "full_member_on": "02/03/2006",
        "card_number": "12345678",
        "reason": "Theo văn bản 12-CV/BTC",
    },
}


@pytest.fixture
def person(tree):
    return person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={
            "full_name": "Nguyễn Văn An",
            "birth_date": dt.date(1980, 5, 1),
            "gender": "male",
            "citizen_id": CID,
            "hometown": "Xã Đức Thọ, tỉnh Hà Tĩnh",
            "current_post": "Bí thư chi bộ",
        },
        membership={
            "status": "full",
            "admitted_on": dt.date(2005, 3, 2),
            "full_member_on": dt.date(2006, 3, 2),
            "card_number": "12345678",
        },
    )


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_is_sent_to_login(client: Client, person, name):
    response = client.get(reverse(name, args=[person.code]))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("name", PAGES)
def test_outside_gets_404(person, outside, name):
    assert login(outside).get(reverse(name, args=[person.code])).status_code == 404


@pytest.mark.parametrize("name", list(POSTS))
def test_outside_posts_get_404_and_change_nothing(person, outside, name):
    before = AuditEvent.objects.count()
    response = login(outside).post(reverse(name, args=[person.code]), POSTS[name])
    assert response.status_code == 404
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("name", list(POSTS))
def test_anonymous_posts_are_sent_to_login(client: Client, person, name):
    response = client.post(reverse(name, args=[person.code]), POSTS[name])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", PAGES)
def test_inside_opens_every_page(person, inside, name):
    response = login(inside).get(reverse(name, args=[person.code]))
    assert response.status_code == 200
    assert CID.encode() not in response.content


@pytest.mark.parametrize("name", list(POSTS))
def test_inside_posts_work_and_are_audited(person, inside, name):
    before = AuditEvent.objects.count()
    response = login(inside).post(reverse(name, args=[person.code]), POSTS[name])
    assert response.status_code in (200, 302), response.content.decode()[:2000]
    if name != "people:reveal":
        assert response.status_code == 302, response.content.decode()
    assert AuditEvent.objects.count() == before + 1


def test_viewer_reads_but_may_not_edit_or_reveal(tree, person):
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    client = login(viewer)
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert "Nguyễn Văn An" in page
    assert "Xem số CCCD" not in page and "Sửa hồ sơ" not in page
    for name in ("people:reveal", "people:correct", "people:move", "people:career_add"):
        assert client.get(reverse(name, args=[person.code])).status_code == 404
        assert client.post(reverse(name, args=[person.code]), POSTS[name]).status_code == 404


def test_detail_shows_the_2c_sections_and_a_masked_citizen_id(person, inside):
    page = login(inside).get(reverse("people:detail", args=[person.code])).content.decode()
    for text in (
        "Nguyễn Văn An",
        "01/05/1980",
        "•••••••• 2345".replace(" ", ""),
        "02/03/2005",
        "02/03/2006",
        "12345678",
        "Xã Đức Thọ, tỉnh Hà Tĩnh",
        "Bí thư chi bộ",
        "Tóm tắt quá trình công tác",
        "Đào tạo, bồi dưỡng",
        "Khen thưởng",
        "Kỷ luật",
        "Quan hệ gia đình",
        "Lịch sử sửa đổi hồ sơ",
        "Xem số CCCD",
    ):
        assert text in page, text
    assert CID not in page


def test_reveal_needs_a_reason_and_writes_exactly_one_event(person, inside):
    client = login(inside)
    url = reverse("people:reveal", args=[person.code])
    form = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in form and "Lý do xem số CCCD" in form and CID not in form
    refused = client.post(url, {"reason": ""}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 200 and CID.encode() not in refused.content
    assert not AuditEvent.objects.filter(action="person.reveal_citizen_id").exists()
    shown = client.post(url, {"reason": "Đối chiếu hồ sơ chuyển sinh hoạt"}, HTTP_HX_REQUEST="true")
    assert CID.encode() in shown.content and b"<html" not in shown.content
    assert "no-store" in shown["Cache-Control"]
    events = AuditEvent.objects.filter(action="person.reveal_citizen_id")
    assert events.count() == 1
    assert events.get().summary == {"reason": "Đối chiếu hồ sơ chuyển sinh hoạt"}
    # The page itself still shows the masked number only.
    assert CID.encode() not in client.get(reverse("people:detail", args=[person.code])).content


def test_reveal_without_permission_is_404_for_a_leader_outside_the_commune(tree, person):
    leader_elsewhere = make_user("leader2", Role.LEADER, tree.commune2)
    url = reverse("people:reveal", args=[person.code])
    assert login(leader_elsewhere).post(url, {"reason": "Xem để đối chiếu"}).status_code == 404
    assert not AuditEvent.objects.filter(action="person.reveal_citizen_id").exists()


def test_leader_of_the_commune_may_reveal_but_not_edit(person, leader):
    client = login(leader)
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert "Xem số CCCD" in page and "Sửa hồ sơ" not in page
    shown = client.post(reverse("people:reveal", args=[person.code]), {"reason": "Chuẩn bị nhân sự"})
    assert CID.encode() in shown.content
    assert client.get(reverse("people:correct", args=[person.code])).status_code == 404


def test_correction_keeps_history_and_never_shows_the_citizen_id(person, inside):
    client = login(inside)
    url = reverse("people:correct", args=[person.code])
    form = client.get(url).content.decode()
    assert CID not in form and 'value="Nguyễn Văn An"' in form
    missing_reason = client.post(url, {**POSTS["people:correct"], "reason": ""})
    assert missing_reason.status_code == 200 and "Lý do sửa" in missing_reason.content.decode()
    assert not PersonCorrection.objects.exists()
    response = client.post(url, {**POSTS["people:correct"], "citizen_id": "001080099999"})
    assert response.status_code == 302
    correction = PersonCorrection.objects.get()
    assert set(correction.changes) == {"citizen_id", "political_theory_level"}
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    assert "Theo văn bản 12-CV/BTC" in page and "Inside" in page
    assert "hmac:" in page
    assert "001080099999" not in page and CID not in page
    assert "Lý luận chính trị" in page and "Trung cấp" in page


def test_correction_with_a_bad_value_names_the_field(person, inside):
    url = reverse("people:correct", args=[person.code])
    response = login(inside).post(url, {**POSTS["people:correct"], "citizen_id": "12AB"})
    assert response.status_code == 200
    assert "Số CCCD gồm đúng 12 chữ số." in response.content.decode()
    assert not PersonCorrection.objects.exists()


@pytest.mark.parametrize("holder_unit", ["other_cell", "commune2"])
def test_a_citizen_id_held_by_someone_else_only_cannot_be_used(person, inside, tree, holder_unit):
    """Whether the holder is outside the scope or not, the answer does not tell that the number exists."""
    person_create(
        actor=None,
        unit=getattr(tree, holder_unit),
        code="P-HOLDER",
        values={
            "full_name": "Trần Văn Giữ",
            "birth_date": dt.date(1975, 1, 1),
            "gender": "male",
            "citizen_id": "045075099887",
        },
    )
    url = reverse("people:correct", args=[person.code])
    taken = login(inside).post(url, {**POSTS["people:correct"], "citizen_id": "045075099887"})
    free_but_bad = login(inside).post(url, {**POSTS["people:correct"], "citizen_id": "12AB"})
    page = taken.content.decode()
    assert taken.status_code == free_but_bad.status_code == 200
    assert "Không dùng được số CCCD này." in page
    assert "đã có" not in page and "Trần Văn Giữ" not in page and "P-HOLDER" not in page
    assert not PersonCorrection.objects.exists()


def test_move_to_a_unit_outside_scope_is_refused(person, inside, tree):
    url = reverse("people:move", args=[person.code])
    response = login(inside).post(url, {"unit_code": tree.other_cell.code, "reason": "Chuyển công tác"})
    assert response.status_code == 200
    assert "Không tìm thấy đơn vị" in response.content.decode()
    person.refresh_from_db()
    assert person.unit_id == tree.cell.pk


def test_move_changes_unit_and_shows_in_history(person, inside, tree):
    response = login(inside).post(reverse("people:move", args=[person.code]), POSTS["people:move"])
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unit_id == tree.commune2.pk
    page = login(inside).get(reverse("people:detail", args=[person.code])).content.decode()
    assert "Quyết định 45-QĐ/ĐU" in page and "Đơn vị sinh hoạt" in page


def test_parts_appear_on_the_page(person, inside):
    client = login(inside)
    for name in ("career_add", "training_add", "reward_add", "discipline_add", "relative_add"):
        assert (
            client.post(reverse(f"people:{name}", args=[person.code]), POSTS[f"people:{name}"]).status_code
            == 302
        )
    assert CareerEntry.objects.count() == Training.objects.count() == 1
    assert PersonReward.objects.count() == PersonDiscipline.objects.count() == Relative.objects.count() == 1
    page = client.get(reverse("people:detail", args=[person.code])).content.decode()
    for text in (
        "Giáo viên Trường THPT An Bình",
        "Sư phạm Toán",
        "Giấy khen của Đảng ủy xã",
        "Khiển trách",
        "Lê Thị Hoa",
    ):
        assert text in page


def test_relative_links_to_a_person_in_scope_only(person, inside, tree):
    spouse = person_create(
        actor=None,
        unit=tree.commune2,
        code="P2",
        values={"full_name": "Lê Thị Hoa", "birth_date": dt.date(1982, 1, 1), "gender": "female"},
    )
    stranger = person_create(
        actor=None,
        unit=tree.other_cell,
        code="Q1",
        values={"full_name": "Phạm Văn Dũng", "birth_date": dt.date(1975, 1, 1), "gender": "male"},
    )
    url = reverse("people:relative_add", args=[person.code])
    client = login(inside)
    refused = client.post(url, {**POSTS["people:relative_add"], "linked_code": stranger.code})
    assert "Không tìm thấy đảng viên mã «Q1»" in refused.content.decode()
    assert client.post(url, {**POSTS["people:relative_add"], "linked_code": "p2"}).status_code == 302
    assert Relative.objects.get().linked_person == spouse


def test_bad_dates_name_the_field(person, inside):
    url = reverse("people:career_add", args=[person.code])
    response = login(inside).post(url, {"start": "31/02/1980", "description": "x"})
    assert response.status_code == 200 and "has-error" in response.content.decode()
    response = login(inside).post(url, {"start": "01/01/2010", "end": "01/01/2000", "description": "x"})
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not CareerEntry.objects.exists()


def test_2c_download_is_a_word_file_with_a_masked_id_and_an_audit_event(person, inside):
    response = login(inside).get(reverse("people:download_2c", args=[person.code]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == "attachment; filename=\"2c-p1.docx\"; filename*=UTF-8''2C-P1.docx"
    )
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "NGUYỄN VĂN AN" in text and "•••••••••2345"[-8:] in text
    assert CID not in text
    assert AuditEvent.objects.filter(action="person.download_2c").count() == 1


def test_unknown_person_is_404(inside, tree):
    assert login(inside).get(reverse("people:detail", args=["NOPE"])).status_code == 404
