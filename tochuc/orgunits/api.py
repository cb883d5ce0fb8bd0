"""Units over the API: thin wrappers over the scoped selectors.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.api.schemas import MAX_OFFSET, ErrorOut
from tochuc.core.actors import AuthedRequest
from tochuc.orgunits import selectors
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import can_view_unit, get_unit_for

router = Router(tags=["units"])

MAX_PAGE_SIZE = 500


class UnitPagination(LimitOffsetPagination):
    """``limit``/``offset``; ``count`` is the number of units in the caller's scope."""

    class Input(LimitOffsetPagination.Input):
        limit: int = Field(settings.TOCHUC_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class UnitRef(Schema):
    code: str
    name: str


class UnitFields(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_code: str | None = Field(
        None, description="Mã đơn vị cấp trên; null nếu là đơn vị gốc hoặc đơn vị cấp trên ngoài phạm vi."
    )
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None
    active_children: int | None = Field(
        None, description="Số đơn vị trực thuộc đang hoạt động; null trong kết quả tìm kiếm."
    )


class UnitOut(UnitFields):
    @staticmethod
    def resolve_kind_label(obj: OrgUnit) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_parent_code(obj: OrgUnit, context: dict[str, Any]) -> str | None:
        parent = obj.parent
        if parent is None or not can_view_unit(context["request"].user, parent):
            return None
        return parent.code


class UnitDetailOut(UnitFields):
    breadcrumbs: list[UnitRef] = Field(description="Các đơn vị cấp trên trong phạm vi, từ gốc xuống.")
    children: list[UnitOut] = Field(description="Các đơn vị trực thuộc trực tiếp trong phạm vi.")


class ListIn(Schema):
    include_inactive: bool = Field(False, description="Gồm cả đơn vị đã hết hiệu lực.")


class SearchIn(ListIn):
    q: str = Field(..., min_length=1, max_length=200, description="Tên (không cần dấu) hoặc mã đơn vị.")
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "/", response={200: list[UnitOut], 401: ErrorOut}, summary="Đơn vị trong phạm vi, theo thứ tự cây"
)
@paginate(UnitPagination)
def unit_list(request: AuthedRequest, filters: Query[ListIn]) -> QuerySet[OrgUnit]:
    qs = selectors.visible_units(request.user, include_inactive=filters.include_inactive)
    return selectors.with_child_counts(qs, request.user).select_related("parent").order_by("path")


@router.get(
    "/search", response={200: list[UnitOut], 401: ErrorOut}, summary="Tìm đơn vị theo tên, không cần gõ dấu"
)
def unit_search(request: AuthedRequest, params: Query[SearchIn]) -> list[OrgUnit]:
    return selectors.search_units(
        request.user, params.q, limit=params.limit, include_inactive=params.include_inactive
    )


@router.get(
    "/{code}",
    response={200: UnitDetailOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một đơn vị, các cấp trên và các đơn vị trực thuộc",
)
def unit_detail(request: AuthedRequest, code: str, filters: Query[ListIn]) -> dict[str, object]:
    unit = get_unit_for(request.user, code)
    children = selectors.children_of(request.user, unit, include_inactive=filters.include_inactive)
    for child in children:
        # Their parent is this unit: reuse it rather than fetch it once per child.
        child.parent = unit
    fields = UnitOut.model_validate(unit, context={"request": request}).model_dump()
    fields["active_children"] = sum(1 for child in children if child.is_active)
    return {
        **fields,
        "breadcrumbs": selectors.breadcrumbs(request.user, unit),
        "children": children,
    }


@router.get(
    "/{code}/subtree",
    response={200: list[UnitOut], 401: ErrorOut, 404: ErrorOut},
    summary="Mọi đơn vị trực thuộc (mọi cấp), theo thứ tự cây",
)
@paginate(UnitPagination)
def unit_subtree(request: AuthedRequest, code: str, filters: Query[ListIn]) -> QuerySet[OrgUnit]:
    unit = get_unit_for(request.user, code)
    qs = selectors.subtree_units(request.user, unit, include_inactive=filters.include_inactive)
    return selectors.with_child_counts(qs, request.user).select_related("parent")
