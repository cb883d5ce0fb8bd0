"""Who may do what to a directive or a task; the ``get_*_for`` look-ups answer 404 outside scope.

The rules match the services (see ``services.py``): registering and assigning need
EDIT on the assigning unit; breaking down and reporting need EDIT on the lead unit;
rating needs APPROVE on the assigning unit. Pages use these to show or hide buttons.
"""

from __future__ import annotations

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import Actor
from tochuc.directives.models import Directive, Task
from tochuc.directives.selectors import get_directive_for, get_task_for
from tochuc.orgunits.models import OrgUnit

__all__ = [
    "get_directive_for",
    "get_task_for",
    "may_assign",
    "may_break_down",
    "may_rate",
    "may_register",
    "may_report",
]


def may_register(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.EDIT, unit)


def may_assign(user: Actor, task: Task) -> bool:
    return task.completed_on is None and can(user, Action.EDIT, task.assigned_by)


def may_break_down(user: Actor, task: Task) -> bool:
    return task.completed_on is None and task.lead_unit is not None and can(user, Action.EDIT, task.lead_unit)


def may_report(user: Actor, task: Task) -> bool:
    return may_break_down(user, task)


def may_rate(user: Actor, task: Task) -> bool:
    return (
        task.completed_on is not None
        and task.lead_unit_id != task.assigned_by_id
        and can(user, Action.APPROVE, task.assigned_by)
    )


def may_edit_directive(user: Actor, directive: Directive) -> bool:
    return can(user, Action.EDIT, directive.unit)
