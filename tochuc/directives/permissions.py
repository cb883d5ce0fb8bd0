"""Who may do what to a directive or a task; the ``get_*_for`` look-ups answer 404 outside scope.

The rules match the services (see ``services.py``): registering and assigning need
EDIT on the assigning unit; breaking down and reporting need EDIT on the lead unit;
rating needs APPROVE on the assigning unit. Pages use these to show or hide buttons.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import Actor
from tochuc.directives.models import Directive, Task
from tochuc.directives.selectors import directive_list_for, tasks_for
from tochuc.orgunits.models import OrgUnit


def can_register_directive(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.EDIT, unit)


def can_assign_task(user: Actor, task: Task) -> bool:
    return task.completed_on is None and can(user, Action.EDIT, task.assigned_by)


def can_break_down_task(user: Actor, task: Task) -> bool:
    return task.completed_on is None and task.lead_unit is not None and can(user, Action.EDIT, task.lead_unit)


def can_report_task(user: Actor, task: Task) -> bool:
    return can_break_down_task(user, task)


def can_rate_task(user: Actor, task: Task) -> bool:
    return (
        task.completed_on is not None
        and task.lead_unit_id != task.assigned_by_id
        and can(user, Action.APPROVE, task.assigned_by)
    )


def can_edit_directive(user: Actor, directive: Directive) -> bool:
    return can(user, Action.EDIT, directive.unit)


def get_directive_for(user: Actor, pk: int) -> Directive:
    directive = directive_list_for(user).filter(pk=pk).first()
    if directive is None:
        raise Http404
    return directive


def get_task_for(user: Actor, pk: int, *, today: dt.date | None = None) -> Task:
    task = (
        tasks_for(user, today=today)
        .select_related("assigned_by", "parent", "responsible_person", "directive__unit")
        .filter(pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task
