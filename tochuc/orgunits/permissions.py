from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit


def can_view_unit(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.VIEW, unit)


def can_manage_unit(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.MANAGE_UNITS, unit)


def get_unit_for(user: Actor, code: str, action: Action = Action.VIEW) -> OrgUnit:
    """The unit with ``code`` if the user may ``action`` it; 404 otherwise."""
    unit = OrgUnit.objects.filter(scope_q(user, action), code=code).select_related("parent").first()
    if unit is None:
        raise Http404
    return unit
