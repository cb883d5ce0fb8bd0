from __future__ import annotations

from django.http import Http404

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.training.models import Course, TrainingPlan


def can_manage_courses(user: Actor, unit: OrgUnit) -> bool:
    """Create courses, nominate and record results for the people of ``unit``'s subtree."""
    return can(user, Action.EDIT, unit)


def get_course_for(user: Actor, code: str, action: Action = Action.VIEW) -> Course:
    """The course if the user may ``action`` its organising unit; 404 otherwise."""
    course = (
        Course.objects.filter(scope_q(user, action, "unit__path"), code=code).select_related("unit").first()
    )
    if course is None:
        raise Http404
    return course


def get_plan_for(user: Actor, pk: int, action: Action = Action.VIEW) -> TrainingPlan:
    plan = (
        TrainingPlan.objects.filter(scope_q(user, action, "unit__path"), pk=pk).select_related("unit").first()
    )
    if plan is None:
        raise Http404
    return plan
