"""Scope fuzzing: users with random grants ask every list, search, count and detail endpoint of the
API; nothing outside their scope may appear, and everything inside it must.

The scope is computed here on its own, from the grants drawn (a unit, and the units below it when
the grant has the subtree), not through ``tochuc.accounts.policy`` or the selectors. Beyond units,
people and positions, the model knows where the work lives:

- a task is seen by whoever reaches its lead unit, one of its cooperating units or the unit that
  assigned it; a directive by whoever reaches the unit that registered it or sees one of its tasks;
- an evaluation cycle by whoever reaches its unit, or a unit below it (the cycle is opened over the
  whole subtree); an evaluation only through its unit;
- a planning cycle and a procedure through their unit;
- a review period through the unit that opened it or one of the units asked to report.

``TOCHUC_FUZZ_EXAMPLES`` sets the number of users drawn (172 requests each): 6 by default (1,032
requests), ``60`` for the nightly run (10,320 requests).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree
from tochuc.directives.models import Directive, Task
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.services import person_create
from tochuc.personnel.models import PlanningCycle, PlanningEntry, Procedure
from tochuc.positions.models import Position, Title
from tochuc.positions.services import position_create
from tochuc.reviews.models import ReviewPeriod
from tochuc.reviews.services import period_open

EXAMPLES = int(os.environ.get("TOCHUC_FUZZ_EXAMPLES", "6"))
GIVEN_NAMES = ["An", "Bình", "Cường", "Dũng", "Hà", "Hoa", "Khánh", "Lan", "Minh", "Nga", "Phúc"]


@dataclass
class Work:
    """The objects whose visibility follows a rule of their own, each with the units it hangs on."""

    directives: list[Directive]
    tasks: list[Task]
    cycles: list[EvaluationCycle]
    evaluations: list[Evaluation]
    planning: list[PlanningCycle]
    procedures: list[Procedure]
    periods: list[ReviewPeriod]


@dataclass
class World:
    units: list[OrgUnit]
    people: list[Person]
    positions: list[Position]
    work: Work | None = None
    requests: int = 0


def _work(units: list[OrgUnit], people: list[Person]) -> Work:
    """Across the tree: in each unit a directive with two tasks (one led there and assigned from
    elsewhere, sometimes with a cooperating unit; one not yet assigned), an evaluation cycle over its
    subtree, a planning cycle, a procedure and, where it has units below, a review period."""
    count = len(units)
    title = Title.objects.create(name="Bí thư (kiểm thử phạm vi)", is_leadership=True)
    directives, tasks, cycles, evaluations, planning, procedures, periods = [], [], [], [], [], [], []
    for n, unit in enumerate(units):
        directive = Directive.objects.create(
            unit=unit,
            doc_type="KL",
            number=str(n + 1),
            symbol="KL/FZ",
            number_symbol=f"{n + 1}-KL/FZ",
            issuer="Ban kiểm thử",
            issuer_code="FZ",
            term="",
            title=f"Kết luận phạm vi số {n:02d}",
            issued_on=dt.date(2025, 1, 1 + n),
        )
        directives.append(directive)
        led = Task.objects.create(
            directive=directive,
            assigned_by=units[(n + 4) % count],
            lead_unit=unit,
            lead_path=unit.path,
            no="1",
            text=f"Nhiệm vụ phạm vi {n:02d} chủ trì",
        )
        if n % 2 == 0:
            led.cooperating_units.add(units[(n + 7) % count])
        loose = Task.objects.create(
            directive=directive, assigned_by=unit, no="2", text=f"Nhiệm vụ phạm vi {n:02d} chưa giao"
        )
        tasks += [led, loose]
        cycle = EvaluationCycle.objects.create(
            code=f"FZ{n:02d}", name=f"Đợt đánh giá phạm vi {n:02d}", unit=unit, year=2025, pack="qd366-2025"
        )
        cycles.append(cycle)
        for m, below in enumerate(units):
            if below.path.startswith(unit.path):
                evaluations.append(
                    Evaluation.objects.create(
                        cycle=cycle, unit=below, subject_kind="collective", frame="collective"
                    )
                )
                evaluations.append(
                    Evaluation.objects.create(
                        cycle=cycle,
                        unit=below,
                        person=people[m],
                        subject_kind="individual",
                        frame="non_leader",
                    )
                )
        plan = PlanningCycle.objects.create(
            code=f"QH{n:02d}",
            name=f"Quy hoạch phạm vi {n:02d}",
            unit=unit,
            term="2025-2030",
            pack="qd80-2023",
        )
        PlanningEntry.objects.create(
            cycle=plan, person=people[n], title=title, status="approved", added_on=dt.date(2025, 1, 1)
        )
        planning.append(plan)
        procedures.append(
            Procedure.objects.create(
                kind="appointment",
                unit=unit,
                title=title,
                candidate=people[n],
                pack="qd80-2023",
                file_received_on=dt.date(2025, 1, 1),
                status="open",
            )
        )
        if any(u.parent_id == unit.pk for u in units):
            periods.append(
                period_open(
                    actor=None,
                    code=f"SK-{unit.code}",
                    unit=unit,
                    kind="quarter",
                    year=2025,
                    quarter=1,
                    deadline=dt.date(2025, 4, 10),
                )
            )
    return Work(directives, tasks, cycles, evaluations, planning, procedures, periods)


@pytest.fixture
def world(tree: Tree) -> World:
    units = list(OrgUnit.objects.order_by("path"))
    people, positions = [], []
    for n, unit in enumerate(units):
        people.append(
            person_create(
                actor=None,
                unit=unit,
                code=f"FZ-{n:02d}",
                values={
                    "full_name": f"Nguyễn Văn {GIVEN_NAMES[n % len(GIVEN_NAMES)]} {n:02d}",
                    "birth_date": dt.date(1970 + n, 1, 1),
                    "gender": "male",
                },
            )
        )
        positions.append(
            position_create(actor=None, unit=unit, name=f"Chuyên viên {n:02d}", group="professional")
        )
    return World(units, people, positions, _work(units, people))


GRANTS = st.lists(
    st.tuples(st.sampled_from([r.value for r in Role]), st.integers(0, 10), st.booleans()),
    max_size=3,
    unique_by=lambda grant: (grant[0], grant[1]),
)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class Asker:
    def __init__(self, world: World, client: Client) -> None:
        self.world = world
        self.client = client

    def get(self, url: str, **params: Any) -> Any:
        self.world.requests += 1
        response = self.client.get(url, params)
        assert response.status_code in (200, 404), (url, response.status_code)
        return response


def _check_user(world: World, grants: list[tuple[str, int, bool]]) -> None:
    user = User.objects.create_user(username="fuzz", password="x")
    for role, index, subtree in grants:
        grant_role(actor=None, user=user, role=role, unit=world.units[index], include_subtree=subtree)
    reaches = [(world.units[i].path, subtree) for _, i, subtree in grants]
    seen = {u.pk for u in world.units if any(u.path == p or (s and u.path.startswith(p)) for p, s in reaches)}
    in_units = {u.code for u in world.units if u.pk in seen}
    in_people = {p.code for p in world.people if p.unit_id in seen}
    in_positions = {p.pk for p in world.positions if p.unit_id in seen}
    hidden = {u.code for u in world.units if u.pk not in seen} | {
        u.name for u in world.units if u.pk not in seen
    }
    hidden |= {p.code for p in world.people if p.unit_id not in seen}
    hidden |= {p.full_name for p in world.people if p.unit_id not in seen}
    hidden |= {p.name for p in world.positions if p.unit_id not in seen}

    client = Client()
    client.force_login(user)
    ask = Asker(world, client)

    def clean(response: Any) -> Any:
        body = response.json()
        leaked = set(_strings(body)) & hidden
        assert not leaked, (response.request["PATH_INFO"], leaked)
        return body

    units = clean(ask.get("/api/v1/units/", limit=500))
    assert {u["code"] for u in units["items"]} == in_units and units["count"] == len(in_units)
    assert {u["code"] for u in clean(ask.get("/api/v1/units/search", q="dang bo"))} <= in_units
    people = clean(ask.get("/api/v1/persons/", limit=500))
    assert {p["code"] for p in people["items"]} == in_people and people["count"] == len(in_people)
    assert {p["code"] for p in clean(ask.get("/api/v1/persons/search", q="nguyen", limit=100))} == in_people
    positions = clean(ask.get("/api/v1/positions/", limit=500))
    assert {p["id"] for p in positions["items"]} == in_positions and positions["count"] == len(in_positions)
    for unit in world.units:
        for url in [f"/api/v1/units/{unit.code}", f"/api/v1/units/{unit.code}/subtree"]:
            response = ask.get(url)
            assert response.status_code == (200 if unit.code in in_units else 404), url
            clean(response)
    for person in world.people:
        response = ask.get(f"/api/v1/persons/{person.code}")
        assert response.status_code == (200 if person.code in in_people else 404)
        clean(response)
    for position in world.positions:
        response = ask.get(f"/api/v1/positions/{position.pk}")
        assert response.status_code == (200 if position.pk in in_positions else 404)
        clean(response)
    assert world.work is not None
    _check_work(world, world.work, ask, [world.units[i] for _, i, _ in grants], seen)


def _check_work(world: World, work: Work, ask: Asker, granted: list[OrgUnit], seen: set[int]) -> None:
    """Directives, tasks, evaluations, planning, procedures and review periods, by the rules above.

    A visible task names the units it involves, a visible cycle the unit above that opened it, a
    period the units asked to report: so here the words that must never appear are those of the
    objects outside the scope (titles, texts, names of people the user does not reach)."""
    by_pk = {u.pk: u for u in world.units}
    above: set[int] = set()
    for unit in granted:
        parent_id: int | None = unit.pk
        while parent_id is not None:
            above.add(parent_id)
            parent_id = by_pk[parent_id].parent_id
    in_tasks = {
        t.pk
        for t in work.tasks
        if t.lead_unit_id in seen
        or t.assigned_by_id in seen
        or any(u.pk in seen for u in t.cooperating_units.all())
    }
    in_directives = {d.pk for d in work.directives if d.unit_id in seen} | {
        t.directive_id for t in work.tasks if t.pk in in_tasks
    }
    in_cycles = {c.code for c in work.cycles if c.unit_id in seen or c.unit_id in above}
    in_evaluations = {e.pk for e in work.evaluations if e.unit_id in seen}
    in_planning = {c.pk for c in work.planning if c.unit_id in seen}
    in_procedures = {p.pk for p in work.procedures if p.unit_id in seen}
    in_periods = {
        p.code for p in work.periods if p.unit_id in seen or p.expected.filter(unit_id__in=seen).exists()
    }
    in_units = {u.code for u in world.units if u.pk in seen}
    hidden = {t.text for t in work.tasks if t.pk not in in_tasks}
    hidden |= {d.title for d in work.directives if d.pk not in in_directives}
    hidden |= {c.name for c in work.cycles if c.code not in in_cycles}
    hidden |= {c.name for c in work.planning if c.pk not in in_planning}
    hidden |= {p.full_name for p in world.people if p.unit_id not in seen}
    hidden |= {p.code for p in world.people if p.unit_id not in seen}

    def clean(response: Any) -> Any:
        body = response.json()
        leaked = set(_strings(body)) & hidden
        assert not leaked, (response.request["PATH_INFO"], leaked)
        return body

    directives = clean(ask.get("/api/v1/directives/", limit=500))
    assert {d["id"] for d in directives["items"]} == in_directives
    assert directives["count"] == len(in_directives)
    found = clean(ask.get("/api/v1/directives/", q="ket luan pham vi", limit=500))
    assert {d["id"] for d in found["items"]} == in_directives
    tasks = clean(ask.get("/api/v1/directives/tasks", limit=500))
    assert {t["id"] for t in tasks["items"]} == in_tasks and tasks["count"] == len(in_tasks)
    for unit in world.units:
        of_unit = in_tasks & {
            t.pk
            for t in work.tasks
            if (t.lead_unit is not None and t.lead_unit.path.startswith(unit.path))
            or t.assigned_by_id == unit.pk
            or any(u.pk == unit.pk for u in t.cooperating_units.all())
        }
        response = ask.get("/api/v1/directives/tasks", unit=unit.code, limit=500)
        assert response.status_code == (200 if unit.pk in seen else 404), unit.code
        if response.status_code == 200:
            assert {t["id"] for t in clean(response)["items"]} == of_unit, unit.code
    for directive in work.directives:
        response = ask.get(f"/api/v1/directives/{directive.pk}")
        assert response.status_code == (200 if directive.pk in in_directives else 404)
        if response.status_code == 200:
            own = {t.pk for t in work.tasks if t.directive_id == directive.pk} & in_tasks
            assert {t["id"] for t in clean(response)["tasks"]} == own
    for task in work.tasks:
        response = ask.get(f"/api/v1/directives/tasks/{task.pk}")
        assert response.status_code == (200 if task.pk in in_tasks else 404)
        clean(response)

    cycles = clean(ask.get("/api/v1/evaluations/cycles"))
    assert {c["code"] for c in cycles} == in_cycles
    for cycle in work.cycles:
        response = ask.get(f"/api/v1/evaluations/cycles/{cycle.code}/evaluations", limit=500)
        assert response.status_code == (200 if cycle.code in in_cycles else 404)
        if response.status_code == 200:
            body = clean(response)
            mine = {e.pk for e in work.evaluations if e.cycle_id == cycle.pk} & in_evaluations
            assert {e["id"] for e in body["items"]} == mine and body["count"] == len(mine)
        response = ask.get(f"/api/v1/evaluations/cycles/{cycle.code}/findings")
        assert response.status_code == (200 if cycle.code in in_cycles else 404)
        assert {f["unit"] for f in clean(response) if response.status_code == 200} <= in_units
    for evaluation in work.evaluations:
        if evaluation.unit_id != evaluation.cycle.unit_id:
            continue
        response = ask.get(f"/api/v1/evaluations/{evaluation.pk}")
        assert response.status_code == (200 if evaluation.pk in in_evaluations else 404)
        clean(response)

    planning = clean(ask.get("/api/v1/personnel/planning"))
    assert {c["id"] for c in planning} == in_planning
    for plan in work.planning:
        response = ask.get(f"/api/v1/personnel/planning/{plan.pk}/entries", limit=500)
        assert response.status_code == (200 if plan.pk in in_planning else 404)
        if response.status_code == 200:
            assert clean(response)["count"] == 1
    procedures = clean(ask.get("/api/v1/personnel/procedures", limit=500))
    assert {p["id"] for p in procedures["items"]} == in_procedures
    assert procedures["count"] == len(in_procedures)
    for procedure in work.procedures:
        response = ask.get(f"/api/v1/personnel/procedures/{procedure.pk}")
        assert response.status_code == (200 if procedure.pk in in_procedures else 404)
        clean(response)

    for period in work.periods:
        response = ask.get(f"/api/v1/reviews/periods/{period.code}")
        assert response.status_code == (200 if period.code in in_periods else 404)
        clean(response)


def test_no_object_outside_the_scope_ever_appears(world: World) -> None:
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=EXAMPLES <= 20,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )
    @given(grants=GRANTS)
    def check(grants: list[tuple[str, int, bool]]) -> None:
        with transaction.atomic():
            _check_user(world, grants)
            transaction.set_rollback(True)

    check()
    assert world.requests >= EXAMPLES * 150
