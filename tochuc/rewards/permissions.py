from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, can_subtree, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.models import Discipline, DisciplineAppeal, PartyBadge, RewardProposal


def get_results_unit_for(user: Actor, code: str) -> OrgUnit:
    """A unit whose whole subtree's results the user may read (names and ratings of every member
    below it); 404 for a unit outside that reach, even one the user sees alone."""
    from tochuc.orgunits.permissions import get_unit_for

    unit = get_unit_for(user, code.strip().upper())
    if not can_subtree(user, Action.VIEW, unit):
        raise Http404
    return unit


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


def approvable_levels(user: Actor, path: str, *, include_self: bool = True) -> list[OrgUnit]:
    """The units on the way from the root to ``path`` on which the user may approve, nearest first."""
    paths = [*OrgUnit(path=path).ancestor_paths(), *([path] if include_self else [])]
    units = sorted(OrgUnit.objects.filter(path__in=paths), key=lambda u: len(u.path), reverse=True)
    return [u for u in units if can(user, Action.APPROVE, u)]


def get_discipline_for(user: Actor, pk: int, action: Action = Action.VIEW) -> Discipline:
    """The discipline if the user may ``action`` its subject's unit; 404 otherwise."""
    discipline = (
        Discipline.objects.filter(scope_q(user, action, "subject_path"), pk=pk)
        .select_related("person__unit", "unit", "proposed_by", "decided_by")
        .first()
    )
    if discipline is None:
        raise Http404
    return discipline


def get_appeal_for(user: Actor, pk: int, action: Action = Action.VIEW) -> DisciplineAppeal:
    appeal = (
        DisciplineAppeal.objects.filter(scope_q(user, action, "discipline__subject_path"), pk=pk)
        .select_related("discipline__decided_by")
        .first()
    )
    if appeal is None:
        raise Http404
    return appeal


def get_reward_proposal_for(user: Actor, pk: int, action: Action = Action.VIEW) -> RewardProposal:
    proposal = (
        RewardProposal.objects.filter(scope_q(user, action, "subject_path"), pk=pk)
        .select_related("person__unit", "unit", "proposed_by")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal
