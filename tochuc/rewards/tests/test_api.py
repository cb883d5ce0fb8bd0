"""Discipline and certificates over the API with the named cast."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.evaluations.models import Evaluation
from tochuc.evaluations.services.cycle import cycle_open
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db

BASE = "/api/v1/rewards"


def post(client: Client, url: str, body: Mapping[str, object]) -> tuple[int, dict[str, Any]]:
    response = client.post(url, json.dumps(body), content_type="application/json")
    data: dict[str, Any] = response.json()
    return response.status_code, data


def test_propose_decide_appeal_answer(
    tree: Tree, inside: User, leader: User, outside: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2000, 1, 1))
    today = dt.date.today()
    specialist, chief, stranger = login(inside), login(leader), login(outside)
    body = {
        "proposed_by": "T01-X01-CS1",
        "person": member.code,
        "form": "warning",
        "violation": "Vi phạm quy định về phòng, chống tham nhũng",
        "violation_on": (today - dt.timedelta(days=30)).isoformat(),
    }
    assert post(stranger, f"{BASE}/disciplines", body)[0] == 404
    status, created = post(specialist, f"{BASE}/disciplines", body)
    assert status == 201 and created["status"] == "proposed"
    pk = created["id"]
    assert stranger.get(f"{BASE}/disciplines/{pk}").status_code == 404
    assert Client().get(f"{BASE}/disciplines/{pk}").status_code == 401

    decision = {"level": "T01-X01", "decision_number": "5-QĐ/ĐU", "decided_on": today.isoformat()}
    assert post(specialist, f"{BASE}/disciplines/{pk}/decision", decision)[0] == 404  # may not approve
    status, decided = post(chief, f"{BASE}/disciplines/{pk}/decision", decision)
    assert status == 200 and (decided["status"], decided["decided_by"]) == ("decided", "T01-X01")

    late = {
        "received_on": today.isoformat(),
        "filed_on": (today + dt.timedelta(days=40)).isoformat(),
        "content": "Xin xem xét lại",
    }
    status, refused = post(specialist, f"{BASE}/disciplines/{pk}/appeals", late)
    assert (status, refused["code"]) == (422, "rewards.appeal_late")
    status, appeal = post(
        specialist, f"{BASE}/disciplines/{pk}/appeals", {**late, "filed_on": today.isoformat()}
    )
    assert status == 201 and appeal["outcome"] == ""
    answer = {
        "level": "T01",
        "outcome": "upheld",
        "answered_on": today.isoformat(),
        "answer": "Giữ nguyên",
    }
    # The leader of the commune that decided cannot answer (the province does).
    assert post(chief, f"{BASE}/appeals/{appeal['id']}/answer", answer)[0] == 404
    listed = specialist.get(f"{BASE}/disciplines", {"unit": "T01"}).json()
    assert listed["count"] == 1
    assert [d["appeals"][0]["outcome"] for d in listed["items"]] == [""]
    assert specialist.get(f"{BASE}/disciplines", {"unit": "T01", "offset": "1"}).json() == {
        "items": [],
        "count": 1,
    }


def test_a_proposal_past_the_time_limit_answers_422(
    tree: Tree, inside: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2000, 1, 1))
    status, body = post(
        login(inside),
        f"{BASE}/disciplines",
        {
            "proposed_by": "T01-X01-CS1",
            "person": member.code,
            "form": "reprimand",
            "violation": "Vi phạm",
            "violation_on": "2010-01-01",
        },
    )
    assert (status, body["code"]) == (422, "rewards.discipline_refused")
    assert "thời hiệu" in str(body["detail"])


def test_results_and_certificates(
    tree: Tree, inside: User, leader: User, outside: User, make_member: MakeMember
) -> None:
    member = make_member(dt.date(2005, 1, 1))
    cycle = cycle_open(actor=None, code="N2025", name="Năm 2025", unit=tree.commune, kind="annual", year=2025)
    Evaluation.objects.filter(cycle=cycle, person=member).update(final_rating="excellent")
    specialist, chief = login(inside), login(leader)
    results = specialist.get(f"{BASE}/results", {"unit": "T01-X01", "year": "2025"}).json()
    assert [(r["code"], r["title"]) for r in results["rewards"]] == [(member.code, "grassroots_certificate")]
    assert login(outside).get(f"{BASE}/results", {"unit": "T01-X01", "year": "2025"}).status_code == 404
    status, proposal = post(
        specialist,
        f"{BASE}/certificates",
        {
            "proposed_by": "T01-X01-CS1",
            "person": member.code,
            "year": 2025,
            "title": "grassroots_certificate",
        },
    )
    assert status == 201
    status, approved = post(
        chief,
        f"{BASE}/certificates/{proposal['id']}/approval",
        {"level": "T01-X01", "decision_number": "2-QĐ/ĐU", "decided_on": "2026-01-10"},
    )
    assert status == 200 and approved["status"] == "approved"
    status, refused = post(
        specialist,
        f"{BASE}/certificates",
        {"proposed_by": "T01-X01-CS1", "person": member.code, "year": 2025, "title": "upper_certificate"},
    )
    assert (status, refused["code"]) == (422, "rewards.not_a_candidate")
