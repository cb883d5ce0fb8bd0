"""The steps of one evaluation, in order: self-review → comments → appraisal → decision.

A step may be recorded again while the next one has not been; a step out of order is refused with a
message naming the step that is missing. Every change of a rating already given keeps a
``RatingChange`` with the old value, who changed it and why.

Who: the self-review by the cadre linked to the person (``User.person``) or by a specialist (EDIT) entering
the paper form — recorded as such; comments and appraisal by EDIT on the unit; the decision by APPROVE on
the unit, and for a collective by APPROVE on the level directly above it (which rates it). Nobody appraises
or decides on themselves, on a recorded relative (either direction) or on the collective they head; the
user who appraised an evaluation may not decide it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tochuc.accounts.policy import Action, can, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError, not_found
from tochuc.core.text import nfc
from tochuc.evaluations.errors import EvaluationsErrorCode
from tochuc.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    Justification,
    Stage,
)
from tochuc.evaluations.rules import Finding, Severity, check_decision, get_pack
from tochuc.evaluations.services.common import (
    check_not_conflicted,
    check_rating,
    check_score,
    criteria_of,
    note_rating_change,
    rating_label,
    require_open,
    subject_label,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ORDER: list[str] = [Stage.PENDING, Stage.SELF_REVIEW, Stage.COMMENTS, Stage.APPRAISAL, Stage.DECIDED]
STEP_NAMES: dict[str, StrOrPromise] = {
    Stage.SELF_REVIEW: gettext_lazy("tự kiểm điểm"),
    Stage.COMMENTS: gettext_lazy("lấy ý kiến tập thể"),
    Stage.APPRAISAL: gettext_lazy("thẩm định, đề xuất"),
    Stage.DECIDED: gettext_lazy("quyết định xếp loại"),
}
MIN_TEXT = 5


def _lock(evaluation: Evaluation) -> Evaluation:
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("cycle", "unit", "person")
        .get(pk=evaluation.pk)
    )


def _check_order(evaluation: Evaluation, step: str) -> None:
    """``step`` may follow the previous step, or be recorded again before the next one."""
    if evaluation.stage == Stage.NOT_REVIEWED:
        raise DomainError(
            _("%(subject)s không thuộc diện đánh giá: %(reason)s.")
            % {"subject": subject_label(evaluation), "reason": evaluation.not_reviewed_reason},
            code=EvaluationsErrorCode.NOT_UNDER_REVIEW,
        )
    target = ORDER.index(step)
    current = ORDER.index(evaluation.stage)
    if current < target - 1:
        missing = ORDER[current + 1]
        raise DomainError(
            _("Chưa thể %(step)s: bước «%(missing)s» chưa được thực hiện.")
            % {"step": STEP_NAMES[step], "missing": STEP_NAMES[missing]},
            code=EvaluationsErrorCode.STEP_MISSING,
        )
    if current > target:
        raise DomainError(
            _("Đã qua bước «%(step)s» (hiện ở bước «%(current)s»); không ghi lại bước trước được.")
            % {"step": STEP_NAMES[step], "current": STEP_NAMES[evaluation.stage]},
            code=EvaluationsErrorCode.STEP_PASSED,
        )


def _step(
    evaluation: Evaluation, stage: str, actor: Actor | None, score: Decimal | None, rating: str, note: str
) -> None:
    EvaluationStep.objects.create(
        evaluation=evaluation,
        stage=stage,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        score=score,
        rating=rating,
        note=note,
    )


def _text(value: str, field: str, message: str) -> str:
    value = nfc(value or "")
    if len(value) < MIN_TEXT:
        raise DomainError(message, field=field, code=EvaluationsErrorCode.TEXT_REQUIRED)
    return value


def _audit(actor: Actor | None, action: str, evaluation: Evaluation, summary: Mapping[str, object]) -> None:
    record(
        actor=actor,
        action=action,
        target=evaluation,
        unit_path=evaluation.unit.path,
        summary={
            "cycle": evaluation.cycle.code,
            "unit": evaluation.unit.code,
            "person": evaluation.person.code if evaluation.person else None,
            **summary,
        },
        object_label=f"{evaluation.cycle.code} — {subject_label(evaluation)}",
    )


def clean_criteria(evaluation: Evaluation, criteria: Mapping[str, object]) -> tuple[dict[str, str], Decimal]:
    """Points per criterion of the evaluation's frame, each within its maximum; returns them and their sum."""
    wanted = criteria_of(evaluation.cycle.pack, evaluation.frame)
    unknown = set(criteria) - {c.key for c in wanted}
    if unknown:
        raise DomainError(
            _("Tiêu chí không có trong khung: %(criteria)s.") % {"criteria": ", ".join(sorted(unknown))},
            field="criteria",
            code=EvaluationsErrorCode.UNKNOWN_CRITERIA,
        )
    cleaned: dict[str, str] = {}
    total = Decimal(0)
    for criterion in wanted:
        raw = criteria.get(criterion.key)
        if raw is None or raw == "":
            raise DomainError(
                _("Chưa chấm điểm tiêu chí «%(criterion)s».") % {"criterion": criterion.label},
                field=criterion.key,
                code=EvaluationsErrorCode.CRITERION_NOT_SCORED,
            )
        try:
            points = Decimal(str(raw)).quantize(Decimal("0.1"))
        except ArithmeticError as exc:
            raise DomainError(
                _("Điểm tiêu chí «%(criterion)s» phải là số.") % {"criterion": criterion.label},
                field=criterion.key,
                code=EvaluationsErrorCode.CRITERION_SCORE_NOT_A_NUMBER,
            ) from exc
        if not Decimal(0) <= points <= Decimal(criterion.max_points):
            raise DomainError(
                _("Điểm tiêu chí «%(criterion)s» phải từ 0 đến %(max)s.")
                % {"criterion": criterion.label, "max": criterion.max_points},
                field=criterion.key,
                code=EvaluationsErrorCode.CRITERION_SCORE_OUT_OF_RANGE,
            )
        cleaned[criterion.key] = str(points)
        total += points
    return cleaned, total


@transaction.atomic
def self_review_submit(
    *,
    actor: Actor | None,
    evaluation: Evaluation,
    criteria: Mapping[str, object],
    self_review: str,
    evidence: str = "",
    rating: str = "",
    reason: str = "",
) -> Evaluation:
    """The cadre's self-review (or a specialist entering the paper form for them — recorded as such).

    The score is the sum of the criteria; the rating is the one given or, if none, the band of the score.
    """
    evaluation = _lock(evaluation)
    own = (
        actor is not None
        and evaluation.person_id is not None
        and getattr(actor, "person_id", None) == evaluation.person_id
    )
    if actor is not None and not own:
        enforce(actor, Action.EDIT, evaluation.unit)
    require_open(evaluation.cycle)
    _check_order(evaluation, Stage.SELF_REVIEW)
    cleaned, score = clean_criteria(evaluation, criteria)
    pack = get_pack(evaluation.cycle.pack)
    rating = check_rating(rating) if rating else str(pack.rating_for_score(float(score)))
    text = _text(
        self_review, "self_review", _("Bản tự kiểm điểm cần ghi rõ ưu điểm, hạn chế (ít nhất vài từ).")
    )
    change = note_rating_change(
        actor=actor,
        evaluation=evaluation,
        stage=Stage.SELF_REVIEW,
        new_rating=rating,
        new_score=score,
        reason=reason,
    )
    evaluation.self_criteria = cleaned
    evaluation.self_score = score
    evaluation.self_rating = rating
    evaluation.self_review = text
    evaluation.evidence = nfc(evidence or "")
    evaluation.stage = Stage.SELF_REVIEW
    evaluation.save()
    entered_for = actor is not None and not own
    note = "Chuyên viên nhập hộ từ bản tự kiểm điểm giấy" if entered_for else ""
    _step(evaluation, Stage.SELF_REVIEW, actor, score, rating, note)
    _audit(
        actor,
        "evaluation.self_review",
        evaluation,
        {"score": score, "rating": rating, "entered_for": entered_for, "changed": bool(change)},
    )
    return evaluation


@transaction.atomic
def comments_record(
    *, actor: Actor | None, evaluation: Evaluation, comments: str, suggested_rating: str, reason: str = ""
) -> Evaluation:
    """The collective's comments and the rating it suggests."""
    evaluation = _lock(evaluation)
    enforce(actor, Action.EDIT, evaluation.unit)
    require_open(evaluation.cycle)
    _check_order(evaluation, Stage.COMMENTS)
    rating = check_rating(suggested_rating, "suggested_rating")
    text = _text(comments, "comments", _("Cần ghi ý kiến của tập thể."))
    change = note_rating_change(
        actor=actor,
        evaluation=evaluation,
        stage=Stage.COMMENTS,
        new_rating=rating,
        new_score=None,
        reason=reason or "",
    )
    evaluation.comments = text
    evaluation.suggested_rating = rating
    evaluation.stage = Stage.COMMENTS
    evaluation.save()
    _step(evaluation, Stage.COMMENTS, actor, None, rating, text)
    _audit(actor, "evaluation.comments", evaluation, {"rating": rating, "changed": bool(change)})
    return evaluation


@transaction.atomic
def appraisal_record(
    *, actor: Actor | None, evaluation: Evaluation, score: object, rating: str, reason: str
) -> Evaluation:
    """The advisory body's appraisal: proposed score and rating with the reason."""
    evaluation = _lock(evaluation)
    enforce(actor, Action.EDIT, evaluation.unit)
    require_open(evaluation.cycle)
    _check_order(evaluation, Stage.APPRAISAL)
    check_not_conflicted(actor, evaluation, _("thẩm định, đề xuất xếp loại"))
    rating = check_rating(rating)
    proposed = check_score(score)
    text = _text(reason, "reason", _("Cần ghi lý do đề xuất xếp loại."))
    change = note_rating_change(
        actor=actor,
        evaluation=evaluation,
        stage=Stage.APPRAISAL,
        new_rating=rating,
        new_score=proposed,
        reason=text,
    )
    evaluation.proposed_score = proposed
    evaluation.proposed_rating = rating
    evaluation.proposal_reason = text
    evaluation.stage = Stage.APPRAISAL
    evaluation.save()
    _step(evaluation, Stage.APPRAISAL, actor, proposed, rating, text)
    _audit(
        actor,
        "evaluation.appraisal",
        evaluation,
        {"score": proposed, "rating": rating, "changed": bool(change)},
    )
    return evaluation


def _justifications(cycle: EvaluationCycle, finding: Finding) -> list[int | None]:
    """The authors of the justifications written for this finding (none when there is none)."""
    rows = Justification.objects.filter(cycle=cycle, rule=finding.rule, unit__code=finding.unit)
    rows = rows.filter(person__code=finding.person) if finding.person else rows.filter(person__isnull=True)
    return list(rows.values_list("author_id", flat=True))


def decision_unit(evaluation: Evaluation) -> OrgUnit:
    """Where the decision is taken: a collective is rated by the level directly above it."""
    if evaluation.person_id is None and evaluation.unit.parent_id is not None:
        parent = OrgUnit.objects.get(pk=evaluation.unit.parent_id)
        return parent
    return evaluation.unit


@transaction.atomic
def decision_record(
    *, actor: Actor | None, evaluation: Evaluation, rating: str, score: object = None, reason: str = ""
) -> Evaluation:
    """The competent level's decision. Refused on a ``block`` finding or an unjustified ``justify`` one."""
    evaluation = _lock(evaluation)
    enforce(actor, Action.APPROVE, evaluation.unit)
    deciding_unit = decision_unit(evaluation)
    if actor is not None and not can(actor, Action.APPROVE, deciding_unit):
        raise DomainError(
            _("Xếp loại tập thể %(unit)s do cấp trên trực tiếp (%(deciding_unit)s) quyết định.")
            % {"unit": evaluation.unit.name, "deciding_unit": deciding_unit.name},
            code=EvaluationsErrorCode.DECIDED_BY_SUPERIOR,
            field="rating",
        )
    require_open(evaluation.cycle)
    _check_order(evaluation, Stage.DECIDED)
    check_not_conflicted(actor, evaluation, _("quyết định xếp loại"))
    if (
        actor is not None
        and EvaluationStep.objects.filter(evaluation=evaluation, stage=Stage.APPRAISAL, actor=actor).exists()
    ):
        raise DomainError(
            _("Người đã thẩm định, đề xuất không được đồng thời quyết định xếp loại cùng trường hợp."),
            code=EvaluationsErrorCode.APPRAISER_DECIDES,
            field="actor",
        )
    rating = check_rating(rating)
    final = check_score(score)
    if final is None:
        final = evaluation.proposed_score if evaluation.proposed_score is not None else evaluation.self_score
    findings = check_decision(evaluation, rating=rating, score=None if final is None else float(final))
    blocks = [f for f in findings if f.severity == Severity.BLOCK]
    if blocks:
        raise DomainError(
            _("Không ghi được quyết định xếp loại:\n%(findings)s")
            % {"findings": "\n".join(f.message for f in blocks)},
            code=EvaluationsErrorCode.DECISION_BLOCKED,
            field="rating",
        )
    to_justify = [
        (f, _justifications(evaluation.cycle, f)) for f in findings if f.severity == Severity.JUSTIFY
    ]
    missing = [f for f, authors in to_justify if not (authors or getattr(f, "justified", False))]
    if missing:
        raise DomainError(
            _("Cần có văn bản giải trình trước khi quyết định:\n%(findings)s")
            % {"findings": "\n".join(f.message for f in missing)},
            code=EvaluationsErrorCode.JUSTIFICATION_MISSING,
            field="rating",
        )
    actor_id = getattr(actor, "pk", None) if getattr(actor, "is_authenticated", False) else None
    own = [f for f, authors in to_justify if actor_id is not None and set(authors) == {actor_id}]
    if own:
        raise DomainError(
            _(
                "Người viết giải trình không đồng thời quyết định xếp loại; cần người khác có thẩm quyền "
                "quyết định:\n%(findings)s"
            )
            % {"findings": "\n".join(f.message for f in own)},
            code=EvaluationsErrorCode.JUSTIFIER_DECIDES,
            field="actor",
        )
    change = note_rating_change(
        actor=actor,
        evaluation=evaluation,
        stage=Stage.DECIDED,
        new_rating=rating,
        new_score=final,
        reason=reason,
    )
    evaluation.final_rating = rating
    evaluation.final_score = final
    evaluation.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    evaluation.decided_at = timezone.now()
    evaluation.stage = Stage.DECIDED
    evaluation.save()
    _step(evaluation, Stage.DECIDED, actor, final, rating, nfc(reason or ""))
    _audit(
        actor,
        "evaluation.decide",
        evaluation,
        {
            "score": final,
            "rating": rating,
            "rating_label": rating_label(rating),
            "changed": bool(change),
            "justified": sorted({f.rule for f in findings if f.severity == Severity.JUSTIFY}),
        },
    )
    return evaluation


@transaction.atomic
def justification_write(
    *, actor: Actor | None, cycle: EvaluationCycle, rule: str, unit: OrgUnit, person: Person | None, text: str
) -> Justification:
    """A written justification of a ``justify`` finding, which the upper level sees in the summary."""
    if actor is not None and not (can(actor, Action.EDIT, unit) or can(actor, Action.APPROVE, unit)):
        raise not_found()
    require_open(cycle)
    if not unit.path.startswith(cycle.unit.path):
        raise DomainError(
            _("Đơn vị không thuộc phạm vi của đợt đánh giá."),
            field="unit",
            code=EvaluationsErrorCode.UNIT_OUTSIDE_CYCLE,
        )
    rule = (rule or "").strip()
    if not rule or len(rule) > 80:
        raise DomainError(
            _("Thiếu mã quy tắc cần giải trình."), field="rule", code=EvaluationsErrorCode.RULE_REQUIRED
        )
    body = nfc(text or "")
    if len(body) < 10:
        raise DomainError(
            _("Văn bản giải trình cần nêu rõ lý do (ít nhất 10 ký tự)."),
            field="text",
            code=EvaluationsErrorCode.JUSTIFICATION_TOO_SHORT,
        )
    justification = Justification.objects.create(
        cycle=cycle,
        rule=rule,
        unit=unit,
        person=person,
        text=body,
        author=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        actor=actor,
        action="evaluation.justify",
        target=justification,
        unit_path=unit.path,
        summary={
            "cycle": cycle.code,
            "rule": rule,
            "unit": unit.code,
            "person": person.code if person else None,
        },
        object_label=f"{cycle.code} — {rule} — {unit.name}",
    )
    return justification
