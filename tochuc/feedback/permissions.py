"""Who may do what to feedback; ``get_feedback_for`` answers 404 outside scope.

Handling roles are those who may enter data on (EDIT) or approve for (APPROVE) the handling unit:
only they see the sender's identity. Answering needs EDIT there; publishing needs APPROVE.
"""

from __future__ import annotations

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import Actor
from tochuc.feedback.models import Feedback
from tochuc.feedback.selectors import get_feedback_for
from tochuc.feedback.services import may_handle

__all__ = [
    "can_answer_feedback",
    "can_publish_feedback",
    "can_record_feedback",
    "can_reveal_feedback",
    "get_feedback_for",
]


def can_record_feedback(user: Actor) -> bool:
    return has_any(user, Action.EDIT)


def can_answer_feedback(user: Actor, feedback: Feedback) -> bool:
    return not feedback.is_answered and can(user, Action.EDIT, feedback.unit)


def can_publish_feedback(user: Actor, feedback: Feedback) -> bool:
    return feedback.is_answered and not feedback.published and can(user, Action.APPROVE, feedback.unit)


def has_identity(feedback: Feedback) -> bool:
    """A name or a contact was given (a letter with only one of them is still anonymous)."""
    return bool(feedback.sender_name or feedback.sender_contact)


def can_reveal_feedback(user: Actor, feedback: Feedback) -> bool:
    return has_identity(feedback) and may_handle(user, feedback)
