from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from tochuc.orgunits import selectors
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str = Field(alias="get_kind_display")
    parent_code: str | None = Field(None, alias="parent.code")
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None
    active_children: int | None = None


class UnitDetailOut(UnitOut):
    breadcrumbs: list[str]
    children: list[UnitOut]


class SearchIn(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="Tên (không cần dấu) hoặc mã đơn vị")
    limit: int = Field(20, ge=1, le=100)


class ListIn(Schema):
    include_inactive: bool = False


@router.get("/", response=list[UnitOut], summary="Đơn vị trong phạm vi, theo thứ tự cây")
@paginate(LimitOffsetPagination)
def unit_list(request: HttpRequest, filters: Query[ListIn]) -> list[OrgUnit]:
    qs = selectors.visible_units(request.user, include_inactive=filters.include_inactive)
    return selectors.with_child_counts(qs).select_related("parent").order_by("path")  # type: ignore[return-value]


@router.get("/search", response=list[UnitOut], summary="Tìm đơn vị theo tên, không cần gõ dấu")
def unit_search(request: HttpRequest, params: Query[SearchIn]) -> list[OrgUnit]:
    return selectors.search_units(request.user, params.q, limit=params.limit)


@router.get("/{code}", response=UnitDetailOut, summary="Một đơn vị, chuỗi cấp trên và các đơn vị trực thuộc")
def unit_detail(request: HttpRequest, code: str) -> dict[str, object]:
    unit = get_unit_for(request.user, code)
    return {
        **UnitOut.from_orm(unit).dict(),
        "breadcrumbs": [u.code for u in selectors.breadcrumbs(request.user, unit)],
        "children": selectors.children_of(request.user, unit),
    }


@router.get("/{code}/subtree", response=list[UnitOut], summary="Toàn bộ đơn vị trực thuộc (mọi cấp)")
@paginate(LimitOffsetPagination)
def unit_subtree(request: HttpRequest, code: str, filters: Query[ListIn]) -> list[OrgUnit]:
    unit = get_unit_for(request.user, code)
    qs = selectors.subtree_units(request.user, unit, include_inactive=filters.include_inactive)
    return selectors.with_child_counts(qs).select_related("parent")  # type: ignore[return-value]
