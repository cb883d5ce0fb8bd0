"""Opening and closing a cycle; task figures from tracked tasks.

Who is evaluated when a cycle opens (documented choices):

- **Collectives**: every unit of the subtree still in force (``valid_to`` empty), of every kind except
  the Central Committee itself — Party committees (province, commune), grassroots organizations, cells,
  agencies and their departments. The root of the cycle is included: the level above rates it.
- **Individuals**: every person whose ``unit`` is in the subtree and whose membership is not ``left``
  (people without a membership row are cadres and are evaluated too).
- **Frame**: a person holding, at the end of the period, a position whose title is a leadership title is
  a *leader* — a *cadre managed by the Centre* when that title is in leadership group 1; otherwise a person
  with no open assignment and an empty ``workplace`` is a *member outside the political system*; everyone
  else is a *non-leader*.
- **Head**: in each unit, the holder (not acting) of the unit's leadership position ranked first —
  titles not starting with "Phó" (deputy) before deputies, then the lowest leadership group, then the
  earliest start. The head is evaluated in the unit they lead (``Evaluation.unit``), so the rule
  "the head may not be rated above the collective" compares the two rows of the same unit; every other
  person is evaluated in their own unit.
- **Not reviewed** (stage ``not_reviewed`` with the reason): members exempted from Party activities,
  suspended members, and members admitted less than the pack's ``min_membership_months`` (6) before the
  end of the period.
- ``disciplined`` is set for people with a discipline decided within the period.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.evaluations.errors import EvaluationsErrorCode
from tochuc.evaluations.models import (
    CycleKind,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    Frame,
    Stage,
    SubjectKind,
)
from tochuc.evaluations.rules import DEFAULT_PACK, get_pack
from tochuc.evaluations.services.common import period_end, period_start, require_open
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import MembershipStatus, Person, PersonDiscipline
from tochuc.positions.models import Assignment, AssignmentKind

if TYPE_CHECKING:
    from tochuc.directives.evidence import TaskEvidence

CYCLE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
BATCH = 5000
NOT_REVIEWED_STATUS: dict[str, str] = {
    MembershipStatus.EXEMPT: "Đảng viên được miễn sinh hoạt đảng",
    MembershipStatus.SUSPENDED: "Đảng viên đang bị đình chỉ sinh hoạt đảng",
}


def _months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    return dt.date(year, month, 28)  # pragma: no cover


def _clean_deadlines(deadlines: dict[str, dt.date | None]) -> None:
    order = ["self_review_due", "comments_due", "appraisal_due", "decision_due"]
    given = [(name, deadlines[name]) for name in order if deadlines.get(name)]
    for (_earlier, before), (name, after) in itertools.pairwise(given):
        assert before is not None and after is not None
        if after < before:
            raise DomainError(
                _("Hạn các bước phải theo thứ tự: tự kiểm điểm, lấy ý kiến, thẩm định, quyết định."),
                field=name,
                code=EvaluationsErrorCode.DEADLINES_OUT_OF_ORDER,
            )


def _heads(units: dict[int, str], end: dt.date) -> dict[int, int]:
    """unit id → person id of its head, from the open leadership assignments at ``end``."""
    rows = (
        Assignment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=end),
            position__unit_id__in=list(units),
            position__title__is_leadership=True,
            kind=AssignmentKind.HOLDER,
            start__lte=end,
        )
        .order_by()
        .values_list(
            "position__unit_id",
            "person_id",
            "position__title__name",
            "position__title__leadership_group",
            "start",
            "pk",
        )
    )
    best: dict[int, tuple[bool, int | str, dt.date, int, int]] = {}
    for unit_id, person_id, title, group, start, pk in rows:
        key = (nfc(title).lower().startswith("phó"), group or 9, start, pk, person_id)
        if unit_id not in best or key < best[unit_id]:
            best[unit_id] = key
    return {unit_id: key[-1] for unit_id, key in best.items()}


def _leader_titles(person_ids: Iterable[int], end: dt.date) -> dict[int, int]:
    """person id → best (lowest) leadership group held at ``end`` (9 when the title has no group)."""
    found: dict[int, int] = {}
    rows = (
        Assignment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=end),
            person_id__in=person_ids,
            start__lte=end,
            position__title__is_leadership=True,
        )
        .order_by()
        .values_list("person_id", "position__title__leadership_group")
    )
    for person_id, group in rows:
        found[person_id] = min(found.get(person_id, 9), group or 9)
    return found


def _assigned(person_ids: Iterable[int], end: dt.date) -> set[int]:
    return set(
        Assignment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=end), person_id__in=person_ids, start__lte=end
        )
        .order_by()
        .values_list("person_id", flat=True)
    )


def _chunks(items: list[int], size: int = BATCH) -> Iterable[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def cycle_open(
    *,
    actor: Actor | None,
    code: str,
    name: str,
    unit: OrgUnit,
    kind: str,
    year: int,
    quarter: int | None = None,
    pack: str = DEFAULT_PACK,
    self_review_due: dt.date | None = None,
    comments_due: dt.date | None = None,
    appraisal_due: dt.date | None = None,
    decision_due: dt.date | None = None,
) -> EvaluationCycle:
    """Open a cycle over ``unit``'s subtree: one evaluation per collective and per person, in bulk."""
    enforce(actor, Action.EDIT, unit)
    code = code.strip().upper()
    if not CYCLE_CODE.match(code):
        raise DomainError(
            _("Mã đợt chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang."),
            field="code",
            code=EvaluationsErrorCode.INVALID_CYCLE_CODE,
        )
    if EvaluationCycle.objects.filter(code=code).exists():
        raise DomainError(
            _("Mã đợt «%(code)s» đã được dùng.") % {"code": code},
            field="code",
            code=EvaluationsErrorCode.CYCLE_CODE_TAKEN,
        )
    name = nfc(name)
    if not name:
        raise DomainError(
            _("Tên đợt đánh giá không được để trống."),
            field="name",
            code=EvaluationsErrorCode.CYCLE_NAME_REQUIRED,
        )
    if len(name) > 255:
        raise DomainError(
            _("Tên đợt đánh giá dài quá 255 ký tự."),
            field="name",
            code=EvaluationsErrorCode.CYCLE_NAME_TOO_LONG,
        )
    if kind not in CycleKind.values:
        raise DomainError(
            _("Loại đợt không hợp lệ."), field="kind", code=EvaluationsErrorCode.INVALID_CYCLE_KIND
        )
    if not 2000 <= int(year) <= 2100:
        raise DomainError(
            _("Năm phải từ 2000 đến 2100."), field="year", code=EvaluationsErrorCode.INVALID_YEAR
        )
    if kind == CycleKind.QUARTERLY:
        if quarter not in (1, 2, 3, 4):
            raise DomainError(
                _("Đợt hằng quý cần ghi quý (1–4)."),
                field="quarter",
                code=EvaluationsErrorCode.QUARTER_REQUIRED,
            )
    elif quarter is not None:
        raise DomainError(
            _("Chỉ đợt hằng quý mới ghi quý."), field="quarter", code=EvaluationsErrorCode.QUARTER_NOT_ALLOWED
        )
    if unit.valid_to is not None:
        raise DomainError(
            _("Đơn vị đã giải thể hoặc hợp nhất, không mở đợt được."),
            field="unit",
            code=EvaluationsErrorCode.UNIT_CLOSED,
        )
    rule_pack = get_pack(pack)
    deadlines = {
        "self_review_due": self_review_due,
        "comments_due": comments_due,
        "appraisal_due": appraisal_due,
        "decision_due": decision_due,
    }
    _clean_deadlines(deadlines)
    cycle = EvaluationCycle.objects.create(
        code=code,
        name=name,
        unit=unit,
        kind=kind,
        year=year,
        quarter=quarter,
        pack=rule_pack.code,
        opened_by=actor if getattr(actor, "is_authenticated", False) else None,
        **deadlines,
    )
    counts = _create_evaluations(cycle, unit, min_months=int(getattr(rule_pack, "min_membership_months", 6)))
    record(
        actor=actor,
        action="evaluation.cycle_open",
        target=cycle,
        unit_path=unit.path,
        summary={
            "code": code,
            "kind": kind,
            "year": year,
            "quarter": quarter,
            "pack": rule_pack.code,
            **counts,
        },
        object_label=str(cycle),
    )
    return cycle


def _create_evaluations(cycle: EvaluationCycle, root: OrgUnit, *, min_months: int) -> dict[str, int]:
    end, start = period_end(cycle), period_start(cycle)
    units = dict(
        OrgUnit.objects.filter(path__startswith=root.path, valid_to__isnull=True)
        .exclude(kind=UnitKind.CENTRAL)
        .order_by("path")
        .values_list("pk", "path")
    )
    Evaluation.objects.bulk_create(
        [
            Evaluation(
                cycle=cycle, unit_id=unit_id, subject_kind=SubjectKind.COLLECTIVE, frame=Frame.COLLECTIVE
            )
            for unit_id in units
        ],
        batch_size=BATCH,
    )
    heads = _heads(units, end)
    head_of = {person_id: unit_id for unit_id, person_id in heads.items()}
    people = list(
        Person.objects.filter(unit__path__startswith=root.path)
        .exclude(membership__status=MembershipStatus.LEFT)
        .order_by("unit__path", "sort_key", "pk")
        .values_list("pk", "unit_id", "workplace", "membership__status", "membership__admitted_on")
    )
    ids = [row[0] for row in people]
    leaders: dict[int, int] = {}
    assigned: set[int] = set()
    disciplined: set[int] = set()
    for chunk in _chunks(ids):
        leaders.update(_leader_titles(chunk, end))
        assigned |= _assigned(chunk, end)
        disciplined |= set(
            PersonDiscipline.objects.filter(person_id__in=chunk, decided_on__gte=start, decided_on__lte=end)
            .order_by()
            .values_list("person_id", flat=True)
        )
    admitted_limit = _months_before(end, min_months)
    rows: list[Evaluation] = []
    not_reviewed = 0
    for person_id, unit_id, workplace, status, admitted_on in people:
        if person_id in leaders:
            frame = Frame.CENTRAL_CADRE if leaders[person_id] == 1 else Frame.LEADER
        elif person_id not in assigned and not (workplace or "").strip():
            frame = Frame.OUTSIDE
        else:
            frame = Frame.NON_LEADER
        reason = NOT_REVIEWED_STATUS.get(status, "")
        if not reason and admitted_on is not None and admitted_on > admitted_limit:
            reason = (
                f"Vào Đảng ngày {admitted_on:%d/%m/%Y}, chưa đủ {min_months} tháng tính đến {end:%d/%m/%Y}"
            )
        not_reviewed += bool(reason)
        head_unit = head_of.get(person_id)
        rows.append(
            Evaluation(
                cycle=cycle,
                unit_id=head_unit or unit_id,
                person_id=person_id,
                subject_kind=SubjectKind.INDIVIDUAL,
                frame=frame,
                is_head=head_unit is not None,
                stage=Stage.NOT_REVIEWED if reason else Stage.PENDING,
                not_reviewed_reason=reason,
                disciplined=person_id in disciplined,
            )
        )
    Evaluation.objects.bulk_create(rows, batch_size=BATCH)
    return {"collectives": len(units), "individuals": len(rows), "not_reviewed": not_reviewed}


@transaction.atomic
def cycle_close(*, actor: Actor | None, cycle: EvaluationCycle, force: bool = False) -> EvaluationCycle:
    """Close the cycle. Refused while evaluations are undecided, unless ``force``."""
    cycle = EvaluationCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)
    enforce(actor, Action.EDIT, cycle.unit)
    require_open(cycle)
    undecided = cycle.evaluations.exclude(stage__in=[Stage.DECIDED, Stage.NOT_REVIEWED]).count()
    if undecided and not force:
        raise DomainError(
            _("Còn %(undecided)s trường hợp chưa có quyết định xếp loại; chưa kết thúc đợt được.")
            % {"undecided": undecided},
            code=EvaluationsErrorCode.UNDECIDED_REMAIN,
        )
    cycle.status = CycleStatus.CLOSED
    cycle.closed_at = timezone.now()
    cycle.save(update_fields=["status", "closed_at", "updated_at"])
    record(
        actor=actor,
        action="evaluation.cycle_close",
        target=cycle,
        unit_path=cycle.unit.path,
        summary={"code": cycle.code, "undecided": undecided},
        object_label=str(cycle),
    )
    return cycle


def _task_evidence() -> Callable[..., TaskEvidence] | None:
    try:
        from tochuc.directives.evidence import task_evidence
    except ImportError:
        return None
    return task_evidence


@transaction.atomic
def evaluation_refresh_tasks(
    *, actor: Actor | None, cycle: EvaluationCycle, unit: OrgUnit | None = None
) -> int:
    """Fill the task figures of the cycle's open evaluations (under ``unit``) from tracked tasks.

    A collective gets the tasks its unit leads, a person the tasks they are responsible for. ``tasks_late``
    counts tasks done late plus tasks overdue; evaluations with no tracked task due in the period keep
    their figures. One small query per evaluation: run it per unit on a large cycle. Returns the number
    of evaluations updated.
    """
    root = unit or cycle.unit
    enforce(actor, Action.EDIT, root)
    require_open(cycle)
    evidence = _task_evidence()
    if evidence is None:
        raise DomainError(
            _("Chưa có dữ liệu theo dõi nhiệm vụ (chỉ đạo, điều hành) để lấy số liệu."),
            code=EvaluationsErrorCode.NO_TASK_DATA,
        )
    start, end = period_start(cycle), period_end(cycle)
    rows = list(
        cycle.evaluations.filter(unit__path__startswith=root.path)
        .exclude(stage__in=[Stage.DECIDED, Stage.NOT_REVIEWED])
        .select_related("unit", "person")
    )
    fields = ["tasks_total", "tasks_done", "tasks_on_time", "tasks_late", "tasks_exceeding"]
    changed: list[Evaluation] = []
    for evaluation in rows:
        if evaluation.person is not None:
            found = evidence(person=evaluation.person, start=start, end=end)
        else:
            found = evidence(unit=evaluation.unit, start=start, end=end)
        if found is None or not int(found.due):
            continue  # no tracked task due in the period: keep the figures entered by hand
        values = {
            "tasks_total": int(found.due),
            "tasks_done": int(found.done_on_time) + int(found.done_late),
            "tasks_on_time": int(found.done_on_time),
            "tasks_late": int(found.done_late) + int(found.overdue),
            "tasks_exceeding": int(found.exceeding),
        }
        if any(getattr(evaluation, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(evaluation, key, value)
            changed.append(evaluation)
    Evaluation.objects.bulk_update(changed, fields, batch_size=BATCH)
    record(
        actor=actor,
        action="evaluation.refresh_tasks",
        target=cycle,
        unit_path=root.path,
        summary={"code": cycle.code, "unit": root.code, "updated": len(changed)},
        object_label=str(cycle),
    )
    return len(changed)
