"""Evaluations over the API: thin wrappers over the scoped selectors and the services.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.accounts.policy import Action
from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.evaluations import selectors, services
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.evaluations.permissions import get_cycle_for, get_evaluation_for
from tochuc.orgunits.permissions import get_unit_for

router = Router(tags=["evaluations"])

MAX_PAGE_SIZE = 500


class EvaluationPagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of evaluations matching, in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class CycleOut(Schema):
    code: str
    name: str
    unit_code: str
    kind: str
    year: int
    quarter: int | None
    pack: str
    status: str
    self_review_due: dt.date | None
    comments_due: dt.date | None
    appraisal_due: dt.date | None
    decision_due: dt.date | None

    @staticmethod
    def resolve_unit_code(obj: EvaluationCycle) -> str:
        return obj.unit.code


class FindingOut(Schema):
    rule: str
    severity: str = Field(description="block | justify | info")
    unit: str
    person: str | None
    message: str


class EvaluationFields(Schema):
    id: int
    cycle: str
    unit_code: str
    person_code: str | None
    full_name: str | None
    subject_kind: str
    frame: str
    is_head: bool
    stage: str
    not_reviewed_reason: str
    self_score: Decimal | None
    self_rating: str
    suggested_rating: str
    proposed_score: Decimal | None
    proposed_rating: str
    final_score: Decimal | None
    final_rating: str


class EvaluationOut(EvaluationFields):
    @staticmethod
    def resolve_cycle(obj: Evaluation) -> str:
        return obj.cycle.code

    @staticmethod
    def resolve_unit_code(obj: Evaluation) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_person_code(obj: Evaluation) -> str | None:
        return obj.person.code if obj.person else None

    @staticmethod
    def resolve_full_name(obj: Evaluation) -> str | None:
        return obj.person.full_name if obj.person else None


class StepOut(Schema):
    stage: str
    actor: str
    rating: str
    score: Decimal | None
    note: str
    when: dt.datetime
    kind: str = Field(description="step | change (thay đổi xếp loại)")
    old_rating: str


class EvaluationDetailOut(EvaluationFields):
    self_criteria: dict[str, object]
    self_review: str
    evidence: str
    comments: str
    proposal_reason: str
    tasks_total: int
    tasks_done: int
    tasks_on_time: int
    tasks_late: int
    tasks_exceeding: int
    findings: list[FindingOut]
    timeline: list[StepOut]


class EvaluationsIn(Schema):
    unit: str | None = Field(None, max_length=40, description="Mã đơn vị: đơn vị này và cấp dưới.")
    stage: str | None = Field(None, max_length=20)


class DecisionIn(Schema):
    rating: str = Field(description="excellent | good | completed | not_completed")
    score: Decimal | None = Field(None, ge=0, le=100)
    reason: str = Field("", max_length=5000, description="Bắt buộc khi xếp loại khác xếp loại đã có.")


def _detail(user: Actor, evaluation: Evaluation) -> dict[str, object]:
    own_only = not selectors.may_view_unit(user, evaluation.unit)
    return {
        "id": evaluation.pk,
        "cycle": evaluation.cycle.code,
        "unit_code": evaluation.unit.code,
        "person_code": evaluation.person.code if evaluation.person else None,
        "full_name": evaluation.person.full_name if evaluation.person else None,
        **{
            name: getattr(evaluation, name)
            for name in (
                "subject_kind",
                "frame",
                "is_head",
                "stage",
                "not_reviewed_reason",
                "self_score",
                "self_rating",
                "suggested_rating",
                "proposed_score",
                "proposed_rating",
                "final_score",
                "final_rating",
            )
        },
        "self_criteria": evaluation.self_criteria or {},
        "self_review": evaluation.self_review,
        "evidence": evaluation.evidence,
        "comments": evaluation.comments,
        "proposal_reason": evaluation.proposal_reason,
        "tasks_total": evaluation.tasks_total,
        "tasks_done": evaluation.tasks_done,
        "tasks_on_time": evaluation.tasks_on_time,
        "tasks_late": evaluation.tasks_late,
        "tasks_exceeding": evaluation.tasks_exceeding,
        "findings": [] if own_only else [f.as_json() for f in selectors.evaluation_findings(evaluation)],
        "timeline": [
            {
                "stage": t.stage,
                "actor": t.actor,
                "rating": t.rating,
                "score": t.score,
                "note": t.note,
                "when": t.when,
                "kind": t.kind,
                "old_rating": t.old_rating,
            }
            for t in selectors.timeline(evaluation)
        ],
    }


@router.get(
    "/cycles", response={200: list[CycleOut], 401: ErrorOut}, summary="Các đợt đánh giá trong phạm vi"
)
def cycle_list(request: AuthedRequest) -> QuerySet[EvaluationCycle]:
    return selectors.cycle_list(request.user)


@router.get(
    "/cycles/{code}/findings",
    response={200: list[FindingOut], 401: ErrorOut, 404: ErrorOut},
    summary="Kết quả kiểm tra của đợt theo bộ quy tắc (trong phạm vi)",
)
def cycle_findings(request: AuthedRequest, code: str) -> list[dict[str, str | None]]:
    cycle = get_cycle_for(request.user, code)
    return [f.as_json() for f in selectors.cycle_findings(request.user, cycle)]


@router.get(
    "/cycles/{code}/evaluations",
    response={200: list[EvaluationOut], 401: ErrorOut, 404: ErrorOut},
    summary="Các phiếu đánh giá của đợt (trong phạm vi)",
)
@paginate(EvaluationPagination)
def cycle_evaluations(
    request: AuthedRequest, code: str, filters: Query[EvaluationsIn]
) -> QuerySet[Evaluation]:
    cycle = get_cycle_for(request.user, code)
    qs = selectors.evaluations_for(request.user, cycle)
    if filters.unit:
        unit = get_unit_for(request.user, filters.unit.strip().upper())
        qs = qs.filter(unit__path__startswith=unit.path)
    if filters.stage:
        qs = qs.filter(stage=filters.stage)
    return qs.select_related("cycle", "unit", "person").order_by(
        "unit__path", "-is_head", "person__sort_key", "pk"
    )


@router.get(
    "/{int:evaluation_id}",
    response={200: EvaluationDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một phiếu đánh giá: các bước, kết quả kiểm tra, diễn biến",
)
def evaluation_detail(request: AuthedRequest, evaluation_id: int) -> dict[str, object]:
    return _detail(request.user, get_evaluation_for(request.user, evaluation_id))


@router.post(
    "/{int:evaluation_id}/decision",
    response={200: EvaluationDetailOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Quyết định xếp loại (cấp có thẩm quyền)",
)
def evaluation_decide(request: AuthedRequest, evaluation_id: int, payload: DecisionIn) -> dict[str, object]:
    evaluation = get_evaluation_for(request.user, evaluation_id, Action.APPROVE)
    evaluation = services.decision_record(
        actor=request.user,
        evaluation=evaluation,
        rating=payload.rating,
        score=payload.score,
        reason=payload.reason,
    )
    return _detail(request.user, evaluation)
