from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet

from tochuc.accounts.policy import Action, scope_q
from tochuc.audit.models import AuditEvent


def events_for(
    user: Any,
    *,
    actor: str = "",
    action: str = "",
    unit_path: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    """Audit events of the auditor's subtree, newest first, filtered."""
    qs = AuditEvent.objects.filter(scope_q(user, Action.READ_AUDIT, "unit_path"))
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
