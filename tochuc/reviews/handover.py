"""A report's "proposals and obstacles" become a proposal to the period's unit when it is accepted.

Accepted, not submitted: a submitted report may still be returned and rewritten, and a proposal
once sent is answered as it stands. Acceptance is when the upper level takes the report as final,
so the proposal carries the final wording and is sent once (the report keeps the link).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import Actor
from tochuc.proposals.models import Proposal, ProposalKind
from tochuc.proposals.services import CONTENT_MAX, proposal_send
from tochuc.reviews.models import UnitReport


def hand_over_proposals(*, actor: Actor | None, report: UnitReport) -> Proposal | None:
    """Send the report's proposals section up as a proposal, once; nothing when the section is empty.

    The sender is the person accepting when they may act for the reporting unit, otherwise the
    person who submitted the report (the unit's own word, sent up with it).
    """
    if report.proposal_id is not None:
        return report.proposal
    text = report.proposals.strip()
    if not text:
        return None
    period = report.period
    sender = actor if actor is None or can(actor, Action.EDIT, report.unit) else report.submitted_by
    reference = _("Nêu trong báo cáo %(p)s (kỳ %(code)s) của %(unit)s.") % {
        "p": period.label.lower(),
        "code": period.code,
        "unit": report.unit.name,
    }
    proposal = proposal_send(
        actor=sender,
        from_unit=report.unit,
        to_unit=period.unit,
        kind=ProposalKind.OTHER,
        subject=(_("Đề xuất, kiến nghị trong báo cáo %(p)s") % {"p": period.label.lower()})[:500],
        content=f"{text}\n\n{reference}"[:CONTENT_MAX],
    )
    report.proposal = proposal
    report.save(update_fields=["proposal", "updated_at"])
    return proposal
