"""The inspection API with the named cast: 201, 409 naming the conflict, 422 naming the field, 404
outside the scope, 401 anonymous; follow-ups listed by the task API for their lead unit."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.core.dates import today
from tochuc.inspections.tests.factory import make_person

pytestmark = pytest.mark.django_db
BASE = "/api/v1/inspections"


def post(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


def payload(tree: Tree, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "code": "KT-2026-01",
        "kind": "inspection",
        "basis": "signs_of_violation",
        "unit": tree.province.code,
        "targets": [tree.commune.code],
        "target_people": [],
        "subject": "Việc thực hiện quy chế làm việc",
        "start": "2026-03-01",
        "end": "2026-04-30",
    }
    body.update(extra)
    return body


def test_create_add_members_conclude_and_follow_up_listed(tree: Tree, inside: User, leader: User) -> None:
    client = login(inside)
    target = make_person(tree.cell, "Lý Văn Quang", "P-T1")
    response = post(client, BASE, payload(tree, target_people=[target.code]))
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "in_progress"
    head = make_person(tree.province, "Mai Văn Sơn", "P-HEAD")
    response = post(client, f"{BASE}/KT-2026-01/members", {"person": head.code, "role": "head"})
    assert response.status_code == 201
    assert response.json() == {"inspection": "KT-2026-01", "person": "P-HEAD", "role": "head"}
    own = make_person(tree.grassroots, "Tạ Văn Tài", "P-OWN")
    response = post(client, f"{BASE}/KT-2026-01/members", {"person": own.code, "role": "member"})
    assert response.status_code == 409
    assert response.json()["code"] == "inspections.member_of_target"
    assert tree.commune.name in response.json()["detail"]
    response = post(client, f"{BASE}/KT-2026-01/members", {"person": target.code, "role": "member"})
    assert response.status_code == 409
    deadline = (today() + dt.timedelta(days=30)).isoformat()
    response = post(
        client,
        f"{BASE}/KT-2026-01/conclusion",
        {
            "text": "Kết luận",
            "follow_ups": [{"text": "Sửa quy chế", "lead_unit": tree.commune.code, "deadline": deadline}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "follow_up"
    assert body["number_symbol"] == "01-KL/TU"
    task_id = body["follow_ups"][0]["task_id"]
    listed = login(leader).get("/api/v1/directives/tasks", {"unit": tree.commune.code}).json()
    assert [t["id"] for t in listed["items"]] == [task_id]
    assert listed["items"][0]["number_symbol"] == "01-KL/TU"
    assert listed["items"][0]["lead_unit_code"] == tree.commune.code
    # A second conclusion is a conflict.
    response = post(client, f"{BASE}/KT-2026-01/conclusion", {"text": "Lại", "follow_ups": []})
    assert response.status_code == 409


def test_bad_input_names_the_field(tree: Tree, inside: User) -> None:
    client = login(inside)
    response = post(client, BASE, payload(tree, targets=[tree.other_commune.code]))
    assert response.status_code == 422
    assert response.json()["field"] == "targets"
    response = post(client, BASE, payload(tree, end="2026-01-01"))
    assert (response.status_code, response.json()["field"]) == (422, "end")
    assert post(client, BASE, payload(tree)).status_code == 201
    assert post(client, BASE, payload(tree)).status_code == 409
    past = (today() - dt.timedelta(days=1)).isoformat()
    response = post(
        client,
        f"{BASE}/KT-2026-01/conclusion",
        {"text": "KL", "follow_ups": [{"text": "Sửa", "lead_unit": tree.commune.code, "deadline": past}]},
    )
    assert (response.status_code, response.json()["field"]) == (422, "follow_ups")
    response = post(client, f"{BASE}/KT-2026-01/members", {"person": "NOBODY", "role": "member"})
    assert (response.status_code, response.json()["field"]) == (422, "person")


def test_outside_the_scope_is_not_found(tree: Tree, inside: User, outside: User) -> None:
    client = login(inside)
    assert post(client, BASE, payload(tree)).status_code == 201
    other = login(outside)
    assert post(other, BASE, payload(tree, code="KT-X")).status_code == 404
    assert other.get(f"{BASE}/KT-2026-01").status_code == 404
    assert post(other, f"{BASE}/KT-2026-01/members", {"person": "P", "role": "member"}).status_code == 404
    assert post(other, f"{BASE}/KT-2026-01/conclusion", {"text": "KL", "follow_ups": []}).status_code == 404
    assert other.get(BASE).json() == []


def test_target_leader_reads_but_cannot_write(tree: Tree, inside: User, leader: User) -> None:
    assert post(login(inside), BASE, payload(tree)).status_code == 201
    client = login(leader)
    assert client.get(f"{BASE}/KT-2026-01").status_code == 200
    assert post(client, f"{BASE}/KT-2026-01/conclusion", {"text": "KL", "follow_ups": []}).status_code == 404


def test_anonymous_is_refused(tree: Tree) -> None:
    client = Client()
    assert client.get(BASE).status_code == 401
    assert post(client, BASE, payload(tree)).status_code == 401
    assert post(client, f"{BASE}/KT/members", {"person": "P", "role": "head"}).status_code == 401
