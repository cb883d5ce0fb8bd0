"""What an API client learns from a refusal: which one it was, in the language it asked for."""

from __future__ import annotations

import itertools

import pytest
from django.conf import settings
from django.test import Client

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import api_token_create
from tochuc.conftest import Tree, make_user
from tochuc.directives.tests.test_views_directives import World, build_world

pytestmark = pytest.mark.django_db

_names = itertools.count(1)


def bearer(user: User, language: str = "") -> Client:
    _, key = api_token_create(actor=None, user=user, name=f"errors-{next(_names)}")
    if language:
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE=language)
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def reporter(tree: Tree) -> User:
    """A specialist of the commune that leads the task ``world.own``."""
    return make_user("x01", Role.SPECIALIST, tree.commune)


@pytest.fixture
def reports_url(tree: Tree, reporter: User) -> str:
    world: World = build_world(tree)
    url = f"/api/v1/directives/tasks/{world.own.pk}/reports"
    first = bearer(reporter).post(
        url, {"percent": 30, "narrative": "Đã khởi động"}, content_type="application/json"
    )
    assert first.status_code == 201, first.content
    return url


def test_two_refusals_of_one_endpoint_carry_two_codes(reporter: User, reports_url: str) -> None:
    client = bearer(reporter)
    lower = client.post(reports_url, {"percent": 10, "narrative": "Lùi"}, content_type="application/json")
    empty = client.post(reports_url, {"percent": 40, "narrative": " "}, content_type="application/json")
    assert (lower.status_code, empty.status_code) == (400, 400)
    assert lower.json() == {
        "detail": "Tiến độ không được thấp hơn lần báo cáo trước (30%).",
        "code": "directives.percent_decreased",
        "field": "percent",
    }
    assert empty.json() == {
        "detail": "Cần nêu kết quả thực hiện.",
        "code": "directives.narrative_required",
        "field": "narrative",
    }


def test_the_message_is_vietnamese_by_default(reporter: User, reports_url: str) -> None:
    response = bearer(reporter).post(
        reports_url, {"percent": 10, "narrative": "x"}, content_type="application/json"
    )
    assert response["Content-Language"] == "vi"
    assert response.json()["detail"] == "Tiến độ không được thấp hơn lần báo cáo trước (30%)."


def test_the_message_is_english_when_the_client_asks_for_it(reporter: User, reports_url: str) -> None:
    client = bearer(reporter, "en-US,en;q=0.9")
    response = client.post(reports_url, {"percent": 10, "narrative": "x"}, content_type="application/json")
    assert response["Content-Language"] == "en"
    assert response.json() == {
        "detail": "Progress cannot be lower than in the previous report (30%).",
        "code": "directives.percent_decreased",
        "field": "percent",
    }
    missing = client.get("/api/v1/directives/tasks/999999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found.", "code": "not_found", "field": ""}


def test_the_language_cookie_chooses_english_too(reporter: User, reports_url: str) -> None:
    client = bearer(reporter)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reports_url, {"percent": 40, "narrative": " "}, content_type="application/json")
    assert response.json()["detail"] == "State the results achieved."
    assert response.json()["code"] == "directives.narrative_required"


def test_the_cookie_wins_over_accept_language(reporter: User, reports_url: str) -> None:
    client = bearer(reporter, "en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    response = client.post(reports_url, {"percent": 40, "narrative": " "}, content_type="application/json")
    assert response.json()["detail"] == "Cần nêu kết quả thực hiện."


def test_an_unauthenticated_client_is_told_in_its_language(client: Client) -> None:
    response = client.get("/api/v1/directives/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Not signed in, or the API key is invalid or has been revoked.",
        "code": "unauthenticated",
        "field": "",
    }


def test_a_value_the_schema_refuses_answers_in_the_same_shape_naming_the_field(
    reporter: User, reports_url: str
) -> None:
    response = bearer(reporter).post(
        reports_url, {"percent": 150, "narrative": "Vượt"}, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["field"]) == ("invalid", "percent")
    # Vietnamese, with what is wrong, never pydantic's English message.
    assert body["detail"] == "Giá trị của «percent» không hợp lệ: không được quá 100."
    missing = bearer(reporter).post(reports_url, {"narrative": "x"}, content_type="application/json").json()
    assert missing == {
        "detail": "Giá trị của «percent» không hợp lệ: thiếu giá trị bắt buộc.",
        "code": "invalid",
        "field": "percent",
    }
    wrong = bearer(reporter).post(
        reports_url, {"percent": "nhiều", "narrative": "x"}, content_type="application/json"
    )
    assert wrong.json()["detail"] == "Giá trị của «percent» không hợp lệ: phải là một số."
    english = bearer(reporter).post(
        reports_url,
        {"percent": 150, "narrative": "x"},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert english.json()["detail"] == "The value of «percent» is not valid: must be at most 100."
