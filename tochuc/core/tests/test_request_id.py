"""The request id: a client's ``X-Request-ID`` is kept only when it is short and plain."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tochuc.audit.models import AuditEvent
from tochuc.conftest import login

pytestmark = pytest.mark.django_db

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.mark.parametrize("incoming", ["req-2026.12.03_0001", "A" * 64, "abcdefgh"])
def test_a_safe_incoming_id_is_kept(client: Client, incoming: str) -> None:
    assert client.get("/healthz", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        "",
        "short",
        "A" * 65,
        "abcdefgh\n",
        "abcdefgh\r\nSet-Cookie: x=1",
        "<script>alert(1)</script>",
        "abc def ghi",
        "đảng-bộ-xã-an-bình",
        "abcdefgh;drop",
    ],
)
def test_an_unsafe_incoming_id_is_replaced(client: Client, incoming: str) -> None:
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert response.status_code == 200
    assert GENERATED.fullmatch(response["X-Request-ID"])


def test_the_audit_event_carries_only_a_safe_id(tree, admin) -> None:
    client = login(admin)
    for n, incoming in enumerate(["abcdefgh\n", "client-id-0001"]):
        response = client.post(
            "/units/T01/rename/",
            {"name": f"Đảng bộ tỉnh Hà Tĩnh {n}", "effective_on": ""},
            HTTP_X_REQUEST_ID=incoming,
        )
        assert response.status_code == 302
    ids = list(
        AuditEvent.objects.filter(action="orgunit.rename")
        .order_by("seq")
        .values_list("request_id", flat=True)
    )
    assert len(ids) == 2
    assert GENERATED.fullmatch(ids[0]) and ids[1] == "client-id-0001"
