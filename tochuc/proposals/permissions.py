"""Who may do what to a proposal; ``get_proposal_for`` answers 404 outside scope.

The rules match the services: sending needs EDIT on the sending unit; forwarding, asking an
opinion and writing the answer need EDIT on the answering unit; approving and publishing need
APPROVE there, and the writer of the answer does not approve it.
"""

from __future__ import annotations

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals.models import HopKind, Proposal, ProposalStatus
from tochuc.proposals.selectors import get_proposal_for, visible_files

__all__ = [
    "can_answer_proposal",
    "can_approve_proposal",
    "can_give_opinion_proposal",
    "can_publish_proposal",
    "can_send_proposal",
    "get_proposal_for",
    "visible_files",
]


def can_send_proposal(user: Actor, unit: OrgUnit | None = None) -> bool:
    return can(user, Action.EDIT, unit) if unit is not None else has_any(user, Action.EDIT)


def can_answer_proposal(user: Actor, proposal: Proposal) -> bool:
    return not proposal.is_closed and can(user, Action.EDIT, proposal.to_unit)


def can_approve_proposal(user: Actor, proposal: Proposal) -> bool:
    return (
        proposal.status == ProposalStatus.DRAFTED
        and proposal.answer_written_by_id != user.pk
        and can(user, Action.APPROVE, proposal.to_unit)
    )


def can_publish_proposal(user: Actor, proposal: Proposal) -> bool:
    return (
        proposal.status == ProposalStatus.ANSWERED
        and not proposal.published
        and can(user, Action.APPROVE, proposal.to_unit)
    )


def opinion_units(user: Actor, proposal: Proposal) -> list[OrgUnit]:
    """The units asked for an opinion on ``proposal`` for which ``user`` may give it."""
    if proposal.is_closed:
        return []
    asked = {
        hop.to_unit for hop in proposal.hops.filter(kind=HopKind.OPINION_ASKED).select_related("to_unit")
    }
    return sorted((u for u in asked if can(user, Action.EDIT, u)), key=lambda u: u.path)


def can_give_opinion_proposal(user: Actor, proposal: Proposal) -> bool:
    return bool(opinion_units(user, proposal))
