"""Who may organize a round, see it, judge in it.

A round is organized by the central level: a user who may edit the Central Committee's unit or one of
the central commissions directly under it (the organization or propaganda commission's staff). A round
is seen by those who may view its organizer, and by its jurors (who see only their assigned entries);
published results are seen by every signed-in user.
"""

from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, reaches
from tochuc.award.models import AwardEntry, AwardJuror, AwardRound
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit, UnitKind


def is_central_level(unit: OrgUnit) -> bool:
    if unit.kind == UnitKind.CENTRAL:
        return True
    return unit.kind == UnitKind.AGENCY and unit.parent is not None and unit.parent.kind == UnitKind.CENTRAL


def organizer_units(user: Actor) -> list[OrgUnit]:
    """The central-level units on which the user may organize a round."""
    paths = [r.path for r in reaches(user, Action.EDIT)]
    if not paths:
        return []
    units = OrgUnit.objects.filter(kind__in=(UnitKind.CENTRAL, UnitKind.AGENCY), valid_to__isnull=True)
    return [
        u
        for u in units.select_related("parent").order_by("path")
        if is_central_level(u) and can(user, Action.EDIT, u)
    ]


def can_organize(user: Actor) -> bool:
    return bool(organizer_units(user))


def can_manage_round(user: Actor, award_round: AwardRound) -> bool:
    return can(user, Action.EDIT, award_round.organizer)


def can_view_round(user: Actor, award_round: AwardRound) -> bool:
    return can(user, Action.VIEW, award_round.organizer)


def juror_seats(user: Actor, award_round: AwardRound) -> list[AwardJuror]:
    if not user.is_authenticated:
        return []
    return list(AwardJuror.objects.filter(round=award_round, user=user))


def get_round_for(user: Actor, pk: int) -> AwardRound:
    """The round if the user may view its organizer or sits on one of its panels; 404 otherwise."""
    award_round = AwardRound.objects.select_related("organizer").filter(pk=pk).first()
    if award_round is None:
        raise Http404
    if can_view_round(user, award_round) or juror_seats(user, award_round):
        return award_round
    raise Http404


def get_results_round_for(user: Actor, pk: int) -> AwardRound:
    """A round whose results the user may read: published ones for everyone, others for its organizers."""
    award_round = AwardRound.objects.select_related("organizer").filter(pk=pk).first()
    if award_round is None or not (award_round.results_out or can_view_round(user, award_round)):
        raise Http404
    return award_round


def get_managed_round_for(user: Actor, pk: int) -> AwardRound:
    award_round = get_round_for(user, pk)
    if not can_manage_round(user, award_round):
        raise Http404
    return award_round


def get_entry_for(user: Actor, award_round: AwardRound, pk: int) -> AwardEntry:
    entry = AwardEntry.objects.filter(round=award_round, pk=pk).first()
    if entry is None or not can_view_round(user, award_round):
        raise Http404
    return entry
