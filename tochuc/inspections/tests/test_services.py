"""Inspections: the decision, team conflicts, the conclusion and its follow-ups closing the inspection."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.directives.models import Task
from tochuc.directives.services import progress_report_submit
from tochuc.inspections import selectors, services
from tochuc.inspections.errors import InspectionsErrorCode as Code
from tochuc.inspections.models import Inspection
from tochuc.inspections.tests.factory import make_inspection, make_person
from tochuc.people.models import Relative
from tochuc.reviews.models import OutgoingNumber
from tochuc.rewards.services import discipline_record

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 10)


def test_create_refuses_a_target_outside_the_inspecting_unit(tree: Tree) -> None:
    with pytest.raises(DomainError) as caught:
        make_inspection(tree, targets=[tree.other_commune])
    assert caught.value.field == "targets"
    with pytest.raises(DomainError) as caught:
        make_inspection(tree, start=dt.date(2026, 5, 1), end=dt.date(2026, 4, 1))
    assert caught.value.field == "end"


def test_code_taken_is_a_conflict(tree: Tree) -> None:
    make_inspection(tree)
    with pytest.raises(DomainError) as caught:
        make_inspection(tree)
    assert caught.value.kind == ErrorCode.CONFLICT


def test_team_member_of_the_target_unit_is_refused(tree: Tree) -> None:
    inspection = make_inspection(tree)
    cell_member = make_person(tree.cell, "Nguyễn Văn An", "P-CELL")
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=cell_member, role="member")
    assert caught.value.code == Code.MEMBER_OF_TARGET
    assert tree.commune.name in caught.value.message


def test_team_member_who_is_a_target_or_a_relative_is_refused(tree: Tree) -> None:
    target = make_person(tree.commune2, "Trần Văn Bình", "P-TARGET")
    inspection = make_inspection(tree, targets=[tree.commune], target_people=[target])
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=target, role="member")
    assert caught.value.code == Code.MEMBER_IS_TARGET
    brother = make_person(tree.province, "Trần Văn Cường", "P-BROTHER")
    Relative.objects.create(
        person=target, relation="Em trai", full_name=brother.full_name, linked_person=brother
    )
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=brother, role="head")
    assert caught.value.code == Code.MEMBER_RELATIVE
    assert "Em trai" in caught.value.message
    # The relation recorded the other way round is caught too.
    wife = make_person(tree.province, "Lê Thị Dung", "P-WIFE")
    Relative.objects.create(person=wife, relation="Chồng", full_name=target.full_name, linked_person=target)
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=wife, role="member")
    assert caught.value.code == Code.MEMBER_RELATIVE


def test_one_head_and_no_member_twice(tree: Tree) -> None:
    inspection = make_inspection(tree)
    head = make_person(tree.province, "Phạm Văn Hùng", "P-HEAD")
    other = make_person(tree.province, "Hoàng Văn Khánh", "P-OTHER")
    services.member_add(actor=None, inspection=inspection, person=head, role="head")
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=head, role="member")
    assert caught.value.code == Code.ALREADY_MEMBER
    with pytest.raises(DomainError) as caught:
        services.member_add(actor=None, inspection=inspection, person=other, role="head")
    assert caught.value.code == Code.HEAD_TAKEN
    services.member_add(actor=None, inspection=inspection, person=other, role="member")
    assert inspection.members.count() == 2


def _conclude(
    tree: Tree, inspection: Inspection, discipline: Sequence[services.ProposedDiscipline] = ()
) -> Inspection:
    return services.conclude(
        actor=None,
        inspection=inspection,
        text="Đảng ủy xã chưa thực hiện đúng quy chế làm việc.",
        follow_ups=[
            services.FollowUp("Sửa đổi quy chế làm việc", tree.commune, TODAY + dt.timedelta(days=30)),
            services.FollowUp("Kiểm điểm tập thể ban thường vụ", tree.commune, TODAY + dt.timedelta(days=60)),
        ],
        discipline=discipline,
        today=TODAY,
    )


def test_conclusion_is_numbered_and_its_requirements_become_tasks(tree: Tree) -> None:
    inspection = make_inspection(tree)
    _conclude(tree, inspection)
    inspection.refresh_from_db()
    document = inspection.conclusion_document
    assert document is not None
    assert document.number_symbol == "01-KL/TU"
    assert OutgoingNumber.objects.filter(number_symbol="01-KL/TU").exists()
    tasks = list(Task.objects.filter(directive=document).order_by("no"))
    assert [(t.lead_unit, t.deadline) for t in tasks] == [
        (tree.commune, TODAY + dt.timedelta(days=30)),
        (tree.commune, TODAY + dt.timedelta(days=60)),
    ]
    assert selectors.status_of(inspection) == "follow_up"
    with pytest.raises(DomainError) as caught:
        _conclude(tree, inspection)
    assert caught.value.code == Code.CONCLUDED


def test_two_units_with_the_same_symbol_both_conclude(tree: Tree) -> None:
    first = make_inspection(tree, code="KT-A", unit=tree.commune, targets=[tree.grassroots])
    second = make_inspection(tree, code="KT-B", unit=tree.commune2, targets=[tree.commune2])
    for inspection, lead in ((first, tree.grassroots), (second, tree.commune2)):
        services.conclude(
            actor=None,
            inspection=inspection,
            text="Kết luận",
            follow_ups=[services.FollowUp("Khắc phục", lead, TODAY)],
            today=TODAY,
        )
        inspection.refresh_from_db()
        assert inspection.conclusion_document is not None
        assert inspection.conclusion_document.number_symbol == "01-KL/ĐU"


def test_follow_up_outside_or_in_the_past_is_refused(tree: Tree) -> None:
    inspection = make_inspection(tree)
    for follow_up in (
        services.FollowUp("Khắc phục", tree.other_commune, TODAY),
        services.FollowUp("Khắc phục", tree.commune, TODAY - dt.timedelta(days=1)),
    ):
        with pytest.raises(DomainError) as caught:
            services.conclude(
                actor=None, inspection=inspection, text="KL", follow_ups=[follow_up], today=TODAY
            )
        assert caught.value.field == "follow_ups"
    inspection.refresh_from_db()
    assert not inspection.is_concluded


def test_inspection_closes_when_tasks_are_done_and_discipline_decided(tree: Tree) -> None:
    culprit = make_person(tree.cell, "Đỗ Văn Long", "P-CULPRIT")
    inspection = make_inspection(tree, target_people=[culprit])
    _conclude(
        tree,
        inspection,
        discipline=[services.ProposedDiscipline(form="reprimand", reason="Vi phạm quy chế", person=culprit)],
    )
    inspection.refresh_from_db()
    tasks = list(selectors.follow_up_tasks(inspection))
    progress_report_submit(
        actor=None, task=tasks[0], percent=100, narrative="Đã sửa quy chế", reported_on=TODAY
    )
    found = selectors.progress(inspection)
    assert (found.done, found.total) == (1, 3)
    assert selectors.status_of(inspection) == "follow_up"
    progress_report_submit(
        actor=None, task=tasks[1], percent=100, narrative="Đã kiểm điểm", reported_on=TODAY
    )
    assert selectors.status_of(inspection) == "follow_up"
    discipline_record(
        actor=None,
        person=culprit,
        form="reprimand",
        violation="Vi phạm quy chế làm việc",
        violation_on=dt.date(2026, 2, 1),
        proposed_by=tree.commune,
        decided_by=tree.commune,
        decision_number="05-QĐ/ĐU",
        decided_on=TODAY,
    )
    found = selectors.progress(inspection)
    assert (found.done, found.total, found.percent) == (3, 3, 100)
    assert selectors.status_of(inspection) == "closed"


def test_self_report_may_be_written_by_the_target(tree: Tree, leader: object) -> None:
    from tochuc.accounts.models import Role
    from tochuc.conftest import make_user

    inspection = make_inspection(tree)
    target_clerk = make_user("clerk", Role.SPECIALIST, tree.commune)
    services.step_record(
        actor=target_clerk, inspection=inspection, step="self_report", text="Báo cáo tự kiểm tra"
    )
    with pytest.raises(DomainError):
        services.step_record(actor=target_clerk, inspection=inspection, step="findings", text="Không được")
    inspection.refresh_from_db()
    assert inspection.self_report == "Báo cáo tự kiểm tra"
    assert inspection.findings == ""


def test_proposed_discipline_is_sent_on_to_the_discipline_workflow(tree: Tree, inside: object) -> None:
    from tochuc.rewards.models import Discipline, DisciplineStatus

    culprit = make_person(tree.cell, "Lương Văn Vinh", "P-KL")
    inspection = make_inspection(tree, target_people=[culprit])
    services.conclude(
        actor=inside,  # type: ignore[arg-type]
        inspection=inspection,
        text="Kết luận",
        follow_ups=[],
        discipline=[
            services.ProposedDiscipline(
                form="warning",
                reason="Vi phạm quy chế",
                person=culprit,
                violation_on=TODAY - dt.timedelta(days=90),
            )
        ],
        today=TODAY,
    )
    proposal = inspection.discipline_proposals.get()
    sent = Discipline.objects.get()
    assert proposal.discipline == sent
    assert (sent.person, sent.status, sent.form, sent.proposed_by, sent.proposed_on) == (
        culprit,
        DisciplineStatus.PROPOSED,
        "warning",
        tree.province,
        TODAY,
    )
    assert sent.proposed_by_user == inside and sent.violation_on == TODAY - dt.timedelta(days=90)
    assert "Vi phạm quy chế" in sent.violation and "-KL/" in sent.violation


def test_a_discipline_the_workflow_refuses_stops_the_conclusion(tree: Tree) -> None:
    from tochuc.rewards.models import Discipline

    culprit = make_person(tree.cell, "Lương Văn Vinh", "P-KL")
    inspection = make_inspection(tree, target_people=[culprit])
    with pytest.raises(DomainError):
        services.conclude(
            actor=None,
            inspection=inspection,
            text="Kết luận",
            follow_ups=[],
            discipline=[
                services.ProposedDiscipline(
                    form="reprimand", reason="Vi phạm cũ", person=culprit, violation_on=dt.date(2010, 1, 1)
                )
            ],
            today=TODAY,
        )
    inspection.refresh_from_db()
    assert not inspection.is_concluded and not Discipline.objects.exists()
