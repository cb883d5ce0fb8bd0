"""What the rows of an import name, looked up in bulk: units, evaluations, the importer's own people.

A person imports only for units they may edit; other units read as "not in the cycle". Nobody enters a
proposed rating for themselves or a relative, and a decided or exempt evaluation is not overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import Actor
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Stage
from tochuc.evaluations.services.importing.rows import H_PERSON, H_UNIT, CellError, ImportRow
from tochuc.orgunits.models import OrgUnit
from tochuc.people.relations import related_person_ids


@dataclass
class Lookups:
    cycle: EvaluationCycle
    units: dict[str, OrgUnit]  # code → unit of the cycle's subtree the importer may edit
    by_person: dict[str, Evaluation]  # person code → evaluation in the cycle
    by_unit: dict[str, Evaluation]  # unit code → the collective's evaluation
    conflicted: set[int]  # the importer and their relatives: never rated by this import
    seen: dict[str, int]  # row key → first row that named it


def look_up(actor: Actor | None, cycle: EvaluationCycle, rows: list[ImportRow]) -> Lookups:
    units = {
        u.code: u
        for u in OrgUnit.objects.filter(
            code__in={r.unit for r in rows if r.unit}, path__startswith=cycle.unit.path
        )
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
    return Lookups(cycle, units, by_person, by_unit, conflicted, {})


def _person_evaluation(
    row: ImportRow, unit: OrgUnit | None, found: Lookups
) -> tuple[Evaluation | None, list[CellError]]:
    evaluation = found.by_person.get(row.person)
    if evaluation is None:
        message = _("Đảng viên «%(person)s» không có trong đợt đánh giá.") % {"person": row.person}
        return None, [(row.row, H_PERSON, message)]
    homes = {evaluation.unit_id, evaluation.person.unit_id if evaluation.person else None}
    if unit is not None and not row.is_head and unit.pk not in homes:
        message = _("Đảng viên «%(person)s» không thuộc đơn vị «%(unit)s».") % {
            "person": row.person,
            "unit": row.unit,
        }
        return evaluation, [(row.row, H_UNIT, message)]
    return evaluation, []


def target_errors(
    row: ImportRow, found: Lookups
) -> tuple[list[CellError], Evaluation | None, OrgUnit | None]:
    """What is wrong with the unit and person ``row`` names; the evaluation and unit it lands in."""
    errors: list[CellError] = []
    unit = found.units.get(row.unit)
    if not row.unit:
        errors.append((row.row, H_UNIT, _("Thiếu mã đơn vị.")))
    elif unit is None:
        errors.append(
            (
                row.row,
                H_UNIT,
                _("Không có đơn vị «%(unit)s» trong phạm vi đợt %(cycle)s.")
                % {"unit": row.unit, "cycle": found.cycle.code},
            )
        )
    evaluation: Evaluation | None = None
    if row.person:
        evaluation, wrong = _person_evaluation(row, unit, found)
        errors += wrong
    elif unit is not None:
        evaluation = found.by_unit.get(unit.code)
        if evaluation is None:
            errors.append(
                (
                    row.row,
                    H_UNIT,
                    _("Đơn vị «%(unit)s» không được đánh giá trong đợt này.") % {"unit": row.unit},
                )
            )
    column = H_PERSON if row.person else H_UNIT
    if row.key in found.seen:
        errors.append((row.row, column, _("Trùng với dòng %(row)d.") % {"row": found.seen[row.key]}))
    found.seen.setdefault(row.key, row.row)
    if evaluation is not None:
        errors += _evaluation_errors(row, evaluation, found)
    return errors, evaluation, unit


def _evaluation_errors(row: ImportRow, evaluation: Evaluation, found: Lookups) -> list[CellError]:
    errors: list[CellError] = []
    if evaluation.person_id in found.conflicted:
        errors.append(
            (
                row.row,
                H_PERSON,
                _("Không được nhập đề xuất xếp loại cho chính mình hoặc người thân của mình."),
            )
        )
    if evaluation.stage == Stage.NOT_REVIEWED:
        errors.append(
            (
                row.row,
                H_PERSON,
                _("Không thuộc diện đánh giá: %(reason)s.") % {"reason": evaluation.not_reviewed_reason},
            )
        )
    elif evaluation.stage == Stage.DECIDED:
        column = H_PERSON if row.person else H_UNIT
        errors.append((row.row, column, _("Đã có quyết định xếp loại.")))
    return errors
