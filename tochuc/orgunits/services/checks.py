"""Checks every restructuring makes before it writes: reach, validity, dates, names."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.policy import Action, can, can_subtree
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.core.text import nfc
from tochuc.orgunits.models import ALLOWED_CHILD_KINDS, OrgUnit, UnitKind

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")


def today() -> dt.date:
    return timezone.localdate()


def require_manage(actor: Actor | None, unit: OrgUnit) -> None:
    # ``actor=None`` is the system itself (demo data, migrations of data).
    if actor is not None and not can(actor, Action.MANAGE_UNITS, unit):
        raise DomainError("Không tìm thấy đơn vị.", code=ErrorCode.NOT_FOUND)


def require_subtree(actor: Actor | None, unit: OrgUnit) -> None:
    """Moving, merging, splitting or dissolving a unit acts on its whole subtree."""
    require_manage(actor, unit)
    if actor is not None and not can_subtree(actor, Action.MANAGE_UNITS, unit):
        raise DomainError(
            f"Cần quyền trên «{unit.name}» và toàn bộ đơn vị trực thuộc để thay đổi tổ chức của nó.",
            code=ErrorCode.FORBIDDEN,
        )


def require_no_grants(unit: OrgUnit) -> None:
    """A unit that ends must not silently take its users' access with it."""
    holders = list(RoleGrant.objects.filter(unit=unit).select_related("user").order_by("user__username")[:5])
    if holders:
        names = ", ".join(g.user.get_username() for g in holders)
        raise DomainError(
            f"Còn quyền được cấp trên «{unit.name}» ({names}): thu hồi hoặc cấp lại ở đơn vị mới trước.",
            code=ErrorCode.CONFLICT,
        )


def not_future(day: dt.date | None, field: str = "effective_on") -> None:
    if day is not None and day > today():
        raise DomainError(
            f"Ngày hiệu lực {day:%d/%m/%Y} chưa đến: ghi nhận khi quyết định đã có hiệu lực.", field=field
        )


def fresh(*units: OrgUnit) -> None:
    """Lock and reload what the caller passed in: paths and validity must be current
    before checking them, and stay so until the transaction ends.

    Rows are locked in path order so that two restructurings never wait on each other in a cycle.
    """
    ids = [u.pk for u in units]
    current = {u.pk: u for u in OrgUnit.objects.select_for_update().filter(pk__in=ids).order_by("path")}
    for unit in units:
        row = current[unit.pk]
        for attr in (
            "path",
            "depth",
            "parent_id",
            "name",
            "short_name",
            "name_folded",
            "valid_from",
            "valid_to",
        ):
            setattr(unit, attr, getattr(row, attr))


def require_active(unit: OrgUnit) -> None:
    if not unit.is_active:
        raise DomainError(f"Đơn vị «{unit.name}» đã giải thể hoặc hợp nhất.", code=ErrorCode.CONFLICT)


def check_kind(parent: OrgUnit | None, kind: str) -> None:
    if kind not in UnitKind.values:
        raise DomainError(f"Loại đơn vị «{kind}» không hợp lệ.", field="kind")
    if parent is None:
        if kind != UnitKind.CENTRAL:
            raise DomainError("Chỉ cấp Trung ương mới không có đơn vị cấp trên.", field="parent")
        return
    if kind not in ALLOWED_CHILD_KINDS[parent.kind]:
        raise DomainError(
            f"«{UnitKind(kind).label}» không thể trực thuộc «{UnitKind(parent.kind).label}».",
            field="kind",
        )


def clean_name(name: str, field_name: str = "name") -> str:
    cleaned = nfc(name)
    if not cleaned:
        raise DomainError("Tên đơn vị không được để trống.", field=field_name)
    if len(cleaned) > 255:
        raise DomainError("Tên đơn vị dài quá 255 ký tự.", field=field_name)
    return cleaned
