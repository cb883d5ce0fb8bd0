"""Training over the API: needs of a subtree, courses, nominations and results; scoped like the pages.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.permissions import get_person_for
from tochuc.training import selectors, services
from tochuc.training.models import Attendance, AttendanceResult, Course, CourseKind
from tochuc.training.needs import TrainingNeed
from tochuc.training.permissions import get_course_for

router = Router(tags=["training"])

MAX_PAGE_SIZE = 1000


class Pagination(LimitOffsetPagination):
    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class NeedsIn(Schema):
    unit: str = Field(max_length=40, description="Mã đơn vị: nhu cầu của đơn vị này và cấp dưới.")
    kind: CourseKind | None = None


class NeedOut(Schema):
    person: str
    name: str
    need: str
    reason_kind: str
    reason: str


class CourseIn(Schema):
    code: str = Field(max_length=40)
    unit: str = Field(max_length=40, description="Đơn vị tổ chức lớp (thường là ban tổ chức).")
    kind: CourseKind
    name: str = Field(max_length=255)
    provider: str = Field(max_length=255)
    start: dt.date
    end: dt.date
    qualification: str = Field("", max_length=255)


class CourseOut(Schema):
    code: str
    unit: str
    kind: str
    name: str
    provider: str
    start: dt.date
    end: dt.date

    @staticmethod
    def resolve_unit(obj: Course) -> str:
        return obj.unit.code


class AttendanceOut(Schema):
    person: str
    name: str
    result: str
    recorded_on: dt.date | None

    @staticmethod
    def resolve_person(obj: Attendance) -> str:
        return obj.person.code

    @staticmethod
    def resolve_name(obj: Attendance) -> str:
        return obj.person.full_name


class CourseDetailOut(Schema):
    code: str
    unit: str
    kind: str
    name: str
    provider: str
    start: dt.date
    end: dt.date
    attendances: list[AttendanceOut]


class NominateIn(Schema):
    person: str = Field(max_length=40)


class ResultIn(Schema):
    person: str = Field(max_length=40)
    result: AttendanceResult
    note: str = Field("", max_length=500)


def _need(need: TrainingNeed) -> dict[str, str]:
    return {
        "person": need.person_code,
        "name": need.person_name,
        "need": need.need,
        "reason_kind": need.reason,
        "reason": need.message,
    }


@router.get(
    "/needs",
    response={200: list[NeedOut], 401: ErrorOut, 404: ErrorOut},
    summary="Nhu cầu đào tạo, bồi dưỡng của một cây đơn vị",
    url_name="training_need_list",
)
@paginate(Pagination)
def need_list(request: AuthedRequest, filters: Query[NeedsIn]) -> list[dict[str, str]]:
    unit = get_unit_for(request.user, filters.unit.strip().upper())
    kind = filters.kind.value if filters.kind else ""
    return [_need(n) for n in selectors.needs_for(request.user, unit, kind=kind)]


@router.get(
    "/courses",
    response={200: list[CourseOut], 401: ErrorOut},
    summary="Lớp trong phạm vi",
    url_name="training_course_list",
)
@paginate(Pagination)
def course_list(request: AuthedRequest) -> QuerySet[Course]:
    return selectors.courses_for(request.user).order_by("-start", "code")


@router.post(
    "/courses",
    response={201: CourseOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Mở lớp cho cán bộ, đảng viên của đơn vị và cấp dưới",
    url_name="training_course_list",
)
def course_create(request: AuthedRequest, payload: CourseIn) -> Status[Course]:
    unit = get_unit_for(request.user, payload.unit.strip().upper(), Action.EDIT)
    course = services.course_create(
        actor=request.user,
        unit=unit,
        code=payload.code,
        kind=payload.kind.value,
        name=payload.name,
        provider=payload.provider,
        start=payload.start,
        end=payload.end,
        qualification=payload.qualification,
    )
    return Status(201, course)


def _detail(request: AuthedRequest, course: Course) -> dict[str, object]:
    return {
        "code": course.code,
        "unit": course.unit.code,
        "kind": course.kind,
        "name": course.name,
        "provider": course.provider,
        "start": course.start,
        "end": course.end,
        "attendances": list(selectors.attendances_of(request.user, course)),
    }


@router.get(
    "/courses/{code}",
    response={200: CourseDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một lớp: học viên và kết quả",
    url_name="training_course_detail",
)
def course_detail(request: AuthedRequest, code: str) -> dict[str, object]:
    return _detail(request, get_course_for(request.user, code))


@router.post(
    "/courses/{code}/attendances",
    response={201: AttendanceOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Cử một người có nhu cầu đi học lớp",
    url_name="training_course_nominate",
)
def course_nominate(request: AuthedRequest, code: str, payload: NominateIn) -> Status[Attendance]:
    course = get_course_for(request.user, code, Action.EDIT)
    person = get_person_for(request.user, payload.person.strip())
    return Status(201, services.nominate(actor=request.user, course=course, person=person))


@router.post(
    "/courses/{code}/results",
    response={200: AttendanceOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Ghi kết quả của một học viên (hoàn thành: ghi vào mẫu 2C, nâng trình độ)",
    url_name="training_course_result",
)
def course_result(request: AuthedRequest, code: str, payload: ResultIn) -> Attendance:
    course = get_course_for(request.user, code, Action.EDIT)
    attendance = (
        selectors.attendances_of(request.user, course).filter(person__code=payload.person.strip()).first()
    )
    if attendance is None:
        raise Http404
    return services.record_result(
        actor=request.user, attendance=attendance, result=payload.result.value, note=payload.note
    )
