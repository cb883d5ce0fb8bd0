"""The address a request came from, as login throttling and per-address limits count it.

Behind the reverse proxy (``BEHIND_PROXY=1``) every request reaches the server from the proxy, so the
client is the last address of ``X-Forwarded-For``: the one the proxy itself appended. Earlier entries
are whatever the client sent and are never trusted.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "BEHIND_PROXY", False):
        header = str(request.META.get("HTTP_X_FORWARDED_FOR") or "")
        forwarded = [part.strip() for part in header.split(",")]
        if forwarded[-1]:
            return forwarded[-1][:64]
    return str(request.META.get("REMOTE_ADDR") or "")[:64]
