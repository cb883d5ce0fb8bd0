"""Job positions over the API: thin wrappers over the scoped selectors.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.orgunits.permissions import get_unit_for
from tochuc.positions import selectors
from tochuc.positions.models import Position
from tochuc.positions.permissions import get_position_for

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

router = Router(tags=["positions"])

MAX_PAGE_SIZE = 500


class PositionPagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of positions matching, in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class RequirementsOut(Schema):
    min_degree: int = Field(description="0 chưa qua đào tạo … 5 tiến sĩ")
    min_degree_label: str
    min_theory_level: str
    min_experience_years: int
    min_age: int | None
    max_age: int | None


class PositionFields(Schema):
    id: int
    unit_code: str
    unit_name: str
    name: str
    group: str
    group_label: str
    title: str | None
    headcount_quota: int
    holders: int = Field(description="Số người đang đảm nhiệm (không kể kiêm nhiệm, quyền).")
    acting: int = Field(description="Số người đang kiêm nhiệm, quyền.")
    vacancies: int


class PositionOut(PositionFields):
    @staticmethod
    def resolve_unit_code(obj: Position) -> str:
        return obj.unit.code

    @staticmethod
    def resolve_unit_name(obj: Position) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_group_label(obj: Position) -> str:
        return obj.get_group_display()

    @staticmethod
    def resolve_title(obj: Position) -> str | None:
        return obj.title.name if obj.title else None

    @staticmethod
    def resolve_vacancies(obj: "WithAnnotations[Position, selectors.OpenCounts]") -> int:
        return selectors.vacancy(obj.headcount_quota, obj.holders)


class DutyOut(Schema):
    order: int
    text: str
    responsible_code: str | None


class AssignmentOut(Schema):
    person_code: str
    full_name: str
    kind: str
    start: dt.date


class PositionDetailOut(PositionFields):
    requirements: RequirementsOut
    duties: list[DutyOut]
    assignments: list[AssignmentOut]


class ListIn(Schema):
    unit: str | None = Field(
        None, max_length=40, description="Mã đơn vị: chỉ vị trí của đơn vị này và cấp dưới."
    )
    group: str | None = Field(None, max_length=20)


def _fields(position: Position, holders: int, acting: int) -> dict[str, object]:
    return {
        "id": position.pk,
        "unit_code": position.unit.code,
        "unit_name": position.unit.name,
        "name": position.name,
        "group": position.group,
        "group_label": position.get_group_display(),
        "title": position.title.name if position.title else None,
        "headcount_quota": position.headcount_quota,
        "holders": holders,
        "acting": acting,
        "vacancies": selectors.vacancy(position.headcount_quota, holders),
    }


@router.get(
    "/",
    response={200: list[PositionOut], 401: ErrorOut, 404: ErrorOut},
    summary="Vị trí việc làm trong phạm vi",
)
@paginate(PositionPagination)
def position_list(request: AuthedRequest, filters: Query[ListIn]) -> QuerySet[Position]:
    unit = get_unit_for(request.user, filters.unit.strip().upper()) if filters.unit else None
    qs = selectors.filter_positions(
        request.user, selectors.PositionFilter(unit=unit, group=filters.group or "")
    )
    return selectors.with_counts(qs).select_related("unit", "title").order_by("unit__path", "name", "pk")


@router.get(
    "/{int:position_id}",
    response={200: PositionDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một vị trí: yêu cầu, nhiệm vụ và người đảm nhiệm",
)
def position_detail(request: AuthedRequest, position_id: int) -> dict[str, object]:
    position = get_position_for(request.user, position_id)
    detail = selectors.position_detail(position)
    return {
        **_fields(position, len(detail.holders), len(detail.acting)),
        "requirements": {
            "min_degree": position.min_degree,
            "min_degree_label": position.get_min_degree_display(),
            "min_theory_level": position.min_theory_level,
            "min_experience_years": position.min_experience_years,
            "min_age": position.min_age,
            "max_age": position.max_age,
        },
        "duties": [
            {
                "order": number,
                "text": row.duty.text,
                "responsible_code": row.responsible.person.code if row.responsible else None,
            }
            for number, row in enumerate(detail.duties, start=1)
        ],
        "assignments": [
            {"person_code": a.person.code, "full_name": a.person.full_name, "kind": a.kind, "start": a.start}
            for a in detail.holders + detail.acting
        ],
    }
