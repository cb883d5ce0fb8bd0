"""People, posts, planning and courses for the training tests, on the named cast's tree."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from tochuc.conftest import Tree
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Gender, MembershipStatus, Person
from tochuc.people.services import person_create
from tochuc.personnel.models import EntryStatus, PlanningCycle, PlanningEntry
from tochuc.positions.models import Position, PositionGroup, Title
from tochuc.positions.requirements import Requirements
from tochuc.positions.services import assignment_create, position_create
from tochuc.training.models import Course, CourseKind
from tochuc.training.services import course_create

_codes = itertools.count(1)


def member(
    unit: OrgUnit,
    name: str = "Nguyễn Văn An",
    *,
    status: str = MembershipStatus.FULL,
    theory: str = "intermediate",
    qualification: str = "Cử nhân Luật",
    it_level: str = "Cơ bản",
    language: str = "Tiếng Anh B1",
) -> Person:
    return person_create(
        actor=None,
        unit=unit,
        code=f"TN{next(_codes):05d}",
        values={
            "full_name": name,
            "birth_date": dt.date(1985, 3, 1),
            "gender": Gender.MALE,
            "professional_qualification": qualification,
            "political_theory_level": theory,
            "it_level": it_level,
            "foreign_language": language,
        },
        membership={
            "status": status,
            "admitted_on": dt.date(2025, 6, 1)
            if status == MembershipStatus.PROBATIONARY
            else dt.date(2010, 1, 1),
            "full_member_on": None if status == MembershipStatus.PROBATIONARY else dt.date(2011, 1, 1),
        },
    )


def post(
    unit: OrgUnit,
    person: Person,
    *,
    name: str = "Chuyên viên tổ chức đảng",
    group: str = PositionGroup.PROFESSIONAL,
    requirements: Requirements | None = None,
    title: Title | None = None,
) -> Position:
    position = position_create(
        actor=None,
        unit=unit,
        name=name,
        group=group,
        duties=("Quản lý hồ sơ đảng viên",),
        requirements=requirements or Requirements(),
        headcount_quota=3,
    )
    if title is not None:
        position.title = title
        position.save(update_fields=["title"])
    assignment_create(
        actor=None,
        position=position,
        person=person,
        start=dt.date(2024, 1, 1),
        accept_warnings=True,
        justification="Bố trí tạm thời",
    )
    return position


def plan_for(
    unit: OrgUnit, person: Person, title: Title, *, status: str = EntryStatus.APPROVED
) -> PlanningEntry:
    cycle, _ = PlanningCycle.objects.get_or_create(
        code=f"QH-{unit.code}",
        defaults={"name": "Quy hoạch", "unit": unit, "term": "2025-2030", "pack": "qd377-2025"},
    )
    return PlanningEntry.objects.create(
        cycle=cycle, person=person, title=title, status=status, added_on=dt.date(2025, 1, 1)
    )


def course(tree: Tree, kind: str = CourseKind.NEW_MEMBER, *, code: str = "L01", **kwargs: Any) -> Course:
    return course_create(
        actor=None,
        unit=kwargs.pop("unit", tree.province),
        code=code,
        kind=kind,
        name=kwargs.pop("name", str(CourseKind(kind).label)),
        provider=kwargs.pop("provider", "Trường Chính trị tỉnh Hà Tĩnh"),
        start=kwargs.pop("start", dt.date(2026, 3, 2)),
        end=kwargs.pop("end", dt.date(2026, 3, 20)),
        **kwargs,
    )
