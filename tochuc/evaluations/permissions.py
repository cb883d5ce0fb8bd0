"""Who may see and do what in an evaluation cycle. Outside scope = 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.evaluations.analytics.selectors import cycle_units_in_reach, meets_reach
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.orgunits.models import OrgUnit


def cycle_scope_q(user: Actor, action: Action = Action.VIEW) -> Q:
    """Cycles whose subtree meets one of the user's reaches (the cycle inside the reach, or around it)."""
    return Q(unit_id__in=cycle_units_in_reach(user, action))


def cycles_for(user: Actor) -> QuerySet[EvaluationCycle]:
    """Cycles the user sees: by their grants, or because they are evaluated in it (their own file)."""
    condition = cycle_scope_q(user)
    person_id = getattr(user, "person_id", None)
    if person_id is not None:
        condition |= Q(pk__in=Evaluation.objects.filter(person_id=person_id).values("cycle_id"))
    return EvaluationCycle.objects.filter(condition)


def get_cycle_for(user: Actor, code: str) -> EvaluationCycle:
    """The cycle ``code`` if ``cycles_for`` holds it: found by its code, then its reach checked."""
    cycle = EvaluationCycle.objects.filter(code=code.strip().upper()).select_related("unit").first()
    if cycle is None:
        raise Http404
    if meets_reach(user, cycle.unit):
        return cycle
    person_id = getattr(user, "person_id", None)
    if person_id is None or not Evaluation.objects.filter(cycle=cycle, person_id=person_id).exists():
        raise Http404
    return cycle


def is_own(user: Actor, evaluation: Evaluation) -> bool:
    person_id = getattr(user, "person_id", None)
    return person_id is not None and evaluation.person_id == person_id


def get_evaluation_for(user: Actor, pk: int, action: Action = Action.VIEW) -> Evaluation:
    """The evaluation if the user may ``action`` its unit — or, to view it, if it is the user's own."""
    condition = scope_q(user, action, "unit__path")
    if action == Action.VIEW and getattr(user, "person_id", None) is not None:
        condition |= Q(person_id=user.person_id)
    evaluation = (
        Evaluation.objects.filter(condition, pk=pk)
        .select_related("cycle", "cycle__unit", "unit", "person")
        .first()
    )
    if evaluation is None:
        raise Http404
    return evaluation


def can_self_review_evaluation(user: Actor, evaluation: Evaluation) -> bool:
    return is_own(user, evaluation) or can(user, Action.EDIT, evaluation.unit)


def can_edit_evaluation(user: Actor, evaluation: Evaluation) -> bool:
    return can(user, Action.EDIT, evaluation.unit)


def can_decide_evaluation(user: Actor, evaluation: Evaluation) -> bool:
    """APPROVE on the unit; for a collective, on the level directly above it (which rates it)."""
    if not can(user, Action.APPROVE, evaluation.unit):
        return False
    if evaluation.person_id is None and evaluation.unit.parent_id is not None:
        parent = evaluation.unit.parent
        return parent is not None and can(user, Action.APPROVE, parent)
    return True


def can_justify_unit(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.EDIT, unit) or can(user, Action.APPROVE, unit)


def get_analysed_cycle_for(user: Actor, code: str) -> EvaluationCycle:
    """A cycle whose subtree meets the user's reach, for the analysis pages; 404 otherwise."""
    cycle = EvaluationCycle.objects.filter(code=code).select_related("unit").first()
    if cycle is None or not meets_reach(user, cycle.unit):
        raise Http404
    return cycle
