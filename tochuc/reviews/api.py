"""Review periods over the API: thin wrappers over the scoped selectors and the services.

Bad input answers 422 here (naming the field), as the schema validation of the framework does.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from tochuc.accounts.policy import Action
from tochuc.api.schemas import ErrorOut
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.orgunits.permissions import get_unit_for
from tochuc.reviews import selectors, services
from tochuc.reviews.models import ReviewPeriod, UnitReport

router = Router(tags=["reviews"])

BAD_INPUT = 422


class FiguresOut(Schema):
    members: int
    admitted: int
    tasks_due: int
    tasks_done_on_time: int
    tasks_overdue: int


class PeriodOut(Schema):
    code: str
    unit: str
    kind: str
    year: int
    quarter: int | None
    deadline: dt.date
    expected: list[str]
    submitted: list[str]
    late: list[str]
    missing: list[str]
    figures: FiguresOut


class PeriodIn(Schema):
    code: str = Field(..., max_length=200)
    unit: str = Field(..., max_length=200)
    kind: str = Field(..., max_length=40)
    year: int
    quarter: int | None = None
    deadline: dt.date


class SectionsIn(Schema):
    results: str = ""
    shortcomings: str = ""
    lessons: str = ""
    next_tasks: str = ""
    proposals: str = ""


class ReportIn(Schema):
    unit: str = Field(..., max_length=200)
    sections: SectionsIn = Field(default_factory=SectionsIn)


class ReportOut(Schema):
    period: str
    unit: str
    status: str
    submitted_at: dt.datetime | None
    late: bool
    delay_days: int
    figures: dict[str, int]


def _period_out(user: Actor, period: ReviewPeriod) -> dict[str, object]:
    """The period as ``user`` may see it: a reporting unit sees only its own line."""
    status = selectors.period_status_for(user, period)
    return {
        "code": period.code,
        "unit": period.unit.code,
        "kind": period.kind,
        "year": period.year,
        "quarter": period.quarter,
        "deadline": period.deadline,
        "expected": [u.code for u in status.expected],
        "submitted": [u.code for u in status.submitted],
        "late": [u.code for u in status.late],
        "missing": [u.code for u in status.missing],
        "figures": status.figures,
    }


def _report_out(report: UnitReport) -> dict[str, object]:
    return {
        "period": report.period.code,
        "unit": report.unit.code,
        "status": report.status,
        "submitted_at": report.submitted_at,
        "late": report.late,
        "delay_days": report.delay_days,
        "figures": report.figures,
    }


def _bad_input(request: HttpRequest, exc: DomainError) -> HttpResponse:
    from tochuc.api.api import api, error_body

    return api.create_response(request, error_body(exc.message, exc.code, exc.field), status=BAD_INPUT)


@router.post(
    "/periods",
    response={201: PeriodOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Mở kỳ báo cáo sơ kết, tổng kết",
)
def period_create(request: AuthedRequest, payload: PeriodIn) -> Status[dict[str, object]] | HttpResponse:
    unit = get_unit_for(request.user, payload.unit, Action.EDIT)
    try:
        period = services.period_open(
            actor=request.user,
            code=payload.code,
            unit=unit,
            kind=payload.kind,
            year=payload.year,
            quarter=payload.quarter,
            deadline=payload.deadline,
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _period_out(request.user, period))


@router.get(
    "/periods/{code}",
    response={200: PeriodOut, 401: ErrorOut, 404: ErrorOut},
    summary="Tình hình báo cáo của một kỳ: đã gửi, gửi muộn, còn thiếu, số liệu tổng hợp",
)
def period_detail(request: AuthedRequest, code: str) -> dict[str, object]:
    return _period_out(request.user, selectors.get_period_for(request.user, code))


@router.post(
    "/periods/{code}/reports",
    response={201: ReportOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Đơn vị gửi báo cáo của kỳ (số liệu lấy từ hệ thống)",
)
def report_submit(
    request: AuthedRequest, code: str, payload: ReportIn
) -> Status[dict[str, object]] | HttpResponse:
    period = selectors.get_period_for(request.user, code)
    unit = get_unit_for(request.user, payload.unit, Action.EDIT)
    try:
        report = services.report_submit(
            actor=request.user, period=period, unit=unit, sections=payload.sections.dict()
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _report_out(report))
