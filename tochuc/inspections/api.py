"""Inspections and supervisions over the API: thin wrappers over the scoped selectors and the services.

Bad input answers 422 here (naming the field), a conflict 409 (naming it), what lies outside the
caller's scope 404.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from tochuc.accounts.policy import Action, can
from tochuc.api.schemas import ErrorOut
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.core.dates import today
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.inspections import selectors, services
from tochuc.inspections.errors import InspectionsErrorCode
from tochuc.inspections.models import Inspection, Member
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person

router = Router(tags=["inspections"])

BAD_INPUT = 422
CODE = Field(..., min_length=1, max_length=40)


class InspectionIn(Schema):
    code: str = CODE
    kind: Literal["inspection", "supervision"]
    basis: Literal["regular", "thematic", "signs_of_violation", "compliance"]
    unit: str = CODE
    targets: list[str] = Field(..., max_length=200)
    target_people: list[str] = Field(default_factory=list, max_length=500)
    subject: str = Field(..., max_length=5000)
    start: dt.date
    end: dt.date


class FollowUpOut(Schema):
    task_id: int
    text: str
    lead_unit: str
    deadline: dt.date | None
    percent: int
    completed_on: dt.date | None


class InspectionOut(Schema):
    code: str
    kind: str
    basis: str
    unit: str
    targets: list[str]
    target_people: list[str]
    subject: str
    start: dt.date
    end: dt.date
    status: str
    number_symbol: str | None
    members: list[dict[str, str]]
    follow_ups: list[FollowUpOut]


class MemberIn(Schema):
    person: str = CODE
    role: Literal["head", "member"]


class MemberOut(Schema):
    inspection: str
    person: str
    role: str


class FollowUpIn(Schema):
    text: str = Field(..., max_length=5000)
    lead_unit: str = CODE
    deadline: dt.date


class ConclusionIn(Schema):
    text: str = Field(..., max_length=50_000)
    follow_ups: list[FollowUpIn] = Field(default_factory=list, max_length=services.MAX_FOLLOW_UPS)


def _out(user: Actor, inspection: Inspection) -> dict[str, object]:
    """The inspection as ``user`` may see it (a target's side: its own targets and tasks)."""
    view = selectors.view_for(user, inspection)
    found = view.progress
    return {
        "code": inspection.code,
        "kind": inspection.kind,
        "basis": inspection.basis,
        "unit": inspection.unit.code,
        "targets": sorted(u.code for u in view.targets),
        "target_people": sorted(p.code for p in view.target_people),
        "subject": inspection.subject,
        "start": inspection.start,
        "end": inspection.end,
        "status": view.status,
        "number_symbol": inspection.conclusion_document.number_symbol
        if inspection.conclusion_document
        else None,
        "members": [
            {"person": m.person.code, "role": m.role} for m in inspection.members.select_related("person")
        ],
        "follow_ups": [
            {
                "task_id": t.pk,
                "text": t.text,
                "lead_unit": t.lead_unit.code if t.lead_unit else "",
                "deadline": t.deadline,
                "percent": t.percent,
                "completed_on": t.completed_on,
            }
            for t in found.tasks
        ],
    }


def _bad_input(request: HttpRequest, exc: DomainError) -> HttpResponse:
    from tochuc.api.api import api, error_body

    return api.create_response(request, error_body(exc.message, exc.code, exc.field), status=BAD_INPUT)


ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get(
    "",
    response={200: list[InspectionOut], 401: ErrorOut},
    summary="Các cuộc kiểm tra, giám sát trong phạm vi",
)
def inspection_list(request: AuthedRequest) -> list[dict[str, object]]:
    return [
        _out(request.user, i) for i in selectors.inspections_for(request.user).order_by("-start", "-id")[:200]
    ]


@router.post(
    "",
    response={201: InspectionOut, **ERRORS},
    summary="Quyết định một cuộc kiểm tra hoặc giám sát",
    url_name="inspection_list",
)
def inspection_create(
    request: AuthedRequest, payload: InspectionIn
) -> Status[dict[str, object]] | HttpResponse:
    unit = get_unit_for(request.user, payload.unit.strip().upper(), Action.EDIT)
    try:
        inspection = services.inspection_create(
            actor=request.user,
            code=payload.code,
            kind=payload.kind,
            basis=payload.basis,
            unit=unit,
            targets=selectors.units_in(unit, payload.targets, "targets"),
            target_people=selectors.people_in(unit, payload.target_people, "target_people"),
            subject=payload.subject,
            start=payload.start,
            end=payload.end,
            created_by=request.user,
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _out(request.user, inspection))


@router.get(
    "/{code}",
    response={200: InspectionOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một cuộc kiểm tra, giám sát: đoàn, kết luận, tiến độ khắc phục",
)
def inspection_detail(request: AuthedRequest, code: str) -> dict[str, object]:
    return _out(request.user, selectors.get_inspection_for(request.user, code))


@router.post(
    "/{code}/members",
    response={201: MemberOut, **ERRORS},
    summary="Thêm trưởng đoàn, thành viên (từ chối người thuộc đối tượng, là đối tượng hoặc người thân)",
    url_name="inspection_member_add",
)
def member_add(
    request: AuthedRequest, code: str, payload: MemberIn
) -> Status[dict[str, object]] | HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    get_unit_for(request.user, inspection.unit.code, Action.EDIT)
    try:
        person = Person.objects.filter(code=payload.person.strip()).select_related("unit").first()
        if person is None or not can(request.user, Action.VIEW, person.unit):
            raise DomainError(
                _("Không có đảng viên %(code)s trong phạm vi.") % {"code": payload.person},
                field="person",
                code=InspectionsErrorCode.REQUIRED,
            )
        member: Member = services.member_add(
            actor=request.user, inspection=inspection, person=person, role=payload.role
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, {"inspection": inspection.code, "person": member.person.code, "role": member.role})


@router.post(
    "/{code}/conclusion",
    response={201: InspectionOut, **ERRORS},
    summary="Kết luận (số từ sổ văn bản đi); mỗi yêu cầu khắc phục thành một nhiệm vụ có đơn vị chủ trì, thời hạn",
    url_name="inspection_conclusion",
)
def conclusion(
    request: AuthedRequest, code: str, payload: ConclusionIn
) -> Status[dict[str, object]] | HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    get_unit_for(request.user, inspection.unit.code, Action.EDIT)
    try:
        leads = {
            u.code: u
            for u in selectors.units_in(
                inspection.unit, [f.lead_unit for f in payload.follow_ups], "follow_ups"
            )
        }
        concluded = services.conclude(
            actor=request.user,
            inspection=inspection,
            text=payload.text,
            follow_ups=[
                services.FollowUp(
                    text=f.text, lead_unit=leads[f.lead_unit.strip().upper()], deadline=f.deadline
                )
                for f in payload.follow_ups
            ],
            today=today(),
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _out(request.user, selectors.get_inspection_for(request.user, concluded.code)))
