"""schemathesis over ``/api/v1/openapi.json``: generated requests to every operation, with the
token of a specialist; no server error, and every answer matches its schema in the OpenAPI document.

``TOCHUC_SCHEMATHESIS_EXAMPLES`` sets the examples per operation (small by default).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import openapi
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from tochuc.accounts.models import User
from tochuc.accounts.services import api_token_create
from tochuc.conftest import Tree
from tochuc.wsgi import application

EXAMPLES = int(os.environ.get("TOCHUC_SCHEMATHESIS_EXAMPLES", "4"))
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI app closes the database connection after each request; inside the test's
    transaction it must stay open (as Django's test client arranges)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_the_test_connection")
def test_api_answers_match_the_schema_and_never_fail(tree: Tree, inside: User) -> None:
    token = api_token_create(actor=None, user=inside, name="schemathesis")[1]
    schema = openapi.from_wsgi("/api/v1/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    asked: list[str] = []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
            asked.append(case.operation.label)

        check()
    assert {o.label for o in operations} <= set(asked)


LISTS = [
    "/api/v1/units/",
    "/api/v1/units/T01/subtree",
    "/api/v1/persons/",
    "/api/v1/positions/",
    "/api/v1/directives/",
    "/api/v1/directives/tasks",
    "/api/v1/personnel/procedures",
]


def test_an_offset_past_any_database_integer_is_refused_not_a_crash(tree: Tree, inside: User) -> None:
    """Found by the run above: ``offset=45747323977464799232`` was a server error on SQLite."""
    from tochuc.conftest import login

    client = login(inside)
    for url in LISTS:
        assert client.get(url, {"offset": 10**20}).status_code == 422, url
        assert client.get(url, {"offset": 2**31 - 1}).status_code == 200, url


def test_an_api_url_that_matches_nothing_answers_the_api_404(tree: Tree, inside: User) -> None:
    """Found by the run above: ``/api/v1/positions/-7445747603`` answered the HTML page."""
    from tochuc.conftest import login

    client = login(inside)
    missing = client.get("/api/v1/positions/987654")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json; charset=utf-8"
    for url in ["/api/v1/positions/-1", "/api/v1/no-such-thing", "/api/v2/"]:
        response = client.get(url)
        assert (response.status_code, response.content) == (404, missing.content), url
    page = client.get("/units/T01/no-such-page/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
