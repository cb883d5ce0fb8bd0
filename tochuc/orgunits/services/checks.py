"""Checks every restructuring makes before it writes: reach, validity, dates, names."""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.policy import Action, can, can_subtree
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.errors import OrgunitsErrorCode
from tochuc.orgunits.models import ALLOWED_CHILD_KINDS, OrgUnit, UnitKind

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")


def require_manage(actor: Actor | None, unit: OrgUnit) -> None:
    # ``actor=None`` is the system itself (demo data, migrations of data).
    if actor is not None and not can(actor, Action.MANAGE_UNITS, unit):
        raise DomainError(_("Không tìm thấy đơn vị."), code=OrgunitsErrorCode.UNIT_NOT_FOUND)


def require_subtree(actor: Actor | None, unit: OrgUnit) -> None:
    """Moving, merging, splitting or dissolving a unit acts on its whole subtree."""
    require_manage(actor, unit)
    if actor is not None and not can_subtree(actor, Action.MANAGE_UNITS, unit):
        raise DomainError(
            _("Cần quyền trên «%(unit)s» và toàn bộ đơn vị trực thuộc để thay đổi tổ chức của nó.")
            % {"unit": unit.name},
            code=OrgunitsErrorCode.SUBTREE_NOT_MANAGED,
        )


def require_no_grants(unit: OrgUnit) -> None:
    """A unit that ends must not silently take its users' access with it."""
    holders = list(RoleGrant.objects.filter(unit=unit).select_related("user").order_by("user__username")[:5])
    if holders:
        names = ", ".join(g.user.get_username() for g in holders)
        raise DomainError(
            _("Còn quyền được cấp trên «%(unit)s» (%(names)s): thu hồi hoặc cấp lại ở đơn vị mới trước.")
            % {"unit": unit.name, "names": names},
            code=OrgunitsErrorCode.GRANTS_REMAIN,
        )


def not_future(day: dt.date | None, field: str = "effective_on") -> None:
    if day is not None and day > today():
        raise DomainError(
            _("Ngày hiệu lực %(day)s chưa đến: ghi nhận khi quyết định đã có hiệu lực.")
            % {"day": day.strftime("%d/%m/%Y")},
            field=field,
            code=OrgunitsErrorCode.NOT_YET_EFFECTIVE,
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
        raise DomainError(
            _("Đơn vị «%(unit)s» đã giải thể hoặc hợp nhất.") % {"unit": unit.name},
            code=OrgunitsErrorCode.UNIT_CLOSED,
        )


def check_kind(parent: OrgUnit | None, kind: str) -> None:
    if kind not in UnitKind.values:
        raise DomainError(
            _("Loại đơn vị «%(kind)s» không hợp lệ.") % {"kind": kind},
            field="kind",
            code=OrgunitsErrorCode.INVALID_KIND,
        )
    if parent is None:
        if kind != UnitKind.CENTRAL:
            raise DomainError(
                _("Chỉ cấp Trung ương mới không có đơn vị cấp trên."),
                field="parent",
                code=OrgunitsErrorCode.PARENT_REQUIRED,
            )
        return
    if kind not in ALLOWED_CHILD_KINDS[parent.kind]:
        raise DomainError(
            _("«%(kind)s» không thể trực thuộc «%(parent_kind)s».")
            % {"kind": UnitKind(kind).label, "parent_kind": UnitKind(parent.kind).label},
            field="kind",
            code=OrgunitsErrorCode.KIND_NOT_UNDER_PARENT,
        )


def clean_name(name: str, field_name: str = "name") -> str:
    cleaned = nfc(name)
    if not cleaned:
        raise DomainError(
            _("Tên đơn vị không được để trống."), field=field_name, code=OrgunitsErrorCode.NAME_REQUIRED
        )
    if len(cleaned) > 255:
        raise DomainError(
            _("Tên đơn vị dài quá 255 ký tự."), field=field_name, code=OrgunitsErrorCode.NAME_TOO_LONG
        )
    return cleaned
