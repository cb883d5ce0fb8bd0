"""Rotation (luân chuyển, Quy định 65-QĐ/TW 2022): a plan per person, tracked to its end."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.rules import blocking, run
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import Rotation
from tochuc.personnel.retirement import add_months, months_between, months_of_work_left
from tochuc.personnel.rules import DEFAULT_PACK, get_pack
from tochuc.personnel.rules.facts import RotationPlan
from tochuc.personnel.services.common import actor_person_id, refuse_conflict, text
from tochuc.positions.models import Title

# The form field each rotation rule is about.
FIELDS = {"rotation_length": "planned_end", "rotation_years_left": "person"}
CODES = {
    "rotation_length": PersonnelErrorCode.ROTATION_TOO_SHORT,
    "rotation_years_left": PersonnelErrorCode.TOO_FEW_YEARS_LEFT,
}


@transaction.atomic
def rotation_create(
    *,
    actor: Actor | None,
    person: Person,
    to_unit: OrgUnit,
    purpose: str,
    start: dt.date,
    planned_end: dt.date | None = None,
    to_title: Title | None = None,
    pack: str = DEFAULT_PACK,
) -> Rotation:
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    enforce(actor, Action.VIEW, to_unit)
    refuse_conflict(actor_person_id(actor), person, _("lập kế hoạch luân chuyển"))
    rules = get_pack(pack)
    if to_unit.pk == person.unit_id:
        raise DomainError(
            _("Đơn vị đến phải khác đơn vị đang công tác."),
            field="to_unit",
            code=PersonnelErrorCode.SAME_UNIT,
        )
    planned_end = planned_end or add_months(start, rules.rotation_min_months)
    plan = RotationPlan(
        person_name=person.full_name,
        start=start,
        planned_end=planned_end,
        months_left=months_of_work_left(person.birth_date, person.gender, start),
    )
    refused = blocking(run(rules.rotation_rules, plan, rules))
    if refused:
        raise DomainError(
            refused[0].message,
            field=FIELDS.get(refused[0].rule, ""),
            code=CODES.get(refused[0].rule, PersonnelErrorCode.ROTATION_TOO_SHORT),
        )
    if Rotation.objects.filter(person=person, ended_on__isnull=True).exists():
        raise DomainError(
            _("%(person)s đang trong một đợt luân chuyển.") % {"person": person.full_name},
            code=PersonnelErrorCode.ROTATION_OPEN,
        )
    rotation = Rotation.objects.create(
        person=person,
        from_unit=person.unit,
        to_unit=to_unit,
        to_title=to_title,
        purpose=text(purpose, "purpose", minimum=5),
        start=start,
        planned_end=planned_end,
        pack=pack,
        created_by=actor if actor else None,
    )
    record(
        actor=actor,
        action="rotation.create",
        target=rotation,
        unit_path=person.unit.path,
        summary={
            "person": person.code,
            "to": to_unit.code,
            "start": start.strftime("%d/%m/%Y"),
            "planned_end": planned_end.strftime("%d/%m/%Y"),
        },
        object_label=f"{person.full_name}: {person.unit.name} → {to_unit.name}",
    )
    return rotation


@transaction.atomic
def rotation_end(*, actor: Actor | None, rotation: Rotation, ended_on: dt.date, note: str = "") -> Rotation:
    rotation = (
        Rotation.objects.select_for_update(of=("self",))
        .select_related("from_unit", "person")
        .get(pk=rotation.pk)
    )
    enforce(actor, Action.EDIT, rotation.from_unit)
    if rotation.ended_on is not None:
        raise DomainError(_("Đợt luân chuyển đã kết thúc."), code=PersonnelErrorCode.ROTATION_ENDED)
    if ended_on < rotation.start:
        raise DomainError(
            _("Ngày kết thúc không được trước ngày bắt đầu."),
            field="ended_on",
            code=PersonnelErrorCode.END_BEFORE_START,
        )
    early = months_between(rotation.start, ended_on) < get_pack(rotation.pack).rotation_min_months
    note = text(note, "note", required=early, minimum=5)
    rotation.ended_on = ended_on
    rotation.save(update_fields=["ended_on", "updated_at"])
    record(
        actor=actor,
        action="rotation.end",
        target=rotation,
        unit_path=rotation.from_unit.path,
        summary={
            "person": rotation.person.code,
            "ended_on": ended_on.strftime("%d/%m/%Y"),
            "early": early,
            "note": note,
        },
        object_label=rotation.person.full_name,
    )
    return rotation
