"""Citizens' and press feedback: the public page and API as an anonymous visitor (rate limit,
honeypot, look-up showing nothing but status and published answer), routing, the identity kept
from roles that do not handle the item, and the staff list."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login, make_user
from tochuc.core.attachments import Upload
from tochuc.core.errors import DomainError
from tochuc.feedback import services
from tochuc.feedback.models import Feedback, FeedbackFile, FeedbackStatus
from tochuc.proposals.rules import get_pack

URL = "/api/v1/public/feedback"


def _make_person(unit: Any, name: str, code: str) -> Any:
    from tochuc.people.services import person_create

    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": name, "birth_date": dt.date(1980, 5, 1), "gender": "male"},
    )


def _api_send(client: Client, addr: str = "10.0.0.1", **body: object) -> Any:
    payload: dict[str, object] = {
        "unit": "T01-X01",
        "kind": "organization",
        "content": "Chi bộ họp không đúng kỳ.",
        "contact": None,
    }
    payload.update(body)
    return client.post(URL, json.dumps(payload), content_type="application/json", REMOTE_ADDR=addr)


def _submit(tree: Tree, **kwargs: Any) -> Feedback:
    values: dict[str, Any] = {
        "unit": tree.commune.code,
        "kind": "organization",
        "content": "Nội dung phản ánh",
        "sender_name": "Nguyễn Văn An",
        "sender_contact": "0912 345 678",
        "address": "10.0.0.9",
    }
    values.update(kwargs)
    return services.feedback_submit_public(**values)


# --- the public API -----------------------------------------------------------------------------


def test_anyone_sends_feedback_and_gets_a_tracking_code(tree: Tree, client: Client) -> None:
    response = _api_send(client)
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    item = Feedback.objects.get(tracking_code=code)
    assert item.unit == tree.commune
    assert item.anonymous
    assert item.due_on == item.received_on + dt.timedelta(days=get_pack().feedback_days("organization"))


def test_bad_input_is_422_naming_the_field(tree: Tree, client: Client) -> None:
    unknown = _api_send(client, unit="KHONG-CO")
    assert unknown.status_code == 422
    assert unknown.json()["field"] == "unit"
    assert _api_send(client, content="   ").json()["field"] == "content"
    bad_kind = _api_send(client, kind="praise")
    assert bad_kind.status_code == 422
    assert "kind" in json.dumps(bad_kind.json())
    assert Feedback.objects.count() == 0


def test_more_than_five_in_ten_minutes_from_one_address_is_429(tree: Tree, client: Client) -> None:
    for _ in range(5):
        assert _api_send(client, addr="10.1.1.1").status_code == 201
    refused = _api_send(client, addr="10.1.1.1")
    assert refused.status_code == 429
    assert "phút" in refused.json()["detail"]
    assert _api_send(client, addr="10.1.1.2").status_code == 201  # another address is not held back
    assert Feedback.objects.count() == 6


@override_settings(TOCHUC_FEEDBACK_RATE_LIMIT=2)
def test_the_rate_is_a_setting_and_the_window_passes(tree: Tree) -> None:
    start = dt.datetime(2026, 5, 1, 8, 0, tzinfo=dt.UTC)
    _submit(tree, address="a", now=start)
    _submit(tree, address="a", now=start + dt.timedelta(minutes=1))
    with pytest.raises(DomainError):
        _submit(tree, address="a", now=start + dt.timedelta(minutes=2))
    assert _submit(tree, address="a", now=start + dt.timedelta(minutes=11)).pk


def test_lookup_shows_status_and_published_answer_only(tree: Tree, client: Client, inside: User) -> None:
    mine = _submit(tree, content="BÍ MẬT của tôi")
    other = _submit(tree, content="Chuyện của người khác", sender_name="Trần Thị Bình")
    body = client.get(f"{URL}/{mine.tracking_code}").json()
    assert set(body) == {"tracking_code", "status", "received_on", "answer"}
    assert body["answer"] is None
    services.feedback_answer(
        actor=inside, feedback=mine, answer="Đã kiểm tra, chấn chỉnh.", internal_note="Ghi chú kín"
    )
    assert client.get(f"{URL}/{mine.tracking_code}").json()["answer"] is None  # not published yet
    services.feedback_publish(actor=make_user("lead", Role.LEADER, tree.commune), feedback=mine)
    body = client.get(f"{URL}/{mine.tracking_code}").json()
    assert body["answer"] == "Đã kiểm tra, chấn chỉnh."
    assert body["status"] == FeedbackStatus.ANSWERED
    text = json.dumps(body, ensure_ascii=False)
    for secret in ("BÍ MẬT", "0912", "Nguyễn Văn An", "Ghi chú kín", other.tracking_code, "người khác"):
        assert secret not in text
    assert client.get(f"{URL}/GY-KHONGCO1234").status_code == 404


# --- the public page ----------------------------------------------------------------------------


def test_public_page_sends_feedback_with_a_file_and_the_lookup_page_reads_it(
    tree: Tree, client: Client
) -> None:
    page = client.get("/gop-y/")
    assert page.status_code == 200
    assert "Gửi phản ánh" in page.content.decode()
    upload = SimpleUploadedFile("anh.png", b"\x89PNG fake", content_type="image/png")
    sent = client.post(
        "/gop-y/",
        {
            "unit": "T01-X01",
            "kind": "cadre",
            "content": "Cán bộ xã gây khó dễ",
            "name": "Lê C",
            "contact": "xã An Bình",
            "attachments": [upload],
        },
    )
    assert sent.status_code == 200
    item = Feedback.objects.get()
    assert item.tracking_code in sent.content.decode()
    assert not item.anonymous
    assert item.unit == tree.province  # a cadre of the commune: the committee above handles it
    assert FeedbackFile.objects.get().name == "anh.png"
    looked = client.get("/gop-y/tra-cuu/", {"code": item.tracking_code.lower()})
    assert looked.status_code == 200
    assert "Cán bộ xã gây khó dễ" not in looked.content.decode()
    assert "Đã tiếp nhận" in looked.content.decode()
    assert client.get("/gop-y/tra-cuu/", {"code": "GY-SAI"}).status_code == 404


def test_public_unit_search_finds_by_name_without_diacritics(tree: Tree, client: Client) -> None:
    found = client.get("/gop-y/don-vi/", {"q": "an binh"}).content.decode()
    assert "T01-X01" in found


def test_the_honeypot_refuses_and_stores_nothing(tree: Tree, client: Client) -> None:
    response = client.post(
        "/gop-y/", {"unit": "T01-X01", "kind": "other", "content": "spam", "website": "http://x"}
    )
    assert response.status_code == 400
    assert "Không gửi được" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_the_public_form_keeps_csrf_on(tree: Tree) -> None:
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/gop-y/", {"unit": "T01-X01", "kind": "other", "content": "x"})
    assert response.status_code == 403
    assert Feedback.objects.count() == 0


@override_settings(TOCHUC_FEEDBACK_MAX_FILE_BYTES=100)
def test_files_too_large_or_of_the_wrong_type_or_bombs_are_refused(tree: Tree, client: Client) -> None:
    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * 200, content_type="application/pdf")
    response = client.post(
        "/gop-y/", {"unit": "T01-X01", "kind": "other", "content": "x", "attachments": [big]}
    )
    assert response.status_code == 400
    assert "lớn quá" in response.content.decode()
    with pytest.raises(DomainError):
        _submit(tree, files=[Upload("run.exe", "application/octet-stream", b"MZ")])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * 4_000_000)
    with override_settings(TOCHUC_FEEDBACK_MAX_FILE_BYTES=5_000_000), pytest.raises(DomainError) as caught:
        _submit(tree, files=[Upload("don.docx", "application/zip", buffer.getvalue())])
    assert "bom" in caught.value.message
    assert Feedback.objects.count() == 0


# --- routing, identity, staff --------------------------------------------------------------------


def test_press_feedback_about_a_cadre_goes_to_the_committee_managing_the_cadre(
    tree: Tree, inside: User
) -> None:
    person = _make_person(tree.cell, "Phạm Văn Dũng", "DV-0001")
    item = services.feedback_record_press(
        actor=inside,
        concerned_unit=tree.commune,
        kind="cadre",
        content="Bài báo nêu việc vi phạm",
        outlet="Báo Hà Tĩnh",
        published_on=dt.date(2026, 4, 1),
        persons=[person],
    )
    assert item.unit == tree.grassroots  # the cell's parent committee
    organization = services.feedback_record_press(
        actor=inside,
        concerned_unit=tree.commune2,
        kind="organization",
        content="x",
        outlet="VTV",
        published_on=dt.date(2026, 4, 1),
    )
    assert organization.unit == tree.commune2


def test_identity_is_shown_only_to_handling_roles_and_each_view_is_audited(
    tree: Tree, inside: User, auditor: User, leader: User
) -> None:
    item = _submit(tree)
    detail = f"/feedback/{item.pk}/"
    viewer = make_user("viewer2", Role.VIEWER, tree.province)
    for user in (auditor, viewer):
        client = login(user)
        page = client.get(detail)
        assert page.status_code == 200
        assert "Nguyễn Văn An" not in page.content.decode()
        assert client.post(f"{detail}sender/").status_code == 404
    before = AuditEvent.objects.filter(action="feedback.identity_view").count()
    revealed = login(inside).post(f"{detail}sender/")
    assert "Nguyễn Văn An" in revealed.content.decode()
    assert "0912 345 678" in revealed.content.decode()
    assert login(leader).post(f"{detail}sender/").status_code == 200
    assert AuditEvent.objects.filter(action="feedback.identity_view").count() == before + 2
    assert login(make_user("far", Role.SPECIALIST, tree.other_province)).get(detail).status_code == 404


def test_staff_api_lists_a_scoped_page(tree: Tree, inside: User, outside: User) -> None:
    item = _submit(tree)
    body = login(inside).get("/api/v1/feedback/").json()
    assert body["count"] == 1
    row = body["items"][0]
    assert (row["tracking_code"], row["unit"], row["status"]) == (item.tracking_code, "T01-X01", "received")
    assert row["due_on"] == item.due_on.isoformat()
    assert login(outside).get("/api/v1/feedback/").json()["count"] == 0
    assert Client().get("/api/v1/feedback/").status_code == 401


def test_staff_answer_and_publish_through_the_pages(
    tree: Tree, inside: User, leader: User, client: Client
) -> None:
    item = _submit(tree)
    detail = f"/feedback/{item.pk}/"
    assert (
        login(inside).post(f"{detail}answer/", {"answer": "Đã xử lý.", "finding": "right"}).status_code == 302
    )
    assert login(leader).post(f"{detail}publish/").status_code == 302
    assert client.get(f"{URL}/{item.tracking_code}").json()["answer"] == "Đã xử lý."


@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_holds_when_one_address_sends_many_at_once(tree: Tree) -> None:
    """Twelve sends from one address at the same moment, each on its own connection: five pass."""
    import threading

    from django.db import close_old_connections, connection

    if connection.vendor == "sqlite":
        pytest.skip("SQLite's in-memory test database refuses concurrent writers; PostgreSQL proves it")
    senders = 12
    start = threading.Barrier(senders)
    outcomes: list[str] = []

    def send() -> None:
        try:
            start.wait()
            services.feedback_submit_public(
                unit=tree.commune.code, kind="other", content="x", address="203.0.113.7"
            )
            outcomes.append("sent")
        except DomainError as exc:
            outcomes.append(str(exc.code))
        finally:
            close_old_connections()

    threads = [threading.Thread(target=send) for _ in range(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    from django.conf import settings

    assert outcomes.count("sent") == settings.TOCHUC_FEEDBACK_RATE_LIMIT
    assert Feedback.objects.count() == settings.TOCHUC_FEEDBACK_RATE_LIMIT
