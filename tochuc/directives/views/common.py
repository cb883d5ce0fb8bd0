"""Pieces the directive pages share: units offered in choosers, status display, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Min, QuerySet
from django.utils import timezone

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.errors import DomainError
from tochuc.directives.models import Task, TaskStatus
from tochuc.directives.status import task_status
from tochuc.orgunits.models import OrgUnit

# How many units a chooser lists at most; deeper units are typed by code.
CHOOSER_LIMIT = 400
CHOOSER_DEPTH = 2


def show_error(form: forms.BaseForm, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def chooser_units(
    user: Any, action: Action = Action.VIEW, *, within: OrgUnit | None = None
) -> QuerySet[OrgUnit]:
    """Active units the user may ``action``, the top levels of their reach, in tree order.

    ``within`` keeps only that unit's subtree (the unit itself included).
    """
    qs = OrgUnit.objects.filter(scope_q(user, action), valid_to__isnull=True)
    if within is not None:
        qs = qs.filter(path__startswith=within.path)
    top = qs.aggregate(d=Min("depth"))["d"]
    if top is None:
        return OrgUnit.objects.none()
    ids = list(
        qs.filter(depth__lte=top + CHOOSER_DEPTH)
        .order_by("path")
        .values_list("pk", flat=True)[:CHOOSER_LIMIT]
    )
    return OrgUnit.objects.filter(pk__in=ids).order_by("path")


def today() -> dt.date:
    return timezone.localdate()


def status_of(task: Task) -> str:
    """The computed status, from the ``status`` annotation when the selector added it."""
    annotated = getattr(task, "status", None)
    return str(annotated) if annotated else task_status(task, today()).value


def status_label(status: str) -> str:
    try:
        return str(TaskStatus(status).label)
    except ValueError:
        return status


def decorate(tasks: Any) -> list[Task]:
    """Attach ``status_code`` and ``status_text`` to each task for the templates."""
    rows = list(tasks)
    for task in rows:
        code = status_of(task)
        task.status_code = code
        task.status_text = status_label(code)
    return rows
