"""Helpers for the service, status, evidence, reminder and selector tests (not fixtures of the cast)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tochuc.directives.models import Directive, Task
from tochuc.directives.services import directive_register, task_assign
from tochuc.orgunits.models import OrgUnit

D = dt.date


def register(
    unit: OrgUnit, *, number: str = "03", tasks: int = 2, issued_on: dt.date | None = None
) -> Directive:
    return directive_register(
        actor=None,
        unit=unit,
        doc_type="KL",
        number=number,
        issuer_code="BTCTW",
        issuer="Ban Tổ chức Trung ương",
        term="",
        title="Kết luận về việc thực hiện chức năng, nhiệm vụ của tổ chức đảng",
        issued_on=issued_on or D(2017, 3, 16),
        tasks=[{"no": str(i), "text": f"Nhiệm vụ {i}", "deadline": None} for i in range(1, tasks + 1)],
    )


def assigned(
    directive: Directive, lead: OrgUnit, *, deadline: dt.date | None = None, no: str = "1", **kwargs: Any
) -> Task:
    task = directive.tasks.get(no=no, parent=None)
    return task_assign(actor=None, task=task, lead_unit=lead, deadline=deadline, **kwargs)


def make_task(lead: OrgUnit, assigner: OrgUnit, **fields: Any) -> Task:
    """A task written straight to the table (for status and selector checks)."""
    directive = Directive.objects.filter(unit=assigner).first() or register(
        assigner, number=str(90 + Directive.objects.count()), tasks=0
    )
    return Task.objects.create(
        directive=directive,
        assigned_by=assigner,
        lead_unit=lead,
        lead_path=lead.path,
        no=fields.pop("no", "x"),
        text=fields.pop("text", "Nhiệm vụ"),
        **fields,
    )


def make_person(unit: OrgUnit, name: str, code: str) -> Any:
    from tochuc.people.services import person_create

    return person_create(
        actor=None,
        unit=unit,
        code=code,
        values={"full_name": name, "birth_date": D(1980, 5, 1), "gender": "male"},
    )
