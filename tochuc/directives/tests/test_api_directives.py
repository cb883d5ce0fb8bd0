"""The directives API with the named cast: scoped lists, details, a progress report, the reader."""

from __future__ import annotations

import itertools

import pytest
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import api_token_create
from tochuc.conftest import Tree, login, make_user
from tochuc.demo.directives import SEED_DOCUMENT
from tochuc.directives.models import ProgressReport
from tochuc.directives.tests.test_views_directives import World, build_world

pytestmark = pytest.mark.django_db

API = "/api/v1/directives"
SEED = SEED_DOCUMENT
_names = itertools.count(1)


def bearer(user: User) -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"test-{next(_names)}")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def world(tree: Tree) -> World:
    return build_world(tree)


def test_anonymous_gets_401(client: Client, world: World) -> None:
    for url in [f"{API}/", f"{API}/{world.mine.pk}", f"{API}/tasks", f"{API}/tasks/{world.own.pk}"]:
        response = client.get(url)
        assert response.status_code == 401, url
        assert response.json()["code"] == "unauthenticated"
    assert client.post(f"{API}/parse", {"text": "x"}, content_type="application/json").status_code == 401


def test_directive_list_is_scoped_and_searchable(inside: User, outside: User, world: World) -> None:
    body = bearer(inside).get(f"{API}/").json()
    assert body["count"] == 1 and body["items"][0]["number_symbol"] == "03-KL/TU"
    assert [d["number_symbol"] for d in bearer(outside).get(f"{API}/").json()["items"]] == ["05-CT/TU"]
    assert bearer(inside).get(f"{API}/", {"q": "kien toan"}).json()["count"] == 1
    assert bearer(inside).get(f"{API}/", {"q": "chi bo"}).json()["count"] == 0


def test_directive_detail_inside_200_outside_404(inside: User, outside: User, world: World) -> None:
    body = bearer(inside).get(f"{API}/{world.mine.pk}").json()
    assert body["number_symbol"] == "03-KL/TU" and body["doc_type_name"] == "Kết luận"
    tasks = {t["no"]: t for t in body["tasks"]}
    assert set(tasks) == {"1", "2", "1.1"}
    assert tasks["1"]["lead_unit_code"] == "T01-X01" and tasks["1"]["cooperating_codes"] == ["T01-X02"]
    assert tasks["1.1"]["status"] == "overdue" and tasks["1.1"]["status_label"] == "Quá hạn"
    response = bearer(outside).get(f"{API}/{world.mine.pk}")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_task_list_filters_by_status_and_unit_and_paginates(
    inside: User, outside: User, tree: Tree, world: World
) -> None:
    c = bearer(inside)
    body = c.get(f"{API}/tasks").json()
    assert body["count"] == 3
    assert body["items"][0]["no"] == "1.1"  # overdue first
    assert [t["no"] for t in c.get(f"{API}/tasks", {"status": "overdue"}).json()["items"]] == ["1.1"]
    assert c.get(f"{API}/tasks", {"unit": "T01-X01-CS1"}).json()["count"] == 1
    assert c.get(f"{API}/tasks", {"limit": 1}).json()["count"] == 3
    assert len(c.get(f"{API}/tasks", {"limit": 1}).json()["items"]) == 1
    assert c.get(f"{API}/tasks", {"unit": "T02"}).status_code == 404
    assert c.get(f"{API}/tasks", {"status": "bogus"}).status_code in (400, 422)
    x02 = make_user("x02", Role.SPECIALIST, tree.commune2)
    assert [t["no"] for t in bearer(x02).get(f"{API}/tasks").json()["items"]] == ["1"]  # cooperates only
    assert [t["no"] for t in bearer(outside).get(f"{API}/tasks").json()["items"]] == ["1"]
    assert bearer(outside).get(f"{API}/tasks/{world.own.pk}").status_code == 404


def test_lead_unit_posts_a_progress_report(tree: Tree, outside: User, world: World) -> None:
    x01 = make_user("x01", Role.SPECIALIST, tree.commune)
    url = f"{API}/tasks/{world.own.pk}/reports"
    response = bearer(x01).post(
        url, {"percent": 30, "narrative": "Đã khởi động"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert response.json()["task_status"] == "on_track"
    lower = bearer(x01).post(url, {"percent": 10, "narrative": "Lùi"}, content_type="application/json")
    assert lower.status_code == 400 and lower.json()["field"] == "percent"
    assert (
        bearer(outside)
        .post(url, {"percent": 50, "narrative": "x"}, content_type="application/json")
        .status_code
        == 404
    )
    # Cooperating or viewing is not leading.
    x02 = make_user("x02", Role.SPECIALIST, tree.commune2)
    shared = f"{API}/tasks/{world.shared.pk}/reports"
    assert (
        bearer(x02)
        .post(shared, {"percent": 50, "narrative": "x"}, content_type="application/json")
        .status_code
        == 404
    )
    assert ProgressReport.objects.count() == 1


def test_session_post_needs_csrf(tree: Tree, world: World) -> None:
    x01 = make_user("x01", Role.SPECIALIST, tree.commune)
    c = login(x01)
    c.handler.enforce_csrf_checks = True
    url = f"{API}/tasks/{world.own.pk}/reports"
    response = c.post(url, {"percent": 30, "narrative": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ProgressReport.objects.exists()


def test_parse_returns_the_fields_read(inside: User) -> None:
    body = (
        bearer(inside)
        .post(f"{API}/parse", {"text": SEED.read_text(encoding="utf-8")}, content_type="application/json")
        .json()
    )
    assert body["number_symbol"] == "03-KL/BTCTW"
    assert body["date"] == "2017-03-16"
    assert len(body["tasks"]) == 8
    assert body["signer"]["name"] == "Nguyễn Thanh Bình"
    empty = bearer(inside).post(f"{API}/parse", {"text": "  "}, content_type="application/json")
    assert empty.status_code == 400


def test_parse_is_for_those_who_register(tree: Tree) -> None:
    viewer = make_user("viewer", Role.VIEWER, tree.province)
    response = bearer(viewer).post(f"{API}/parse", {"text": "abc"}, content_type="application/json")
    assert response.status_code == 404
