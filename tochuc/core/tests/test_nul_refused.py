"""A NUL character in what a client sends is refused with a clear answer, never a server error.

PostgreSQL cannot hold or compare a NUL in text; before this check a search for ``%00`` ended
in a 500 on PostgreSQL (found by the schema fuzzing).
"""

from __future__ import annotations

import json

import pytest

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login

pytestmark = pytest.mark.django_db


def test_a_nul_in_an_api_search_is_a_400_naming_the_field(tree, inside):
    client = login(inside)

    response = client.get("/api/v1/persons/", {"q": "Nguy\x00n"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["field"] == "q"
    assert "NUL" in response.json()["detail"]


def test_a_nul_in_a_page_search_is_a_400(tree, inside):
    response = login(inside).get("/people/", {"q": "\x00"})

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_in_a_json_body_writes_nothing(tree, inside):
    before = AuditEvent.objects.count()

    response = login(inside).post(
        "/api/v1/units/",
        data=json.dumps({"code": "T01-X09", "name": "Đảng bộ xã\u0000", "kind": "commune", "parent": "T01"}),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["field"] == "body"
    assert AuditEvent.objects.count() == before


def test_ordinary_text_passes(tree, inside):
    assert login(inside).get("/api/v1/persons/", {"q": "Nguyễn"}).status_code == 200
