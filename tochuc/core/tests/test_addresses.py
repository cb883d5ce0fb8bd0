"""Behind the reverse proxy, lockouts count the client's address, not the proxy's; without the proxy
setting, a client cannot choose its own address by sending X-Forwarded-For."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from tochuc.conftest import PASSWORD
from tochuc.core.addresses import client_address

pytestmark = pytest.mark.django_db


def _fail_five_times(client: Client) -> None:
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "inside", "password": "wrong"})


def test_behind_the_proxy_one_client_locked_out_does_not_lock_out_the_next(tree, inside, settings):
    settings.BEHIND_PROXY = True
    # Both arrive from the proxy at 127.0.0.1; the proxy appended each one's own address last.
    first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    _fail_five_times(first)
    assert (
        first.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD}).status_code == 429
    )
    assert (
        second.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD}).status_code
        == 302
    )


def test_behind_the_proxy_a_forged_first_entry_does_not_escape_the_lockout(tree, inside, settings):
    settings.BEHIND_PROXY = True
    _fail_five_times(Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7"))
    forged = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7")
    assert (
        forged.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD}).status_code
        == 429
    )


def test_without_the_proxy_setting_the_header_is_ignored(tree, inside, settings):
    settings.BEHIND_PROXY = False
    _fail_five_times(Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.7"))
    other_header = Client(REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert (
        other_header.post(reverse("accounts:login"), {"username": "inside", "password": PASSWORD}).status_code
        == 429
    )


def test_client_address_reads(settings):
    factory = RequestFactory()
    settings.BEHIND_PROXY = True
    assert client_address(factory.get("/", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.7")) == "203.0.113.7"
    assert client_address(factory.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    settings.BEHIND_PROXY = False
    assert (
        client_address(factory.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.1.1.1"))
        == "192.0.2.1"
    )
