"""Discipline and rewards from results over the API: thin wrappers over the scoped reads and the services.

Bad input answers 422 (naming the field); what lies outside the caller's scope answers 404.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError, ErrorCode, not_found
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person
from tochuc.rewards import certificate_services, discipline_services, selectors, services
from tochuc.rewards.models import Discipline, DisciplineAppeal, RewardProposal
from tochuc.rewards.permissions import (
    approvable_levels,
    get_appeal_for,
    get_discipline_for,
    get_results_unit_for,
    get_reward_proposal_for,
)
from tochuc.rewards.results import proposals_from_results

MAX_PAGE_SIZE = 500

router = Router(tags=["rewards"])

BAD_INPUT = 422


class AppealOut(Schema):
    id: int
    received_on: dt.date
    filed_on: dt.date
    answer_due: dt.date
    outcome: str
    answered_on: dt.date | None
    changed_form: str


class DisciplineOut(Schema):
    id: int
    person: str | None
    unit: str | None
    form: str
    status: str
    violation: str
    violation_on: dt.date
    proposed_by: str
    decided_by: str | None
    decision_number: str
    decided_on: dt.date | None
    appeals: list[AppealOut]


class DisciplineIn(Schema):
    proposed_by: str = Field(..., max_length=40, description="Mã đơn vị đề nghị")
    person: str | None = Field(None, max_length=40)
    unit: str | None = Field(None, max_length=40)
    form: str = Field(..., max_length=20)
    violation: str = Field(..., max_length=5000)
    violation_on: dt.date
    no_time_limit: bool = False


class DecisionIn(Schema):
    level: str = Field(..., max_length=40)
    decision_number: str = Field(..., max_length=50)
    decided_on: dt.date
    form: str = Field("", max_length=20)


class AppealIn(Schema):
    received_on: dt.date
    filed_on: dt.date
    content: str = Field(..., max_length=5000)


class AnswerIn(Schema):
    level: str = Field(..., max_length=40)
    outcome: str = Field(..., max_length=20)
    answered_on: dt.date
    answer: str = Field(..., max_length=5000)
    changed_form: str = Field("", max_length=20)


class CertificateIn(Schema):
    proposed_by: str = Field(..., max_length=40)
    person: str | None = Field(None, max_length=40)
    unit: str | None = Field(None, max_length=40)
    year: int = Field(..., ge=2000, le=2100)
    title: str = Field(..., max_length=40)


class ApprovalIn(Schema):
    level: str = Field(..., max_length=40)
    decision_number: str = Field(..., max_length=50)
    decided_on: dt.date


class CertificateOut(Schema):
    id: int
    person: str | None
    unit: str | None
    year: int
    title: str
    status: str
    proposed_by: str
    decision_number: str
    decided_on: dt.date | None


class CandidateOut(Schema):
    kind: str
    code: str
    name: str
    title: str
    rule: str
    citation: str
    refused: str = ""


class SuggestionOut(Schema):
    kind: str
    code: str
    name: str
    unit: str
    rating: str
    citation: str


class ResultsOut(Schema):
    unit: str
    year: int
    standout_quota: int
    rewards: list[CandidateOut]
    discipline: list[SuggestionOut]


def _discipline_out(d: Discipline) -> dict[str, object]:
    return {
        "id": d.pk,
        "person": d.person.code if d.person is not None else None,
        "unit": d.unit.code if d.unit is not None else None,
        "form": d.form,
        "status": d.status,
        "violation": d.violation,
        "violation_on": d.violation_on,
        "proposed_by": d.proposed_by.code,
        "decided_by": d.decided_by.code if d.decided_by is not None else None,
        "decision_number": d.decision_number,
        "decided_on": d.decided_on,
        "appeals": [_appeal_out(a) for a in d.appeals.all()],
    }


def _appeal_out(a: DisciplineAppeal) -> dict[str, object]:
    return {
        "id": a.pk,
        "received_on": a.received_on,
        "filed_on": a.filed_on,
        "answer_due": a.answer_due,
        "outcome": a.outcome,
        "answered_on": a.answered_on,
        "changed_form": a.changed_form,
    }


def _certificate_out(p: RewardProposal) -> dict[str, object]:
    return {
        "id": p.pk,
        "person": p.person.code if p.person is not None else None,
        "unit": p.unit.code if p.unit is not None else None,
        "year": p.year,
        "title": p.title,
        "status": p.status,
        "proposed_by": p.proposed_by.code,
        "decision_number": p.decision_number,
        "decided_on": p.decided_on,
    }


def _bad_input(request: HttpRequest, exc: DomainError) -> HttpResponse:
    from tochuc.api.api import api, error_body

    if exc.kind != ErrorCode.INVALID:
        raise exc
    return api.create_response(request, error_body(exc.message, exc.code, exc.field), status=BAD_INPUT)


def _subject(proposer: OrgUnit, person: str | None, unit: str | None) -> tuple[Person | None, OrgUnit | None]:
    """The member or organization named, inside the proposer's subtree (neither when not found there)."""
    found_person = (
        Person.objects.filter(code=person.strip().upper(), unit__path__startswith=proposer.path)
        .select_related("unit")
        .first()
        if person
        else None
    )
    found_unit = (
        OrgUnit.objects.filter(code=unit.strip().upper(), path__startswith=proposer.path).first()
        if unit
        else None
    )
    return found_person, found_unit


def _level(request: AuthedRequest, code: str, path: str, *, include_self: bool = True) -> OrgUnit:
    level = next(
        (
            u
            for u in approvable_levels(request.user, path, include_self=include_self)
            if u.code == code.upper()
        ),
        None,
    )
    if level is None:
        raise not_found()
    return level


ERRORS = {401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class DisciplinePagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of disciplines of the subtree in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        found = super().paginate_queryset(queryset, pagination, request, **params)
        found[self.items_attribute] = [_discipline_out(d) for d in found[self.items_attribute]]
        return found


@router.get(
    "/disciplines",
    response={200: list[DisciplineOut], 401: ErrorOut, 404: ErrorOut},
    summary="Đề nghị và quyết định kỷ luật đảng viên, tổ chức đảng của một đơn vị và cấp dưới",
)
@paginate(DisciplinePagination)
def discipline_list(request: AuthedRequest, unit: str) -> QuerySet[Discipline]:
    root = get_unit_for(request.user, unit.strip().upper())
    return selectors.disciplines_in(request.user, root)


@router.post(
    "/disciplines",
    response={201: DisciplineOut, **ERRORS},
    summary="Đề nghị kỷ luật",
    url_name="discipline_list",
)
def discipline_create(
    request: AuthedRequest, payload: DisciplineIn
) -> Status[dict[str, object]] | HttpResponse:
    proposer = get_unit_for(request.user, payload.proposed_by.strip().upper(), Action.EDIT)
    person, unit = _subject(proposer, payload.person, payload.unit)
    try:
        d = discipline_services.discipline_propose(
            actor=request.user,
            person=person,
            unit=unit,
            form=payload.form,
            violation=payload.violation,
            violation_on=payload.violation_on,
            proposed_by=proposer,
            proposed_on=timezone.localdate(),
            no_time_limit=payload.no_time_limit,
        )
    except DomainError as exc:
        return _bad_input(request, exc)
    return Status(201, _discipline_out(d))


@router.get(
    "/disciplines/{discipline_id}",
    response={200: DisciplineOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một đề nghị hoặc quyết định kỷ luật, với các khiếu nại",
)
def discipline_detail(request: AuthedRequest, discipline_id: int) -> dict[str, object]:
    return _discipline_out(get_discipline_for(request.user, discipline_id))


@router.post(
    "/disciplines/{discipline_id}/decision",
    response={200: DisciplineOut, **ERRORS},
    summary="Cấp có thẩm quyền quyết định kỷ luật (không phải người đề nghị)",
)
def discipline_decision(
    request: AuthedRequest, discipline_id: int, payload: DecisionIn
) -> dict[str, object] | HttpResponse:
    d = get_discipline_for(request.user, discipline_id, Action.APPROVE)
    level = _level(request, payload.level, d.subject_path)
    try:
        d = discipline_services.discipline_decide(
            actor=request.user,
            discipline=d,
            level=level,
            decision_number=payload.decision_number,
            decided_on=payload.decided_on,
            form=payload.form,
        )
    except DomainError as exc:
        return _bad_input(request, exc)
    return _discipline_out(d)


@router.post(
    "/disciplines/{discipline_id}/appeals",
    response={201: AppealOut, **ERRORS},
    summary="Ghi đơn khiếu nại quyết định kỷ luật (trong thời hạn của Điều lệ)",
)
def discipline_appeal_create(
    request: AuthedRequest, discipline_id: int, payload: AppealIn
) -> Status[dict[str, object]] | HttpResponse:
    d = get_discipline_for(request.user, discipline_id, Action.EDIT)
    try:
        appeal = services.discipline_appeal_file(actor=request.user, discipline=d, **payload.dict())
    except DomainError as exc:
        return _bad_input(request, exc)
    return Status(201, _appeal_out(appeal))


@router.post(
    "/appeals/{appeal_id}/answer",
    response={200: AppealOut, **ERRORS},
    summary="Cấp trên trả lời khiếu nại: giữ nguyên, thay đổi hình thức hoặc xóa bỏ kỷ luật",
)
def appeal_answer_create(
    request: AuthedRequest, appeal_id: int, payload: AnswerIn
) -> dict[str, object] | HttpResponse:
    appeal = get_appeal_for(request.user, appeal_id, Action.APPROVE)
    deciding = appeal.discipline.decided_by
    if deciding is None:
        raise not_found()
    level = _level(request, payload.level, deciding.path, include_self=False)
    data = payload.dict()
    data.pop("level")
    try:
        appeal = discipline_services.appeal_answer(actor=request.user, appeal=appeal, level=level, **data)
    except DomainError as exc:
        return _bad_input(request, exc)
    return _appeal_out(appeal)


@router.get(
    "/results",
    response={200: ResultsOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Đề nghị khen thưởng, kỷ luật theo kết quả đánh giá năm của một đơn vị",
)
def reward_results(request: AuthedRequest, unit: str, year: int) -> dict[str, object] | HttpResponse:
    root = get_results_unit_for(request.user, unit)
    if not 2000 <= year <= 2100:
        return _bad_input(request, DomainError(_("Năm không hợp lệ."), field="year"))
    return proposals_from_results(root, year=year).as_json()


@router.post(
    "/certificates", response={201: CertificateOut, **ERRORS}, summary="Đề nghị khen thưởng theo kết quả"
)
def certificate_create(
    request: AuthedRequest, payload: CertificateIn
) -> Status[dict[str, object]] | HttpResponse:
    proposer = get_unit_for(request.user, payload.proposed_by.strip().upper(), Action.EDIT)
    person, unit = _subject(proposer, payload.person, payload.unit)
    try:
        proposal = certificate_services.certificate_propose(
            actor=request.user,
            person=person,
            unit=unit,
            year=payload.year,
            title=payload.title,
            proposed_by=proposer,
        )
    except DomainError as exc:
        return _bad_input(request, exc)
    return Status(201, _certificate_out(proposal))


@router.post(
    "/certificates/{proposal_id}/approval",
    response={200: CertificateOut, **ERRORS},
    summary="Cấp có thẩm quyền quyết định khen thưởng (không phải người đề nghị)",
)
def certificate_approval(
    request: AuthedRequest, proposal_id: int, payload: ApprovalIn
) -> dict[str, object] | HttpResponse:
    proposal = get_reward_proposal_for(request.user, proposal_id, Action.APPROVE)
    level = _level(request, payload.level, proposal.proposed_by.path)
    try:
        proposal = certificate_services.certificate_approve(
            actor=request.user,
            proposal=proposal,
            level=level,
            decision_number=payload.decision_number,
            decided_on=payload.decided_on,
        )
    except DomainError as exc:
        return _bad_input(request, exc)
    return _certificate_out(proposal)
