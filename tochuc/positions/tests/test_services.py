"""Position services: requirement checks, one duty — one person, many posts, acting holders, quota."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tochuc.audit.models import AuditEvent
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.people.models import CareerEntry
from tochuc.positions import selectors
from tochuc.positions.models import Assignment, DegreeLevel, Duty, DutyResponsibility, Title
from tochuc.positions.requirements import Requirements, RequirementsNotMet
from tochuc.positions.services import (
    assignment_create,
    assignment_end,
    duty_holder_set,
    position_create,
    position_update,
)
from tochuc.positions.titles import title_create

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 1)


def messages(exc: RequirementsNotMet) -> list[str]:
    return [w.message for w in exc.warnings]


def test_title_create_checks_group_and_duplicates(tree, inside, outside):
    title = title_create(actor=inside, name="Vụ trưởng", is_leadership=True, leadership_group=3)
    assert title.leadership_group == 3
    with pytest.raises(DomainError) as exc:
        title_create(actor=inside, name="vụ trưởng")
    assert exc.value.field == "name" and exc.value.kind == ErrorCode.CONFLICT
    with pytest.raises(DomainError) as exc:
        title_create(actor=inside, name="Chuyên viên", leadership_group=2)
    assert exc.value.field == "leadership_group"
    with pytest.raises(DomainError) as exc:
        title_create(actor=inside, name="Chuyên viên", is_leadership=True, leadership_group=5)
    assert exc.value.field == "leadership_group"
    assert AuditEvent.objects.filter(action="positions.title_create").count() == 1


def test_position_create_is_scoped_validated_and_audited(tree, inside, outside):
    with pytest.raises(DomainError) as exc:
        position_create(actor=outside, unit=tree.commune, name="Chuyên viên", group="professional")
    assert exc.value.kind == ErrorCode.NOT_FOUND
    bad: list[tuple[dict[str, Any], str]] = [
        ({"name": " "}, "name"),
        ({"group": "boss"}, "group"),
        ({"headcount_quota": -1}, "headcount_quota"),
        ({"requirements": Requirements(min_age=50, max_age=40)}, "max_age"),
        ({"requirements": Requirements(min_degree=9)}, "min_degree"),
        ({"requirements": Requirements(min_theory_level="phd")}, "min_theory_level"),
        ({"requirements": Requirements(min_experience_years=99)}, "min_experience_years"),
        ({"duties": ["Soạn thảo văn bản", "soạn thảo  văn bản"]}, "duties"),
    ]
    for change, field in bad:
        values: dict[str, Any] = {"name": "Chuyên viên", "group": "professional", **change}
        with pytest.raises(DomainError) as exc:
            position_create(actor=inside, unit=tree.commune, **values)
        assert exc.value.field == field, change
    position = position_create(
        actor=inside,
        unit=tree.commune,
        name="Chuyên viên",
        group="professional",
        duties=["Quản lý hồ sơ", "", "Tổng hợp báo cáo"],
        headcount_quota=2,
    )
    assert [d.text for d in position.duties.all()] == ["Quản lý hồ sơ", "Tổng hợp báo cáo"]
    with pytest.raises(DomainError) as exc:
        position_create(actor=inside, unit=tree.commune, name="chuyên viên", group="support")
    assert exc.value.kind == ErrorCode.CONFLICT
    event = AuditEvent.objects.get(action="positions.position_create")
    assert event.unit_path == tree.commune.path and event.summary["duties"] == [
        "Quản lý hồ sơ",
        "Tổng hợp báo cáo",
    ]


def test_position_update_keeps_kept_duties_and_their_holder(tree, inside, position_factory, person_factory):
    position = position_factory(duties=("Một", "Hai", "Ba"))
    person = person_factory()
    assignment_create(actor=inside, position=position, person=person)
    two = Duty.objects.get(position=position, text="Hai")
    three = Duty.objects.get(position=position, text="Ba")
    duty_holder_set(actor=inside, duty=two, person=person)
    duty_holder_set(actor=inside, duty=three, person=person)
    title = Title.objects.create(name="Chuyên viên")
    position_update(
        actor=inside,
        position=position,
        name=position.name,
        group=position.group,
        title=title,
        duties=["Hai", "Bốn"],
        requirements=Requirements(min_degree=DegreeLevel.BACHELOR),
        headcount_quota=3,
    )
    active = list(Duty.objects.filter(position=position, retired_on__isnull=True).order_by("order"))
    assert [d.text for d in active] == ["Hai", "Bốn"]
    assert active[0].pk == two.pk
    assert DutyResponsibility.objects.get(duty=two).end is None
    assert DutyResponsibility.objects.get(duty=three).end is not None  # the retired duty's holder is released
    event = AuditEvent.objects.get(action="positions.position_update")
    assert event.summary["duties"] == {"added": ["Bốn"], "retired": ["Một", "Ba"]}
    assert event.summary["changes"]["headcount_quota"] == [1, 3]
    with pytest.raises(DomainError):
        position_update(
            actor=inside,
            position=position,
            name=position.name,
            group=position.group,
            title=title,
            duties=["Hai", "Bốn"],
            requirements=Requirements(min_degree=DegreeLevel.BACHELOR),
            headcount_quota=3,
        )


def test_each_unmet_requirement_is_named(tree, inside, position_factory, person_factory):
    position = position_factory(
        requirements=Requirements(
            min_degree=DegreeLevel.MASTER,
            min_theory_level="advanced",
            min_experience_years=10,
            min_age=30,
            max_age=60,
        )
    )
    old = person_factory(
        name="Trần Văn Bình",
        birth=dt.date(1964, 1, 1),
        qualification="Cử nhân Kinh tế",
        theory="intermediate",
        recruited_on=dt.date(2020, 1, 1),
    )
    with pytest.raises(RequirementsNotMet) as exc:
        assignment_create(actor=inside, position=position, person=old, start=TODAY)
    assert messages(exc.value) == [
        "Chưa đạt trình độ chuyên môn Thạc sĩ (hiện: Đại học)",
        "Chưa đạt trình độ lý luận chính trị Cao cấp (hiện: Trung cấp)",
        "Chưa đủ 10 năm kinh nghiệm (hiện: 6 năm)",
        "Tuổi 62 vượt giới hạn 60",
    ]
    young = person_factory(name="Lê Thị Cúc", birth=dt.date(2000, 1, 1), qualification="Thạc sĩ Luật")
    with pytest.raises(RequirementsNotMet) as exc:
        assignment_create(actor=inside, position=position, person=young, start=TODAY)
    assert "Tuổi 26 chưa đủ tối thiểu 30" in messages(exc.value)
    assert not Assignment.objects.exists()
    assert not AuditEvent.objects.filter(action="positions.assignment_create").exists()


def test_experience_falls_back_to_the_first_career_entry(tree, inside, position_factory, person_factory):
    position = position_factory(requirements=Requirements(min_experience_years=5))
    person = person_factory(recruited_on=None)
    with pytest.raises(RequirementsNotMet) as exc:
        assignment_create(actor=inside, position=position, person=person, start=TODAY)
    assert messages(exc.value) == ["Chưa đủ 5 năm kinh nghiệm (hiện: 0 năm)"]
    CareerEntry.objects.create(person=person, start=dt.date(2015, 9, 1), description="Giáo viên")
    CareerEntry.objects.create(person=person, start=dt.date(2019, 9, 1), description="Chuyên viên")
    assert assignment_create(actor=inside, position=position, person=person, start=TODAY).warnings == []


def test_accepting_warnings_needs_a_justification_which_is_recorded(
    tree, inside, position_factory, person_factory
):
    position = position_factory(requirements=Requirements(min_theory_level="advanced"))
    person = person_factory(theory="intermediate")
    with pytest.raises(DomainError) as exc:
        assignment_create(
            actor=inside, position=position, person=person, accept_warnings=True, justification=" "
        )
    assert exc.value.field == "justification"
    assignment = assignment_create(
        actor=inside,
        position=position,
        person=person,
        accept_warnings=True,
        justification="Đang học cao cấp lý luận chính trị, tốt nghiệp 6/2026",
    )
    assert assignment.warnings == [
        {"code": "theory", "message": "Chưa đạt trình độ lý luận chính trị Cao cấp (hiện: Trung cấp)"}
    ]
    event = AuditEvent.objects.get(action="positions.assignment_create")
    assert event.summary["justification"].startswith("Đang học cao cấp")
    assert event.summary["warnings"] == ["Chưa đạt trình độ lý luận chính trị Cao cấp (hiện: Trung cấp)"]


def test_quota_counts_holders_not_acting(tree, inside, position_factory, person_factory):
    position = position_factory(quota=2)
    a, b, c, d = (
        person_factory(name=n) for n in ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"]
    )
    assignment_create(actor=inside, position=position, person=a)
    assignment_create(actor=inside, position=position, person=b, kind="acting")
    assignment_create(actor=inside, position=position, person=c)
    with pytest.raises(RequirementsNotMet) as exc:
        assignment_create(actor=inside, position=position, person=d)
    assert messages(exc.value) == ["Quá biên chế: 3/2"]
    assignment_create(
        actor=inside, position=position, person=d, accept_warnings=True, justification="Tăng cường tạm thời"
    )
    (row,) = selectors.staffing_by_unit(inside, tree.commune)
    assert (row.quota, row.holders, row.acting, row.vacancies, row.excess, row.status) == (
        2,
        3,
        1,
        0,
        1,
        "over",
    )


def test_one_person_many_posts_and_acting(tree, inside, position_factory, person_factory):
    person = person_factory()
    first = position_factory(name="Phó Bí thư Thường trực")
    second = position_factory(name="Chủ nhiệm Ủy ban Kiểm tra")
    third = position_factory(name="Trưởng Ban Xây dựng Đảng")
    assignment_create(actor=inside, position=first, person=person)
    assignment_create(actor=inside, position=second, person=person, kind="acting")
    assignment_create(actor=inside, position=third, person=person)
    with pytest.raises(DomainError) as exc:
        assignment_create(actor=inside, position=first, person=person)
    assert exc.value.kind == ErrorCode.CONFLICT
    current = selectors.current_positions(inside, person)
    assert [a.position.name for a in current] == [first.name, second.name, third.name]
    assert [a.kind for a in current] == ["holder", "acting", "holder"]
    assert [h.person for h in selectors.people_with_many_posts(inside, 2)] == [person]
    assert selectors.people_with_many_posts(inside, 3) == []
    vacant = selectors.vacancies(inside)
    assert [s.position.name for s in vacant] == [second.name]  # acting covers the seat without filling it


def test_one_duty_one_holder_is_enforced_by_the_database(tree, inside, position_factory, person_factory):
    position = position_factory(quota=2)
    a, b = person_factory(name="Nguyễn Văn An"), person_factory(name="Trần Thị Bình")
    assignment_create(actor=inside, position=position, person=a)
    assignment_create(actor=inside, position=position, person=b)
    duty = position.duties.first()
    DutyResponsibility.objects.create(duty=duty, person=a, start=TODAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        DutyResponsibility.objects.create(duty=duty, person=b, start=TODAY)
    # A closed row beside an open one is fine.
    DutyResponsibility.objects.filter(duty=duty).update(end=TODAY)
    DutyResponsibility.objects.create(duty=duty, person=b, start=TODAY)


def test_setting_a_duty_holder_ends_the_previous_one(tree, inside, position_factory, person_factory):
    position = position_factory(quota=2)
    a, b = person_factory(name="Nguyễn Văn An"), person_factory(name="Trần Thị Bình")
    outsider = person_factory(name="Lê Văn Cường")
    assignment_create(actor=inside, position=position, person=a)
    assignment_create(actor=inside, position=position, person=b, kind="acting")
    duty = position.duties.first()
    duty_holder_set(actor=inside, duty=duty, person=a, start=dt.date(2026, 1, 1))
    with pytest.raises(DomainError) as exc:
        duty_holder_set(actor=inside, duty=duty, person=a)
    assert exc.value.kind == ErrorCode.CONFLICT
    with pytest.raises(DomainError) as exc:
        duty_holder_set(actor=inside, duty=duty, person=outsider)
    assert exc.value.field == "person"
    with pytest.raises(DomainError) as exc:
        duty_holder_set(actor=inside, duty=duty, person=b, start=dt.date(2025, 12, 1))
    assert exc.value.field == "start"
    duty_holder_set(actor=inside, duty=duty, person=b, start=dt.date(2026, 2, 1))
    rows = list(DutyResponsibility.objects.filter(duty=duty).order_by("start"))
    assert [(r.person, r.end) for r in rows] == [(a, dt.date(2026, 2, 1)), (b, None)]
    assert AuditEvent.objects.filter(action="positions.duty_holder_set").count() == 2


def test_ending_an_assignment_releases_its_duties(tree, inside, position_factory, person_factory):
    position = position_factory()
    person = person_factory()
    assignment = assignment_create(actor=inside, position=position, person=person, start=dt.date(2026, 1, 1))
    for duty in position.duties.all():
        duty_holder_set(actor=inside, duty=duty, person=person, start=dt.date(2026, 1, 1))
    with pytest.raises(DomainError) as exc:
        assignment_end(actor=inside, assignment=assignment, end=dt.date(2025, 1, 1))
    assert exc.value.field == "end"
    assignment_end(actor=inside, assignment=assignment, end=dt.date(2026, 2, 1), note="QĐ 12")
    assert not DutyResponsibility.objects.filter(end__isnull=True).exists()
    with pytest.raises(DomainError):
        assignment_end(actor=inside, assignment=assignment)
    assert [s.position.name for s in selectors.vacancies(inside)] == [position.name]


def test_person_and_position_must_be_within_reach(
    tree, inside, outside, leader, position_factory, person_factory
):
    position = position_factory()
    foreign = person_factory(unit=tree.other_commune, name="Võ Văn Em")
    with pytest.raises(DomainError) as exc:
        assignment_create(actor=inside, position=position, person=foreign)
    assert exc.value.kind == ErrorCode.NOT_FOUND
    local = person_factory()
    with pytest.raises(DomainError) as exc:
        assignment_create(actor=outside, position=position, person=local)
    assert exc.value.kind == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as exc:  # a leader views but does not enter data
        assignment_create(actor=leader, position=position, person=local)
    assert exc.value.kind == ErrorCode.NOT_FOUND
    assignment = assignment_create(actor=inside, position=position, person=local)
    with pytest.raises(DomainError) as exc:
        assignment_end(actor=outside, assignment=assignment)
    assert exc.value.kind == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError) as exc:
        duty_holder_set(actor=outside, duty=position.duties.first(), person=local)
    assert exc.value.kind == ErrorCode.NOT_FOUND
