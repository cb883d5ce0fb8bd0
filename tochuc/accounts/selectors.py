from __future__ import annotations

from django.db.models import QuerySet

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor


def grants_in_scope(user: Actor) -> QuerySet[RoleGrant]:
    return (
        RoleGrant.objects.filter(scope_q(user, Action.MANAGE_GRANTS, "unit__path"))
        .select_related("user", "unit")
        .order_by("unit__path", "user__username", "role")
    )
