"""Writing a checked import: the proposed score and rating of every row, in bulk, with one audit event."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.evaluations.models import Evaluation, EvaluationCycle, EvaluationStep, Stage
from tochuc.evaluations.services.common import note_rating_change
from tochuc.orgunits.models import OrgUnit


@dataclass(frozen=True)
class Planned:
    evaluation: Evaluation
    score: Decimal
    rating: str
    unit: OrgUnit | None
    is_head: bool


def write_plan(
    *, actor: Actor | None, cycle: EvaluationCycle, plan: list[Planned], heads: int, source: str
) -> None:
    """Land every planned row as the appraisal; a person marked as head is evaluated in the row's unit."""
    # Stored with the evaluation: in Vietnamese whatever the importer's interface language.
    reason = f"Nhập kết quả đề xuất từ tệp {source or 'Excel'}"
    for item in plan:
        evaluation = item.evaluation
        note_rating_change(
            actor=actor,
            evaluation=evaluation,
            stage=Stage.APPRAISAL,
            new_rating=item.rating,
            new_score=item.score,
            reason=reason,
        )
        evaluation.proposed_score = item.score
        evaluation.proposed_rating = item.rating
        evaluation.proposal_reason = evaluation.proposal_reason or reason
        evaluation.stage = Stage.APPRAISAL
        if evaluation.person_id is not None and item.unit is not None:
            evaluation.is_head = item.is_head
            evaluation.unit = item.unit
    Evaluation.objects.bulk_update(
        [item.evaluation for item in plan],
        ["proposed_score", "proposed_rating", "proposal_reason", "stage", "is_head", "unit"],
        batch_size=2000,
    )
    EvaluationStep.objects.bulk_create(
        [
            EvaluationStep(
                evaluation=item.evaluation,
                stage=Stage.APPRAISAL,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                score=item.score,
                rating=item.rating,
                note=reason,
            )
            for item in plan
        ],
        batch_size=2000,
    )
    record(
        actor=actor,
        action="evaluation.import",
        target=cycle,
        unit_path=cycle.unit.path,
        summary={"code": cycle.code, "rows": len(plan), "heads": heads, "source": source},
        object_label=str(cycle),
    )
