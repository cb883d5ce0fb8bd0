"""Personnel objects for a user: 404 outside the user's reach."""

from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.personnel.models import PlanningCycle, PlanningEntry, Procedure, Rotation


def get_planning_cycle_for(user: Actor, pk: int) -> PlanningCycle:
    cycle = (
        PlanningCycle.objects.select_related("unit")
        .filter(scope_q(user, Action.VIEW, "unit__path"), pk=pk)
        .first()
    )
    if cycle is None:
        raise Http404
    return cycle


def get_planning_entry_for(user: Actor, pk: int) -> PlanningEntry:
    entry = (
        PlanningEntry.objects.select_related("cycle__unit", "person__unit", "title")
        .filter(scope_q(user, Action.VIEW, "cycle__unit__path"), pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def get_procedure_for(user: Actor, pk: int) -> Procedure:
    procedure = (
        Procedure.objects.select_related(
            "unit", "candidate__unit", "title", "position", "proposed_by", "decided_by"
        )
        .filter(scope_q(user, Action.VIEW, "unit__path"), pk=pk)
        .first()
    )
    if procedure is None:
        raise Http404
    return procedure


def get_rotation_for(user: Actor, pk: int) -> Rotation:
    rotation = (
        Rotation.objects.select_related("person", "from_unit", "to_unit", "to_title")
        .filter(
            scope_q(user, Action.VIEW, "from_unit__path") | scope_q(user, Action.VIEW, "to_unit__path"), pk=pk
        )
        .first()
    )
    if rotation is None:
        raise Http404
    return rotation
