"""The signal collector over real rows of the other apps, and the ``supervision_signals`` command."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from tochuc.audit.services import record
from tochuc.conftest import Tree
from tochuc.directives.tests.task_factory import make_task
from tochuc.evaluations.models import CycleStatus, EvaluationCycle, Justification
from tochuc.inspections.rules import get_pack
from tochuc.inspections.signals import supervision_signals
from tochuc.inspections.tests.factory import make_person
from tochuc.orgunits.models import OrgUnit

pytestmark = pytest.mark.django_db
PACK = get_pack()


def today() -> dt.date:
    return timezone.localdate()


def _event(
    action: str, unit: OrgUnit, target: object, summary: dict[str, object], at: dt.datetime | None = None
) -> None:
    with transaction.atomic():
        if at is None:
            record(actor=None, action=action, target=target, unit_path=unit.path, summary=summary)
            return
        with mock.patch("tochuc.audit.services.timezone.now", return_value=at):
            record(actor=None, action=action, target=target, unit_path=unit.path, summary=summary)


def kinds(unit: OrgUnit) -> list[str]:
    return [s.kind for s in supervision_signals(unit, today=today())]


def test_overdue_tasks_past_the_threshold_only(tree: Tree) -> None:
    make_task(
        tree.commune, tree.province, no="1", deadline=today() - dt.timedelta(days=PACK.task_overdue_days)
    )
    make_task(
        tree.commune, tree.province, no="2", deadline=today() - dt.timedelta(days=PACK.task_overdue_days - 1)
    )
    make_task(tree.other_commune, tree.other_province, no="3", deadline=today() - dt.timedelta(days=400))
    found = supervision_signals(tree.province, today=today())
    assert [(s.kind, s.unit) for s in found] == [("task_overdue", tree.commune.code)]
    assert found[0].link.startswith("/directives/tasks/")


def test_justified_inflation_flag_is_a_signal(tree: Tree) -> None:
    cycle = EvaluationCycle.objects.create(
        code="DG-2025", name="Đánh giá 2025", unit=tree.province, year=2025, pack="qd366-2025"
    )
    person = make_person(tree.cell, "Ngô Văn Minh", "P-FLAG")
    Justification.objects.create(
        cycle=cycle, rule="inflation_pattern", unit=tree.cell, person=person, text="Đơn vị làm tốt"
    )
    Justification.objects.create(cycle=cycle, rule="excellent_quota", unit=tree.cell, text="Khác")
    found = supervision_signals(tree.province, today=today())
    assert [(s.kind, s.person) for s in found] == [("evaluation_flag_justified", "P-FLAG")]
    assert any("Đơn vị làm tốt" in e for e in found[0].evidence)


def test_reveals_far_above_the_usual_count(tree: Tree) -> None:
    person = make_person(tree.cell, "Vũ Văn Nam", "P-REVEAL")
    for _i in range(PACK.reveal_min - 1):
        _event("person.reveal_citizen_id", tree.cell, person, {"reason": "Tra cứu"})
    assert "citizen_id_reveals" not in kinds(tree.province)
    _event("person.reveal_citizen_id", tree.cell, person, {"reason": "Tra cứu"})
    assert kinds(tree.province) == ["citizen_id_reveals"]
    # A unit that always reveals this much is not unusual.
    old = timezone.now() - dt.timedelta(days=PACK.reveal_window_days + 10)
    for _i in range(PACK.reveal_min * 3):
        _event("person.reveal_citizen_id", tree.cell, person, {"reason": "Tra cứu"}, at=old)
    assert "citizen_id_reveals" not in kinds(tree.province)


def test_one_user_redeciding_many_ratings(tree: Tree) -> None:
    cycle = EvaluationCycle.objects.create(
        code="DG-2024", name="Đánh giá 2024", unit=tree.province, year=2024, pack="qd366-2025"
    )
    for i in range(PACK.rating_changes_min):
        target = make_person(tree.cell, f"Người {i}", f"P-R{i}")
        _event("evaluation.decide", tree.cell, target, {"cycle": cycle.code})
        _event("evaluation.decide", tree.cell, target, {"cycle": cycle.code})
    found = supervision_signals(tree.province, today=today())
    assert [(s.kind, s.unit) for s in found] == [("ratings_changed_after_decision", tree.cell.code)]


def test_night_write_on_a_closed_cycle(tree: Tree) -> None:
    closed_at = timezone.now() - dt.timedelta(days=10)
    cycle = EvaluationCycle.objects.create(
        code="DG-2023",
        name="Đánh giá 2023",
        unit=tree.province,
        year=2023,
        pack="qd366-2025",
        status=CycleStatus.CLOSED,
        closed_at=closed_at,
    )
    local = timezone.localtime(closed_at) + dt.timedelta(days=2)
    night = local.replace(hour=PACK.night_start_hour, minute=15)
    day = local.replace(hour=10)
    before_close = timezone.localtime(closed_at) - dt.timedelta(days=1)
    person = make_person(tree.cell, "Đinh Văn Phúc", "P-NIGHT")
    _event("evaluation.decide", tree.cell, person, {"cycle": cycle.code}, at=day)
    _event("evaluation.decide", tree.cell, person, {"cycle": cycle.code}, at=before_close.replace(hour=23))
    assert "closed_cycle_night_write" not in kinds(tree.province)
    _event("evaluation.decide", tree.cell, person, {"cycle": cycle.code}, at=night)
    assert kinds(tree.province).count("closed_cycle_night_write") == 1


def test_command_prints_the_contract(tree: Tree) -> None:
    make_task(tree.commune, tree.province, deadline=today() - dt.timedelta(days=90))
    out = StringIO()
    call_command("supervision_signals", "--unit", tree.province.code, "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows == [
        {"kind": "task_overdue", "unit": tree.commune.code, "person": None, "detail": rows[0]["detail"]}
    ]
    assert "90" in rows[0]["detail"]


def test_command_refuses_an_unknown_unit(tree: Tree) -> None:
    with pytest.raises(CommandError) as caught:
        call_command("supervision_signals", "--unit", "NOPE")
    assert caught.value.returncode == 2


def test_answers_overdue_feedback_right_and_discipline_waiting(tree: Tree) -> None:
    from tochuc.feedback.models import Feedback, FeedbackStatus
    from tochuc.inspections import services
    from tochuc.inspections.tests.factory import make_inspection
    from tochuc.proposals.models import Proposal

    day = today()
    late = day - dt.timedelta(days=PACK.answer_overdue_days)
    Proposal.objects.create(
        from_unit=tree.cell,
        to_unit=tree.grassroots,
        kind="other",
        subject="Kinh phí",
        content="x",
        sent_on=late - dt.timedelta(days=30),
        answer_due=late,
        pack="default-2026",
    )
    Proposal.objects.create(
        from_unit=tree.cell,
        to_unit=tree.grassroots,
        kind="other",
        subject="Chưa quá ngưỡng",
        content="x",
        sent_on=late,
        answer_due=late + dt.timedelta(days=1),
        pack="default-2026",
    )
    person = make_person(tree.cell, "Cao Văn Quý", "P-FB")
    right = Feedback.objects.create(
        tracking_code="GY-1",
        channel="citizen",
        kind="cadre",
        concerned_unit=tree.cell,
        unit=tree.grassroots,
        content="x",
        received_on=day - dt.timedelta(days=40),
        due_on=day - dt.timedelta(days=10),
        pack="default-2026",
        status=FeedbackStatus.ANSWERED,
        finding="right",
        answered_on=day - dt.timedelta(days=5),
    )
    right.persons.set([person])
    inspection = make_inspection(tree, code="KT-OLD")
    services.conclude(
        actor=None,
        inspection=inspection,
        text="Kết luận",
        follow_ups=[],
        discipline=[services.ProposedDiscipline(form="reprimand", reason="Vi phạm", person=person)],
        today=day - dt.timedelta(days=PACK.discipline_wait_days),
    )
    found = supervision_signals(tree.province, today=day)
    assert sorted((s.kind, s.person) for s in found) == [
        ("answer_overdue", None),
        ("discipline_no_follow_up", "P-FB"),
        ("feedback_right", "P-FB"),
    ]
