"""Writes to the unit tree. Each service is one transaction with one audit event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.policy import Action, can, can_subtree, forget_grants
from tochuc.audit.services import record
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.core.text import fold, nfc
from tochuc.orgunits.models import (
    ALLOWED_CHILD_KINDS,
    OrgUnit,
    OrgUnitEvent,
    UnitEventKind,
    UnitFunction,
    UnitKind,
    path_segment,
)

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")


def _today() -> dt.date:
    return timezone.localdate()


def _require(actor: Any, unit: OrgUnit) -> None:
    # ``actor=None`` is the system itself (demo data, migrations of data).
    if actor is not None and not can(actor, Action.MANAGE_UNITS, unit):
        raise DomainError("Không tìm thấy đơn vị.", code=ErrorCode.NOT_FOUND)


def _require_subtree(actor: Any, unit: OrgUnit) -> None:
    """Moving, merging, splitting or dissolving a unit acts on its whole subtree."""
    _require(actor, unit)
    if actor is not None and not can_subtree(actor, Action.MANAGE_UNITS, unit):
        raise DomainError(
            f"Cần quyền trên «{unit.name}» và toàn bộ đơn vị trực thuộc để thay đổi tổ chức của nó.",
            code=ErrorCode.FORBIDDEN,
        )


def _require_no_grants(unit: OrgUnit) -> None:
    """A unit that ends must not silently take its users' access with it."""
    holders = list(RoleGrant.objects.filter(unit=unit).select_related("user").order_by("user__username")[:5])
    if holders:
        names = ", ".join(g.user.get_username() for g in holders)
        raise DomainError(
            f"Còn quyền được cấp trên «{unit.name}» ({names}): thu hồi hoặc cấp lại ở đơn vị mới trước.",
            code=ErrorCode.CONFLICT,
        )


def _not_future(day: dt.date | None, field: str = "effective_on") -> None:
    if day is not None and day > _today():
        raise DomainError(
            f"Ngày hiệu lực {day:%d/%m/%Y} chưa đến: ghi nhận khi quyết định đã có hiệu lực.", field=field
        )


def _fresh(*units: OrgUnit) -> None:
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


def _require_active(unit: OrgUnit) -> None:
    if not unit.is_active:
        raise DomainError(f"Đơn vị «{unit.name}» đã giải thể hoặc hợp nhất.", code=ErrorCode.CONFLICT)


def _check_kind(parent: OrgUnit | None, kind: str) -> None:
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


def _clean_name(name: str, field_name: str = "name") -> str:
    cleaned = nfc(name)
    if not cleaned:
        raise DomainError("Tên đơn vị không được để trống.", field=field_name)
    if len(cleaned) > 255:
        raise DomainError("Tên đơn vị dài quá 255 ký tự.", field=field_name)
    return cleaned


def _event(
    unit: OrgUnit,
    kind: UnitEventKind,
    *,
    actor: Any,
    effective_on: dt.date,
    related: OrgUnit | None = None,
    details: dict[str, Any] | None = None,
    note: str = "",
) -> OrgUnitEvent:
    return OrgUnitEvent.objects.create(
        unit=unit,
        kind=kind,
        effective_on=effective_on,
        related_unit=related,
        details=details or {},
        note=note,
        actor=actor if actor is not None and actor.is_authenticated else None,
    )


def _insert(
    *,
    parent: OrgUnit | None,
    code: str,
    name: str,
    short_name: str,
    kind: str,
    valid_from: dt.date,
    sort_order: int | None,
) -> OrgUnit:
    code = code.strip().upper()
    if not CODE_PATTERN.match(code):
        raise DomainError(
            "Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang (tối đa 40 ký tự).",
            field="code",
        )
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(f"Mã đơn vị «{code}» đã được dùng.", field="code", code=ErrorCode.CONFLICT)
    if sort_order is None:
        last = OrgUnit.objects.filter(parent=parent).order_by("-sort_order").first()
        sort_order = (last.sort_order + 10) if last else 10
    unit = OrgUnit.objects.create(
        code=code,
        name=name,
        short_name=nfc(short_name),
        name_folded=fold(name),
        kind=kind,
        parent=parent,
        # Unique placeholder until the id is known.
        path=f"new:{code}",
        depth=(parent.depth + 1) if parent else 0,
        sort_order=sort_order,
        valid_from=valid_from,
    )
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    return unit


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    parent: OrgUnit | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    valid_from: dt.date | None = None,
    sort_order: int | None = None,
) -> OrgUnit:
    if parent is not None:
        _fresh(parent)
        _require(actor, parent)
        _require_active(parent)
    elif actor is not None:
        raise DomainError("Chỉ hệ thống mới tạo được đơn vị gốc.", code=ErrorCode.FORBIDDEN)
    name = _clean_name(name)
    _check_kind(parent, kind)
    effective = valid_from or _today()
    unit = _insert(
        parent=parent,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        valid_from=effective,
        sort_order=sort_order,
    )
    _event(unit, UnitEventKind.CREATED, actor=actor, effective_on=effective)
    record(
        actor=actor,
        action="orgunit.create",
        target=unit,
        unit_path=unit.path,
        summary={
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": parent.code if parent else None,
        },
    )
    return unit


@transaction.atomic
def unit_rename(
    *,
    actor: Any,
    unit: OrgUnit,
    name: str,
    short_name: str | None = None,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    _fresh(unit)
    _require(actor, unit)
    _require_active(unit)
    _not_future(effective_on)
    name = _clean_name(name)
    new_short = nfc(short_name) if short_name is not None else unit.short_name
    if name == unit.name and new_short == unit.short_name:
        raise DomainError("Tên mới trùng với tên hiện tại.", field="name")
    before = {"name": unit.name, "short_name": unit.short_name}
    unit.name, unit.short_name, unit.name_folded = name, new_short, fold(name)
    unit.save(update_fields=["name", "short_name", "name_folded", "updated_at"])
    after = {"name": unit.name, "short_name": unit.short_name}
    _event(
        unit,
        UnitEventKind.RENAMED,
        actor=actor,
        effective_on=effective_on or _today(),
        details={"before": before, "after": after},
        note=note,
    )
    record(
        actor=actor,
        action="orgunit.rename",
        target=unit,
        unit_path=unit.path,
        summary={"before": before, "after": after},
    )
    return unit


def _reparent(unit: OrgUnit, new_parent: OrgUnit) -> None:
    """Move ``unit`` and its whole subtree below ``new_parent`` in one UPDATE."""
    old_prefix = unit.path
    new_prefix = new_parent.path + path_segment(unit.pk)
    depth_delta = (new_parent.depth + 1) - unit.depth
    OrgUnit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + depth_delta,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent, updated_at=timezone.now())
    unit.refresh_from_db()


def _check_can_hold(new_parent: OrgUnit, unit: OrgUnit) -> None:
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainError("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó.", field="parent")
    _check_kind(new_parent, unit.kind)


@transaction.atomic
def unit_move(
    *,
    actor: Any,
    unit: OrgUnit,
    new_parent: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    _fresh(unit, new_parent)
    _require_subtree(actor, unit)
    _require(actor, new_parent)
    _require_active(unit)
    _require_active(new_parent)
    _not_future(effective_on)
    if unit.parent_id == new_parent.pk:
        raise DomainError("Đơn vị đã trực thuộc đơn vị này.", field="parent")
    _check_can_hold(new_parent, unit)
    old_parent = unit.parent
    old_path = unit.path
    _reparent(unit, new_parent)
    details = {"from": old_parent.code if old_parent else None, "to": new_parent.code}
    _event(
        unit,
        UnitEventKind.MOVED,
        actor=actor,
        effective_on=effective_on or _today(),
        related=new_parent,
        details=details,
        note=note,
    )
    record(
        actor=actor,
        action="orgunit.move",
        target=unit,
        unit_path=unit.path,
        summary={**details, "old_path": old_path},
    )
    _forget_paths(actor)
    return unit


def _forget_paths(actor: Any) -> None:
    # The actor's cached grants hold unit paths that a restructuring just changed.
    if actor is not None:
        forget_grants(actor)


def _active_children(unit: OrgUnit) -> list[OrgUnit]:
    return list(unit.children.filter(valid_to__isnull=True).order_by("sort_order", "name"))


def _close(unit: OrgUnit, effective_on: dt.date) -> None:
    _not_future(effective_on)
    _require_no_grants(unit)
    if unit.valid_from and effective_on < unit.valid_from:
        raise DomainError(
            f"Ngày hiệu lực {effective_on:%d/%m/%Y} trước ngày thành lập «{unit.name}» "
            f"({unit.valid_from:%d/%m/%Y}).",
            field="effective_on",
        )
    unit.valid_to = effective_on
    unit.save(update_fields=["valid_to", "updated_at"])


def _hand_over_functions(source: OrgUnit, target: OrgUnit) -> int:
    moved = UnitFunction.objects.filter(lead_unit=source).update(lead_unit=target)
    through = UnitFunction.cooperating_units.through
    for link in through.objects.filter(orgunit=source).select_related("unitfunction"):
        function = link.unitfunction
        if function.lead_unit_id != target.pk:
            function.cooperating_units.add(target)
    through.objects.filter(orgunit=source).delete()
    # A unit never cooperates on the function it leads.
    through.objects.filter(orgunit=target, unitfunction__lead_unit=target).delete()
    return moved


@transaction.atomic
def unit_merge(
    *,
    actor: Any,
    sources: Sequence[OrgUnit],
    survivor: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    """Merge ``sources`` into ``survivor``: their subordinate units and functions move over."""
    if not sources:
        raise DomainError("Chọn ít nhất một đơn vị để hợp nhất.", field="sources")
    _fresh(survivor, *sources)
    _require(actor, survivor)
    _require_active(survivor)
    when = effective_on or _today()
    merged_codes = []
    for source in sorted(sources, key=lambda u: u.path):
        source.refresh_from_db()
        _require_subtree(actor, source)
        _require_active(source)
        if source.pk == survivor.pk:
            raise DomainError("Đơn vị tiếp nhận không thể đồng thời là đơn vị bị hợp nhất.", field="sources")
        if survivor.path.startswith(source.path):
            raise DomainError(
                f"«{survivor.name}» đang trực thuộc «{source.name}», không thể hợp nhất ngược.",
                field="survivor",
            )
        children = _active_children(source)
        for child in children:
            _check_can_hold(survivor, child)
            _reparent(child, survivor)
            survivor.refresh_from_db()
        functions_moved = _hand_over_functions(source, survivor)
        _close(source, when)
        details = {
            "survivor": survivor.code,
            "children_moved": [c.code for c in children],
            "functions_moved": functions_moved,
        }
        _event(
            source,
            UnitEventKind.MERGED_INTO,
            actor=actor,
            effective_on=when,
            related=survivor,
            details=details,
            note=note,
        )
        _event(
            survivor,
            UnitEventKind.ABSORBED,
            actor=actor,
            effective_on=when,
            related=source,
            details=details,
            note=note,
        )
        merged_codes.append(source.code)
    record(
        actor=actor,
        action="orgunit.merge",
        target=survivor,
        unit_path=survivor.path,
        summary={"sources": merged_codes, "survivor": survivor.code},
    )
    _forget_paths(actor)
    return survivor


@dataclass
class SplitPart:
    code: str
    name: str
    short_name: str = ""
    children: list[str] = field(default_factory=list)  # codes of subordinate units it takes
    takes_functions: bool = False


@transaction.atomic
def unit_split(
    *,
    actor: Any,
    unit: OrgUnit,
    parts: Sequence[SplitPart],
    effective_on: dt.date | None = None,
    note: str = "",
) -> list[OrgUnit]:
    """Split ``unit`` into new sibling units; every subordinate unit must be given to one part."""
    _fresh(unit)
    _require_subtree(actor, unit)
    _require_active(unit)
    if unit.parent is None:
        raise DomainError("Không thể chia tách đơn vị gốc.")
    if actor is not None and not can(actor, Action.MANAGE_UNITS, unit.parent):
        # The new units stand beside this one, under its parent.
        raise DomainError(
            "Chia tách tạo đơn vị mới ngang cấp: cần quyền quản lý đơn vị cấp trên.",
            code=ErrorCode.FORBIDDEN,
        )
    if len(parts) < 2:
        raise DomainError("Chia tách cần ít nhất hai đơn vị mới.", field="parts")
    children = {c.code: c for c in _active_children(unit)}
    assigned = [code for part in parts for code in part.children]
    unknown = sorted(set(assigned) - set(children))
    if unknown:
        raise DomainError(f"Không phải đơn vị trực thuộc: {', '.join(unknown)}.", field="parts")
    twice = sorted({c for c in assigned if assigned.count(c) > 1})
    if twice:
        raise DomainError(f"Đơn vị được giao cho hai nơi: {', '.join(twice)}.", field="parts")
    left = sorted(set(children) - set(assigned))
    if left:
        raise DomainError(f"Chưa giao các đơn vị trực thuộc: {', '.join(left)}.", field="parts")
    heirs = [p for p in parts if p.takes_functions] or [parts[0]]
    if len(heirs) > 1:
        raise DomainError("Chỉ một đơn vị mới tiếp nhận chức năng, nhiệm vụ.", field="parts")
    when = effective_on or _today()
    new_units: list[OrgUnit] = []
    for part in parts:
        new_unit = _insert(
            parent=unit.parent,
            code=part.code,
            name=_clean_name(part.name),
            short_name=part.short_name,
            kind=unit.kind,
            valid_from=when,
            sort_order=None,
        )
        for code in part.children:
            _reparent(children[code], new_unit)
        new_unit.refresh_from_db()
        if part is heirs[0]:
            _hand_over_functions(unit, new_unit)
        _event(new_unit, UnitEventKind.SPLIT_FROM, actor=actor, effective_on=when, related=unit, note=note)
        new_units.append(new_unit)
    _close(unit, when)
    _event(
        unit,
        UnitEventKind.SPLIT_INTO,
        actor=actor,
        effective_on=when,
        details={"into": [u.code for u in new_units]},
        note=note,
    )
    record(
        actor=actor,
        action="orgunit.split",
        target=unit,
        unit_path=unit.path,
        summary={"into": [u.code for u in new_units]},
    )
    _forget_paths(actor)
    return new_units


@transaction.atomic
def unit_dissolve(
    *,
    actor: Any,
    unit: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    _fresh(unit)
    _require_subtree(actor, unit)
    _require_active(unit)
    if unit.parent is None:
        raise DomainError("Không thể giải thể đơn vị gốc.")
    remaining = _active_children(unit)
    if remaining:
        raise DomainError(
            f"Còn {len(remaining)} đơn vị trực thuộc: chuyển, hợp nhất hoặc giải thể chúng trước.",
            code=ErrorCode.CONFLICT,
        )
    led = UnitFunction.objects.filter(lead_unit=unit).count()
    if led:
        raise DomainError(
            f"Đơn vị đang chủ trì {led} chức năng, nhiệm vụ: giao cho đơn vị khác trước.",
            code=ErrorCode.CONFLICT,
        )
    when = effective_on or _today()
    _close(unit, when)
    UnitFunction.cooperating_units.through.objects.filter(orgunit=unit).delete()
    _event(unit, UnitEventKind.DISSOLVED, actor=actor, effective_on=when, note=note)
    record(actor=actor, action="orgunit.dissolve", target=unit, unit_path=unit.path, summary={"note": note})
    return unit


def _clean_title(title: str) -> str:
    cleaned = nfc(title)
    if not cleaned:
        raise DomainError("Nội dung chức năng, nhiệm vụ không được để trống.", field="title")
    return cleaned[:500]


@transaction.atomic
def function_create(
    *,
    actor: Any,
    lead_unit: OrgUnit,
    title: str,
    description: str = "",
    cooperating_units: Sequence[OrgUnit] = (),
) -> UnitFunction:
    _fresh(lead_unit)
    _require(actor, lead_unit)
    _require_active(lead_unit)
    title = _clean_title(title)
    if any(u.pk == lead_unit.pk for u in cooperating_units):
        raise DomainError("Cơ quan chủ trì không đồng thời là cơ quan phối hợp.", field="cooperating_units")
    for unit in cooperating_units:
        _require_active(unit)
    function = UnitFunction.objects.create(
        title=title, title_folded=fold(title), description=description.strip(), lead_unit=lead_unit
    )
    function.cooperating_units.set(cooperating_units)
    record(
        actor=actor,
        action="unitfunction.create",
        target=function,
        unit_path=lead_unit.path,
        summary={"lead": lead_unit.code, "cooperating": [u.code for u in cooperating_units]},
    )
    return function


@transaction.atomic
def function_set_lead(*, actor: Any, function: UnitFunction, lead_unit: OrgUnit) -> UnitFunction:
    """Hand the lead of a function to another unit; the old lead is simply gone."""
    function.refresh_from_db()
    _fresh(lead_unit)
    old = function.lead_unit
    _require(actor, old)
    _require(actor, lead_unit)
    _require_active(lead_unit)
    if old.pk == lead_unit.pk:
        raise DomainError("Đơn vị này đã là cơ quan chủ trì.", field="lead_unit")
    function.lead_unit = lead_unit
    function.save(update_fields=["lead_unit", "updated_at"])
    function.cooperating_units.remove(lead_unit)
    record(
        actor=actor,
        action="unitfunction.set_lead",
        target=function,
        unit_path=lead_unit.path,
        summary={"before": old.code, "after": lead_unit.code},
    )
    return function
