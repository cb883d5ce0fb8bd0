"""Proposed results from a workbook, all-or-nothing.

Headers (first row, exact): ``Mã đơn vị``, ``Mã đảng viên`` (empty on the collective's row), ``Điểm``
(0–100), ``Xếp loại`` (one of the four labels), ``Người đứng đầu`` ("x" on the head's row). Results land
as the appraisal (proposed score and rating); a person marked as head is evaluated in the unit of the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from tochuc.accounts.policy import Action, can
from tochuc.audit.services import record
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.evaluations.models import Evaluation, EvaluationCycle, EvaluationStep, Rating, Stage
from tochuc.evaluations.services.common import note_rating_change, require_open
from tochuc.orgunits.models import OrgUnit
from tochuc.people.relations import related_person_ids

H_UNIT, H_PERSON, H_SCORE, H_RATING, H_HEAD = (
    "Mã đơn vị",
    "Mã đảng viên",
    "Điểm",
    "Xếp loại",
    "Người đứng đầu",
)
HEADERS = [H_UNIT, H_PERSON, H_SCORE, H_RATING, H_HEAD]
RATING_BY_LABEL = {str(label): value for value, label in Rating.choices}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class ImportRow:
    row: int  # row number in the sheet (headers are row 1)
    unit: str
    person: str
    score: Any
    rating: str
    head: str


class ImportRejected(DomainError):
    """Nothing imported; ``errors`` lists every bad cell as (row, column, message)."""

    def __init__(self, errors: list[tuple[int, str, str]]) -> None:
        super().__init__(f"Không nhập: có {len(errors)} lỗi trong tệp.")
        self.errors = errors


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def read_workbook(path: str | Path) -> list[ImportRow]:
    """The rows of the first sheet; missing headers are a rejection."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(str(path), read_only=True, data_only=True)
    except Exception as exc:
        raise DomainError(f"Không đọc được tệp Excel: {exc}") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_cell(v) for v in next(rows, ())]
    missing = [h for h in HEADERS if h not in header]
    if missing:
        workbook.close()
        raise ImportRejected([(1, h, "Thiếu cột bắt buộc.") for h in missing])
    index = {h: header.index(h) for h in HEADERS}
    found: list[ImportRow] = []
    for number, values in enumerate(rows, start=2):
        cells = list(values) + [None] * len(header)
        if all(v is None or _cell(v) == "" for v in values):
            continue
        found.append(
            ImportRow(
                row=number,
                unit=_cell(cells[index[H_UNIT]]).upper(),
                person=_cell(cells[index[H_PERSON]]).upper(),
                score=cells[index[H_SCORE]],
                rating=_cell(cells[index[H_RATING]]),
                head=_cell(cells[index[H_HEAD]]).lower(),
            )
        )
        if len(found) > MAX_ROWS:
            break
    workbook.close()
    return found


def _score(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        score = Decimal(str(value).strip().replace(",", ".")).quantize(Decimal("0.1"))
    except InvalidOperation:
        raise ValueError from None
    if not Decimal(0) <= score <= Decimal(100):
        raise ValueError
    return score


@transaction.atomic
def evaluation_import(
    *, actor: Any, cycle: EvaluationCycle, rows: list[ImportRow], source: str = ""
) -> dict[str, int]:
    """Write every row or none; raises ``ImportRejected`` with every bad cell."""
    cycle = EvaluationCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)
    require_open(cycle)
    errors: list[tuple[int, str, str]] = []
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in={r.unit for r in rows if r.unit}, path__startswith=cycle.unit.path
        )
        # A person imports only for units they may edit; others read as "not in the cycle".
        if actor is None or can(actor, Action.EDIT, u)
    }
    own = getattr(actor, "person_id", None) if actor is not None else None
    conflicted = ({own} | related_person_ids(own)) if own is not None else set()
    evaluations = cycle.evaluations.select_related("unit", "person")
    by_person = {
        e.person.code: e
        for e in evaluations.filter(person__code__in={r.person for r in rows if r.person})
        if e.person is not None
    }
    by_unit = {e.unit.code: e for e in evaluations.filter(person__isnull=True, unit__code__in=set(units))}
    seen: dict[str, int] = {}
    heads: dict[str, int] = {}
    plan: list[tuple[Evaluation, Decimal, str, OrgUnit | None, bool]] = []
    for row in rows:
        bad = len(errors)
        unit = units.get(row.unit)
        if not row.unit:
            errors.append((row.row, H_UNIT, "Thiếu mã đơn vị."))
        elif unit is None:
            errors.append((row.row, H_UNIT, f"Không có đơn vị «{row.unit}» trong phạm vi đợt {cycle.code}."))
        evaluation: Evaluation | None = None
        if row.person:
            evaluation = by_person.get(row.person)
            if evaluation is None:
                errors.append((row.row, H_PERSON, f"Đảng viên «{row.person}» không có trong đợt đánh giá."))
            elif (
                unit is not None
                and row.head != "x"
                and unit.pk
                not in {
                    evaluation.unit_id,
                    evaluation.person.unit_id if evaluation.person else None,
                }
            ):
                errors.append((row.row, H_UNIT, f"Đảng viên «{row.person}» không thuộc đơn vị «{row.unit}»."))
        elif unit is not None:
            evaluation = by_unit.get(unit.code)
            if evaluation is None:
                errors.append((row.row, H_UNIT, f"Đơn vị «{row.unit}» không được đánh giá trong đợt này."))
        key = row.person or f"@{row.unit}"
        if key in seen:
            errors.append((row.row, H_PERSON if row.person else H_UNIT, f"Trùng với dòng {seen[key]}."))
        seen.setdefault(key, row.row)
        if evaluation is not None and evaluation.person_id in conflicted:
            errors.append(
                (
                    row.row,
                    H_PERSON,
                    "Không được nhập đề xuất xếp loại cho chính mình hoặc người thân của mình.",
                )
            )
        if evaluation is not None and evaluation.stage == Stage.NOT_REVIEWED:
            errors.append(
                (row.row, H_PERSON, f"Không thuộc diện đánh giá: {evaluation.not_reviewed_reason}.")
            )
        elif evaluation is not None and evaluation.stage == Stage.DECIDED:
            errors.append((row.row, H_PERSON if row.person else H_UNIT, "Đã có quyết định xếp loại."))
        try:
            score = _score(row.score)
        except ValueError:
            errors.append((row.row, H_SCORE, "Điểm phải là số từ 0 đến 100."))
            score = None
        else:
            if score is None:
                errors.append((row.row, H_SCORE, "Thiếu điểm."))
        rating = RATING_BY_LABEL.get(row.rating, "")
        if not rating:
            errors.append(
                (row.row, H_RATING, "Xếp loại phải là một trong: " + "; ".join(RATING_BY_LABEL) + ".")
            )
        if row.head not in ("", "x"):
            errors.append((row.row, H_HEAD, "Chỉ ghi «x» ở dòng của người đứng đầu, hoặc để trống."))
        elif row.head == "x":
            if not row.person:
                errors.append((row.row, H_HEAD, "Dòng của tập thể không đánh dấu người đứng đầu."))
            elif row.unit in heads:
                errors.append(
                    (row.row, H_HEAD, f"Đơn vị «{row.unit}» đã có người đứng đầu ở dòng {heads[row.unit]}.")
                )
            else:
                heads[row.unit] = row.row
        if len(errors) == bad and evaluation is not None and score is not None:
            plan.append((evaluation, score, rating, unit, row.head == "x"))
    if errors:
        raise ImportRejected(errors)
    reason = f"Nhập kết quả đề xuất từ tệp {source or 'Excel'}"
    for evaluation, score, rating, unit, is_head in plan:
        note_rating_change(
            actor=actor,
            evaluation=evaluation,
            stage=Stage.APPRAISAL,
            new_rating=rating,
            new_score=score,
            reason=reason,
        )
        evaluation.proposed_score = score
        evaluation.proposed_rating = rating
        evaluation.proposal_reason = evaluation.proposal_reason or reason
        evaluation.stage = Stage.APPRAISAL
        if evaluation.person_id is not None and unit is not None:
            evaluation.is_head = is_head
            evaluation.unit = unit
    Evaluation.objects.bulk_update(
        [p[0] for p in plan],
        ["proposed_score", "proposed_rating", "proposal_reason", "stage", "is_head", "unit"],
        batch_size=2000,
    )
    EvaluationStep.objects.bulk_create(
        [
            EvaluationStep(
                evaluation=e,
                stage=Stage.APPRAISAL,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                score=score,
                rating=rating,
                note=reason,
            )
            for e, score, rating, _, _ in plan
        ],
        batch_size=2000,
    )
    summary = {"code": cycle.code, "rows": len(plan), "heads": len(heads), "source": source}
    record(
        actor=actor,
        action="evaluation.import",
        target=cycle,
        unit_path=cycle.unit.path,
        summary=summary,
        object_label=str(cycle),
    )
    return {"rows": len(plan), "heads": len(heads)}
