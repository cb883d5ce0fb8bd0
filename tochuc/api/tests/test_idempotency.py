"""``Idempotency-Key`` on API POSTs: the same key twice gives the first answer and writes once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.api.models import IdempotentRequest
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, login
from tochuc.people.models import Person
from tochuc.people.services import person_create

REVEAL = "/api/v1/persons/P-AN/reveal"


@pytest.fixture
def person(tree: Tree) -> Person:
    return person_create(
        actor=None,
        unit=tree.cell,
        code="P-AN",
        values={
            "full_name": "Nguyễn Văn An",
            "birth_date": dt.date(1980, 5, 1),
            "gender": "male",
            "citizen_id": "042080012345",
        },
    )


def reveals() -> int:
    return AuditEvent.objects.filter(action="person.reveal_citizen_id").count()


def post(client: Client, key: str | None, reason: str = "Đối chiếu hồ sơ kết nạp", path: str = REVEAL):
    headers = None if key is None else {"Idempotency-Key": key}
    return client.post(path, {"reason": reason}, content_type="application/json", headers=headers)


def bearer(user: User) -> Client:
    _, key = api_token_create(actor=None, user=user, name="idempotency")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.mark.parametrize("how", ["session", "token"])
def test_the_same_key_twice_gives_the_first_answer_and_writes_once(person, inside, how):
    client = login(inside) if how == "session" else bearer(inside)
    first = post(client, "reveal-0001")
    second = post(client, "reveal-0001")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content
    assert first.json()["citizen_id"] == "042080012345"
    assert second["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert reveals() == 1
    # Another key is another request.
    assert post(client, "reveal-0002").status_code == 200
    assert reveals() == 2
    # Without a key every POST counts.
    post(client, None)
    post(client, None)
    assert reveals() == 4


def test_a_refusal_is_the_first_answer_too(person, inside):
    client = login(inside)
    refused = post(client, "k-short", reason="ok")
    assert refused.status_code == 400
    assert post(client, "k-short", reason="ok").content == refused.content
    assert reveals() == 0


def test_keys_belong_to_their_user(person, inside, leader):
    post(login(inside), "shared-key")
    theirs = post(login(leader), "shared-key")
    assert theirs.status_code == 200 and "Idempotent-Replayed" not in theirs
    assert reveals() == 2
    assert IdempotentRequest.objects.count() == 2


def test_the_same_key_for_another_request_is_refused(person, inside):
    client = login(inside)
    post(client, "k-1")
    other = post(client, "k-1", reason="Một lý do khác hẳn")
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"
    assert reveals() == 1


@pytest.mark.parametrize("key", ["", "a" * 256, "khoá có dấu", "two words"])
def test_a_malformed_key_is_refused_before_anything_runs(person, inside, key):
    response = post(login(inside), key)
    assert response.status_code == 400
    assert reveals() == 0


def test_unauthenticated_and_refused_by_scope(person, client, outside):
    assert post(client, "anon-1").status_code == 401
    assert not IdempotentRequest.objects.exists()
    # Out of scope answers 404 and is remembered like any answer; nothing is written.
    assert post(login(outside), "out-1").status_code == 404
    assert post(login(outside), "out-1").status_code == 404
    assert reveals() == 0


def test_a_server_error_is_not_remembered_and_writes_nothing(person, inside, monkeypatch):
    from tochuc.people.services import citizen_id_reveal as original

    def reveal_then_fail(**kwargs):
        original(**kwargs)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("tochuc.people.api.citizen_id_reveal", reveal_then_fail)
    client = login(inside)
    client.raise_request_exception = False
    assert post(client, "k-500").status_code == 500
    assert reveals() == 0 and not IdempotentRequest.objects.exists()
    monkeypatch.setattr("tochuc.people.api.citizen_id_reveal", original)
    assert post(client, "k-500").status_code == 200
    assert reveals() == 1


def test_gets_ignore_the_header(person, inside):
    client = login(inside)
    assert client.get("/api/v1/persons/P-AN", HTTP_IDEMPOTENCY_KEY="g-1").status_code == 200
    assert not IdempotentRequest.objects.exists()
