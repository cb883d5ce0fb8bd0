"""The evaluation workflow services: opening, step order, separation of duties, rating history, findings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tochuc.accounts.models import Role
from tochuc.accounts.services import grant_role
from tochuc.audit.models import AuditEvent
from tochuc.conftest import make_user
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.evaluations.models import (
    CycleStatus,
    EvaluationStep,
    Frame,
    Justification,
    RatingChange,
    Stage,
)
from tochuc.evaluations.services import (
    appraisal_record,
    comments_record,
    cycle_close,
    decision_record,
    justification_write,
    self_review_submit,
)
from tochuc.evaluations.tests.workflow_data import (
    GOOD_POINTS,
    build_world,
    ev,
    open_cycle,
    to_appraisal,
)
from tochuc.people.services import relative_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def cycle(world):
    return open_cycle(world.tree)


# --- opening -----------------------------------------------------------------------------------------


def test_open_creates_one_evaluation_per_collective_and_person_with_frames(world, cycle):
    tree = world.tree
    collectives = set(cycle.evaluations.filter(person__isnull=True).values_list("unit__code", flat=True))
    assert collectives == {"T01", "T01-X01", "T01-X01-CS1", "T01-X01-CS1-CB1", "T01-X02"}
    assert not cycle.evaluations.filter(unit__code__startswith="T02").exists()
    assert not cycle.evaluations.filter(person=world.gone).exists()  # left the Party: not evaluated

    secretary = ev(cycle, world.secretary)
    assert (secretary.frame, secretary.is_head, secretary.unit_id) == (Frame.LEADER, True, tree.cell.pk)
    deputy = ev(cycle, world.deputy)
    assert (deputy.frame, deputy.is_head) == (Frame.LEADER, False)
    assert ev(cycle, world.members[0]).frame == Frame.NON_LEADER
    assert ev(cycle, world.outside_member).frame == Frame.OUTSIDE
    assert ev(cycle, unit=tree.cell).frame == Frame.COLLECTIVE

    reasons = {
        p.full_name: ev(cycle, p).not_reviewed_reason for p in (world.exempt, world.suspended, world.newcomer)
    }
    assert all(
        ev(cycle, p).stage == Stage.NOT_REVIEWED for p in (world.exempt, world.suspended, world.newcomer)
    )
    assert "miễn sinh hoạt" in reasons["Vũ Văn Miễn"]
    assert "đình chỉ" in reasons["Bùi Văn Đình"]
    assert "01/09/2025" in reasons["Ngô Thị Mới"] and "6 tháng" in reasons["Ngô Thị Mới"]
    assert ev(cycle, world.members[1]).stage == Stage.PENDING

    events = AuditEvent.objects.filter(action="evaluation.cycle_open")
    assert events.count() == 1
    assert events.get().summary["individuals"] == 9 and events.get().summary["not_reviewed"] == 3


def test_head_of_a_unit_is_evaluated_in_the_unit_they_lead(world):
    from tochuc.evaluations.tests.workflow_data import give_title

    give_title(world.members[2], world.tree.commune, "Bí thư Đảng ủy xã", group=3)
    cycle = open_cycle(world.tree)
    head = ev(cycle, world.members[2])
    assert (head.unit_id, head.is_head, head.frame) == (world.tree.commune.pk, True, Frame.LEADER)


def test_central_cadre_frame_from_leadership_group_one(world):
    from tochuc.evaluations.tests.workflow_data import give_title

    give_title(world.members[1], world.tree.province, "Bí thư Tỉnh ủy", group=1)
    cycle = open_cycle(world.tree)
    assert ev(cycle, world.members[1]).frame == Frame.CENTRAL_CADRE


def test_open_refuses_bad_input_and_outside_scope(world, cycle, inside, outside):
    tree = world.tree
    with pytest.raises(DomainError) as exc:
        open_cycle(tree, code="T01-2025")
    assert exc.value.kind == ErrorCode.CONFLICT
    with pytest.raises(DomainError, match="quý"):
        open_cycle(tree, code="Q", kind="quarterly")
    with pytest.raises(DomainError, match="bộ quy tắc"):
        open_cycle(tree, code="P", pack="khong-co")
    with pytest.raises(DomainError) as exc:
        from tochuc.evaluations.services import cycle_open

        cycle_open(actor=outside, code="X", name="X", unit=tree.province, kind="annual", year=2025)
    assert exc.value.kind == ErrorCode.NOT_FOUND
    with pytest.raises(DomainError, match="thứ tự"):
        open_cycle(tree, code="D", self_review_due=dt.date(2026, 2, 1), comments_due=dt.date(2026, 1, 1))


def test_bulk_open_on_a_bigger_tree_uses_a_bounded_number_of_queries(tree, django_assert_max_num_queries):
    from tochuc.orgunits.models import UnitKind
    from tochuc.orgunits.services import unit_create
    from tochuc.people.models import Membership, Person

    people = []
    n = 0
    for c in range(12):
        cell = unit_create(
            actor=None, parent=tree.commune2, code=f"T01-X02-CB{c}", name=f"Chi bộ {c}", kind=UnitKind.CELL
        )
        for _ in range(25):
            n += 1
            people.append(
                Person(
                    code=f"BULK{n:05d}",
                    unit=cell,
                    full_name=f"Người {n}",
                    family_name="Người",
                    given_name=str(n),
                    name_folded=f"nguoi {n}",
                    sort_key=f"{n:05d}",
                    birth_date=dt.date(1980, 1, 1),
                    gender="male",
                    workplace="UBND xã",
                )
            )
    Person.objects.bulk_create(people)
    Membership.objects.bulk_create([Membership(person=p, status="full") for p in people])
    with django_assert_max_num_queries(30):
        cycle = open_cycle(tree, unit=tree.commune2, code="X02-2025")
    assert cycle.evaluations.filter(person__isnull=False).count() == 300
    assert cycle.evaluations.filter(person__isnull=True).count() == 13


# --- steps in order -----------------------------------------------------------------------------------


def test_steps_out_of_order_are_refused_with_the_missing_step(world, cycle, inside, leader):
    member = ev(cycle, world.members[1])
    with pytest.raises(DomainError, match="tự kiểm điểm"):
        comments_record(actor=inside, evaluation=member, comments="Nhất trí cao.", suggested_rating="good")
    with pytest.raises(DomainError, match="chưa được thực hiện"):
        decision_record(actor=leader, evaluation=member, rating="good")
    self_review_submit(actor=inside, evaluation=member, criteria=GOOD_POINTS, self_review="Tự kiểm điểm đủ.")
    comments_record(actor=inside, evaluation=member, comments="Nhất trí cao.", suggested_rating="good")
    with pytest.raises(DomainError, match="Đã qua bước"):
        self_review_submit(
            actor=inside, evaluation=member, criteria=GOOD_POINTS, self_review="Sửa lại bản cũ."
        )
    with pytest.raises(DomainError, match="không thuộc diện đánh giá"):
        self_review_submit(
            actor=inside, evaluation=ev(cycle, world.exempt), criteria=GOOD_POINTS, self_review="Tự kiểm."
        )


def test_self_review_by_the_linked_cadre_sums_points_and_proposes_the_band(world, cycle):
    mine = ev(cycle, world.members[0])
    with pytest.raises(DomainError, match="từ 0 đến 10"):
        self_review_submit(
            actor=world.cadre, evaluation=mine, criteria={**GOOD_POINTS, "ethics": 11}, self_review="Tự kiểm."
        )
    with pytest.raises(DomainError, match="Chưa chấm điểm"):
        self_review_submit(
            actor=world.cadre, evaluation=mine, criteria={"political": 9}, self_review="Tự kiểm điểm."
        )
    done = self_review_submit(
        actor=world.cadre,
        evaluation=mine,
        criteria={"political": 10, "ethics": 10, "discipline": 10, "task_results": "60.5"},
        self_review="Hoàn thành tốt các nhiệm vụ được giao.",
        evidence="Báo cáo tổng kết năm học",
    )
    assert done.self_score == Decimal("90.5") and done.self_rating == "excellent"
    assert done.stage == Stage.SELF_REVIEW
    step = EvaluationStep.objects.get(evaluation=done)
    assert step.actor == world.cadre and step.note == ""
    # Someone else's file: not for this cadre.
    with pytest.raises(DomainError) as exc:
        self_review_submit(
            actor=world.cadre,
            evaluation=ev(cycle, world.members[1]),
            criteria=GOOD_POINTS,
            self_review="X" * 9,
        )
    assert exc.value.kind == ErrorCode.NOT_FOUND


def test_specialist_entering_a_paper_form_is_recorded(world, cycle, inside):
    done = self_review_submit(
        actor=inside,
        evaluation=ev(cycle, world.members[1]),
        criteria=GOOD_POINTS,
        self_review="Bản giấy đã ký.",
    )
    assert "nhập hộ" in EvaluationStep.objects.get(evaluation=done).note
    event = AuditEvent.objects.filter(action="evaluation.self_review").latest("seq")
    assert event.summary["entered_for"] is True and event.actor_id == inside.pk


# --- separation of duties -----------------------------------------------------------------------------


def _both_roles(tree, name="haivai"):
    user = make_user(name, Role.SPECIALIST, tree.province)
    grant_role(actor=None, user=user, role=Role.LEADER, unit=tree.province)
    return user


def test_nobody_appraises_or_decides_on_themselves(world, cycle, inside):
    user = _both_roles(world.tree)
    user.person = world.members[1]
    user.save(update_fields=["person"])
    target = ev(cycle, world.members[1])
    self_review_submit(actor=inside, evaluation=target, criteria=GOOD_POINTS, self_review="Tự kiểm điểm.")
    comments_record(actor=inside, evaluation=target, comments="Nhất trí.", suggested_rating="good")
    with pytest.raises(DomainError, match="chính mình"):
        appraisal_record(actor=user, evaluation=target, score=82, rating="good", reason="Đúng tiêu chí.")
    appraisal_record(actor=inside, evaluation=target, score=82, rating="good", reason="Đúng tiêu chí.")
    with pytest.raises(DomainError, match="chính mình"):
        decision_record(actor=user, evaluation=target, rating="good")


@pytest.mark.parametrize("direction", ["actor_lists_target", "target_lists_actor"])
def test_nobody_appraises_or_decides_on_a_recorded_relative(world, cycle, inside, direction):
    user = _both_roles(world.tree)
    user.person = world.members[2]
    user.save(update_fields=["person"])
    owner, linked = (world.members[2], world.members[1])
    if direction == "target_lists_actor":
        owner, linked = linked, owner
    relative_add(
        actor=None, person=owner, relation="Anh ruột", full_name=linked.full_name, linked_person=linked
    )
    target = ev(cycle, world.members[1])
    self_review_submit(actor=inside, evaluation=target, criteria=GOOD_POINTS, self_review="Tự kiểm điểm.")
    comments_record(actor=inside, evaluation=target, comments="Nhất trí.", suggested_rating="good")
    with pytest.raises(DomainError, match="người thân"):
        appraisal_record(actor=user, evaluation=target, score=82, rating="good", reason="Đúng tiêu chí.")
    appraisal_record(actor=inside, evaluation=target, score=82, rating="good", reason="Đúng tiêu chí.")
    with pytest.raises(DomainError, match="người thân"):
        decision_record(actor=user, evaluation=target, rating="good")


def test_the_appraiser_may_not_also_decide(world, cycle, leader):
    user = _both_roles(world.tree)
    target = to_appraisal(ev(cycle, world.members[1]), "good", 82, appraiser=user)
    with pytest.raises(DomainError, match="đồng thời"):
        decision_record(actor=user, evaluation=target, rating="good")
    assert decision_record(actor=leader, evaluation=target, rating="good").final_rating == "good"


# --- rating history, block and justify ------------------------------------------------------------------


def test_every_change_of_a_given_rating_is_kept_with_its_reason(world, cycle, inside, leader):
    target = ev(cycle, world.members[1])
    self_review_submit(actor=inside, evaluation=target, criteria=GOOD_POINTS, self_review="Tự kiểm điểm.")
    with pytest.raises(DomainError, match="lý do"):
        comments_record(
            actor=inside, evaluation=target, comments="Còn hạn chế.", suggested_rating="completed"
        )
    comments_record(
        actor=inside,
        evaluation=target,
        comments="Còn hạn chế.",
        suggested_rating="completed",
        reason="Chậm hai nhiệm vụ trong quý IV",
    )
    appraisal_record(
        actor=inside, evaluation=target, score=65, rating="completed", reason="Theo ý kiến tập thể."
    )
    with pytest.raises(DomainError, match="lý do"):
        decision_record(actor=leader, evaluation=target, rating="good", score=72)
    decision_record(
        actor=leader, evaluation=target, rating="good", score=72, reason="Đã bù tiến độ trong tháng 12"
    )
    changes = list(
        RatingChange.objects.filter(evaluation=target).values_list("old_rating", "new_rating", "reason")
    )
    assert changes == [
        ("good", "completed", "Chậm hai nhiệm vụ trong quý IV"),
        ("completed", "good", "Đã bù tiến độ trong tháng 12"),
    ]
    assert RatingChange.objects.filter(evaluation=target, actor=leader).get().old_score == Decimal("65.0")


def test_a_block_finding_refuses_the_decision(world, cycle, leader):
    target = to_appraisal(ev(cycle, world.members[1]), "good", 82)
    with pytest.raises(DomainError, match="Không ghi được") as exc:
        decision_record(
            actor=leader, evaluation=target, rating="excellent", score=60, reason="Thử xếp cao hơn"
        )
    assert exc.value.kind == ErrorCode.CONFLICT
    target.refresh_from_db()
    assert target.stage == Stage.APPRAISAL and target.final_rating == ""
    assert not AuditEvent.objects.filter(action="evaluation.decide").exists()


def test_head_rated_above_the_collective_is_blocked(world, cycle, leader):
    collective = to_appraisal(ev(cycle, unit=world.tree.cell), "completed", 60)
    decision_record(actor=leader, evaluation=collective, rating="completed")
    head = to_appraisal(ev(cycle, world.secretary), "good", 77)
    with pytest.raises(DomainError, match="cao hơn"):
        decision_record(actor=leader, evaluation=head, rating="good")
    decision_record(
        actor=leader, evaluation=head, rating="completed", score=60, reason="Không cao hơn tập thể"
    )


def test_a_justify_finding_needs_a_written_justification(world, cycle, inside, leader):
    for person in world.members:
        to_appraisal(ev(cycle, person), "good", 82)
    collective = to_appraisal(ev(cycle, unit=world.tree.cell), "completed", 60)
    with pytest.raises(DomainError, match="giải trình"):
        decision_record(actor=leader, evaluation=collective, rating="completed")
    with pytest.raises(DomainError, match="ít nhất 10"):
        justification_write(
            actor=inside,
            cycle=cycle,
            rule="inflation_pattern",
            unit=world.tree.cell,
            person=None,
            text="ngắn",
        )
    justification_write(
        actor=inside,
        cycle=cycle,
        rule="inflation_pattern",
        unit=world.tree.cell,
        person=None,
        text="Chi bộ mới sáp nhập, chỉ tiêu tập thể chưa đạt do khách quan.",
    )
    decided = decision_record(actor=leader, evaluation=collective, rating="completed")
    assert decided.stage == Stage.DECIDED
    assert Justification.objects.get().author == inside
    assert AuditEvent.objects.filter(action="evaluation.justify").count() == 1


def test_close_refuses_while_undecided_unless_forced(world, cycle, inside):
    with pytest.raises(DomainError, match="chưa có quyết định"):
        cycle_close(actor=inside, cycle=cycle)
    closed = cycle_close(actor=inside, cycle=cycle, force=True)
    assert closed.status == CycleStatus.CLOSED
    with pytest.raises(DomainError, match="đã kết thúc"):
        self_review_submit(
            actor=inside, evaluation=ev(cycle, world.members[1]), criteria=GOOD_POINTS, self_review="Muộn."
        )


def test_refresh_tasks_fills_figures_from_tracked_tasks(world, cycle, inside):
    from tochuc.directives.models import Directive, Quality, Task
    from tochuc.evaluations.services import evaluation_refresh_tasks

    tree = world.tree
    directive = Directive.objects.create(
        doc_type="KH",
        number="01",
        symbol="KH/ĐU",
        number_symbol="01-KH/ĐU",
        issuer="Đảng ủy xã An Bình",
        issuer_code="ĐU",
        term="2025-2030",
        title="Kế hoạch công tác năm 2025",
        unit=tree.commune,
    )

    def task(no, *, deadline, completed_on=None, unit=None, person=None, quality=""):
        return Task.objects.create(
            directive=directive,
            no=no,
            text=f"Nhiệm vụ {no}",
            assigned_by=tree.commune,
            lead_unit=unit,
            responsible_person=person,
            deadline=deadline,
            completed_on=completed_on,
            quality=quality,
        )

    member = world.members[1]
    task(
        "1",
        deadline=dt.date(2025, 3, 1),
        completed_on=dt.date(2025, 2, 20),
        person=member,
        quality=Quality.EXCEEDING,
    )
    task("2", deadline=dt.date(2025, 6, 1), completed_on=dt.date(2025, 6, 10), person=member)
    task("3", deadline=dt.date(2025, 9, 1), person=member)  # overdue at the end of the year
    task("4", deadline=dt.date(2024, 9, 1), person=member)  # another year: not counted
    task("5", deadline=dt.date(2025, 5, 1), completed_on=dt.date(2025, 4, 1), unit=tree.cell)
    updated = evaluation_refresh_tasks(actor=inside, cycle=cycle)
    assert updated == 2
    person_eval = ev(cycle, member)
    assert (
        person_eval.tasks_total,
        person_eval.tasks_done,
        person_eval.tasks_on_time,
        person_eval.tasks_late,
        person_eval.tasks_exceeding,
    ) == (3, 2, 1, 2, 1)
    cell = ev(cycle, unit=tree.cell)
    assert (cell.tasks_total, cell.tasks_on_time) == (1, 1)
    assert ev(cycle, world.members[2]).tasks_total == 0
    assert AuditEvent.objects.filter(action="evaluation.refresh_tasks").get().summary["updated"] == 2


def test_a_collective_is_decided_by_the_level_above(world, cycle, leader, tree):
    commune = to_appraisal(ev(cycle, unit=tree.commune), "good", 80)
    with pytest.raises(DomainError, match="cấp trên trực tiếp"):
        decision_record(actor=leader, evaluation=commune, rating="good")
    upper = make_user("tinhuy", Role.LEADER, tree.province)
    assert decision_record(actor=upper, evaluation=commune, rating="good").stage == Stage.DECIDED
