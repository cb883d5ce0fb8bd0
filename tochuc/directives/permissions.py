"""Who may do what to a directive or a task; the ``get_*_for`` look-ups answer 404 outside scope.

The rules match the services (see ``services.py``): registering and assigning need
EDIT on the assigning unit; breaking down and reporting need EDIT on the lead unit;
rating needs APPROVE on the assigning unit. Pages use these to show or hide buttons.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import Actor
from tochuc.directives.models import Directive, Task
from tochuc.directives.selectors import directive_list_for, task_for
from tochuc.orgunits.models import OrgUnit


def can_register_directive(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.EDIT, unit)


def can_assign_task(user: Actor, task: Task) -> bool:
    return task.completed_on is None and can(user, Action.EDIT, task.assigned_by)


def can_break_down_task(user: Actor, task: Task) -> bool:
    return task.completed_on is None and task.lead_unit is not None and can(user, Action.EDIT, task.lead_unit)


def can_report_task(user: Actor, task: Task) -> bool:
    return can_break_down_task(user, task)


def why_not_report(user: Actor, task: Task) -> str | None:
    """Why this user cannot send a progress report on the task (``None`` when they can)."""
    if task.completed_on is not None:
        return _("Nhiệm vụ đã hoàn thành ngày %(day)s; không gửi thêm báo cáo tiến độ.") % {
            "day": task.completed_on.strftime("%d/%m/%Y")
        }
    if task.lead_unit is None:
        return _(
            "Nhiệm vụ chưa có đơn vị chủ trì; sau khi giao đơn vị chủ trì, đơn vị đó gửi báo cáo tiến độ."
        )
    if not can(user, Action.EDIT, task.lead_unit):
        return _(
            "Chỉ cán bộ chuyên môn của đơn vị chủ trì (%(unit)s) hoặc cấp trên của đơn vị đó gửi báo cáo tiến độ; "
            "tài khoản của bạn chỉ được xem nhiệm vụ này."
        ) % {"unit": task.lead_unit.name}
    return None


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
    task = task_for(user, pk, today=today)
    if task is None:
        raise Http404
    return task
