"""The system's figures equal a count made by hand, over random units and events, and a commune's
consolidation equals the sum of its cells' reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.conftest import Tree
from tochuc.directives.tests.task_factory import make_task
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.orgunits.services import unit_create
from tochuc.people.models import MembershipEventKind, MembershipStatus
from tochuc.people.services import person_move
from tochuc.people.services.membership import membership_end
from tochuc.reviews import figures as fig
from tochuc.reviews import services
from tochuc.reviews.tests.helpers import member

pytestmark = pytest.mark.django_db

START, END = dt.date(2025, 4, 1), dt.date(2025, 6, 30)
BASE = dt.date(2024, 12, 1)
days = st.integers(0, 300).map(lambda n: BASE + dt.timedelta(days=n))
maybe_days = st.one_of(st.none(), days)


# What happens to a member, if anything: left the rolls (death, exclusion, transfer out of the
# system), moved to another cell of the commune, moved out of the commune, or moved into it.
CHANGES = (None, "death", "exclusion", "out_of_system", "other_cell", "away", "arrive")


@dataclass(frozen=True)
class MemberEvent:
    cell: int
    admitted: dt.date | None
    status: str
    change: str | None = None
    on: dt.date = BASE


@dataclass(frozen=True)
class TaskEvent:
    cell: int
    deadline: dt.date
    completed: dt.date | None


members = st.builds(
    MemberEvent,
    cell=st.integers(0, 2),
    admitted=maybe_days,
    status=st.sampled_from([MembershipStatus.FULL, MembershipStatus.PROBATIONARY, MembershipStatus.LEFT]),
    change=st.sampled_from(CHANGES),
    on=days,
)
tasks = st.builds(TaskEvent, cell=st.integers(0, 2), deadline=days, completed=maybe_days)


def _cells(tree: Tree) -> list[OrgUnit]:
    return [
        unit_create(
            actor=None, parent=tree.commune2, code=f"T01-X02-CB{i}", name=f"Chi bộ {i}", kind=UnitKind.CELL
        )
        for i in range(3)
    ]


def hand_count(
    member_events: list[MemberEvent], task_events: list[TaskEvent], today: dt.date
) -> dict[str, int]:
    as_of = min(today, END)
    counted = fig.empty()
    for m in member_events:
        change = m.change if m.status != MembershipStatus.LEFT else None
        inside_now = change not in ("away",)
        leaves = change in ("death", "exclusion", "out_of_system")
        in_period = START <= m.on <= END
        left_by_end = leaves and m.on <= END
        still_listed = m.status != MembershipStatus.LEFT and not (leaves and m.on <= END)
        if (
            inside_now
            and (m.admitted is None or m.admitted <= END)
            and not left_by_end
            and (still_listed or (leaves and m.on > END))
        ):
            counted["members"] += 1
        if inside_now and m.admitted is not None and START <= m.admitted <= END:
            counted["admitted"] += 1
        if in_period and change == "death":
            counted["deaths"] += 1
        if in_period and change == "exclusion":
            counted["exclusions"] += 1
        if in_period and change in ("out_of_system", "away"):
            counted["transferred_out"] += 1
        if in_period and change == "arrive":
            counted["transferred_in"] += 1
    for t in task_events:
        if not START <= t.deadline <= END:
            continue
        counted["tasks_due"] += 1
        done = t.completed is not None and t.completed <= as_of
        if done and t.completed is not None and t.completed <= t.deadline:
            counted["tasks_done_on_time"] += 1
        elif done:
            counted["tasks_done_late"] += 1
        elif t.deadline < as_of:
            counted["tasks_overdue"] += 1
    return counted


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    member_events=st.lists(members, max_size=8),
    task_events=st.lists(tasks, max_size=8),
    today=st.integers(0, 400).map(lambda n: BASE + dt.timedelta(days=n)),
)
def test_figures_equal_a_hand_count(tree: Tree, **draw: Any) -> None:
    with transaction.atomic():
        cells = _cells(tree)
        for i, m in enumerate(draw["member_events"]):
            arrives = m.change == "arrive" and m.status != MembershipStatus.LEFT
            start_in = tree.commune if arrives else cells[m.cell]
            person = member(start_in, f"P{i}", admitted=m.admitted, status=m.status)
            if m.status == MembershipStatus.LEFT or m.change is None:
                continue
            if m.change in ("death", "exclusion"):
                membership_end(actor=None, person=person, kind=m.change, on=m.on, reason="x")
            elif m.change == "out_of_system":
                membership_end(actor=None, person=person, kind=MembershipEventKind.TRANSFER, on=m.on)
            else:
                target = {
                    "other_cell": cells[(m.cell + 1) % 3],
                    "away": tree.commune,
                    "arrive": cells[m.cell],
                }[m.change]
                person_move(actor=None, person=person, unit=target, reason="chuyển", on=m.on)
        for t in draw["task_events"]:
            make_task(cells[t.cell], tree.province, deadline=t.deadline, completed_on=t.completed)
        computed = fig.compute(tree.commune2, START, END, draw["today"])
        expected = hand_count(draw["member_events"], draw["task_events"], draw["today"])
        for key in (
            "members",
            "admitted",
            "transferred_in",
            "transferred_out",
            "deaths",
            "exclusions",
            "tasks_due",
            "tasks_done_on_time",
            "tasks_done_late",
            "tasks_overdue",
        ):
            assert computed.values[key] == expected[key], key
        assert len(computed.overdue) == expected["tasks_overdue"]
        # Recursion: the commune opens the period for its cells; its report is their sum.
        upper = services.period_open(
            actor=None,
            code="Q2",
            unit=tree.province,
            kind="quarter",
            year=2025,
            quarter=2,
            deadline=dt.date(2025, 7, 15),
        )
        below = services.period_open(
            actor=None,
            code="Q2-X02",
            unit=tree.commune2,
            kind="quarter",
            year=2025,
            quarter=2,
            deadline=dt.date(2025, 7, 10),
            parent=upper,
        )
        sent = [
            services.report_submit(actor=None, period=below, unit=cell, today=draw["today"]).figures
            for cell in cells
        ]
        commune = services.report_prepare(actor=None, period=upper, unit=tree.commune2, today=draw["today"])
        assert commune.figures == fig.total(sent)
        assert commune.figures["members"] == expected["members"]
        transaction.set_rollback(True)
