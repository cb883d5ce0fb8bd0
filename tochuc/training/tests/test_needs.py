"""Each need reason at its boundary, and needs disappearing when a course is passed."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.people.models import MembershipStatus, Person
from tochuc.people.services.records import training_add
from tochuc.positions.models import LeadershipGroup, PositionGroup, Title
from tochuc.positions.requirements import Requirements
from tochuc.training import services
from tochuc.training.models import AttendanceResult, CourseKind, NeedReason
from tochuc.training.needs import TrainingNeed, people_per_kind, training_needs
from tochuc.training.tests.conftest import course, member, plan_for, post

pytestmark = pytest.mark.django_db


def needs_of(tree: Tree, person: Person) -> set[tuple[str, str]]:
    return {(n.need, n.reason) for n in training_needs(tree.province) if n.person_id == person.pk}


def test_probationary_member_needs_the_new_member_course(tree: Tree) -> None:
    probationary = member(tree.cell, status=MembershipStatus.PROBATIONARY)
    full = member(tree.cell, "Trần Thị Bình")
    assert needs_of(tree, probationary) == {(CourseKind.NEW_MEMBER, NeedReason.PROBATIONARY)}
    assert needs_of(tree, full) == set()


def test_a_2c_line_naming_the_new_member_course_counts(tree: Tree) -> None:
    probationary = member(tree.cell, status=MembershipStatus.PROBATIONARY)
    training_add(
        actor=None,
        person=probationary,
        start=dt.date(2025, 7, 1),
        end=None,
        institution="Trung tâm chính trị xã",
        field="Lớp bồi dưỡng lý luận chính trị dành cho Đảng viên mới",
    )
    assert needs_of(tree, probationary) == set()


def test_post_theory_level_at_its_boundary(tree: Tree) -> None:
    below = member(tree.commune, theory="elementary")
    equal = member(tree.commune, "Lê Văn Cường", theory="intermediate")
    for person in (below, equal):
        post(
            tree.commune,
            person,
            name=f"Chuyên viên {person.code}",
            requirements=Requirements(min_theory_level="intermediate"),
        )
    assert needs_of(tree, below) == {(CourseKind.THEORY_INTERMEDIATE, NeedReason.POST)}
    assert needs_of(tree, equal) == set()


def test_post_degree_at_its_boundary(tree: Tree) -> None:
    college = member(tree.commune, qualification="Cao đẳng Sư phạm")
    bachelor = member(tree.commune, "Lê Văn Cường", qualification="Cử nhân Sư phạm")
    for person in (college, bachelor):
        post(tree.commune, person, name=f"Chuyên viên {person.code}", requirements=Requirements(min_degree=3))
    assert needs_of(tree, college) == {(CourseKind.DEGREE, NeedReason.POST)}
    assert needs_of(tree, bachelor) == set()


def test_leadership_post_needs_state_management_it_and_language(tree: Tree) -> None:
    bare = member(tree.commune, it_level="", language="")
    post(tree.commune, bare, name="Trưởng ban", group=PositionGroup.LEADERSHIP)
    assert needs_of(tree, bare) == {
        (CourseKind.STATE_MANAGEMENT, NeedReason.POST),
        (CourseKind.IT, NeedReason.POST),
        (CourseKind.LANGUAGE, NeedReason.POST),
    }
    training_add(
        actor=None,
        person=bare,
        start=dt.date(2020, 7, 1),
        end=None,
        institution="Học viện Hành chính",
        field="Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên chính",
    )
    assert needs_of(tree, bare) == {(CourseKind.IT, NeedReason.POST), (CourseKind.LANGUAGE, NeedReason.POST)}


def test_professional_post_needs_it_but_not_language(tree: Tree) -> None:
    bare = member(tree.commune, it_level="", language="")
    post(tree.commune, bare, group=PositionGroup.PROFESSIONAL)
    assert needs_of(tree, bare) == {(CourseKind.IT, NeedReason.POST)}


def test_planned_title_standard(tree: Tree) -> None:
    title = Title.objects.create(
        name="Bí thư Đảng ủy xã", is_leadership=True, leadership_group=LeadershipGroup.FOUR
    )
    higher = Title.objects.create(
        name="Phó Chủ tịch tỉnh", is_leadership=True, leadership_group=LeadershipGroup.THREE
    )
    intermediate = member(tree.commune, theory="intermediate")
    plan_for(tree.province, intermediate, title)
    # Group 4 needs intermediate: met; fostering for the title is still needed.
    assert needs_of(tree, intermediate) == {(CourseKind.TITLE_FOSTERING, NeedReason.PLANNED_TITLE)}
    plan_for(tree.province, intermediate, higher)
    assert (CourseKind.THEORY_ADVANCED, NeedReason.PLANNED_TITLE) in needs_of(tree, intermediate)


def test_proposed_or_removed_planning_is_no_need(tree: Tree) -> None:
    title = Title.objects.create(
        name="Bí thư Đảng ủy xã", is_leadership=True, leadership_group=LeadershipGroup.FOUR
    )
    person = member(tree.commune, theory="none")
    plan_for(tree.province, person, title, status="proposed")
    assert needs_of(tree, person) == set()


def test_requested_course_until_passed(tree: Tree, inside: object) -> None:
    person = member(tree.cell)
    services.request_create(actor=None, person=person, kind=CourseKind.IT, note="Nâng cao kỹ năng số")
    assert needs_of(tree, person) == {(CourseKind.IT, NeedReason.REQUESTED)}
    it = course(tree, CourseKind.IT, code="TH01", qualification="Chứng chỉ ứng dụng CNTT cơ bản")
    attendance = services.nominate(actor=None, course=it, person=person)
    services.record_result(actor=None, attendance=attendance, result=AttendanceResult.PASSED)
    assert needs_of(tree, person) == set()


def test_passing_a_course_closes_the_need_writes_the_2c_and_raises_the_level(tree: Tree) -> None:
    person = member(tree.commune, theory="elementary")
    post(tree.commune, person, requirements=Requirements(min_theory_level="intermediate"))
    assert needs_of(tree, person) == {(CourseKind.THEORY_INTERMEDIATE, NeedReason.POST)}
    theory = course(tree, CourseKind.THEORY_INTERMEDIATE, code="TC01")
    attendance = services.nominate(actor=None, course=theory, person=person)
    assert needs_of(tree, person) == {
        (CourseKind.THEORY_INTERMEDIATE, NeedReason.POST)
    }  # nominated, not done
    services.record_result(actor=None, attendance=attendance, result=AttendanceResult.PASSED)
    person.refresh_from_db()
    assert person.political_theory_level == "intermediate"
    assert person.trainings.get().field == theory.name
    assert needs_of(tree, person) == set()
    event = AuditEvent.objects.filter(action="training.result").get()
    assert event.summary["needs_closed"] == [CourseKind.THEORY_INTERMEDIATE]


def test_failing_keeps_the_need(tree: Tree) -> None:
    person = member(tree.cell, status=MembershipStatus.PROBATIONARY)
    new = course(tree)
    attendance = services.nominate(actor=None, course=new, person=person)
    services.record_result(actor=None, attendance=attendance, result=AttendanceResult.FAILED)
    assert needs_of(tree, person) == {(CourseKind.NEW_MEMBER, NeedReason.PROBATIONARY)}
    assert not person.trainings.exists()


def test_nomination_refused_outside_the_unit_or_without_the_need(tree: Tree) -> None:
    commune_course = course(tree, unit=tree.commune2)
    probationary = member(tree.cell, status=MembershipStatus.PROBATIONARY)
    with pytest.raises(DomainError) as outside:
        services.nominate(actor=None, course=commune_course, person=probationary)
    assert outside.value.code == "training.outside_unit"
    full = member(tree.cell, "Trần Thị Bình")
    with pytest.raises(DomainError) as no_need:
        services.nominate(actor=None, course=course(tree, code="L02"), person=full)
    assert no_need.value.code == "training.no_need"


def test_plan_counts_people_per_kind(tree: Tree) -> None:
    for name in ("Nguyễn An", "Trần Bình"):
        member(tree.cell, name, status=MembershipStatus.PROBATIONARY)
    needs = training_needs(tree.province)
    assert people_per_kind(needs)[CourseKind.NEW_MEMBER] == 2
    plan = services.plan_create(actor=None, unit=tree.province, year=2026)
    assert {line.kind: line.planned for line in plan.lines.all()} == {CourseKind.NEW_MEMBER: 2}
    with pytest.raises(DomainError):
        services.plan_create(actor=None, unit=tree.province, year=2026)


def test_command_lists_every_probationary_member(tree: Tree) -> None:
    ids = {member(tree.cell, f"Nguyễn Văn P{i}", status=MembershipStatus.PROBATIONARY).code for i in range(3)}
    member(tree.other_cell, "Lê Văn Ngoài", status=MembershipStatus.PROBATIONARY)
    out = StringIO()
    call_command("training_needs", "--unit", "T01", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert {r["person"] for r in rows if r["need"] == CourseKind.NEW_MEMBER} == ids
    assert all(set(r) == {"person", "need", "reason"} and r["reason"] for r in rows)


def test_command_refuses_an_unknown_unit(tree: Tree) -> None:
    with pytest.raises(CommandError) as error:
        call_command("training_needs", "--unit", "NOPE", "--format", "json")
    assert error.value.returncode == 2


def test_need_json_shape() -> None:
    need = TrainingNeed(1, "DV1", "A", 1, CourseKind.IT, NeedReason.POST, "m", "post_knowledge")
    assert need.as_json() == {"person": "DV1", "need": "it", "reason": "m"}
