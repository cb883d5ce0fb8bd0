"""The JSON API at /api/v1/: the same selectors and services as the pages.

Every error leaves here as ``{"detail", "code", "field"}``: ``code`` names the
refusal (``people.citizen_id_invalid``), the status follows its kind, ``detail`` is
in the request's language (``Accept-Language`` or the language cookie). What lies
outside the caller's scope answers exactly like what does not exist.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError, ValidationError

from tochuc.api.auth import ActiveSessionAuth, TokenAuth
from tochuc.core.errors import DomainError, ErrorCode

api = NinjaAPI(
    title="tochuc API",
    version="1",
    description="Hệ thống thông tin ngành Tổ chức xây dựng Đảng.",
    auth=[TokenAuth(), ActiveSessionAuth()],
    urls_namespace="api",
    # Swagger UI is served from the app's own static files (``ninja`` is an
    # installed app); no online validator is contacted.
    docs=Swagger(settings={"validatorUrl": None}),
)

STATUS_BY_KIND: dict[ErrorCode, int] = {
    ErrorCode.INVALID: 400,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.FORBIDDEN: 404,
    ErrorCode.CONFLICT: 409,
}

UNAUTHENTICATED_CODE = "unauthenticated"


def error_body(detail: str, code: str, field: str = "") -> dict[str, str]:
    return {"detail": detail, "code": code, "field": field}


def not_found_response(request: HttpRequest) -> HttpResponse:
    """The one 404 body, whether the object is missing or out of scope."""
    return api.create_response(request, error_body(_("Không tìm thấy."), ErrorCode.NOT_FOUND), status=404)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = STATUS_BY_KIND[exc.kind]
    if status == 404:
        return not_found_response(request)
    return api.create_response(request, error_body(exc.message, exc.code, exc.field), status=status)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return not_found_response(request)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        error_body(_("Chưa đăng nhập, hoặc khoá API không hợp lệ hay đã bị thu hồi."), UNAUTHENTICATED_CODE),
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="tochuc"'
    return response


def _reason(error: dict[str, Any]) -> str:
    """What is wrong with one value, in the request's language, from pydantic's error type and its
    context (never pydantic's own English message)."""
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    limit = {key: ctx[key] for key in ("max_length", "min_length", "ge", "le", "gt", "lt") if key in ctx}
    if kind == "missing":
        return _("thiếu giá trị bắt buộc")
    if kind == "string_too_long":
        return _("dài quá %(n)s ký tự") % {"n": limit.get("max_length")}
    if kind == "string_too_short":
        return _("cần ít nhất %(n)s ký tự") % {"n": limit.get("min_length")}
    if kind == "too_long":
        return _("nhiều quá %(n)s phần tử") % {"n": limit.get("max_length")}
    if kind == "too_short":
        return _("cần ít nhất %(n)s phần tử") % {"n": limit.get("min_length")}
    if kind in ("greater_than_equal", "greater_than"):
        n = limit.get("ge", limit.get("gt"))
        return (_("phải từ %(n)s trở lên") if kind == "greater_than_equal" else _("phải lớn hơn %(n)s")) % {
            "n": n
        }
    if kind in ("less_than_equal", "less_than"):
        n = limit.get("le", limit.get("lt"))
        return (_("không được quá %(n)s") if kind == "less_than_equal" else _("phải nhỏ hơn %(n)s")) % {
            "n": n
        }
    if kind.startswith("int_") or kind.startswith("float_") or kind.startswith("decimal_"):
        return _("phải là một số")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("phải là ngày theo dạng YYYY-MM-DD")
    if kind.startswith("bool"):
        return _("phải là true hoặc false")
    if kind in ("literal_error", "enum"):
        return _("phải là một trong: %(values)s") % {"values": str(ctx.get("expected", ""))}
    if kind == "string_type":
        return _("phải là một chuỗi ký tự")
    if kind in ("list_type", "tuple_type", "set_type"):
        return _("phải là một danh sách")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _("phải là một đối tượng JSON")
    if kind == "string_pattern_mismatch":
        return _("không đúng định dạng")
    if kind == "extra_forbidden":
        return _("không được nhận")
    return _("giá trị không hợp lệ")


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """A value the schema refuses (too long, out of range, wrong type): the same shape, naming the field
    and saying in the request's language what is wrong with it."""
    first = exc.errors[0] if exc.errors else {}
    where = [str(part) for part in first.get("loc", ()) if part not in ("body", "payload", "query", "path")]
    field = ".".join(where)
    detail = _("Giá trị của «%(field)s» không hợp lệ: %(reason)s.") % {
        "field": field or "body",
        "reason": _reason(dict(first)),
    }
    return api.create_response(request, error_body(detail, ErrorCode.INVALID, field), status=422)


@api.exception_handler(HttpError)
def framework_refusal(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """A body the framework cannot read (not JSON, not UTF-8) answers in the same shape as the rest."""
    if exc.status_code != 400:
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)
    detail = _("Không đọc được nội dung yêu cầu: cần JSON, mã hóa UTF-8.")
    return api.create_response(request, error_body(detail, ErrorCode.INVALID, "body"), status=400)


from tochuc.orgunits.api import router as units_router  # noqa: E402

api.add_router("/units", units_router)
from tochuc.people.api import router as persons_router  # noqa: E402

api.add_router("/persons", persons_router)
from tochuc.positions.api import router as positions_router  # noqa: E402

api.add_router("/positions", positions_router)
from tochuc.evaluations.api import router as evaluations_router  # noqa: E402

api.add_router("/evaluations", evaluations_router)
from tochuc.directives.api import router as directives_router  # noqa: E402

api.add_router("/directives", directives_router)
from tochuc.personnel.api import router as personnel_router  # noqa: E402

api.add_router("/personnel", personnel_router)
from tochuc.reviews.api import router as reviews_router  # noqa: E402

api.add_router("/reviews", reviews_router)
from tochuc.proposals.api import router as proposals_router  # noqa: E402

api.add_router("/proposals", proposals_router)
from tochuc.feedback.api import public_router as public_feedback_router  # noqa: E402
from tochuc.feedback.api import router as feedback_router  # noqa: E402

api.add_router("/public/feedback", public_feedback_router)
api.add_router("/feedback", feedback_router)
from tochuc.rewards.api import router as rewards_router  # noqa: E402

api.add_router("/rewards", rewards_router)
from tochuc.training.api import router as training_router  # noqa: E402

api.add_router("/training", training_router)
from tochuc.award.api import router as award_router  # noqa: E402

api.add_router("/award", award_router)
from tochuc.inspections.api import router as inspections_router  # noqa: E402

api.add_router("/inspections", inspections_router)
