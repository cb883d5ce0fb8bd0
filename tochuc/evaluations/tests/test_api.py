"""The evaluations API with the named cast."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from tochuc.accounts.services import api_token_create
from tochuc.conftest import login
from tochuc.evaluations.services import justification_write
from tochuc.evaluations.tests.workflow_data import build_world, ev, open_cycle, to_appraisal

pytestmark = pytest.mark.django_db

API = "/api/v1/evaluations"
_names = itertools.count(1)


def bearer(user) -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"ev-{next(_names)}")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def cycle(world):
    return open_cycle(world.tree)


def test_anonymous_gets_401(client, world, cycle):
    target = ev(cycle, world.members[1])
    for url in [f"{API}/cycles", f"{API}/cycles/{cycle.code}/evaluations", f"{API}/{target.pk}"]:
        response = client.get(url)
        assert response.status_code == 401 and response.json()["code"] == "unauthenticated"
    assert (
        client.post(
            f"{API}/{target.pk}/decision", {"rating": "good"}, content_type="application/json"
        ).status_code
        == 401
    )


def test_cycles_and_evaluations_are_scoped_and_paginated(world, cycle, inside, outside, leader):
    assert [c["code"] for c in bearer(inside).get(f"{API}/cycles").json()] == ["T01-2025"]
    assert bearer(outside).get(f"{API}/cycles").json() == []
    assert bearer(outside).get(f"{API}/cycles/{cycle.code}/evaluations").status_code == 404

    body = bearer(inside).get(f"{API}/cycles/{cycle.code}/evaluations", {"limit": 3}).json()
    assert body["count"] == cycle.evaluations.count() and len(body["items"]) == 3
    assert body["items"][0]["unit_code"] == "T01" and body["items"][0]["person_code"] is None
    # The commune leader sees only the commune's part.
    mine = bearer(leader).get(f"{API}/cycles/{cycle.code}/evaluations", {"limit": 500}).json()
    assert {i["unit_code"] for i in mine["items"]} == {"T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1"}
    cell = (
        bearer(inside)
        .get(f"{API}/cycles/{cycle.code}/evaluations", {"unit": "T01-X01-CS1-CB1", "stage": "not_reviewed"})
        .json()
    )
    assert cell["count"] == 3
    assert bearer(inside).get(f"{API}/cycles/{cycle.code}/evaluations", {"unit": "T02"}).status_code == 404


def test_detail_inside_200_outside_404_cadre_sees_own(world, cycle, inside, outside):
    target = ev(cycle, world.members[0])
    body = login(inside).get(f"{API}/{target.pk}").json()
    assert body["person_code"] == world.members[0].code and body["frame"] == "non_leader"
    assert body["stage"] == "pending" and body["timeline"] == []
    assert login(outside).get(f"{API}/{target.pk}").status_code == 404
    assert login(world.cadre).get(f"{API}/{target.pk}").status_code == 200
    assert login(world.cadre).get(f"{API}/{ev(cycle, world.members[1]).pk}").status_code == 404


def test_cycle_findings_and_decision(world, cycle, inside, outside, leader):
    for person in world.members:
        to_appraisal(ev(cycle, person), "good", 82)
    collective = to_appraisal(ev(cycle, unit=world.tree.cell), "completed", 60)
    findings = bearer(inside).get(f"{API}/cycles/{cycle.code}/findings").json()
    assert any(f["rule"] == "inflation_pattern" and f["severity"] == "justify" for f in findings)
    assert bearer(outside).get(f"{API}/cycles/{cycle.code}/findings").status_code == 404

    url = f"{API}/{collective.pk}/decision"
    assert (
        bearer(inside).post(url, {"rating": "completed"}, content_type="application/json").status_code == 404
    )
    refused = bearer(leader).post(url, {"rating": "completed"}, content_type="application/json")
    assert refused.status_code == 409 and "giải trình" in refused.json()["detail"]
    bad = bearer(leader).post(url, {"rating": "xuat-sac"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "rating"

    justification_write(
        actor=inside,
        cycle=cycle,
        rule="inflation_pattern",
        unit=world.tree.cell,
        person=None,
        text="Chi bộ mới sáp nhập, chỉ tiêu tập thể chưa đạt.",
    )
    ok = bearer(leader).post(url, {"rating": "completed"}, content_type="application/json")
    assert ok.status_code == 200
    body = ok.json()
    assert body["final_rating"] == "completed" and body["stage"] == "decided"
    assert body["timeline"][-1]["stage"] == "decided"
    person_eval = ev(cycle, world.members[1])
    done = bearer(leader).post(
        f"{API}/{person_eval.pk}/decision", {"rating": "good"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["final_score"] == "82.0"
