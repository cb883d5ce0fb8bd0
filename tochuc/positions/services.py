"""Writes to job positions. Each service is one transaction with one audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today as _today
from tochuc.core.errors import DomainError
from tochuc.core.text import fold, nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person, TheoryLevel
from tochuc.positions import selectors
from tochuc.positions.errors import PositionsErrorCode
from tochuc.positions.models import (
    Assignment,
    AssignmentKind,
    DegreeLevel,
    Duty,
    DutyResponsibility,
    Position,
    PositionGroup,
    Title,
)
from tochuc.positions.requirements import Requirements, RequirementsNotMet

MAX_DUTIES = 100
MAX_QUOTA = 9999
AGE_RANGE = (16, 80)
MAX_EXPERIENCE = 50


# --- positions ------------------------------------------------------------------------------------


def _clean_position(
    *, name: str, group: str, requirements: Requirements, headcount_quota: int, duties: Sequence[str]
) -> tuple[str, list[str]]:
    name = nfc(name)
    if not name:
        raise DomainError(
            _("Tên vị trí việc làm không được để trống."),
            field="name",
            code=PositionsErrorCode.POSITION_NAME_REQUIRED,
        )
    if len(name) > 255:
        raise DomainError(
            _("Tên vị trí việc làm dài quá 255 ký tự."),
            field="name",
            code=PositionsErrorCode.POSITION_NAME_TOO_LONG,
        )
    if group not in PositionGroup.values:
        raise DomainError(
            _("Nhóm vị trí phải là lãnh đạo, chuyên môn hoặc hỗ trợ."),
            field="group",
            code=PositionsErrorCode.INVALID_GROUP,
        )
    if not 0 <= headcount_quota <= MAX_QUOTA:
        raise DomainError(
            _("Biên chế phải từ 0 đến %(max)s.") % {"max": MAX_QUOTA},
            field="headcount_quota",
            code=PositionsErrorCode.INVALID_QUOTA,
        )
    if requirements.min_degree not in DegreeLevel.values:
        raise DomainError(
            _("Trình độ chuyên môn tối thiểu không hợp lệ."),
            field="min_degree",
            code=PositionsErrorCode.INVALID_MIN_DEGREE,
        )
    if requirements.min_theory_level not in TheoryLevel.values:
        raise DomainError(
            _("Trình độ lý luận chính trị tối thiểu không hợp lệ."),
            field="min_theory_level",
            code=PositionsErrorCode.INVALID_MIN_THEORY_LEVEL,
        )
    if not 0 <= requirements.min_experience_years <= MAX_EXPERIENCE:
        raise DomainError(
            _("Số năm kinh nghiệm tối thiểu phải từ 0 đến %(max)s.") % {"max": MAX_EXPERIENCE},
            field="min_experience_years",
            code=PositionsErrorCode.INVALID_MIN_EXPERIENCE,
        )
    low, high = AGE_RANGE
    for field in ("min_age", "max_age"):
        value = getattr(requirements, field)
        if value is not None and not low <= value <= high:
            raise DomainError(
                _("Tuổi phải từ %(low)s đến %(high)s.") % {"low": low, "high": high},
                field=field,
                code=PositionsErrorCode.INVALID_AGE,
            )
    if (
        requirements.min_age is not None
        and requirements.max_age is not None
        and requirements.min_age > requirements.max_age
    ):
        raise DomainError(
            _("Tuổi tối đa phải không nhỏ hơn tuổi tối thiểu."),
            field="max_age",
            code=PositionsErrorCode.INVALID_AGE_RANGE,
        )
    cleaned: list[str] = []
    seen: set[str] = set()
    for number, raw in enumerate(duties, start=1):
        text = nfc(raw)
        if not text:
            continue
        if len(text) > 1000:
            raise DomainError(
                _("Nhiệm vụ thứ %(number)s dài quá 1.000 ký tự.") % {"number": number},
                field="duties",
                code=PositionsErrorCode.DUTY_TOO_LONG,
            )
        if fold(text) in seen:
            raise DomainError(
                _("Nhiệm vụ «%(duty)s» bị lặp lại.") % {"duty": text},
                field="duties",
                code=PositionsErrorCode.DUTY_REPEATED,
            )
        seen.add(fold(text))
        cleaned.append(text)
    if len(cleaned) > MAX_DUTIES:
        raise DomainError(
            _("Một vị trí có tối đa %(max)s nhiệm vụ.") % {"max": MAX_DUTIES},
            field="duties",
            code=PositionsErrorCode.TOO_MANY_DUTIES,
        )
    return name, cleaned


def _check_unique_name(unit: OrgUnit, name: str, *, exclude: int | None = None) -> None:
    taken = Position.objects.filter(unit=unit, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise DomainError(
            _("Đơn vị đã có vị trí «%(name)s».") % {"name": name},
            field="name",
            code=PositionsErrorCode.POSITION_TAKEN,
        )


def _sync_duties(position: Position, texts: list[str], today: dt.date) -> dict[str, list[str]]:
    """Keep duties whose wording stays (and their holder), retire the dropped ones, add the new ones."""
    current = {fold(d.text): d for d in position.duties.filter(retired_on__isnull=True)}
    added: list[str] = []
    for order, text in enumerate(texts, start=1):
        duty = current.pop(fold(text), None)
        if duty is None:
            Duty.objects.create(position=position, order=order, text=text)
            added.append(text)
        elif duty.order != order or duty.text != text:
            duty.order, duty.text = order, text
            duty.save(update_fields=["order", "text"])
    retired = list(current.values())
    if retired:
        Duty.objects.filter(pk__in=[d.pk for d in retired]).update(retired_on=today)
        _end_responsibilities(DutyResponsibility.objects.filter(duty__in=retired), today)
    return {"added": added, "retired": [d.text for d in retired]}


def _end_responsibilities(qs: QuerySet[DutyResponsibility], day: dt.date) -> None:
    """End open responsibilities on ``day`` (or on their own start day if that is later)."""
    for row in qs.filter(end__isnull=True):
        row.end = max(day, row.start)
        row.save(update_fields=["end"])


@transaction.atomic
def position_create(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    name: str,
    group: str,
    title: Title | None = None,
    duties: Sequence[str] = (),
    requirements: Requirements | None = None,
    headcount_quota: int = 1,
) -> Position:
    unit.refresh_from_db()
    enforce(actor, Action.EDIT, unit)
    if not unit.is_active:
        raise DomainError(
            _("Đơn vị «%(unit)s» đã chấm dứt hoạt động.") % {"unit": unit.name},
            field="unit",
            code=PositionsErrorCode.UNIT_CLOSED,
        )
    requirements = requirements or Requirements()
    name, duty_texts = _clean_position(
        name=name, group=group, requirements=requirements, headcount_quota=headcount_quota, duties=duties
    )
    _check_unique_name(unit, name)
    position = Position.objects.create(
        unit=unit,
        title=title,
        name=name,
        group=group,
        headcount_quota=headcount_quota,
        **asdict(requirements),
    )
    _sync_duties(position, duty_texts, _today())
    record(
        actor=actor,
        action="positions.position_create",
        target=position,
        unit_path=unit.path,
        summary={
            "unit": unit.code,
            "name": name,
            "group": group,
            "title": title.name if title else "",
            "headcount_quota": headcount_quota,
            "requirements": asdict(requirements),
            "duties": duty_texts,
        },
    )
    return position


@transaction.atomic
def position_update(
    *,
    actor: Actor | None,
    position: Position,
    name: str,
    group: str,
    title: Title | None,
    duties: Sequence[str],
    requirements: Requirements,
    headcount_quota: int,
) -> Position:
    position = (
        Position.objects.select_for_update(of=("self",)).select_related("unit", "title").get(pk=position.pk)
    )
    enforce(actor, Action.EDIT, position.unit)
    name, duty_texts = _clean_position(
        name=name, group=group, requirements=requirements, headcount_quota=headcount_quota, duties=duties
    )
    _check_unique_name(position.unit, name, exclude=position.pk)
    new_values: dict[str, object] = {
        "name": name,
        "group": group,
        "title_id": title.pk if title else None,
        "headcount_quota": headcount_quota,
        **asdict(requirements),
    }
    changes = {
        field: [getattr(position, field), value]
        for field, value in new_values.items()
        if getattr(position, field) != value
    }
    for field, value in new_values.items():
        setattr(position, field, value)
    position.save()
    duty_changes = _sync_duties(position, duty_texts, _today())
    if not changes and not duty_changes["added"] and not duty_changes["retired"]:
        raise DomainError(_("Không có thông tin nào thay đổi."), code=PositionsErrorCode.NOTHING_CHANGED)
    record(
        actor=actor,
        action="positions.position_update",
        target=position,
        unit_path=position.unit.path,
        summary={"changes": changes, "duties": duty_changes},
    )
    return position


# --- assignments ----------------------------------------------------------------------------------


def _person_in_reach(actor: Actor | None, person: Person) -> Person:
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.VIEW, person.unit)
    return person


@transaction.atomic
def assignment_create(
    *,
    actor: Actor | None,
    position: Position,
    person: Person,
    kind: str = AssignmentKind.HOLDER,
    start: dt.date | None = None,
    note: str = "",
    accept_warnings: bool = False,
    justification: str = "",
) -> Assignment:
    """Put a person in a position. Unmet requirements stop it unless confirmed with a justification."""
    # Locking the position makes the quota count and the check one decision.
    position = Position.objects.select_for_update(of=("self",)).select_related("unit").get(pk=position.pk)
    enforce(actor, Action.EDIT, position.unit)
    person = _person_in_reach(actor, person)
    if kind not in AssignmentKind.values:
        raise DomainError(
            _("Hình thức bố trí không hợp lệ."), field="kind", code=PositionsErrorCode.INVALID_ASSIGNMENT_KIND
        )
    start = start or _today()
    if Assignment.objects.filter(person=person, position=position, end__isnull=True).exists():
        raise DomainError(
            _("%(person)s đang ở vị trí này.") % {"person": person.full_name},
            field="person",
            code=PositionsErrorCode.ALREADY_ASSIGNED,
        )
    warnings = selectors.assignment_warnings(position=position, person=person, kind=kind, on=start)
    justification = nfc(justification)
    if warnings:
        if not accept_warnings:
            raise RequirementsNotMet(warnings)
        if len(justification) < 5:
            raise DomainError(
                _("Cần ghi rõ lý do vẫn bố trí khi chưa đạt yêu cầu."),
                field="justification",
                code=PositionsErrorCode.JUSTIFICATION_REQUIRED,
            )
    assignment = Assignment.objects.create(
        person=person,
        position=position,
        kind=kind,
        start=start,
        note=nfc(note)[:500],
        warnings=[{"code": w.code, "message": w.message} for w in warnings],
        justification=justification if warnings else "",
    )
    record(
        actor=actor,
        action="positions.assignment_create",
        target=assignment,
        unit_path=position.unit.path,
        summary={
            "position": position.name,
            "person": person.code,
            "kind": kind,
            "start": start.strftime("%d/%m/%Y"),
            "warnings": [w.message for w in warnings],
            "justification": assignment.justification,
        },
        object_label=f"{person.full_name} — {position.name}",
    )
    return assignment


@transaction.atomic
def assignment_end(
    *, actor: Actor | None, assignment: Assignment, end: dt.date | None = None, note: str = ""
) -> Assignment:
    """End an assignment; the person's duty responsibilities in that position end with it."""
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("position__unit", "person")
        .get(pk=assignment.pk)
    )
    enforce(actor, Action.EDIT, assignment.position.unit)
    if assignment.end is not None:
        raise DomainError(_("Việc bố trí này đã kết thúc."), code=PositionsErrorCode.ASSIGNMENT_ENDED)
    end = end or _today()
    if end < assignment.start:
        raise DomainError(
            _("Ngày kết thúc phải từ %(start)s trở đi.") % {"start": assignment.start.strftime("%d/%m/%Y")},
            field="end",
            code=PositionsErrorCode.END_BEFORE_START,
        )
    assignment.end = end
    if note:
        assignment.note = nfc(f"{assignment.note} {note}")[:500]
    assignment.save(update_fields=["end", "note", "updated_at"])
    _end_responsibilities(
        DutyResponsibility.objects.filter(person=assignment.person, duty__position=assignment.position), end
    )
    record(
        actor=actor,
        action="positions.assignment_end",
        target=assignment,
        unit_path=assignment.position.unit.path,
        summary={
            "position": assignment.position.name,
            "person": assignment.person.code,
            "end": end.strftime("%d/%m/%Y"),
            "note": nfc(note),
        },
        object_label=f"{assignment.person.full_name} — {assignment.position.name}",
    )
    return assignment


@transaction.atomic
def duty_holder_set(
    *, actor: Actor | None, duty: Duty, person: Person, start: dt.date | None = None
) -> DutyResponsibility:
    """Make ``person`` the one responsible for ``duty``; the previous holder's responsibility ends."""
    duty = Duty.objects.select_for_update(of=("self",)).select_related("position__unit").get(pk=duty.pk)
    enforce(actor, Action.EDIT, duty.position.unit)
    person = _person_in_reach(actor, person)
    if duty.retired_on is not None:
        raise DomainError(
            _("Nhiệm vụ này không còn trong bản mô tả công việc."),
            field="duty",
            code=PositionsErrorCode.DUTY_REMOVED,
        )
    if not Assignment.objects.filter(person=person, position=duty.position, end__isnull=True).exists():
        raise DomainError(
            _("%(person)s chưa được bố trí vào vị trí «%(position)s».")
            % {"person": person.full_name, "position": duty.position.name},
            field="person",
            code=PositionsErrorCode.NOT_ASSIGNED,
        )
    start = start or _today()
    previous = DutyResponsibility.objects.filter(duty=duty, end__isnull=True).select_related("person").first()
    if previous is not None:
        if previous.person_id == person.pk:
            raise DomainError(
                _("%(person)s đang chịu trách nhiệm nhiệm vụ này.") % {"person": person.full_name},
                field="person",
                code=PositionsErrorCode.ALREADY_RESPONSIBLE,
            )
        if start < previous.start:
            raise DomainError(
                _("Ngày bắt đầu phải từ %(start)s trở đi.") % {"start": previous.start.strftime("%d/%m/%Y")},
                field="start",
                code=PositionsErrorCode.START_TOO_EARLY,
            )
        previous.end = start
        previous.save(update_fields=["end"])
    responsibility = DutyResponsibility.objects.create(duty=duty, person=person, start=start)
    record(
        actor=actor,
        action="positions.duty_holder_set",
        target=responsibility,
        unit_path=duty.position.unit.path,
        summary={
            "position": duty.position.name,
            "duty": duty.text,
            "person": person.code,
            "previous": previous.person.code if previous else "",
            "start": start.strftime("%d/%m/%Y"),
        },
        object_label=f"{duty.text[:200]} — {person.full_name}",
    )
    return responsibility
