"""The role × endpoint matrix, generated from the URL conf and the OpenAPI schema.

Every URL pattern and every API operation must have a line in ``access_table``;
each line is then checked for every role and for the anonymous.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tochuc.accounts.models import Role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import login, make_user
from tochuc.core.tests.access_table import ACCESS, ALL, POST_ONLY, ROLES, SCOPED

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
DUMMY = {"int": "987654", "uuid": str(uuid.UUID(int=1)), "slug": "khong-co", "person": "KHONG-CO"}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), inner or namespace)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            yield "/" + prefix + str(entry.pattern), name


URLS: dict[str, str] = dict((name, pattern) for pattern, name in _walk(get_resolver()))


def concrete(pattern: str) -> str:
    """The URL with every parameter given a value no object has."""
    return _PARAM.sub(lambda m: DUMMY.get(m["converter"] or "", "KHONG-CO"), pattern)


def openapi_path(pattern: str) -> str:
    return _PARAM.sub(lambda m: "{" + m["name"] + "}", pattern)


def is_api(name: str) -> bool:
    return name.startswith("api:")


# --- the table covers everything, and nothing more ------------------------------------------


def test_every_url_has_an_access_rule() -> None:
    missing = sorted(set(URLS) - set(ACCESS))
    gone = sorted(set(ACCESS) - set(URLS))
    assert not missing, f"URLs without a line in access_table.ACCESS: {missing}"
    assert not gone, f"lines of access_table.ACCESS for URLs that no longer exist: {gone}"
    assert all(name for name in URLS if name != ""), "every URL pattern has a name"


def test_every_openapi_operation_has_an_access_rule(client: Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    operations = {
        (path, method) for path, item in spec["paths"].items() for method in item if method != "parameters"
    }
    listed = {
        (openapi_path(URLS[name]), method)
        for name, rule in ACCESS.items()
        if is_api(name)
        for method in rule.methods
    }
    assert operations - listed == set(), "API operations without an access rule"
    assert listed - operations == set(), "access rules for API operations that no longer exist"


# --- the anonymous ------------------------------------------------------------------------------


def _refused_anonymously(name: str, response: Any) -> bool:
    if response.status_code == 405:
        return True  # the method is not taken at all
    if is_api(name):
        return bool(response.status_code == 401)
    return bool(response.status_code == 302 and str(response["Location"]).startswith("/accounts/login/"))


def test_the_anonymous_is_refused_everywhere(tree, client: Client) -> None:
    before = AuditEvent.objects.count()
    let_in: list[tuple[str, str, int]] = []
    for name, rule in sorted(ACCESS.items()):
        if rule.public:
            continue
        url = concrete(URLS[name])
        for method, response in [("GET", client.get(url)), ("POST", client.post(url, {}))]:
            if not _refused_anonymously(name, response):
                let_in.append((method, url, response.status_code))
    assert let_in == []
    assert AuditEvent.objects.count() == before


# --- the roles ----------------------------------------------------------------------------------


@pytest.fixture
def clients(tree, inside, outside, leader, auditor, admin) -> dict[str, Client]:
    users = {"inside": inside, "outside": outside, "leader": leader, "auditor": auditor, "admin": admin}
    users["viewer"] = make_user("viewer", Role.VIEWER, tree.province)
    return {role: login(users[role]) for role in ROLES}


def test_each_role_gets_what_the_table_says(clients: dict[str, Client]) -> None:
    """Pages without parameters: 200 for the roles listed, 404 for the others; 405 for POST-only URLs.

    A line open to every role is asked by the least of them (a viewer of one province).
    """
    seen: dict[str, dict[str, int]] = {}
    expected: dict[str, dict[str, int]] = {}
    for name, rule in ACCESS.items():
        if rule.public or rule.get == SCOPED or "<" in URLS[name]:
            continue
        roles = ("viewer",) if rule.get == ALL else ROLES
        seen[name] = {role: clients[role].get(URLS[name]).status_code for role in roles}
        expected[name] = {
            role: 405 if rule.get == POST_ONLY else (200 if role in rule.get else 404) for role in roles
        }
    assert seen == expected


def test_objects_that_do_not_exist_answer_404(clients: dict[str, Client]) -> None:
    """URLs naming an object: a missing one is "not found" (or the request is invalid), never a
    server error, never a page about it."""
    before = AuditEvent.objects.count()
    wrong: list[tuple[str, str, int]] = []
    for name, rule in ACCESS.items():
        if rule.public or "<" not in URLS[name]:
            continue
        url = concrete(URLS[name])
        for role in ("inside", "viewer"):
            response = clients[role].get(url)
            if response.status_code in (404, 405) or (is_api(name) and response.status_code == 422):
                continue
            # A page may send the reader back to its start, naming nothing.
            if response.status_code == 302 and "KHONG-CO" not in response["Location"]:
                continue
            wrong.append((role, url, response.status_code))
    assert wrong == []
    assert AuditEvent.objects.count() == before
