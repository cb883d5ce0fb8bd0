"""The JSON API at /api/v1/: the same selectors and services as the pages."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from tochuc.api.auth import ActiveSessionAuth, TokenAuth
from tochuc.core.errors import DomainError, ErrorCode

api = NinjaAPI(
    title="tochuc API",
    version="1",
    description="Hệ thống thông tin ngành Tổ chức xây dựng Đảng.",
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
)

_STATUS = {
    ErrorCode.INVALID: 400,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 404,
    ErrorCode.CONFLICT: 409,
}


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    if _STATUS[exc.code] == 404:
        return api.create_response(request, {"detail": "Not Found"}, status=404)
    return api.create_response(
        request, {"detail": exc.message, "code": str(exc.code), "field": exc.field}, status=_STATUS[exc.code]
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Not Found"}, status=404)


from tochuc.orgunits.api import router as units_router  # noqa: E402

api.add_router("/units", units_router)
