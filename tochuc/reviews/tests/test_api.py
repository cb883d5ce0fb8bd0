from __future__ import annotations

import itertools

import pytest
from django.test import Client

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.conftest import Tree, login
from tochuc.reviews import services
from tochuc.reviews.models import UnitReport
from tochuc.reviews.tests.helpers import D, member

pytestmark = pytest.mark.django_db

API = "/api/v1/reviews"
_names = itertools.count()

NEW = {
    "code": "T01-2025-Q1",
    "unit": "T01",
    "kind": "quarter",
    "year": 2025,
    "quarter": 1,
    "deadline": "2025-04-10",
}


def bearer(user: User) -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"test-{next(_names)}")
    return Client(headers={"Authorization": f"Bearer {key}"})


def test_open_a_period_then_read_it(tree: Tree, inside: User) -> None:
    member(tree.cell, "A1", admitted=D(2010, 1, 1))
    api = bearer(inside)
    created = api.post(f"{API}/periods", NEW, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["expected"] == ["T01-X01", "T01-X02"]
    assert body["missing"] == ["T01-X01", "T01-X02"]
    assert body["figures"] == {
        "members": 0,
        "admitted": 0,
        "tasks_due": 0,
        "tasks_done_on_time": 0,
        "tasks_overdue": 0,
    }
    again = api.post(f"{API}/periods", NEW, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "reviews.code_taken"


def test_bad_input_is_422_naming_the_field(tree: Tree, inside: User) -> None:
    api = bearer(inside)
    bad_quarter = api.post(f"{API}/periods", {**NEW, "quarter": 7}, content_type="application/json")
    assert bad_quarter.status_code == 422
    assert bad_quarter.json()["field"] == "quarter"
    bad_kind = api.post(f"{API}/periods", {**NEW, "kind": "weekly"}, content_type="application/json")
    assert (bad_kind.status_code, bad_kind.json()["field"]) == (422, "kind")
    bad_date = api.post(f"{API}/periods", {**NEW, "deadline": "10/04/2025"}, content_type="application/json")
    assert bad_date.status_code == 422
    assert "deadline" in bad_date.content.decode()


def test_outside_and_anonymous(tree: Tree, inside: User, outside: User, client: Client) -> None:
    services.period_open(
        actor=inside,
        code="T01-2025-Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )
    assert bearer(outside).get(f"{API}/periods/T01-2025-Q1").status_code == 404
    assert (
        bearer(outside)
        .post(f"{API}/periods", NEW | {"code": "X"}, content_type="application/json")
        .status_code
        == 404
    )
    posted = bearer(outside).post(
        f"{API}/periods/T01-2025-Q1/reports",
        {"unit": "T01-X01", "sections": {}},
        content_type="application/json",
    )
    assert posted.status_code == 404
    assert client.get(f"{API}/periods/T01-2025-Q1").status_code == 401
    assert bearer(inside).get(f"{API}/periods/NOPE").status_code == 404


def test_submit_a_report_then_conflict_until_returned(tree: Tree, inside: User) -> None:
    member(tree.cell, "A1", admitted=D(2025, 2, 1))
    period = services.period_open(
        actor=inside,
        code="T01-2025-Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )
    api = login(inside)
    payload = {
        "unit": "T01-X01",
        "sections": {"results": "Kết quả", "shortcomings": "", "next_tasks": "", "proposals": "Đề nghị"},
    }
    sent = api.post(f"{API}/periods/T01-2025-Q1/reports", payload, content_type="application/json")
    assert sent.status_code == 201, sent.content
    assert sent.json()["figures"]["members"] == 1
    assert sent.json()["late"] is True  # today is after the 2025 deadline
    twice = api.post(f"{API}/periods/T01-2025-Q1/reports", payload, content_type="application/json")
    assert twice.status_code == 409
    services.report_return(
        actor=inside, report=UnitReport.objects.get(period=period, unit=tree.commune), comment="Sửa"
    )
    assert (
        api.post(f"{API}/periods/T01-2025-Q1/reports", payload, content_type="application/json").status_code
        == 201
    )
    read = api.get(f"{API}/periods/T01-2025-Q1").json()
    assert (read["submitted"], read["missing"], read["late"]) == (["T01-X01"], ["T01-X02"], ["T01-X01"])
    assert read["figures"]["members"] == 1
    not_expected = api.post(
        f"{API}/periods/T01-2025-Q1/reports",
        {"unit": "T01-X01-CS1", "sections": {}},
        content_type="application/json",
    )
    assert not_expected.status_code == 404


def test_a_commune_specialist_submits_its_own_report_but_not_its_neighbours(tree: Tree) -> None:
    from tochuc.accounts.models import Role
    from tochuc.conftest import make_user

    services.period_open(
        actor=None,
        code="T01-2025-Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=D(2025, 4, 10),
    )
    commune_user = make_user("x01", Role.SPECIALIST, tree.commune)
    api = bearer(commune_user)
    assert api.get(f"{API}/periods/T01-2025-Q1").status_code == 200
    own = api.post(f"{API}/periods/T01-2025-Q1/reports", {"unit": "T01-X01"}, content_type="application/json")
    assert own.status_code == 201
    other = api.post(
        f"{API}/periods/T01-2025-Q1/reports", {"unit": "T01-X02"}, content_type="application/json"
    )
    assert other.status_code == 404
