from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from tochuc.core.context import request_id_var

# 8 to 64 letters, digits, dots, underscores or hyphens, and nothing else (``\Z``: no
# trailing newline slips through as ``$`` would let it).
_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}\Z")


class RequestIdMiddleware:
    """Give every request an id (or keep a sane incoming one) for the audit trail."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class RefuseNulMiddleware:
    """Refuse text holding a NUL character before any view sees it.

    No field of tochuc may hold one, and PostgreSQL cannot store or even compare it: a search for
    ``%00`` would otherwise end in a server error. Query strings, form fields and JSON bodies are
    checked; file uploads (multipart) are left to the upload checks.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = self._field_with_nul(request)
        if field is None:
            return self.get_response(request)
        message = _("Dữ liệu gửi lên có ký tự không hợp lệ (NUL).")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(message), "code": "invalid", "field": field}, status=400)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _field_with_nul(request: HttpRequest) -> str | None:
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                return key
        content_type = request.content_type or ""
        if request.method in ("POST", "PUT", "PATCH") and content_type.startswith(
            ("application/json", "application/x-www-form-urlencoded")
        ):
            try:
                body = request.body.decode("utf-8")
            except UnicodeDecodeError:
                return None  # not text at all: the view's own reading says so
            if "\x00" in body or "\\u0000" in body or "%00" in body:
                return "body"
        return None
