from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet

from tochuc.accounts.policy import Action, reaches, scope_q
from tochuc.audit.models import AuditEvent
from tochuc.orgunits.models import PATH_STEP


def events_for(
    user: Any,
    *,
    actor: str = "",
    action: str = "",
    unit_path: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of the auditor's subtree, newest first, filtered.

    Events about accounts rather than units (logins, passwords) carry no unit
    path; auditors of a whole tree (a root unit with its subtree) see them.
    """
    scope = scope_q(user, Action.READ_AUDIT, "unit_path")
    if any(r.include_subtree and len(r.path) == PATH_STEP for r in reaches(user, Action.READ_AUDIT)):
        scope |= Q(unit_path="")
    qs = AuditEvent.objects.filter(scope)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if action:
        qs = qs.filter(action__startswith=action)
    if unit_path:
        qs = qs.filter(unit_path__startswith=unit_path)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-seq")


def action_names() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())
