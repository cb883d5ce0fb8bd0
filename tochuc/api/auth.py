"""Who is calling the API: a bearer token, or the browser session."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from tochuc.accounts.models import ApiToken, User
from tochuc.accounts.policy import required_otp

# ``last_used_at`` is refreshed at most this often, so that a busy client does
# not turn every read into a write.
LAST_USED_GRANULARITY = dt.timedelta(minutes=5)


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <key>``; only the key's SHA-256 is stored.

    A revoked token, or a token of an inactive user, authenticates nobody; nor
    does the token of a user who must confirm a TOTP code (``required_otp``):
    a key on its own is one factor, and such a user has to use the browser
    session, where the code is asked.
    """

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        token = token.strip()
        if not token:
            return None
        found = (
            ApiToken.objects.filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True)
            .select_related("user")
            .first()
        )
        if found is None or not found.user.is_active or required_otp(found.user):
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at >= LAST_USED_GRANULARITY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class ActiveSessionAuth(SessionAuth):
    """The browser session, with Django's CSRF check on unsafe methods.

    The page middleware leaves ``/api/`` alone, so the second factor is
    enforced here: a user who owes a TOTP code is not authenticated yet.
    """

    def authenticate(self, request: HttpRequest, key: str | None) -> User | AnonymousUser | None:
        user = request.user
        if not (user.is_authenticated and user.is_active):
            return None
        if required_otp(user) and not _otp_verified(user):
            return None
        return user


def _otp_verified(user: User | AnonymousUser) -> bool:
    is_verified = getattr(user, "is_verified", None)
    return bool(callable(is_verified) and is_verified())
