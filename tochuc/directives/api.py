"""Directives over the API: thin wrappers over the scoped selectors and the services.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action, has_any
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.text import fold
from tochuc.directives import selectors, services
from tochuc.directives.dashboards import status_label, status_of
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.models import Directive, ProgressReport, Task, TaskStatus
from tochuc.directives.permissions import get_directive_for, get_task_for
from tochuc.orgunits.permissions import get_unit_for

router = Router(tags=["directives"])

MAX_PAGE_SIZE = 500
MAX_PARSE_CHARS = 400_000


class Pagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of items matching, in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class DirectiveFields(Schema):
    id: int
    doc_type: str
    doc_type_name: str
    number_symbol: str
    issuer: str
    issued_on: dt.date | None
    term: str
    title: str
    unit_code: str


class DirectiveOut(DirectiveFields):
    @staticmethod
    def resolve_doc_type_name(obj: Directive) -> str:
        return str(obj.get_doc_type_display())

    @staticmethod
    def resolve_unit_code(obj: Directive) -> str:
        return obj.unit.code


class TaskOut(Schema):
    id: int
    directive_id: int
    number_symbol: str
    parent_id: int | None
    no: str
    text: str
    assigned_by_code: str
    lead_unit_code: str | None
    cooperating_codes: list[str]
    responsible_person_code: str | None
    deadline: dt.date | None
    report_period: str
    product_kind: str
    product: str
    percent: int
    last_report_on: dt.date | None
    completed_on: dt.date | None
    quality: str
    status: str = Field(description="Tính toán, không nhập: " + ", ".join(TaskStatus.values))
    status_label: str

    @staticmethod
    def resolve_number_symbol(obj: Task) -> str:
        return obj.directive.number_symbol

    @staticmethod
    def resolve_assigned_by_code(obj: Task) -> str:
        return obj.assigned_by.code

    @staticmethod
    def resolve_lead_unit_code(obj: Task) -> str | None:
        return obj.lead_unit.code if obj.lead_unit else None

    @staticmethod
    def resolve_cooperating_codes(obj: Task) -> list[str]:
        return [u.code for u in obj.cooperating_units.all()]

    @staticmethod
    def resolve_responsible_person_code(obj: Task) -> str | None:
        return obj.responsible_person.code if obj.responsible_person else None

    @staticmethod
    def resolve_status(obj: Task) -> str:
        return status_of(obj)

    @staticmethod
    def resolve_status_label(obj: Task) -> str:
        return status_label(status_of(obj))


class DirectiveDetailOut(DirectiveFields):
    number: str
    symbol: str
    place: str
    recipients: list[str]
    report_periods: list[str]
    signing_capacity: str
    signer_position: str
    signer_name: str
    tasks: list[TaskOut]


class TaskFilter(Schema):
    status: TaskStatus | None = Field(None, description="Lọc theo tình trạng")
    unit: str | None = Field(None, max_length=40, description="Mã đơn vị: nhiệm vụ của đơn vị này")
    directive: int | None = Field(None, description="Mã văn bản (id)")


class DirectiveFilter(Schema):
    q: str | None = Field(None, max_length=200, description="Số, ký hiệu hoặc trích yếu, không cần dấu")


class ProgressIn(Schema):
    percent: int = Field(..., ge=0, le=100)
    narrative: str = Field(..., min_length=1, max_length=20_000)
    reported_on: dt.date | None = None
    period_end: dt.date | None = None
    is_final: bool = False


class ProgressOut(Schema):
    id: int
    task_id: int
    reported_on: dt.date
    period_end: dt.date | None
    percent: int
    narrative: str
    is_final: bool
    task_status: str


class ParseIn(Schema):
    text: str = Field(..., max_length=MAX_PARSE_CHARS)


class SignerOut(Schema):
    capacity: str | None
    position: str | None
    name: str | None


class ParsedTaskOut(Schema):
    no: str
    text: str
    deadline: str | None


class ParsedOut(Schema):
    doc_type: str | None
    doc_type_name: str | None
    number: str | None
    symbol: str | None
    number_symbol: str | None
    issuer: str | None
    place: str | None
    date: str | None
    title: str | None
    tasks: list[ParsedTaskOut]
    report_periods: list[str]
    recipients: list[str]
    signer: SignerOut
    warnings: list[str]
    doubts: list[str] = []


def _task_rows(qs: QuerySet[Task]) -> QuerySet[Task]:
    return qs.select_related("directive", "assigned_by", "lead_unit", "responsible_person").prefetch_related(
        "cooperating_units"
    )


@router.get(
    "/",
    response={200: list[DirectiveOut], 401: ErrorOut},
    summary="Văn bản chỉ đạo trong phạm vi",
)
@paginate(Pagination)
def directive_list(request: AuthedRequest, filters: Query[DirectiveFilter]) -> QuerySet[Directive]:
    qs = selectors.directive_list_for(request.user)
    terms = fold(filters.q or "").split()
    if terms:
        ids = [
            pk
            for pk, number_symbol, title in qs.values_list("pk", "number_symbol", "title")
            if all(t in fold(f"{number_symbol} {title}") for t in terms)
        ]
        qs = qs.filter(pk__in=ids)
    return qs


@router.get(
    "/tasks",
    response={200: list[TaskOut], 401: ErrorOut, 404: ErrorOut},
    summary="Nhiệm vụ trong phạm vi, lọc theo tình trạng, đơn vị, văn bản; quá hạn trước",
)
@paginate(Pagination)
def task_list(request: AuthedRequest, filters: Query[TaskFilter]) -> QuerySet[Task]:
    unit = get_unit_for(request.user, filters.unit.strip().upper()) if filters.unit else None
    directive = get_directive_for(request.user, filters.directive) if filters.directive else None
    qs = selectors.tasks_for(
        request.user, unit=unit, status=filters.status.value if filters.status else None, directive=directive
    )
    return _task_rows(qs)


@router.get(
    "/{int:directive_id}",
    response={200: DirectiveDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một văn bản và các nhiệm vụ của nó (trong phạm vi)",
)
def directive_detail(request: AuthedRequest, directive_id: int) -> dict[str, object]:
    directive = get_directive_for(request.user, directive_id)
    tasks = _task_rows(selectors.tasks_for(request.user, directive=directive).order_by("pk"))
    return {
        "id": directive.pk,
        "doc_type": directive.doc_type,
        "doc_type_name": str(directive.get_doc_type_display()),
        "number": directive.number,
        "symbol": directive.symbol,
        "number_symbol": directive.number_symbol,
        "issuer": directive.issuer,
        "issued_on": directive.issued_on,
        "place": directive.place,
        "term": directive.term,
        "title": directive.title,
        "unit_code": directive.unit.code,
        "recipients": directive.recipients,
        "report_periods": directive.report_periods,
        "signing_capacity": directive.signing_capacity,
        "signer_position": directive.signer_position,
        "signer_name": directive.signer_name,
        "tasks": list(tasks),
    }


@router.get(
    "/tasks/{int:task_id}",
    response={200: TaskOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một nhiệm vụ",
)
def task_detail(request: AuthedRequest, task_id: int) -> Task:
    task = get_task_for(request.user, task_id)
    prefetch_related_objects([task], "cooperating_units")
    return task


@router.post(
    "/tasks/{int:task_id}/reports",
    response={201: ProgressOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cơ quan chủ trì gửi báo cáo tiến độ",
)
def progress_report(request: AuthedRequest, task_id: int, payload: ProgressIn) -> Status[dict[str, object]]:
    task = get_task_for(request.user, task_id)
    report: ProgressReport = services.progress_report_submit(
        actor=request.user,
        task=task,
        percent=payload.percent,
        narrative=payload.narrative,
        reported_on=payload.reported_on,
        period_end=payload.period_end,
        is_final=payload.is_final,
    )
    fresh = get_task_for(request.user, task_id)
    return Status(
        201,
        {
            "id": report.pk,
            "task_id": task.pk,
            "reported_on": report.reported_on,
            "period_end": report.period_end,
            "percent": report.percent,
            "narrative": report.narrative,
            "is_final": report.is_final,
            "task_status": str(getattr(fresh, "status", "")),
        },
    )


@router.post(
    "/parse",
    response={200: ParsedOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Đọc một văn bản (văn bản thuần) và trả về các trường nhận được; không lưu gì",
)
def parse(request: AuthedRequest, payload: ParseIn) -> dict[str, object]:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    if not payload.text.strip():
        raise DomainError(_("Cần có nội dung văn bản."), code=DirectivesErrorCode.TEXT_REQUIRED, field="text")
    from tochuc.directives import parsing

    parsed = parsing.parse_document(payload.text)
    return {**parsed.as_json(), "doubts": sorted(getattr(parsed, "doubts", ()) or ())}
