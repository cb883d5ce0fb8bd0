"""``Idempotency-Key`` on API POSTs: the same key twice (same user) gives the first answer, and
whatever the request writes is written once.

The request runs in one transaction with the stored answer: a crash before the
commit leaves neither, so the client's retry does the work; after the commit
both are there, so the retry replays the answer. Two requests with the same key
at the same time queue on the unique (user, key) row. Authentication failures
(401) and server errors (5xx) are not stored: the client may retry them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from tochuc.accounts.models import ApiToken
from tochuc.api.models import IdempotentRequest

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
API_PREFIX = "/api/"
KEEP_FOR = dt.timedelta(days=1)
_KEY = re.compile(r"[\x21-\x7e]{1,255}")


def _error(status: int, detail: str, code: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "code": code, "field": ""}, status=status)


def _caller_id(request: HttpRequest) -> int | None:
    """Who is calling, as the API's authentication will decide it (token first, then session)."""
    authorization = request.headers.get("Authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        found = (
            ApiToken.objects.filter(key_hash=ApiToken.hash_key(token.strip()), revoked_at__isnull=True)
            .values_list("user_id", flat=True)
            .first()
        )
        if found is not None:
            return int(found)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return int(user.pk)
    return None


def _replay(stored: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(bytes(stored.body), status=stored.status, content_type=stored.content_type)
    response[REPLAYED_HEADER] = "true"
    return response


class IdempotencyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if not _KEY.fullmatch(key):
            return _error(400, "Idempotency-Key: 1 đến 255 ký tự ASCII in được.", "invalid")
        user_id = _caller_id(request)
        if user_id is None:
            return self.get_response(request)  # the API answers 401; nothing to remember
        fingerprint = hashlib.sha256(
            b"\n".join([request.method.encode(), request.get_full_path().encode(), request.body])
        ).hexdigest()
        try:
            with transaction.atomic():
                return self._run_once(request, user_id, key, fingerprint)
        except IntegrityError:
            # Someone else stored this key first, while we ran: theirs is the first answer.
            stored = IdempotentRequest.objects.filter(user_id=user_id, key=key).first()
            if stored is None:
                raise
            return self._answer(stored, fingerprint)

    def _run_once(self, request: HttpRequest, user_id: int, key: str, fingerprint: str) -> HttpResponse:
        stored = IdempotentRequest.objects.select_for_update().filter(user_id=user_id, key=key).first()
        if stored is not None:
            return self._answer(stored, fingerprint)
        IdempotentRequest.objects.filter(user_id=user_id, created_at__lt=timezone.now() - KEEP_FOR).delete()
        response = self.get_response(request)
        if response.status_code == 401 or response.status_code >= 500 or response.streaming:
            transaction.set_rollback(True)
            return response
        with transaction.atomic():  # a savepoint: the unique (user, key) may be taken meanwhile
            IdempotentRequest.objects.create(
                user_id=user_id,
                key=key,
                method=request.method or "POST",
                path=request.path[:255],
                request_hash=fingerprint,
                status=response.status_code,
                content_type=response.get("Content-Type", ""),
                body=response.content,
            )
        return response

    @staticmethod
    def _answer(stored: IdempotentRequest, fingerprint: str) -> HttpResponse:
        if stored.request_hash != fingerprint:
            return _error(422, "Idempotency-Key này đã dùng cho một yêu cầu khác.", "idempotency_key_reused")
        return _replay(stored)
