"""Registering directives, assigning and breaking down tasks, progress reports, quality ratings."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.accounts.models import Role, User
from tochuc.audit.models import AuditEvent
from tochuc.conftest import Tree, make_user
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.directives.models import Quality, Task
from tochuc.directives.services import (
    directive_register,
    progress_report_submit,
    task_assign,
    task_break_down,
    task_rate_quality,
)
from tochuc.directives.terms import term_for
from tochuc.directives.tests.task_factory import assigned, make_person, register
from tochuc.people.models import Relative

D = dt.date


def test_register_builds_the_number_symbol_term_and_tasks(tree: Tree, inside: User) -> None:
    directive = directive_register(
        actor=inside,
        unit=tree.province,
        doc_type="KL",
        number="03",
        issuer_code="BTCTW",
        issuer="Ban Tổ chức Trung ương",
        term="",
        title="Kết luận",
        issued_on=D(2017, 3, 16),
        recipients=["Các tỉnh ủy", " "],
        tasks=[{"no": "1", "text": "Rà soát", "deadline": "2017-12-31"}, {"no": "2", "text": "Kiện toàn"}],
    )
    assert directive.number_symbol == "03-KL/BTCTW"
    assert directive.symbol == "KL/BTCTW"
    assert directive.term == "2015-2020"
    assert directive.recipients == ["Các tỉnh ủy"]
    tasks = list(directive.tasks.order_by("no"))
    assert [(t.no, t.deadline, t.lead_unit) for t in tasks] == [
        ("1", D(2017, 12, 31), None),
        ("2", None, None),
    ]
    assert all(t.assigned_by == tree.province for t in tasks)
    assert AuditEvent.objects.filter(action="directive.register", object_id=str(directive.pk)).count() == 1


def test_register_accepts_a_typed_symbol_with_plain_letters(tree: Tree, inside: User) -> None:
    directive = directive_register(
        actor=inside,
        unit=tree.province,
        doc_type="QD",
        number="366",
        issuer_code="TW",
        issuer="Ban Chấp hành Trung ương",
        term="2015-2020",
        title="Quy định",
    )
    assert directive.number_symbol == "366-QĐ/TW"


def test_second_document_with_same_number_in_the_term_is_refused(tree: Tree, inside: User) -> None:
    register(tree.province)
    with pytest.raises(DomainError) as error:
        register(tree.province, issued_on=D(2018, 1, 5))
    assert error.value.kind == ErrorCode.CONFLICT
    assert "Đã có văn bản số 03-KL/BTCTW trong nhiệm kỳ 2015-2020 (đăng ký ngày" in error.value.message
    # Same number in the next term is a different document.
    assert register(tree.province, issued_on=D(2021, 3, 1)).term == "2020-2025"


def test_register_needs_edit_on_the_unit(tree: Tree, outside: User, leader: User) -> None:
    for actor in (outside, leader):
        with pytest.raises(DomainError) as error:
            directive_register(
                actor=actor,
                unit=tree.province,
                doc_type="KL",
                number="1",
                issuer_code="TU",
                issuer="Tỉnh ủy",
                term="2020-2025",
                title="Kết luận",
            )
        assert error.value.kind == ErrorCode.NOT_FOUND


def test_register_rejects_a_state_style_symbol(tree: Tree, inside: User) -> None:
    with pytest.raises(DomainError):
        directive_register(
            actor=inside,
            unit=tree.province,
            doc_type="KH-UBND",
            number="15",
            issuer_code="",
            issuer="UBND",
            term="2020-2025",
            title="Kế hoạch",
        )


@pytest.mark.parametrize(
    ("day", "term"),
    [
        (D(2016, 1, 20), "2010-2015"),
        (D(2016, 1, 21), "2015-2020"),
        (D(2017, 3, 16), "2015-2020"),
        (D(2021, 1, 24), "2015-2020"),
        (D(2021, 1, 25), "2020-2025"),
        (D(2026, 1, 18), "2020-2025"),
        (D(2026, 1, 19), "2025-2030"),
        (D(2011, 1, 11), "2005-2010"),
        (D(2031, 6, 1), "2030-2035"),
    ],
)
def test_term_starts_on_the_day_the_congress_opens(day: dt.date, term: str) -> None:
    assert term_for(day) == term


def test_assign_sets_one_lead_and_its_path(tree: Tree, inside: User) -> None:
    directive = register(tree.province)
    task = assigned(directive, tree.commune, deadline=D(2030, 6, 30), cooperating_units=[tree.commune2])
    task = task_assign(
        actor=inside,
        task=task,
        lead_unit=tree.commune,
        cooperating_units=[tree.commune2, tree.commune2],
        deadline=D(2030, 6, 30),
        report_period="quarterly",
        product_kind="report",
        product="Báo cáo sơ kết",
    )
    task.refresh_from_db()
    assert task.lead_unit == tree.commune and task.lead_path == tree.commune.path
    assert list(task.cooperating_units.all()) == [tree.commune2]
    assert AuditEvent.objects.filter(action="task.assign", object_id=str(task.pk)).count() == 2


def test_assign_refuses_lead_among_cooperating_or_outside_reach(
    tree: Tree, inside: User, outside: User
) -> None:
    task = register(tree.province).tasks.get(no="1")
    with pytest.raises(DomainError, match="không đồng thời"):
        task_assign(actor=inside, task=task, lead_unit=tree.commune, cooperating_units=[tree.commune])
    with pytest.raises(DomainError, match="trực thuộc"):
        task_assign(actor=inside, task=task, lead_unit=tree.other_commune)
    with pytest.raises(DomainError) as error:
        task_assign(actor=outside, task=task, lead_unit=tree.commune)
    assert error.value.kind == ErrorCode.NOT_FOUND
    task.refresh_from_db()
    assert task.lead_unit is None


def test_break_down_creates_children_for_the_lead_units_subtree(tree: Tree, inside: User) -> None:
    specialist = make_user("xa", Role.SPECIALIST, tree.commune)
    parent = assigned(register(tree.province), tree.commune, deadline=D(2030, 6, 30))
    children = task_break_down(
        actor=specialist,
        task=parent,
        items=[
            {"text": "Rà soát chi bộ", "lead_unit": tree.grassroots, "deadline": D(2030, 3, 31)},
            {"text": "Tổng hợp", "lead_unit": tree.commune},
        ],
    )
    assert [(c.no, c.lead_unit, c.deadline, c.assigned_by) for c in children] == [
        ("1.1", tree.grassroots, D(2030, 3, 31), tree.commune),
        ("1.2", tree.commune, D(2030, 6, 30), tree.commune),
    ]
    with pytest.raises(DomainError, match="sau thời hạn"):
        task_break_down(
            actor=specialist,
            task=parent,
            items=[{"text": "Muộn", "lead_unit": tree.cell, "deadline": D(2030, 7, 1)}],
        )
    with pytest.raises(DomainError, match="trực thuộc"):
        task_break_down(actor=specialist, task=parent, items=[{"text": "Ngoài", "lead_unit": tree.commune2}])
    # The commune's specialist cannot break down a task of the province.
    other = assigned(register(tree.province, number="04"), tree.province)
    with pytest.raises(DomainError):
        task_break_down(actor=specialist, task=other, items=[{"text": "x", "lead_unit": tree.commune}])
    assert parent.children.count() == 2


def test_progress_report_updates_the_task_and_completes_it(tree: Tree, inside: User) -> None:
    task = assigned(register(tree.province), tree.commune, deadline=D(2020, 6, 30))
    progress_report_submit(
        actor=inside, task=task, percent=40, narrative="Đã rà soát", reported_on=D(2020, 3, 31)
    )
    task.refresh_from_db()
    assert (task.percent, task.last_report_on, task.started_on, task.completed_on) == (
        40,
        D(2020, 3, 31),
        D(2020, 3, 31),
        None,
    )
    with pytest.raises(DomainError, match="thấp hơn"):
        progress_report_submit(
            actor=inside, task=task, percent=30, narrative="Lùi", reported_on=D(2020, 4, 30)
        )
    with pytest.raises(DomainError, match="100%"):
        progress_report_submit(actor=inside, task=task, percent=90, narrative="x", is_final=True)
    report = progress_report_submit(
        actor=inside, task=task, percent=100, narrative="Hoàn thành", reported_on=D(2020, 7, 2)
    )
    task.refresh_from_db()
    assert report.is_final and task.completed_on == D(2020, 7, 2) and task.percent == 100
    with pytest.raises(DomainError, match="đã hoàn thành"):
        progress_report_submit(actor=inside, task=task, percent=100, narrative="Lần nữa")
    assert AuditEvent.objects.filter(action="task.report", object_id=str(task.pk)).count() == 2


def test_progress_report_by_someone_else_or_bad_figures(tree: Tree, outside: User, inside: User) -> None:
    task = assigned(register(tree.province), tree.commune)
    with pytest.raises(DomainError) as error:
        progress_report_submit(actor=outside, task=task, percent=10, narrative="x")
    assert error.value.kind == ErrorCode.NOT_FOUND
    for percent in (-1, 101):
        with pytest.raises(DomainError, match="0 đến 100"):
            progress_report_submit(actor=inside, task=task, percent=percent, narrative="x")
    with pytest.raises(DomainError, match="sau hôm nay"):
        progress_report_submit(
            actor=inside,
            task=task,
            percent=10,
            narrative="x",
            reported_on=dt.date.today() + dt.timedelta(days=2),
        )
    assert not task.reports.exists()


def test_quality_is_rated_by_the_assigning_unit_when_done(tree: Tree, inside: User) -> None:
    province_leader = make_user("bithu", Role.LEADER, tree.province)
    task = assigned(register(tree.province), tree.commune, deadline=D(2020, 6, 30))
    with pytest.raises(DomainError, match="đã hoàn thành"):
        task_rate_quality(actor=province_leader, task=task, quality=Quality.MET)
    progress_report_submit(actor=inside, task=task, percent=100, narrative="Xong", reported_on=D(2020, 6, 1))
    with pytest.raises(DomainError) as error:  # a specialist enters data, a leader judges
        task_rate_quality(actor=inside, task=task, quality=Quality.MET)
    assert error.value.kind == ErrorCode.NOT_FOUND
    rated = task_rate_quality(actor=province_leader, task=task, quality=Quality.EXCEEDING, note="Vượt")
    assert rated.quality == Quality.EXCEEDING and rated.rated_by == province_leader
    with pytest.raises(DomainError):
        task_rate_quality(actor=province_leader, task=task, quality="excellent")


def test_lead_unit_does_not_rate_its_own_task(tree: Tree, inside: User) -> None:
    province_leader = make_user("bithu", Role.LEADER, tree.province)
    task = assigned(register(tree.province), tree.province, deadline=D(2020, 6, 30))
    progress_report_submit(actor=inside, task=task, percent=100, narrative="Xong", reported_on=D(2020, 6, 1))
    with pytest.raises(DomainError, match="không tự đánh giá"):
        task_rate_quality(actor=province_leader, task=task, quality=Quality.MET)


def test_nobody_rates_a_task_they_or_a_relative_are_responsible_for(tree: Tree, inside: User) -> None:
    me = make_person(tree.commune, "Nguyễn Văn An", "P1")
    son = make_person(tree.commune, "Nguyễn Văn Bình", "P2")
    Relative.objects.create(person=me, linked_person=son, relation="con", full_name=son.full_name)
    province_leader = make_user("bithu", Role.LEADER, tree.province)
    province_leader.person = me
    province_leader.save()
    for responsible, number in ((me, "05"), (son, "06")):
        task = assigned(register(tree.province, number=number), tree.commune, responsible_person=responsible)
        progress_report_submit(actor=inside, task=task, percent=100, narrative="Xong")
        with pytest.raises(DomainError, match="chính mình hoặc người thân"):
            task_rate_quality(actor=province_leader, task=task, quality=Quality.MET)
        assert Task.objects.get(pk=task.pk).quality == ""
