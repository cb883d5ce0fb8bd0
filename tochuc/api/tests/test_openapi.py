"""The OpenAPI spec and the docs page: served by the app alone, and fine under its CSP."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

UNIT_PATHS = {
    "/api/v1/units/",
    "/api/v1/units/search",
    "/api/v1/units/{code}",
    "/api/v1/units/{code}/subtree",
}


class Tags(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_bodies: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self.script_bodies.append((self._in_script, data))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = None


def test_spec_is_json_and_lists_the_unit_paths(client: Client) -> None:
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    spec: dict[str, Any] = response.json()
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) >= UNIT_PATHS
    schemes = spec["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["ActiveSessionAuth"]["in"] == "cookie"
    detail = spec["paths"]["/api/v1/units/{code}"]["get"]
    assert {"200", "401", "404"} <= set(detail["responses"])


def test_docs_page_uses_only_the_apps_own_files(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html
    assert "https://" not in html
    assert not re.search(r"(src|href)\s*=\s*[\"']?//", html)
    page = Tags()
    page.feed(html)
    assets = [attrs.get("src") or attrs.get("href") for tag, attrs in page.tags if tag in {"script", "link"}]
    assets = [asset for asset in assets if asset]
    assert len(assets) >= 4  # stylesheet, icons, bundle, init script
    for asset in assets:
        assert asset.startswith("/static/ninja/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset


def test_docs_page_has_nothing_the_csp_would_block(client: Client) -> None:
    response = client.get("/api/v1/docs")
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    page = Tags()
    page.feed(response.content.decode())
    for tag, attrs in page.tags:
        assert tag != "style"
        assert "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), tag
        if tag == "script" and not attrs.get("src"):
            # A data block, not a script: CSP does not apply to it.
            assert attrs.get("type") == "application/json"
    assert all(attrs.get("type") == "application/json" for attrs, body in page.script_bodies if body.strip())


@pytest.mark.browser
def test_docs_page_renders_in_chromium_without_csp_violations(browser: Any, live_server: Any) -> None:
    problems: list[str] = []
    foreign: list[str] = []
    page = browser.new_page()
    try:
        page.on(
            "console",
            lambda message: (
                problems.append(message.text)
                if "Content Security Policy" in message.text or message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "request",
            lambda request: None if request.url.startswith(live_server.url) else foreign.append(request.url),
        )
        page.goto(f"{live_server.url}/api/v1/docs")
        page.wait_for_selector('[data-path="/api/v1/units/{code}/subtree"]', timeout=15_000)
        title = page.locator(".swagger-ui .info .title").inner_text()
    finally:
        page.close()
    assert "tochuc API" in title
    assert problems == []
    assert [url for url in foreign if not url.startswith("data:")] == []
