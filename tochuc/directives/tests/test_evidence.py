"""The task-results figures the evaluation capability reads for a unit or a person."""

from __future__ import annotations

import datetime as dt

import pytest

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.directives.evidence import TaskEvidence, task_evidence
from tochuc.directives.models import Quality
from tochuc.directives.tests.task_factory import make_person, make_task

D = dt.date
START, END = D(2025, 1, 1), D(2025, 12, 31)


def test_unit_figures_count_its_own_tasks_not_its_childrens(tree: Tree) -> None:
    unit = tree.commune
    make_task(
        unit,
        tree.province,
        no="1",
        deadline=D(2025, 3, 31),
        completed_on=D(2025, 3, 31),
        quality=Quality.EXCEEDING,
    )
    make_task(
        unit, tree.province, no="2", deadline=D(2025, 6, 30), completed_on=D(2025, 7, 1), quality=Quality.MET
    )
    make_task(unit, tree.province, no="3", deadline=D(2025, 9, 30))  # never done: overdue
    make_task(unit, tree.province, no="4", deadline=D(2025, 12, 31))  # due on the last day: not yet overdue
    make_task(
        unit, tree.province, no="5", deadline=D(2025, 11, 30), completed_on=D(2026, 1, 15)
    )  # late after the period
    make_task(
        unit, tree.province, no="6", deadline=D(2024, 12, 31), completed_on=D(2024, 12, 1)
    )  # outside the period
    make_task(unit, tree.province, no="7")  # no deadline: never due
    make_task(tree.grassroots, unit, no="8", deadline=D(2025, 5, 1))  # a child's task
    assert task_evidence(unit=unit, start=START, end=END) == TaskEvidence(
        due=5, done_on_time=1, done_late=1, overdue=2, exceeding=1
    )
    assert task_evidence(unit=tree.grassroots, start=START, end=END) == TaskEvidence(
        due=1, done_on_time=0, done_late=0, overdue=1, exceeding=0
    )


def test_person_figures_follow_the_responsible_person(tree: Tree) -> None:
    person = make_person(tree.commune, "Trần Thị Hoa", "P9")
    make_task(
        tree.commune,
        tree.province,
        no="1",
        deadline=D(2025, 3, 1),
        completed_on=D(2025, 2, 1),
        responsible_person=person,
    )
    make_task(tree.commune2, tree.province, no="2", deadline=D(2025, 3, 1), responsible_person=person)
    make_task(tree.commune, tree.province, no="3", deadline=D(2025, 3, 1))
    assert task_evidence(person=person, start=START, end=END) == TaskEvidence(
        due=2, done_on_time=1, done_late=0, overdue=1, exceeding=0
    )


def test_exactly_one_subject_and_a_real_period(tree: Tree) -> None:
    with pytest.raises(DomainError):
        task_evidence(start=START, end=END)
    with pytest.raises(DomainError):
        task_evidence(unit=tree.commune, start=END, end=START)
