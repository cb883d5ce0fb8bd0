"""Proposals over the API: thin wrappers over the scoped selectors and the services.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.orgunits.permissions import get_unit_for
from tochuc.proposals import selectors, services
from tochuc.proposals.models import Proposal, ProposalKind

router = Router(tags=["proposals"])

MAX_PAGE_SIZE = 500


class Pagination(LimitOffsetPagination):
    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ProposalIn(Schema):
    from_unit: str = Field(max_length=40)
    to_unit: str | None = Field(None, max_length=40)
    kind: ProposalKind
    subject: str = Field(max_length=500)
    content: str = Field(max_length=20_000)


class AnswerIn(Schema):
    answer: str = Field(max_length=20_000)


class ProposalOut(Schema):
    id: int
    from_unit: str
    to_unit: str
    kind: str
    subject: str
    sent_on: dt.date
    answer_due: dt.date
    status: str
    overdue: bool
    answered_on: dt.date | None
    answer: str | None

    @staticmethod
    def resolve_from_unit(obj: Proposal) -> str:
        return obj.from_unit.code

    @staticmethod
    def resolve_to_unit(obj: Proposal) -> str:
        return obj.to_unit.code

    @staticmethod
    def resolve_overdue(obj: Proposal) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_answer(obj: Proposal) -> str | None:
        return obj.answer if obj.is_closed else None


class ProposalFilter(Schema):
    status: str | None = Field(
        None, description="open, drafted, answered, duplicate; hoặc overdue (quá hạn), late (trả lời chậm)"
    )


@router.get("", response={200: list[ProposalOut], 401: ErrorOut}, summary="Kiến nghị trong phạm vi")
@paginate(Pagination)
def proposal_list(request: AuthedRequest, filters: Query[ProposalFilter]) -> QuerySet[Proposal]:
    return selectors.proposals_for(request.user, status=filters.status or None)


@router.post(
    "",
    response={201: ProposalOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    summary="Đơn vị gửi kiến nghị lên cấp trên (mặc định: cấp trên trực tiếp)",
    url_name="proposal_list",
)
def proposal_send(request: AuthedRequest, payload: ProposalIn) -> Status[Proposal]:
    from_unit = get_unit_for(request.user, payload.from_unit.strip().upper(), Action.EDIT)
    to_unit = selectors.unit_by_code(payload.to_unit, field="to_unit") if payload.to_unit else None
    proposal = services.proposal_send(
        actor=request.user,
        from_unit=from_unit,
        to_unit=to_unit,
        kind=payload.kind.value,
        subject=payload.subject,
        content=payload.content,
    )
    return Status(201, proposal)


@router.get(
    "/{int:proposal_id}", response={200: ProposalOut, 401: ErrorOut, 404: ErrorOut}, summary="Một kiến nghị"
)
def proposal_detail(request: AuthedRequest, proposal_id: int) -> Proposal:
    return selectors.get_proposal_for(request.user, proposal_id)


@router.post(
    "/{int:proposal_id}/answer",
    response={200: ProposalOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Đơn vị trả lời dự thảo câu trả lời (chờ lãnh đạo duyệt)",
)
def proposal_answer(request: AuthedRequest, proposal_id: int, payload: AnswerIn) -> Proposal:
    proposal = selectors.get_proposal_for(request.user, proposal_id)
    return services.proposal_answer_write(actor=request.user, proposal=proposal, answer=payload.answer)


@router.post(
    "/{int:proposal_id}/approve",
    response={200: ProposalOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Lãnh đạo đơn vị trả lời duyệt và gửi câu trả lời",
)
def proposal_approve(request: AuthedRequest, proposal_id: int) -> Proposal:
    proposal = selectors.get_proposal_for(request.user, proposal_id)
    return services.proposal_answer_approve(actor=request.user, proposal=proposal)
