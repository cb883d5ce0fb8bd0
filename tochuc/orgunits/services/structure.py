"""Create, rename, move, merge, split and dissolve units: one transaction, one audit event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, forget_grants
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.core.text import fold, nfc
from tochuc.orgunits.errors import OrgunitsErrorCode
from tochuc.orgunits.models import OrgUnit, UnitEventKind, UnitFunction, path_segment
from tochuc.orgunits.moves import subtree_moved
from tochuc.orgunits.services.checks import (
    check_kind,
    clean_name,
    fresh,
    not_future,
    require_active,
    require_manage,
    require_no_grants,
    require_subtree,
)
from tochuc.orgunits.services.history import history_event, insert_unit


@transaction.atomic
def unit_create(
    *,
    actor: Actor | None,
    parent: OrgUnit | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    valid_from: dt.date | None = None,
    sort_order: int | None = None,
) -> OrgUnit:
    if parent is not None:
        fresh(parent)
        require_manage(actor, parent)
        require_active(parent)
    elif actor is not None:
        raise DomainError(
            _("Chỉ hệ thống mới tạo được đơn vị gốc."), code=OrgunitsErrorCode.ROOT_BY_SYSTEM_ONLY
        )
    name = clean_name(name)
    check_kind(parent, kind)
    effective = valid_from or today()
    unit = insert_unit(
        parent=parent,
        code=code,
        name=name,
        short_name=short_name,
        kind=kind,
        valid_from=effective,
        sort_order=sort_order,
    )
    history_event(unit, UnitEventKind.CREATED, actor=actor, effective_on=effective)
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
    actor: Actor | None,
    unit: OrgUnit,
    name: str,
    short_name: str | None = None,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    fresh(unit)
    require_manage(actor, unit)
    require_active(unit)
    not_future(effective_on)
    name = clean_name(name)
    new_short = nfc(short_name) if short_name is not None else unit.short_name
    if name == unit.name and new_short == unit.short_name:
        raise DomainError(
            _("Tên mới trùng với tên hiện tại."), field="name", code=OrgunitsErrorCode.SAME_NAME
        )
    before = {"name": unit.name, "short_name": unit.short_name}
    unit.name, unit.short_name, unit.name_folded = name, new_short, fold(name)
    unit.save(update_fields=["name", "short_name", "name_folded", "updated_at"])
    after = {"name": unit.name, "short_name": unit.short_name}
    history_event(
        unit,
        UnitEventKind.RENAMED,
        actor=actor,
        effective_on=effective_on or today(),
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
    # Lock the subtree first: a write under it that copies a unit's path (a person's search tokens,
    # a task's lead and assigning paths, the kept figures) either ends before the move reads the
    # rows or waits for it and then reads the new paths.
    list(OrgUnit.objects.select_for_update().filter(path__startswith=old_prefix).values_list("pk", flat=True))
    OrgUnit.objects.filter(path__startswith=old_prefix).update(
        path=Concat(Value(new_prefix), Substr("path", len(old_prefix) + 1)),
        depth=F("depth") + depth_delta,
    )
    OrgUnit.objects.filter(pk=unit.pk).update(parent=new_parent, updated_at=timezone.now())
    subtree_moved.send(sender=OrgUnit, old_prefix=old_prefix, new_prefix=new_prefix)
    unit.refresh_from_db()


def _check_can_hold(new_parent: OrgUnit, unit: OrgUnit) -> None:
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise DomainError(
            _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó."),
            field="parent",
            code=OrgunitsErrorCode.MOVE_INTO_OWN_SUBTREE,
        )
    check_kind(new_parent, unit.kind)


@transaction.atomic
def unit_move(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    new_parent: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    fresh(unit, new_parent)
    require_subtree(actor, unit)
    require_manage(actor, new_parent)
    require_active(unit)
    require_active(new_parent)
    not_future(effective_on)
    if unit.parent_id == new_parent.pk:
        raise DomainError(
            _("Đơn vị đã trực thuộc đơn vị này."), field="parent", code=OrgunitsErrorCode.ALREADY_UNDER_PARENT
        )
    _check_can_hold(new_parent, unit)
    old_parent = unit.parent
    old_path = unit.path
    _reparent(unit, new_parent)
    details = {"from": old_parent.code if old_parent else None, "to": new_parent.code}
    history_event(
        unit,
        UnitEventKind.MOVED,
        actor=actor,
        effective_on=effective_on or today(),
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


def _forget_paths(actor: Actor | None) -> None:
    # The actor's cached grants hold unit paths that a restructuring just changed.
    if actor is not None:
        forget_grants(actor)


def _active_children(unit: OrgUnit) -> list[OrgUnit]:
    return list(unit.children.filter(valid_to__isnull=True).order_by("sort_order", "name"))


def _close(unit: OrgUnit, effective_on: dt.date) -> None:
    not_future(effective_on)
    require_no_grants(unit)
    if unit.valid_from and effective_on < unit.valid_from:
        raise DomainError(
            _("Ngày hiệu lực %(effective_on)s trước ngày thành lập «%(unit)s» (%(founded_on)s).")
            % {
                "effective_on": effective_on.strftime("%d/%m/%Y"),
                "unit": unit.name,
                "founded_on": unit.valid_from.strftime("%d/%m/%Y"),
            },
            field="effective_on",
            code=OrgunitsErrorCode.BEFORE_FOUNDING,
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
    actor: Actor | None,
    sources: Sequence[OrgUnit],
    survivor: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    """Merge ``sources`` into ``survivor``: their subordinate units and functions move over."""
    if not sources:
        raise DomainError(
            _("Chọn ít nhất một đơn vị để hợp nhất."),
            field="sources",
            code=OrgunitsErrorCode.MERGE_SOURCES_REQUIRED,
        )
    fresh(survivor, *sources)
    require_manage(actor, survivor)
    require_active(survivor)
    when = effective_on or today()
    merged_codes = []
    for source in sorted(sources, key=lambda u: u.path):
        source.refresh_from_db()
        require_subtree(actor, source)
        require_active(source)
        if source.pk == survivor.pk:
            raise DomainError(
                _("Đơn vị tiếp nhận không thể đồng thời là đơn vị bị hợp nhất."),
                field="sources",
                code=OrgunitsErrorCode.SURVIVOR_AMONG_SOURCES,
            )
        if survivor.path.startswith(source.path):
            raise DomainError(
                _("«%(survivor)s» đang trực thuộc «%(source)s», không thể hợp nhất ngược.")
                % {"survivor": survivor.name, "source": source.name},
                field="survivor",
                code=OrgunitsErrorCode.MERGE_INTO_SUBORDINATE,
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
        history_event(
            source,
            UnitEventKind.MERGED_INTO,
            actor=actor,
            effective_on=when,
            related=survivor,
            details=details,
            note=note,
        )
        history_event(
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
    actor: Actor | None,
    unit: OrgUnit,
    parts: Sequence[SplitPart],
    effective_on: dt.date | None = None,
    note: str = "",
) -> list[OrgUnit]:
    """Split ``unit`` into new sibling units; every subordinate unit must be given to one part."""
    fresh(unit)
    require_subtree(actor, unit)
    require_active(unit)
    if unit.parent is None:
        raise DomainError(_("Không thể chia tách đơn vị gốc."), code=OrgunitsErrorCode.SPLIT_ROOT)
    if actor is not None and not can(actor, Action.MANAGE_UNITS, unit.parent):
        # The new units stand beside this one, under its parent.
        raise DomainError(
            _("Chia tách tạo đơn vị mới ngang cấp: cần quyền quản lý đơn vị cấp trên."),
            code=OrgunitsErrorCode.SPLIT_NEEDS_PARENT_GRANT,
        )
    if len(parts) < 2:
        raise DomainError(
            _("Chia tách cần ít nhất hai đơn vị mới."),
            field="parts",
            code=OrgunitsErrorCode.SPLIT_TOO_FEW_PARTS,
        )
    children = {c.code: c for c in _active_children(unit)}
    assigned = [code for part in parts for code in part.children]
    unknown = sorted(set(assigned) - set(children))
    if unknown:
        raise DomainError(
            _("Không phải đơn vị trực thuộc: %(units)s.") % {"units": ", ".join(unknown)},
            field="parts",
            code=OrgunitsErrorCode.SPLIT_UNKNOWN_CHILDREN,
        )
    twice = sorted({c for c in assigned if assigned.count(c) > 1})
    if twice:
        raise DomainError(
            _("Đơn vị được giao cho hai nơi: %(units)s.") % {"units": ", ".join(twice)},
            field="parts",
            code=OrgunitsErrorCode.SPLIT_CHILD_TWICE,
        )
    left = sorted(set(children) - set(assigned))
    if left:
        raise DomainError(
            _("Chưa giao các đơn vị trực thuộc: %(units)s.") % {"units": ", ".join(left)},
            field="parts",
            code=OrgunitsErrorCode.SPLIT_CHILDREN_LEFT,
        )
    heirs = [p for p in parts if p.takes_functions] or [parts[0]]
    if len(heirs) > 1:
        raise DomainError(
            _("Chỉ một đơn vị mới tiếp nhận chức năng, nhiệm vụ."),
            field="parts",
            code=OrgunitsErrorCode.SPLIT_FUNCTIONS_TWICE,
        )
    when = effective_on or today()
    new_units: list[OrgUnit] = []
    for part in parts:
        new_unit = insert_unit(
            parent=unit.parent,
            code=part.code,
            name=clean_name(part.name),
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
        history_event(
            new_unit, UnitEventKind.SPLIT_FROM, actor=actor, effective_on=when, related=unit, note=note
        )
        new_units.append(new_unit)
    _close(unit, when)
    history_event(
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
    actor: Actor | None,
    unit: OrgUnit,
    effective_on: dt.date | None = None,
    note: str = "",
) -> OrgUnit:
    fresh(unit)
    require_subtree(actor, unit)
    require_active(unit)
    if unit.parent is None:
        raise DomainError(_("Không thể giải thể đơn vị gốc."), code=OrgunitsErrorCode.DISSOLVE_ROOT)
    remaining = _active_children(unit)
    if remaining:
        raise DomainError(
            _("Còn %(n)s đơn vị trực thuộc: chuyển, hợp nhất hoặc giải thể chúng trước.")
            % {"n": len(remaining)},
            code=OrgunitsErrorCode.CHILDREN_REMAIN,
        )
    led = UnitFunction.objects.filter(lead_unit=unit).count()
    if led:
        raise DomainError(
            _("Đơn vị đang chủ trì %(n)s chức năng, nhiệm vụ: giao cho đơn vị khác trước.") % {"n": led},
            code=OrgunitsErrorCode.FUNCTIONS_LED,
        )
    when = effective_on or today()
    _close(unit, when)
    UnitFunction.cooperating_units.through.objects.filter(orgunit=unit).delete()
    history_event(unit, UnitEventKind.DISSOLVED, actor=actor, effective_on=when, note=note)
    record(actor=actor, action="orgunit.dissolve", target=unit, unit_path=unit.path, summary={"note": note})
    return unit
