"""Planning, procedures, steps and ballots over the API: the same selectors and services as the pages.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.permissions import get_person_for
from tochuc.personnel import eligibility, selectors, services
from tochuc.personnel.models import PlanningCycle, PlanningEntry, Procedure, ProcedureStep
from tochuc.personnel.permissions import get_planning_cycle_for, get_procedure_for
from tochuc.personnel.rules import get_pack
from tochuc.positions.models import Title

router = Router(tags=["personnel"])


class Pagination(LimitOffsetPagination):
    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=500)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class CheckOut(Schema):
    rule: str
    severity: str
    message: str


class PlanningCycleOut(Schema):
    id: int
    code: str
    name: str
    unit_code: str
    term: str
    pack: str
    is_open: bool


class PlanningEntryOut(Schema):
    id: int
    person_code: str
    full_name: str
    title: str
    status: str
    is_external: bool
    added_on: dt.date
    removed_on: dt.date | None
    removal_reason: str
    removed_automatically: bool
    findings: list[CheckOut]
    justification: str

    @staticmethod
    def resolve_person_code(obj: PlanningEntry) -> str:
        return obj.person.code

    @staticmethod
    def resolve_full_name(obj: PlanningEntry) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_title(obj: PlanningEntry) -> str:
        return obj.title.name


class BallotOut(Schema):
    candidate_name: str
    votes_for: int
    elected: bool


class StepOut(Schema):
    order: int
    key: str
    attempt: int
    held_on: dt.date
    convened: int
    present: int
    quorum: bool
    needed: int
    outcome: str
    reasons: list[str]
    ballots: list[BallotOut]


class ProcedureOut(Schema):
    id: int
    kind: str
    unit_code: str
    title: str
    candidate_code: str
    candidate_name: str
    is_internal: bool
    pack: str
    file_received_on: dt.date
    status: str
    blocked_reason: str
    eligibility: list[CheckOut]
    decision_number: str
    decided_on: dt.date | None
    term_end: dt.date | None

    @staticmethod
    def resolve_unit_code(obj: Procedure) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_title(obj: Procedure) -> str:
        return obj.title.name

    @staticmethod
    def resolve_candidate_code(obj: Procedure) -> str:
        return obj.candidate.code

    @staticmethod
    def resolve_candidate_name(obj: Procedure) -> str:
        return obj.candidate.full_name


class ProcedureDetailOut(ProcedureOut):
    steps: list[StepOut]

    @staticmethod
    def resolve_steps(obj: Procedure) -> list[dict[str, object]]:
        return [_step(step) for step in selectors.procedure_timeline(obj)]


class ProcedureListIn(Schema):
    unit: str | None = Field(
        None, max_length=40, description="Mã đơn vị: thủ tục của đơn vị này và cấp dưới."
    )
    status: str | None = Field(None, max_length=10)


class StepIn(Schema):
    held_on: dt.date
    convened: int = Field(ge=0)
    present: int = Field(ge=0)
    seats: int = Field(1, ge=1)
    votes: dict[str, int] = Field(
        description="Số phiếu đồng ý của từng ứng viên (chỉ số đếm, không ghi người bỏ phiếu)."
    )


def _cycle(cycle: PlanningCycle) -> dict[str, object]:
    return {
        "id": cycle.pk,
        "code": cycle.code,
        "name": cycle.name,
        "unit_code": cycle.unit.code,
        "term": cycle.term,
        "pack": cycle.pack,
        "is_open": cycle.is_open,
    }


def _step(step: ProcedureStep) -> dict[str, object]:
    return {
        "order": step.order,
        "key": step.key,
        "attempt": step.attempt,
        "held_on": step.held_on,
        "convened": step.convened,
        "present": step.present,
        "quorum": step.quorum,
        "needed": step.needed,
        "outcome": step.outcome,
        "reasons": step.reasons,
        "ballots": [
            {"candidate_name": b.candidate_name, "votes_for": b.votes_for, "elected": b.elected}
            for b in step.ballots.all()
        ],
    }


@router.get(
    "/planning",
    response={200: list[PlanningCycleOut], 401: ErrorOut},
    summary="Các đợt quy hoạch trong phạm vi",
)
def planning_cycle_list(request: AuthedRequest) -> list[dict[str, object]]:
    return [_cycle(cycle) for cycle in selectors.planning_cycles_for(request.user)]


@router.get(
    "/planning/{int:cycle_id}/entries",
    response={200: list[PlanningEntryOut], 401: ErrorOut, 404: ErrorOut},
    summary="Danh sách quy hoạch của một đợt",
)
@paginate(Pagination)
def planning_entry_list(
    request: AuthedRequest, cycle_id: int, include_removed: bool = False
) -> QuerySet[PlanningEntry]:
    cycle = get_planning_cycle_for(request.user, cycle_id)
    return selectors.planning_entries(cycle, include_removed=include_removed)


@router.get(
    "/procedures",
    response={200: list[ProcedureOut], 401: ErrorOut, 404: ErrorOut},
    summary="Thủ tục bổ nhiệm, giới thiệu",
)
@paginate(Pagination)
def procedure_list(request: AuthedRequest, filters: Query[ProcedureListIn]) -> QuerySet[Procedure]:
    unit = get_unit_for(request.user, filters.unit.strip().upper()) if filters.unit else None
    return selectors.procedures_for(request.user, unit=unit, status=filters.status or "")


@router.get(
    "/procedures/{int:procedure_id}",
    response={200: ProcedureDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một thủ tục: điều kiện, các bước, kết quả kiểm phiếu",
)
def procedure_detail(request: AuthedRequest, procedure_id: int) -> Procedure:
    return get_procedure_for(request.user, procedure_id)


@router.post(
    "/procedures/{int:procedure_id}/steps",
    response={201: StepOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Ghi kết quả một bước (hội nghị, bỏ phiếu kín)",
)
def procedure_step_create(
    request: AuthedRequest, procedure_id: int, payload: StepIn
) -> Status[dict[str, object]]:
    procedure = get_procedure_for(request.user, procedure_id)
    step = services.step_record(
        actor=request.user,
        procedure=procedure,
        held_on=payload.held_on,
        convened=payload.convened,
        present=payload.present,
        seats=payload.seats,
        votes=payload.votes,
    )
    return Status(201, _step(step))


@router.get(
    "/people/{code}/eligibility",
    response={200: list[CheckOut], 401: ErrorOut, 404: ErrorOut},
    summary="Điều kiện bổ nhiệm của một người vào một chức danh, tại một ngày",
)
def person_eligibility(
    request: AuthedRequest, code: str, title_id: int, on: dt.date | None = None
) -> list[dict[str, str | None]]:
    person = get_person_for(request.user, code)
    title = get_object_or_404(Title, pk=title_id)
    facts = eligibility.load_facts([person.pk])[person.pk]
    checks = eligibility.appointment_checks(
        get_pack(None),
        facts,
        kind="appointment",
        title=title,
        position=None,
        is_internal=True,
        received_on=on or timezone.localdate(),
        term_months=60,
    )
    return eligibility.to_json(checks)
