"""Writes of the training app: courses, nominations, results (which update the 2C), plans, requests.

Each write is one transaction with its audit event; the scope is checked first.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_correct
from tochuc.people.services.records import training_add
from tochuc.positions.models import theory_rank
from tochuc.positions.requirements import degree_of
from tochuc.training.errors import TrainingErrorCode
from tochuc.training.models import (
    CODE_LENGTH,
    Attendance,
    AttendanceResult,
    Course,
    CourseKind,
    PlanLine,
    TrainingPlan,
    TrainingRequest,
)
from tochuc.training.needs import needs_of_people, people_per_kind, training_needs
from tochuc.training.rules.checks import COURSE_THEORY


def _required(value: str, field: str) -> str:
    value = nfc(value or "")
    if not value:
        raise DomainError(_("Thiếu thông tin bắt buộc."), field=field, code=TrainingErrorCode.REQUIRED)
    return value


@transaction.atomic
def course_create(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    code: str,
    kind: str,
    name: str,
    provider: str,
    start: dt.date,
    end: dt.date,
    qualification: str = "",
) -> Course:
    """A course organised by ``unit`` for the people of its subtree."""
    enforce(actor, Action.EDIT, unit)
    code = _required(code, "code").upper()
    if len(code) > CODE_LENGTH:
        raise DomainError(_("Mã lớp quá dài."), field="code", code=TrainingErrorCode.REQUIRED)
    if kind not in CourseKind.values:
        raise DomainError(_("Loại lớp không hợp lệ."), field="kind", code=TrainingErrorCode.REQUIRED)
    if end < start:
        raise DomainError(
            _("Ngày kết thúc phải sau ngày bắt đầu."), field="end", code=TrainingErrorCode.END_BEFORE_START
        )
    if Course.objects.filter(code=code).exists():
        raise DomainError(
            _("Mã lớp «%(code)s» đã được dùng.") % {"code": code},
            field="code",
            code=TrainingErrorCode.CODE_TAKEN,
        )
    course = Course.objects.create(
        code=code,
        unit=unit,
        kind=kind,
        name=_required(name, "name"),
        provider=_required(provider, "provider"),
        start=start,
        end=end,
        qualification=nfc(qualification or ""),
        created_by=actor if actor is not None else None,
    )
    record(
        actor=actor,
        action="training.course_create",
        target=course,
        unit_path=unit.path,
        summary={"code": code, "kind": kind, "start": start.isoformat(), "end": end.isoformat()},
        object_label=course.name,
    )
    return course


@transaction.atomic
def nominate(*, actor: Actor | None, course: Course, person: Person) -> Attendance:
    """Send a person of the organising unit's subtree who needs this kind of course."""
    course = Course.objects.select_related("unit").get(pk=course.pk)
    enforce(actor, Action.EDIT, course.unit)
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.VIEW, person.unit)
    if not person.unit.path.startswith(course.unit.path):
        raise DomainError(
            _("%(person)s không thuộc đơn vị tổ chức lớp.") % {"person": person.full_name},
            field="people",
            code=TrainingErrorCode.OUTSIDE_UNIT,
        )
    if Attendance.objects.filter(course=course, person=person).exists():
        raise DomainError(
            _("%(person)s đã có trong danh sách lớp.") % {"person": person.full_name},
            field="people",
            code=TrainingErrorCode.ALREADY_NOMINATED,
        )
    if not any(n.need == course.kind for n in needs_of_people([person.pk])):
        raise DomainError(
            _("%(person)s không có nhu cầu «%(kind)s».")
            % {"person": person.full_name, "kind": CourseKind(course.kind).label},
            field="people",
            code=TrainingErrorCode.NO_NEED,
        )
    attendance = Attendance.objects.create(
        course=course, person=person, nominated_by=actor if actor is not None else None
    )
    record(
        actor=actor,
        action="training.nominate",
        target=course,
        unit_path=person.unit.path,
        summary={"course": course.code, "person": person.code},
        object_label=person.full_name,
    )
    return attendance


def _new_levels(course: Course, person: Person) -> dict[str, str]:
    """The record's values a pass in ``course`` raises."""
    values: dict[str, str] = {}
    level = COURSE_THEORY.get(course.kind)
    if level and theory_rank(level) > theory_rank(person.political_theory_level):
        values["political_theory_level"] = level
    if course.qualification:
        if course.kind == CourseKind.IT and person.it_level != course.qualification:
            values["it_level"] = course.qualification
        elif course.kind == CourseKind.LANGUAGE and person.foreign_language != course.qualification:
            values["foreign_language"] = course.qualification
        elif course.kind == CourseKind.DEGREE and degree_of(course.qualification) > degree_of(
            person.professional_qualification
        ):
            values["professional_qualification"] = course.qualification
    return values


@transaction.atomic
def record_result(*, actor: Actor | None, attendance: Attendance, result: str, note: str = "") -> Attendance:
    """The result of one attendee; a pass writes the 2C training line and raises the record's levels."""
    attendance = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("course__unit", "person__unit")
        .get(pk=attendance.pk)
    )
    course, person = attendance.course, attendance.person
    enforce(actor, Action.EDIT, course.unit)
    if result not in AttendanceResult.values or result == AttendanceResult.PENDING:
        raise DomainError(_("Kết quả không hợp lệ."), field="result", code=TrainingErrorCode.REQUIRED)
    if attendance.result == AttendanceResult.PASSED:
        raise DomainError(
            _("%(person)s đã có kết quả hoàn thành.") % {"person": person.full_name},
            code=TrainingErrorCode.RESULT_RECORDED,
        )
    before = {n.need for n in needs_of_people([person.pk])}
    attendance.result = result
    attendance.note = nfc(note or "")
    attendance.recorded_on = today()
    if result == AttendanceResult.PASSED:
        attendance.training = training_add(
            actor=actor,
            person=person,
            start=course.start,
            end=course.end,
            institution=course.provider,
            field=course.name,
            form=_("Bồi dưỡng"),
            qualification=course.qualification or str(CourseKind(course.kind).label),
        )
        values = _new_levels(course, person)
        if values:
            person_correct(
                actor=actor,
                person=person,
                reason=_("Hoàn thành lớp %(code)s — %(name)s") % {"code": course.code, "name": course.name},
                values=values,
            )
    attendance.save()
    if result == AttendanceResult.PASSED:
        TrainingRequest.objects.filter(person=person, kind=course.kind, closed_on__isnull=True).update(
            closed_on=today()
        )
    after = {n.need for n in needs_of_people([person.pk])}
    record(
        actor=actor,
        action="training.result",
        target=course,
        unit_path=person.unit.path,
        summary={
            "course": course.code,
            "person": person.code,
            "result": result,
            "needs_closed": sorted(before - after),
        },
        object_label=person.full_name,
    )
    return attendance


@transaction.atomic
def plan_create(*, actor: Actor | None, unit: OrgUnit, year: int, name: str = "") -> TrainingPlan:
    """The yearly plan of ``unit``: today's needs of its subtree, counted by kind of course."""
    enforce(actor, Action.EDIT, unit)
    if TrainingPlan.objects.filter(unit=unit, year=year).exists():
        raise DomainError(
            _("%(unit)s đã có kế hoạch đào tạo, bồi dưỡng năm %(year)s.") % {"unit": unit.name, "year": year},
            field="year",
            code=TrainingErrorCode.PLAN_EXISTS,
        )
    plan = TrainingPlan.objects.create(
        unit=unit,
        year=year,
        name=nfc(name) or _("Kế hoạch đào tạo, bồi dưỡng năm %(year)s") % {"year": year},
        created_by=actor if actor is not None else None,
    )
    counts = people_per_kind(training_needs(unit))
    PlanLine.objects.bulk_create(
        [PlanLine(plan=plan, kind=kind, planned=counts[kind]) for kind in CourseKind.values if counts[kind]]
    )
    record(
        actor=actor,
        action="training.plan_create",
        target=plan,
        unit_path=unit.path,
        summary={"year": year, "lines": {k: counts[k] for k in sorted(counts)}},
        object_label=plan.name,
    )
    return plan


@transaction.atomic
def request_create(
    *, actor: Actor | None, person: Person, kind: str, note: str, evaluation_id: int | None = None
) -> TrainingRequest:
    """Record a course the evaluation asked the person to take."""
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    if kind not in CourseKind.values:
        raise DomainError(_("Loại lớp không hợp lệ."), field="kind", code=TrainingErrorCode.REQUIRED)
    if evaluation_id is not None:
        from tochuc.evaluations.models import Evaluation

        if not Evaluation.objects.filter(pk=evaluation_id, person=person).exists():
            evaluation_id = None
    request = TrainingRequest.objects.create(
        person=person,
        kind=kind,
        note=_required(note, "note"),
        evaluation_id=evaluation_id,
        requested_on=today(),
        requested_by=actor if actor is not None else None,
    )
    record(
        actor=actor,
        action="training.request_create",
        target=person,
        unit_path=person.unit.path,
        summary={"id": request.pk, "kind": kind, "note": request.note},
        object_label=person.full_name,
    )
    return request
