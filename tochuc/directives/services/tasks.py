"""Assigning a task to its lead unit and breaking it down for the lead unit's subtree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.models import ProductKind, ReportPeriod, Task
from tochuc.directives.services.common import MAX_TASKS, _clean_text, _within
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person


def _check_units(
    assigner: OrgUnit, lead_unit: OrgUnit | None, cooperating_units: Sequence[OrgUnit]
) -> list[OrgUnit]:
    if lead_unit is None:
        raise DomainError(
            _("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì."),
            field="lead_unit",
            code=DirectivesErrorCode.ONE_LEAD_UNIT,
        )
    if not _within(lead_unit, assigner):
        raise DomainError(
            _("Cơ quan chủ trì phải là %(unit)s hoặc đơn vị trực thuộc.") % {"unit": assigner.name},
            field="lead_unit",
            code=DirectivesErrorCode.LEAD_OUTSIDE_ASSIGNER,
        )
    if not lead_unit.is_active:
        raise DomainError(
            _("Cơ quan chủ trì đã giải thể hoặc hợp nhất."),
            field="lead_unit",
            code=DirectivesErrorCode.LEAD_UNIT_CLOSED,
        )
    cooperating = list({u.pk: u for u in cooperating_units}.values())
    if any(u.pk == lead_unit.pk for u in cooperating):
        raise DomainError(
            _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."),
            field="cooperating_units",
            code=DirectivesErrorCode.LEAD_ALSO_COOPERATING,
        )
    for unit in cooperating:
        if not _within(unit, assigner):
            raise DomainError(
                _("Cơ quan phối hợp %(name)s nằm ngoài %(unit)s.")
                % {"name": unit.name, "unit": assigner.name},
                field="cooperating_units",
                code=DirectivesErrorCode.COOPERATING_OUTSIDE_ASSIGNER,
            )
    return cooperating


def _check_choice(value: str, choices: type[models.TextChoices], field: str) -> str:
    if value and value not in choices.values:
        raise DomainError(_("Giá trị không hợp lệ."), field=field, code=DirectivesErrorCode.INVALID_VALUE)
    return value


def task_assign(
    *,
    actor: Actor | None,
    task: Task,
    lead_unit: OrgUnit,
    cooperating_units: Sequence[OrgUnit] = (),
    responsible_person: Person | None = None,
    deadline: dt.date | None = None,
    report_period: str = "",
    product_kind: str = "",
    product: str = "",
) -> Task:
    """Give ``task`` exactly one lead unit (and its cooperating units, person, deadline, product)."""
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("assigned_by", "parent")
            .get(pk=task.pk)
        )
        assigner = task.assigned_by
        enforce(actor, Action.EDIT, assigner)
        if task.completed_on is not None:
            raise DomainError(
                _("Nhiệm vụ đã hoàn thành, không giao lại."), code=DirectivesErrorCode.TASK_DONE
            )
        cooperating = _check_units(assigner, lead_unit, cooperating_units)
        parent_deadline = task.parent.deadline if task.parent is not None else None
        if deadline is not None and parent_deadline is not None and deadline > parent_deadline:
            raise DomainError(
                _("Thời hạn không được sau thời hạn của nhiệm vụ cấp trên (%(d)s).")
                % {"d": date_format(parent_deadline, "d/m/Y")},
                field="deadline",
                code=DirectivesErrorCode.DEADLINE_AFTER_PARENT,
            )
        if responsible_person is not None and not _within(responsible_person.unit, lead_unit):
            raise DomainError(
                _("Người chịu trách nhiệm phải thuộc cơ quan chủ trì."),
                field="responsible_person",
                code=DirectivesErrorCode.RESPONSIBLE_OUTSIDE_LEAD,
            )
        previous_lead = task.lead_unit_id
        task.lead_unit = lead_unit
        task.lead_path = lead_unit.path
        task.responsible_person = responsible_person
        task.deadline = deadline
        task.report_period = _check_choice(report_period, ReportPeriod, "report_period")
        task.product_kind = _check_choice(product_kind, ProductKind, "product_kind")
        task.product = _clean_text(product, field="product", label=_("sản phẩm"), max_length=500)
        task.save()
        task.cooperating_units.set(cooperating)
        record(
            actor=actor,
            action="task.assign",
            target=task,
            unit_path=lead_unit.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "lead_unit": lead_unit.code,
                "previous_lead_unit_id": previous_lead,
                "cooperating": [u.code for u in cooperating],
                "deadline": deadline.isoformat() if deadline else None,
                "report_period": task.report_period,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return task


def task_break_down(*, actor: Actor | None, task: Task, items: Sequence[Mapping[str, Any]]) -> list[Task]:
    """The lead unit of ``task`` makes it concrete for its own subtree: one child task per item.

    Each item: ``text``, ``lead_unit`` and optionally ``no``, ``deadline`` (≤ the parent's),
    ``cooperating_units``, ``responsible_person``, ``report_period``, ``product_kind``, ``product``.
    """
    if not items:
        raise DomainError(
            _("Cần ít nhất một nhiệm vụ cụ thể hóa."), field="items", code=DirectivesErrorCode.ITEMS_REQUIRED
        )
    if len(items) > MAX_TASKS:
        raise DomainError(
            _("Quá %(n)d nhiệm vụ.") % {"n": MAX_TASKS},
            field="items",
            code=DirectivesErrorCode.TOO_MANY_TASKS,
        )
    with transaction.atomic():
        parent = (
            Task.objects.select_for_update(of=("self",))
            .select_related("lead_unit", "directive")
            .get(pk=task.pk)
        )
        if parent.lead_unit is None:
            raise DomainError(_("Nhiệm vụ chưa có cơ quan chủ trì."), code=DirectivesErrorCode.NO_LEAD_UNIT)
        enforce(actor, Action.EDIT, parent.lead_unit)
        if parent.completed_on is not None:
            raise DomainError(_("Nhiệm vụ đã hoàn thành."), code=DirectivesErrorCode.TASK_DONE)
        base = parent.children.count()
        created: list[Task] = []
        for index, item in enumerate(items, start=1):
            text = nfc(str(item.get("text") or "")).strip()
            if not text:
                raise DomainError(
                    _("Nhiệm vụ thứ %(n)d chưa có nội dung.") % {"n": index},
                    field="items",
                    code=DirectivesErrorCode.TASK_TEXT_REQUIRED,
                )
            lead = item.get("lead_unit")
            if not isinstance(lead, OrgUnit):
                raise DomainError(
                    _("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì."),
                    field="items",
                    code=DirectivesErrorCode.ONE_LEAD_UNIT,
                )
            cooperating = _check_units(parent.lead_unit, lead, item.get("cooperating_units") or ())
            deadline = item.get("deadline") or parent.deadline
            if parent.deadline is not None and deadline is not None and deadline > parent.deadline:
                raise DomainError(
                    _("Thời hạn của nhiệm vụ thứ %(n)d sau thời hạn của nhiệm vụ cấp trên (%(d)s).")
                    % {"n": index, "d": date_format(parent.deadline, "d/m/Y")},
                    field="items",
                    code=DirectivesErrorCode.DEADLINE_AFTER_PARENT,
                )
            person = item.get("responsible_person")
            if person is not None and not _within(person.unit, lead):
                raise DomainError(
                    _("Người chịu trách nhiệm phải thuộc cơ quan chủ trì."),
                    field="items",
                    code=DirectivesErrorCode.RESPONSIBLE_OUTSIDE_LEAD,
                )
            child = Task.objects.create(
                directive=parent.directive,
                parent=parent,
                no=str(item.get("no") or f"{parent.no}.{base + index}")[:20],
                text=text,
                assigned_by=parent.lead_unit,
                assigned_path=parent.lead_path,
                lead_unit=lead,
                lead_path=lead.path,
                responsible_person=person,
                deadline=deadline,
                report_period=_check_choice(
                    item.get("report_period") or parent.report_period, ReportPeriod, "items"
                ),
                product_kind=_check_choice(item.get("product_kind") or "", ProductKind, "items"),
                product=_clean_text(
                    item.get("product") or "", field="items", label=_("sản phẩm"), max_length=500
                ),
            )
            if cooperating:
                child.cooperating_units.set(cooperating)
            created.append(child)
        record(
            actor=actor,
            action="task.break_down",
            target=parent,
            unit_path=parent.lead_unit.path,
            summary={
                "directive": parent.directive.number_symbol,
                "no": parent.no,
                "children": [
                    {"no": c.no, "lead_unit": c.lead_unit.code if c.lead_unit else ""} for c in created
                ],
            },
            object_label=f"{parent.directive.number_symbol} – {parent.no}",
        )
    return created
