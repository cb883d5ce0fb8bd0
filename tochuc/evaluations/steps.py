"""The steps of an evaluation: which one a user may take now, and what its form starts with.

An evaluation moves through its stages in order; each step may be taken (or taken again) from the
stage before it or from its own stage, while the cycle is open, by whoever the step belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from tochuc.core.actors import Actor
from tochuc.evaluations.models import Evaluation, Stage
from tochuc.evaluations.permissions import (
    can_decide_evaluation,
    can_edit_evaluation,
    can_self_review_evaluation,
)


class Step(StrEnum):
    SELF = "self"
    COMMENTS = "comments"
    APPRAISAL = "appraisal"
    DECISION = "decision"


# The stages from which each step may be taken, and who may take it.
STEP_STAGES: dict[Step, tuple[Stage, ...]] = {
    Step.SELF: (Stage.PENDING, Stage.SELF_REVIEW),
    Step.COMMENTS: (Stage.SELF_REVIEW, Stage.COMMENTS),
    Step.APPRAISAL: (Stage.COMMENTS, Stage.APPRAISAL),
    Step.DECISION: (Stage.APPRAISAL, Stage.DECIDED),
}
STEP_ALLOWED: dict[Step, Callable[[Actor, Evaluation], bool]] = {
    Step.SELF: can_self_review_evaluation,
    Step.COMMENTS: can_edit_evaluation,
    Step.APPRAISAL: can_edit_evaluation,
    Step.DECISION: can_decide_evaluation,
}


def open_steps(user: Actor, evaluation: Evaluation) -> list[Step]:
    """The steps ``user`` may take on ``evaluation`` now, in order."""
    if not evaluation.cycle.is_open:
        return []
    return [
        step
        for step, stages in STEP_STAGES.items()
        if evaluation.stage in stages and STEP_ALLOWED[step](user, evaluation)
    ]


def step_initial(step: Step, evaluation: Evaluation) -> dict[str, object]:
    """What the form of ``step`` shows before anything is typed: what was recorded, else what the
    step before proposed."""
    if step is Step.SELF:
        points = {f"c_{key}": value for key, value in (evaluation.self_criteria or {}).items()}
        return points | {"self_review": evaluation.self_review, "evidence": evaluation.evidence}
    if step is Step.COMMENTS:
        return {
            "comments": evaluation.comments,
            "suggested_rating": evaluation.suggested_rating or evaluation.self_rating,
        }
    if step is Step.APPRAISAL:
        return {
            "score": evaluation.proposed_score
            if evaluation.proposed_score is not None
            else evaluation.self_score,
            "rating": evaluation.proposed_rating or evaluation.suggested_rating,
            "reason": evaluation.proposal_reason,
        }
    return {"rating": evaluation.final_rating or evaluation.proposed_rating}
