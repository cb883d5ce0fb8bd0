"""Functions of units: exactly one lead unit each, any cooperating units."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import fold, nfc
from tochuc.orgunits.errors import OrgunitsErrorCode
from tochuc.orgunits.models import OrgUnit, UnitFunction
from tochuc.orgunits.services.checks import fresh, require_active, require_manage


def _clean_title(title: str) -> str:
    cleaned = nfc(title)
    if not cleaned:
        raise DomainError(
            _("Nội dung chức năng, nhiệm vụ không được để trống."),
            field="title",
            code=OrgunitsErrorCode.FUNCTION_TITLE_REQUIRED,
        )
    return cleaned[:500]


@transaction.atomic
def function_create(
    *,
    actor: Actor | None,
    lead_unit: OrgUnit,
    title: str,
    description: str = "",
    cooperating_units: Sequence[OrgUnit] = (),
) -> UnitFunction:
    fresh(lead_unit)
    require_manage(actor, lead_unit)
    require_active(lead_unit)
    title = _clean_title(title)
    if any(u.pk == lead_unit.pk for u in cooperating_units):
        raise DomainError(
            _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."),
            field="cooperating_units",
            code=OrgunitsErrorCode.LEAD_ALSO_COOPERATING,
        )
    for unit in cooperating_units:
        require_active(unit)
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
def function_set_lead(*, actor: Actor | None, function: UnitFunction, lead_unit: OrgUnit) -> UnitFunction:
    """Hand the lead of a function to another unit; the old lead is simply gone."""
    function.refresh_from_db()
    fresh(lead_unit)
    old = function.lead_unit
    require_manage(actor, old)
    require_manage(actor, lead_unit)
    require_active(lead_unit)
    if old.pk == lead_unit.pk:
        raise DomainError(
            _("Đơn vị này đã là cơ quan chủ trì."), field="lead_unit", code=OrgunitsErrorCode.ALREADY_LEAD
        )
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
