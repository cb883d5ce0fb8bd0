"""Pieces shared by the evaluation services: the period, access checks, separation of duties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.evaluations.errors import EvaluationsErrorCode
from tochuc.evaluations.models import (
    CycleKind,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    Rating,
    RatingChange,
)
from tochuc.evaluations.rules import get_pack
from tochuc.evaluations.rules.base import Criterion
from tochuc.people.relations import related_person_ids

QUARTER_END = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}


def period_end(cycle: EvaluationCycle) -> dt.date:
    """Last day of the period evaluated: the quarter's end for a quarterly cycle, else 31/12 of the year."""
    if cycle.kind == CycleKind.QUARTERLY and cycle.quarter:
        month, day = QUARTER_END[cycle.quarter]
        return dt.date(cycle.year, month, day)
    return dt.date(cycle.year, 12, 31)


def period_start(cycle: EvaluationCycle) -> dt.date:
    if cycle.kind == CycleKind.QUARTERLY and cycle.quarter:
        return dt.date(cycle.year, 3 * cycle.quarter - 2, 1)
    return dt.date(cycle.year, 1, 1)


def require_open(cycle: EvaluationCycle) -> None:
    if cycle.status != CycleStatus.OPEN:
        raise DomainError(
            _("Đợt đánh giá «%(cycle)s» đã kết thúc, không ghi thêm được.") % {"cycle": cycle.code},
            code=EvaluationsErrorCode.CYCLE_CLOSED,
        )


def rating_label(value: str) -> str:
    return str(Rating(value).label) if value in Rating.values else "—"


def check_rating(value: str, field: str = "rating") -> str:
    if value not in Rating.values:
        raise DomainError(_("Xếp loại không hợp lệ."), field=field, code=EvaluationsErrorCode.INVALID_RATING)
    return value


def check_score(value: object, field: str = "score") -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        score = Decimal(str(value)).quantize(Decimal("0.1"))
    except ArithmeticError as exc:
        raise DomainError(
            _("Điểm phải là số."), field=field, code=EvaluationsErrorCode.SCORE_NOT_A_NUMBER
        ) from exc
    if not Decimal(0) <= score <= Decimal(100):
        raise DomainError(
            _("Điểm phải từ 0 đến 100."), field=field, code=EvaluationsErrorCode.SCORE_OUT_OF_RANGE
        )
    return score


def check_not_conflicted(actor: Actor | None, evaluation: Evaluation, what: str) -> None:
    """Nobody appraises or decides on themselves, on a recorded relative, or on the collective they head."""
    own = getattr(actor, "person_id", None) if actor is not None else None
    if own is None:
        return
    if evaluation.person_id is not None:
        if evaluation.person_id == own:
            raise DomainError(
                _("Không được tự %(what)s cho chính mình.") % {"what": what},
                code=EvaluationsErrorCode.SELF_REVIEW_CONFLICT,
                field="actor",
            )
        if evaluation.person_id in related_person_ids(own):
            raise DomainError(
                _("Không được %(what)s cho người thân của mình (đã ghi trong hồ sơ thân nhân).")
                % {"what": what},
                code=EvaluationsErrorCode.RELATIVE_CONFLICT,
                field="actor",
            )
    elif Evaluation.objects.filter(
        cycle_id=evaluation.cycle_id, unit_id=evaluation.unit_id, person_id=own, is_head=True
    ).exists():
        raise DomainError(
            _("Người đứng đầu không được %(what)s cho tập thể do mình đứng đầu.") % {"what": what},
            code=EvaluationsErrorCode.HEAD_CONFLICT,
            field="actor",
        )


def note_rating_change(
    *,
    actor: Actor | None,
    evaluation: Evaluation,
    stage: str,
    new_rating: str,
    new_score: Decimal | None,
    reason: str,
) -> RatingChange | None:
    """Keep the old rating when a step gives a different one; the reason is required."""
    old = evaluation.current_rating
    if not old or old == new_rating:
        return None
    if len(reason.strip()) < 5:
        raise DomainError(
            _("Xếp loại thay đổi từ «%(old)s» sang «%(new)s»: cần ghi lý do thay đổi.")
            % {"old": rating_label(old), "new": rating_label(new_rating)},
            field="reason",
            code=EvaluationsErrorCode.CHANGE_REASON_REQUIRED,
        )
    old_score = evaluation.final_score
    if old_score is None:
        old_score = (
            evaluation.proposed_score if evaluation.proposed_score is not None else evaluation.self_score
        )
    return RatingChange.objects.create(
        evaluation=evaluation,
        stage=stage,
        old_rating=old,
        new_rating=new_rating,
        old_score=old_score,
        new_score=new_score,
        reason=reason.strip(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def subject_label(evaluation: Evaluation) -> str:
    if evaluation.person_id is None:
        return f"Tập thể {evaluation.unit.name}"
    assert evaluation.person is not None
    return evaluation.person.full_name


def criteria_of(pack_code: str, frame: str) -> list[Criterion]:
    """The criteria of ``frame`` under the pack, whether the pack lists tuples or ``Criterion``."""
    found: list[Criterion] = []
    for item in get_pack(pack_code).criteria(frame):
        found.append(item if isinstance(item, Criterion) else Criterion(*item))
    return found
