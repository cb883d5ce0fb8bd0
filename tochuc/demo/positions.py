"""Demo job positions: titles, positions with duties and quotas, and assignments of existing people.

Positions go to the Organization Commission's departments, agencies, and the
province and commune committees. People are taken from those who already
belong to the unit or to its own Party cells; a unit without people gets
nothing. Keyed on unit and position name, so running again adds only what is
missing.
"""

from __future__ import annotations

import random
from io import TextIOBase
from typing import NamedTuple

from django.db import transaction
from django.db.models import Q

from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import Person, TheoryLevel
from tochuc.positions.models import (
    Assignment,
    DegreeLevel,
    Duty,
    DutyResponsibility,
    Position,
    PositionGroup,
    Title,
)
from tochuc.positions.requirements import Requirements
from tochuc.positions.services import assignment_create, duty_holder_set, position_create
from tochuc.positions.titles import title_create


class TitleSpec(NamedTuple):
    name: str
    group: int | None  # leadership group 1–4, or None for a non-leadership title
    unit_kind: str = ""  # the level the title belongs to; blank for any
    is_elected: bool = False


class PositionSpec(NamedTuple):
    name: str
    group: str
    title: str | None
    quota: int
    requirements: Requirements
    duties: tuple[str, ...]


TITLES: tuple[TitleSpec, ...] = (
    TitleSpec("Bí thư Tỉnh ủy", 2, UnitKind.PROVINCIAL, is_elected=True),
    TitleSpec("Trưởng Ban Tổ chức Tỉnh ủy", 3, UnitKind.PROVINCIAL),
    TitleSpec("Phó Trưởng Ban Tổ chức Tỉnh ủy", 4, UnitKind.PROVINCIAL),
    TitleSpec("Vụ trưởng", 3),
    TitleSpec("Phó Vụ trưởng", 4),
    TitleSpec("Bí thư Đảng ủy xã", 4, UnitKind.COMMUNE, is_elected=True),
    TitleSpec("Phó Bí thư Thường trực Đảng ủy xã", 4, UnitKind.COMMUNE, is_elected=True),
    TitleSpec("Chuyên viên chính", None),
    TitleSpec("Chuyên viên", None),
    TitleSpec("Nhân viên", None),
)

_LEADER = Requirements(
    min_degree=DegreeLevel.BACHELOR,
    min_theory_level=TheoryLevel.ADVANCED,
    min_experience_years=10,
    min_age=35,
    max_age=60,
)
_DEPUTY = Requirements(
    min_degree=DegreeLevel.BACHELOR,
    min_theory_level=TheoryLevel.ADVANCED,
    min_experience_years=7,
    min_age=30,
    max_age=60,
)
_SENIOR = Requirements(
    min_degree=DegreeLevel.BACHELOR,
    min_theory_level=TheoryLevel.INTERMEDIATE,
    min_experience_years=5,
    max_age=60,
)
_OFFICER = Requirements(min_degree=DegreeLevel.BACHELOR, max_age=60)
_SUPPORT = Requirements(min_degree=DegreeLevel.INTERMEDIATE)

_L, _P, _S = PositionGroup.LEADERSHIP, PositionGroup.PROFESSIONAL, PositionGroup.SUPPORT

DEPARTMENT: tuple[PositionSpec, ...] = (
    PositionSpec(
        "Vụ trưởng",
        _L,
        "Vụ trưởng",
        1,
        _LEADER,
        (
            "Lãnh đạo, điều hành toàn diện hoạt động của Vụ",
            "Tham mưu Lãnh đạo Ban về lĩnh vực Vụ phụ trách",
            "Chịu trách nhiệm về kết quả thực hiện nhiệm vụ của Vụ",
        ),
    ),
    PositionSpec(
        "Phó Vụ trưởng",
        _L,
        "Phó Vụ trưởng",
        2,
        _DEPUTY,
        (
            "Giúp Vụ trưởng chỉ đạo các mảng công tác được phân công",
            "Thẩm định hồ sơ, đề án trước khi trình Vụ trưởng",
        ),
    ),
    PositionSpec(
        "Chuyên viên chính nghiên cứu, tham mưu",
        _P,
        "Chuyên viên chính",
        3,
        _SENIOR,
        (
            "Nghiên cứu, xây dựng dự thảo văn bản hướng dẫn",
            "Theo dõi, tổng hợp tình hình ở các địa phương được phân công",
            "Chủ trì soạn thảo báo cáo sơ kết, tổng kết",
        ),
    ),
    PositionSpec(
        "Chuyên viên theo dõi địa bàn",
        _P,
        "Chuyên viên",
        4,
        _OFFICER,
        (
            "Theo dõi, đôn đốc các địa phương thực hiện hướng dẫn",
            "Tổng hợp số liệu, cập nhật cơ sở dữ liệu",
        ),
    ),
    PositionSpec(
        "Văn thư – lưu trữ",
        _S,
        "Nhân viên",
        1,
        _SUPPORT,
        (
            "Tiếp nhận, đăng ký, chuyển giao văn bản đến và đi",
            "Quản lý hồ sơ, lưu trữ tài liệu của Vụ",
        ),
    ),
)

PROVINCE: tuple[PositionSpec, ...] = (
    PositionSpec(
        "Trưởng Ban Tổ chức Tỉnh ủy",
        _L,
        "Trưởng Ban Tổ chức Tỉnh ủy",
        1,
        _LEADER,
        (
            "Lãnh đạo toàn diện công tác tổ chức xây dựng Đảng của tỉnh",
            "Tham mưu Ban Thường vụ Tỉnh ủy về công tác cán bộ",
        ),
    ),
    PositionSpec(
        "Phó Trưởng Ban Tổ chức Tỉnh ủy",
        _L,
        "Phó Trưởng Ban Tổ chức Tỉnh ủy",
        3,
        _DEPUTY,
        (
            "Phụ trách công tác tổ chức đảng, đảng viên",
            "Phụ trách công tác cán bộ và bảo vệ chính trị nội bộ",
        ),
    ),
    PositionSpec(
        "Chuyên viên tổ chức đảng, đảng viên",
        _P,
        "Chuyên viên",
        4,
        _OFFICER,
        (
            "Hướng dẫn công tác kết nạp đảng viên",
            "Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng",
            "Tổng hợp kết quả đánh giá, xếp loại chất lượng tổ chức đảng",
        ),
    ),
    PositionSpec(
        "Văn thư – lưu trữ",
        _S,
        "Nhân viên",
        1,
        _SUPPORT,
        (
            "Quản lý văn bản đến, văn bản đi",
            "Lưu trữ hồ sơ, tài liệu của cơ quan",
        ),
    ),
)

COMMUNE: tuple[PositionSpec, ...] = (
    PositionSpec(
        "Bí thư Đảng ủy",
        _L,
        "Bí thư Đảng ủy xã",
        1,
        _LEADER,
        (
            "Lãnh đạo toàn diện hoạt động của Đảng bộ",
            "Chủ trì hội nghị Ban Chấp hành, Ban Thường vụ Đảng ủy",
        ),
    ),
    PositionSpec(
        "Phó Bí thư Thường trực Đảng ủy",
        _L,
        "Phó Bí thư Thường trực Đảng ủy xã",
        1,
        _DEPUTY,
        (
            "Chỉ đạo công tác xây dựng Đảng và hệ thống chính trị",
            "Điều hành công việc thường trực của Đảng ủy",
        ),
    ),
    PositionSpec(
        "Chuyên viên Ban Xây dựng Đảng",
        _P,
        "Chuyên viên",
        2,
        _OFFICER,
        (
            "Quản lý hồ sơ đảng viên, theo dõi sinh hoạt chi bộ",
            "Tổng hợp đánh giá, xếp loại chất lượng đảng viên",
            "Tham mưu công tác phát triển đảng viên",
        ),
    ),
    PositionSpec(
        "Văn phòng Đảng ủy",
        _S,
        "Nhân viên",
        1,
        _SUPPORT,
        (
            "Văn thư, lưu trữ văn bản của Đảng ủy",
            "Chuẩn bị điều kiện phục vụ hội nghị",
        ),
    ),
)

SPECS_BY_KIND: dict[str, tuple[PositionSpec, ...]] = {
    UnitKind.DEPARTMENT: DEPARTMENT,
    UnitKind.AGENCY: DEPARTMENT,
    UnitKind.PROVINCIAL: PROVINCE,
    UnitKind.COMMUNE: COMMUNE,
}
# Agencies reuse the department set with their own leadership names.
_AGENCY_NAMES = {"Vụ trưởng": "Thủ trưởng cơ quan", "Phó Vụ trưởng": "Phó Thủ trưởng cơ quan"}

DEMO_JUSTIFICATION = "Dữ liệu mẫu: bố trí để minh họa, chưa qua quy trình thật."


def _titles() -> dict[str, Title]:
    found = {t.name: t for t in Title.objects.filter(name__in=[s.name for s in TITLES])}
    for spec in TITLES:
        if spec.name not in found:
            found[spec.name] = title_create(
                actor=None,
                name=spec.name,
                is_leadership=spec.group is not None,
                leadership_group=spec.group,
                unit_kind=spec.unit_kind,
                is_elected=spec.is_elected,
            )
    return found


def _people_of(unit: OrgUnit) -> list[Person]:
    """People of the unit itself or of its own Party cells."""
    return list(
        Person.objects.filter(Q(unit=unit) | Q(unit__parent=unit, unit__kind=UnitKind.CELL)).order_by("code")
    )


def _specs(unit: OrgUnit) -> list[PositionSpec]:
    specs = SPECS_BY_KIND.get(unit.kind, ())
    if unit.kind == UnitKind.AGENCY:
        return [s._replace(name=_AGENCY_NAMES.get(s.name, s.name)) for s in specs]
    return list(specs)


def _staff(position: Position, people: list[Person], rng: random.Random, counters: dict[str, int]) -> None:
    """Fill a new position: usually to quota, sometimes one seat vacant, sometimes an acting holder."""
    seats = position.headcount_quota - (1 if rng.random() < 0.25 else 0)
    chosen = rng.sample(people, min(max(seats, 0), len(people)))
    for person in chosen:
        assignment_create(
            actor=None,
            position=position,
            person=person,
            accept_warnings=True,
            justification=DEMO_JUSTIFICATION,
        )
        counters["assignments"] += 1
    if len(chosen) < position.headcount_quota and rng.random() < 0.5:
        spare = [p for p in people if p not in chosen]
        if spare:
            assignment_create(
                actor=None,
                position=position,
                person=rng.choice(spare),
                kind="acting",
                accept_warnings=True,
                justification=DEMO_JUSTIFICATION,
            )
            counters["assignments"] += 1
    holders = [
        a.person
        for a in Assignment.objects.filter(position=position, end__isnull=True).select_related("person")
    ]
    if not holders:
        return
    for index, duty in enumerate(Duty.objects.filter(position=position, retired_on__isnull=True)):
        if not DutyResponsibility.objects.filter(duty=duty, end__isnull=True).exists():
            duty_holder_set(actor=None, duty=duty, person=holders[index % len(holders)])
            counters["duty_holders"] += 1


def seed_positions(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    """Titles, positions with duties and quotas, and assignments of the people already there."""
    counters = {"positions": 0, "assignments": 0, "duty_holders": 0, "units": 0}
    with transaction.atomic():
        titles = _titles()
        units = OrgUnit.objects.filter(valid_to__isnull=True, kind__in=list(SPECS_BY_KIND)).order_by("path")
        for unit in units:
            people = _people_of(unit)
            if not people:
                continue
            counters["units"] += 1
            existing = {p.name: p for p in Position.objects.filter(unit=unit)}
            for spec in _specs(unit):
                position = existing.get(spec.name)
                if position is None:
                    position = position_create(
                        actor=None,
                        unit=unit,
                        name=spec.name,
                        group=spec.group,
                        title=titles[spec.title] if spec.title else None,
                        duties=spec.duties,
                        requirements=spec.requirements,
                        headcount_quota=spec.quota,
                    )
                    counters["positions"] += 1
                    # Staffed once, when created: a seat left vacant stays vacant on later runs.
                    _staff(position, people, rng, counters)
    stdout.write(
        f"Vị trí việc làm ({scale}): {counters['units']} đơn vị có người; tạo mới {counters['positions']} vị trí, "
        f"{counters['assignments']} lượt bố trí, {counters['duty_holders']} nhiệm vụ được giao người chịu trách nhiệm."
    )
