from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.models import PartyBadge


def can_propose_badges(user: Actor, committee: OrgUnit) -> bool:
    return can(user, Action.EDIT, committee)


def deciding_level(user: Actor, badge: PartyBadge) -> OrgUnit | None:
    """The nearest level above the proposing committee on which the user may approve, if any."""
    paths = list(reversed(badge.proposed_by.ancestor_paths()))
    levels = {u.path: u for u in OrgUnit.objects.filter(path__in=paths)}
    for path in paths:
        unit = levels.get(path)
        if unit is not None and can(user, Action.APPROVE, unit):
            return unit
    return None


def get_badge_for(user: Actor, pk: int, action: Action = Action.VIEW) -> PartyBadge:
    """The badge if the user may ``action`` the member's unit; 404 otherwise."""
    badge = (
        PartyBadge.objects.filter(scope_q(user, action, "person__unit__path"), pk=pk)
        .select_related("person__unit", "proposed_by", "decided_by")
        .first()
    )
    if badge is None:
        raise Http404
    return badge
