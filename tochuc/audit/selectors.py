from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from tochuc.accounts.policy import Action, reaches, scope_q
from tochuc.audit.models import AuditEvent
from tochuc.core.actors import Actor
from tochuc.orgunits.models import PATH_STEP


def events_for(
    user: Actor,
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
        qs = qs.filter(created_at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(created_at__lt=_start_of(date_to + dt.timedelta(days=1)))
    return qs.order_by("-seq")


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in local time: a range on the indexed column, not a cast per row."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
