"""Demo training: the province's yearly plan, then courses whose results closed some needs.

The plan is adopted first, from the needs of the day; then a new-member course (most passed, one
failed), an advanced political-theory course (half passed, their level raised) and a state management
course still under way, plus one course the evaluation asked for. Run again, it adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from io import TextIOBase

from django.db import transaction

from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.training import services
from tochuc.training.models import AttendanceResult, Course, CourseKind
from tochuc.training.needs import TrainingNeed, training_needs

PREFIX = "MAU-"


def _people(needs: list[TrainingNeed], kind: str) -> list[Person]:
    ids = list(dict.fromkeys(n.person_id for n in needs if n.need == kind))
    found = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    return [found[pk] for pk in ids]


def _course(
    unit: OrgUnit, code: str, kind: str, name: str, start: dt.date, days: int, **extra: str
) -> Course:
    return services.course_create(
        actor=None,
        unit=unit,
        code=f"{PREFIX}{code}",
        kind=kind,
        name=name,
        provider=extra.pop("provider", "Trường Chính trị Trần Phú tỉnh Hà Tĩnh"),
        start=start,
        end=start + dt.timedelta(days=days),
        **extra,
    )


def _run(course: Course, people: list[Person], results: Sequence[str]) -> int:
    """Nominate ``people`` and record ``results`` in turn (the rest stay pending); the passes."""
    passed = 0
    for index, person in enumerate(people):
        try:
            attendance = services.nominate(actor=None, course=course, person=person)
            if index < len(results):
                services.record_result(actor=None, attendance=attendance, result=results[index])
                passed += results[index] == AttendanceResult.PASSED
        except DomainError:
            continue
    return passed


def seed_training(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    if Course.objects.filter(code__startswith=PREFIX).exists():
        stdout.write("Đào tạo, bồi dưỡng mẫu: đã có, không tạo thêm.")
        return
    province = OrgUnit.objects.filter(code="T01").first()
    if province is None:
        stdout.write("Đào tạo, bồi dưỡng mẫu: thiếu đơn vị mẫu, bỏ qua.")
        return
    day = today()
    year_start = dt.date(day.year, 1, 1)
    with transaction.atomic():
        plan = services.plan_create(actor=None, unit=province, year=day.year)
        needs = training_needs(province)
        new_members = _people(needs, CourseKind.NEW_MEMBER)
        new_members = new_members[:8]
        new_course = _course(
            province,
            f"{day.year}-DVM1",
            CourseKind.NEW_MEMBER,
            f"Lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới khóa I năm {day.year}",
            year_start + dt.timedelta(days=60),
            6,
            provider="Trung tâm Chính trị xã An Bình",
        )
        results = [AttendanceResult.PASSED] * (len(new_members) - 1) + [AttendanceResult.FAILED]
        closed = _run(new_course, new_members, results)
        advanced = _people(needs, CourseKind.THEORY_ADVANCED)[:6]
        theory = _course(
            province,
            f"{day.year}-CC1",
            CourseKind.THEORY_ADVANCED,
            f"Lớp cao cấp lý luận chính trị hệ không tập trung năm {day.year}",
            year_start + dt.timedelta(days=30),
            120,
            provider="Học viện Chính trị khu vực I",
            qualification="Cao cấp lý luận chính trị",
        )
        closed += _run(theory, advanced, [AttendanceResult.PASSED] * ((len(advanced) + 1) // 2))
        state = _course(
            province,
            f"{day.year}-QLNN1",
            CourseKind.STATE_MANAGEMENT,
            "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
            day - dt.timedelta(days=5),
            40,
            provider="Trường Chính trị Trần Phú tỉnh Hà Tĩnh",
            qualification="Chứng chỉ quản lý nhà nước chương trình chuyên viên chính",
        )
        _run(state, _people(needs, CourseKind.STATE_MANAGEMENT)[:5], [])
        full = (
            Person.objects.filter(unit__path__startswith=province.path, it_level="")
            .order_by("sort_key")
            .first()
        )
        if full is not None:
            services.request_create(
                actor=None,
                person=full,
                kind=CourseKind.IT,
                note="Nâng cao kỹ năng khai thác dữ liệu đảng viên (ý kiến khi đánh giá cuối năm)",
            )
    stdout.write(
        f"Đào tạo, bồi dưỡng mẫu: {plan.name} ({plan.lines.count()} loại lớp); 3 lớp, "
        f"{closed} người hoàn thành và hết nhu cầu."
    )
