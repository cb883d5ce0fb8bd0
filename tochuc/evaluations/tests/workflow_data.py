"""People, titles and a cycle on the named cast's tree, for the workflow tests."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import Any

from tochuc.accounts.models import User
from tochuc.conftest import Tree, make_user
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.evaluations.services import appraisal_record, comments_record, cycle_open, self_review_submit
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_create
from tochuc.positions.models import PositionGroup, Title
from tochuc.positions.services import assignment_create, position_create
from tochuc.positions.titles import title_create

_codes = itertools.count(1)

GOOD_POINTS = {"political": 9, "ethics": 9, "discipline": 9, "task_results": 55}  # 82 → Good
LEADER_POINTS = {"political": 7, "ethics": 7, "discipline": 6, "leadership": 7, "task_results": 50}  # 77


def make_person(
    unit: OrgUnit,
    name: str,
    *,
    status: str = "full",
    admitted_on: dt.date | None = dt.date(2010, 3, 1),
    workplace: str = "Trường Trung học phổ thông An Bình",
    code: str | None = None,
) -> Person:
    return person_create(
        actor=None,
        unit=unit,
        code=code or f"EV{next(_codes):05d}",
        values={
            "full_name": name,
            "birth_date": dt.date(1985, 4, 2),
            "gender": "male",
            "workplace": workplace,
        },
        membership={"status": status, "admitted_on": admitted_on},
    )


def give_title(person: Person, unit: OrgUnit, title_name: str, group: int | None = 4) -> None:
    title = Title.objects.filter(name=title_name).first() or title_create(
        actor=None, name=title_name, is_leadership=True, leadership_group=group
    )
    position = position_create(
        actor=None, unit=unit, name=title_name, group=PositionGroup.LEADERSHIP, title=title, duties=[]
    )
    assignment_create(actor=None, position=position, person=person, start=dt.date(2020, 1, 1))


@dataclass
class World:
    tree: Tree
    secretary: Person  # head of the cell
    deputy: Person
    members: list[Person]
    outside_member: Person
    exempt: Person
    suspended: Person
    newcomer: Person
    gone: Person
    cadre: User  # login linked to members[0], no grants


def build_world(tree: Tree) -> World:
    cell = tree.cell
    secretary = make_person(cell, "Lê Văn Bí")
    give_title(secretary, cell, "Bí thư chi bộ")
    deputy = make_person(cell, "Phạm Thị Phó")
    give_title(deputy, cell, "Phó Bí thư chi bộ")
    members = [make_person(cell, name) for name in ("Nguyễn Văn An", "Trần Thị Bình", "Hoàng Văn Cường")]
    outside_member = make_person(cell, "Đỗ Văn Hưu", workplace="")
    exempt = make_person(cell, "Vũ Văn Miễn", status="exempt")
    suspended = make_person(cell, "Bùi Văn Đình", status="suspended")
    newcomer = make_person(cell, "Ngô Thị Mới", status="probationary", admitted_on=dt.date(2025, 9, 1))
    gone = make_person(cell, "Mai Văn Rời", status="left")
    cadre = make_user("canbo")
    cadre.person = members[0]
    cadre.save(update_fields=["person"])
    return World(tree, secretary, deputy, members, outside_member, exempt, suspended, newcomer, gone, cadre)


def open_cycle(
    tree: Tree, code: str = "T01-2025", unit: OrgUnit | None = None, **kwargs: Any
) -> EvaluationCycle:
    return cycle_open(
        actor=None,
        code=code,
        name="Đánh giá, xếp loại năm 2025",
        unit=unit or tree.province,
        kind=kwargs.pop("kind", "annual"),
        year=kwargs.pop("year", 2025),
        **kwargs,
    )


def ev(cycle: EvaluationCycle, person: Person | None = None, unit: OrgUnit | None = None) -> Evaluation:
    if person is not None:
        return Evaluation.objects.get(cycle=cycle, person=person)
    return Evaluation.objects.get(cycle=cycle, unit=unit, person__isnull=True)


def points_for(evaluation: Evaluation) -> dict[str, int]:
    if evaluation.frame in ("leader", "central_cadre"):
        return dict(LEADER_POINTS)
    if evaluation.frame == "collective":
        return {"party_building": 7, "democratic_centralism": 7, "inspection": 6, "task_results": 40}  # 60
    if evaluation.frame == "outside":
        return {"political": 9, "ethics": 9, "residence_duty": 9, "task_results": 55}
    return dict(GOOD_POINTS)


def to_appraisal(evaluation: Evaluation, rating: str, score: float, *, appraiser: Any = None) -> Evaluation:
    """Walk an evaluation through self-review and comments to an appraisal with ``rating``."""
    points = points_for(evaluation)
    evaluation = self_review_submit(
        actor=None, evaluation=evaluation, criteria=points, self_review="Tự kiểm điểm đầy đủ các mặt."
    )
    evaluation = comments_record(
        actor=None,
        evaluation=evaluation,
        comments="Tập thể chi bộ nhất trí.",
        suggested_rating=evaluation.self_rating,
    )
    return appraisal_record(
        actor=appraiser, evaluation=evaluation, score=score, rating=rating, reason="Thẩm định theo tiêu chí."
    )
