"""Rows every restructuring writes besides the audit event: new units and history lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _

from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import fold, nfc
from tochuc.orgunits.errors import OrgunitsErrorCode
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, path_segment
from tochuc.orgunits.services.checks import CODE_PATTERN


def history_event(
    unit: OrgUnit,
    kind: UnitEventKind,
    *,
    actor: Actor | None,
    effective_on: dt.date,
    related: OrgUnit | None = None,
    details: Mapping[str, object] | None = None,
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


def insert_unit(
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
            _("Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang (tối đa 40 ký tự)."),
            field="code",
            code=OrgunitsErrorCode.INVALID_CODE,
        )
    if OrgUnit.objects.filter(code=code).exists():
        raise DomainError(
            _("Mã đơn vị «%(code)s» đã được dùng.") % {"code": code},
            field="code",
            code=OrgunitsErrorCode.CODE_TAKEN,
        )
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
