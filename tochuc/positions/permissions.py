from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.positions.models import Assignment, Duty, Position


def can_edit_position(user: Actor, position: Position) -> bool:
    return can(user, Action.EDIT, position.unit)


def get_position_for(user: Actor, pk: int, action: Action = Action.VIEW) -> Position:
    """The position if the user may ``action`` its unit; 404 otherwise."""
    position = (
        Position.objects.filter(scope_q(user, action, "unit__path"), pk=pk)
        .select_related("unit", "title")
        .first()
    )
    if position is None:
        raise Http404
    return position


def get_assignment_for(user: Actor, pk: int, action: Action = Action.VIEW) -> Assignment:
    assignment = (
        Assignment.objects.filter(scope_q(user, action, "position__unit__path"), pk=pk)
        .select_related("position__unit", "person")
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def get_duty_for(user: Actor, pk: int, action: Action = Action.VIEW) -> Duty:
    duty = (
        Duty.objects.filter(scope_q(user, action, "position__unit__path"), pk=pk, retired_on__isnull=True)
        .select_related("position__unit")
        .first()
    )
    if duty is None:
        raise Http404
    return duty
