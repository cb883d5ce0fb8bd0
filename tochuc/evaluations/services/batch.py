"""Decisions for a whole unit at once: each evaluation decided under the same rules as alone."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Stage
from tochuc.evaluations.services.common import require_open
from tochuc.evaluations.services.steps import decision_record
from tochuc.orgunits.models import OrgUnit


@dataclass
class UnitDecisions:
    """What a decision for the whole unit did: the evaluations decided, and the others with the reason."""

    decided: list[Evaluation] = field(default_factory=list)
    refused: list[tuple[Evaluation, str]] = field(default_factory=list)

    def refused_by_reason(self) -> list[tuple[str, list[Evaluation]]]:
        """The undecided grouped by their reason (a unit-wide finding refuses everyone the same way)."""
        groups: dict[str, list[Evaluation]] = {}
        for evaluation, reason in self.refused:
            groups.setdefault(reason, []).append(evaluation)
        return list(groups.items())


def ready_to_decide(cycle: EvaluationCycle, unit: OrgUnit) -> list[Evaluation]:
    """The unit's members appraised and waiting for the decision, in name order."""
    return list(
        Evaluation.objects.filter(cycle=cycle, unit=unit, person__isnull=False, stage=Stage.APPRAISAL)
        .select_related("person", "unit", "cycle")
        .order_by("person__sort_key", "person__code")
    )


@transaction.atomic
def decisions_for_unit(*, actor: Actor | None, cycle: EvaluationCycle, unit: OrgUnit) -> UnitDecisions:
    """Decide every appraised member of ``unit`` at the rating proposed by the appraisal.

    Each decision is checked as if taken alone: a ``block`` finding, a missing justification, a
    conflict of interest or the appraiser deciding leaves that evaluation undecided, with the reason;
    the others are decided. Nothing is decided at a rating nobody proposed.
    """
    enforce(actor, Action.APPROVE, unit)
    require_open(cycle)
    result = UnitDecisions()
    for evaluation in ready_to_decide(cycle, unit):
        if not evaluation.proposed_rating:
            result.refused.append((evaluation, _("Chưa có xếp loại đề xuất.")))
            continue
        try:
            with transaction.atomic():
                decision_record(
                    actor=actor,
                    evaluation=evaluation,
                    rating=evaluation.proposed_rating,
                    reason=_("Quyết định chung cho đơn vị theo đề xuất đã thẩm định."),
                )
        except DomainError as refusal:
            result.refused.append((evaluation, refusal.message))
        else:
            result.decided.append(evaluation)
    record(
        actor=actor,
        action="evaluation.decide_unit",
        target=cycle,
        unit_path=unit.path,
        summary={
            "unit": unit.code,
            "decided": len(result.decided),
            "refused": [e.person.code for e, _reason in result.refused if e.person],
        },
        object_label=f"{cycle.code} — {unit.name}",
    )
    return result
