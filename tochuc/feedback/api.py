"""Feedback over the API: the public sending and look-up (no login), and the staff list (scoped).

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.core.addresses import client_address
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.feedback import selectors, services
from tochuc.feedback.errors import FeedbackErrorCode
from tochuc.feedback.models import Feedback, FeedbackKind

public_router = Router(tags=["feedback (public)"], auth=None)
router = Router(tags=["feedback"])

MAX_PAGE_SIZE = 500


class Pagination(LimitOffsetPagination):
    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class PublicFeedbackIn(Schema):
    unit: str = Field(max_length=255, description="Mã hoặc tên đầy đủ của tổ chức đảng")
    kind: FeedbackKind
    content: str = Field(max_length=services.CONTENT_MAX)
    name: str | None = Field(None, max_length=services.NAME_MAX)
    contact: str | None = Field(None, max_length=services.CONTACT_MAX)


class TrackingOut(Schema):
    tracking_code: str


class LookupOut(Schema):
    tracking_code: str
    status: str
    received_on: dt.date
    answer: str | None


class FeedbackOut(Schema):
    tracking_code: str
    unit: str
    channel: str
    kind: str
    status: str
    received_on: dt.date
    due_on: dt.date
    anonymous: bool

    @staticmethod
    def resolve_unit(obj: Feedback) -> str:
        return obj.unit.code


class FeedbackFilter(Schema):
    status: str | None = Field(None, description="received, handling, answered; hoặc overdue (quá hạn)")
    channel: str | None = Field(None, description="citizen, press")


def _address(request: HttpRequest) -> str:
    return client_address(request)


@public_router.post(
    "",
    response={201: TrackingOut, 422: ErrorOut, 429: ErrorOut},
    summary="Gửi phản ánh (không cần đăng nhập); trả về mã tra cứu",
)
def public_feedback_send(request: HttpRequest, payload: PublicFeedbackIn) -> Status[dict[str, str]]:
    try:
        feedback = services.feedback_submit_public(
            unit=payload.unit,
            kind=payload.kind.value,
            content=payload.content,
            sender_name=payload.name,
            sender_contact=payload.contact,
            address=_address(request),
        )
    except DomainError as exc:
        status = 429 if exc.code == FeedbackErrorCode.RATE_LIMITED else 422
        if exc.kind == ErrorCode.NOT_FOUND:
            status = 422
        return Status(status, {"detail": exc.message, "code": str(exc.code), "field": exc.field})
    return Status(201, {"tracking_code": feedback.tracking_code})


@public_router.get(
    "/{tracking_code}",
    response={200: LookupOut, 404: ErrorOut},
    summary="Tra cứu tình trạng và câu trả lời công khai bằng mã tra cứu",
)
def public_feedback_lookup(request: HttpRequest, tracking_code: str) -> dict[str, object]:
    feedback = selectors.feedback_by_code(tracking_code)
    return {
        "tracking_code": feedback.tracking_code,
        "status": feedback.status,
        "received_on": feedback.received_on,
        "answer": feedback.public_answer(),
    }


@router.get("/", response={200: list[FeedbackOut], 401: ErrorOut}, summary="Phản ánh trong phạm vi")
@paginate(Pagination)
def feedback_list(request: AuthedRequest, filters: Query[FeedbackFilter]) -> QuerySet[Feedback]:
    return selectors.feedback_for(
        request.user, status=filters.status or None, channel=filters.channel or None
    )
