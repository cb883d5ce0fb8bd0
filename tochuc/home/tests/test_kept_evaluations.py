"""The home page's evaluation figures read from the kept figures equal the counts of the evaluations.

After a random sequence of writes (evaluations created, moved through stages, rated, deleted, updated
in bulk, cycles opened and closed, units moved), the ratings of the latest round and the steps
waiting for each user are the same with ``TOCHUC_KEPT_FIGURES`` on (kept figures, where the user
sees the whole subtree) and off (the evaluations counted). Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.accounts.models import Role, User
from tochuc.accounts.policy import Action, can
from tochuc.accounts.services import grant_role
from tochuc.conftest import Tree, make_user
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Frame, Stage, SubjectKind
from tochuc.evaluations.tests.analytics_data import make_cycle
from tochuc.home import selectors
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person

pytestmark = pytest.mark.django_db

STAGES = [s.value for s in Stage]
RATINGS = ("", "excellent", "good", "completed", "not_completed")
_codes = itertools.count(1)


def _units(tree: Tree) -> list[OrgUnit]:
    units = [tree.centre, tree.province, tree.commune, tree.grassroots, tree.cell, tree.commune2]
    units += [tree.other_province, tree.other_commune, tree.other_cell]
    for unit in units:
        unit.refresh_from_db()
    return units


def _users(tree: Tree) -> list[User]:
    centre = make_user("centre", Role.SPECIALIST, tree.centre)
    grant_role(actor=None, user=centre, role=Role.LEADER, unit=tree.centre)
    province = make_user("province", Role.SPECIALIST, tree.province)
    commune = make_user("commune", Role.LEADER, tree.commune)
    # Grants inside one another, and reaches of the two actions over different subtrees.
    nested = make_user("nested", Role.LEADER, tree.province)
    grant_role(actor=None, user=nested, role=Role.LEADER, unit=tree.commune)
    grant_role(actor=None, user=nested, role=Role.SPECIALIST, unit=tree.other_commune)
    grant_role(actor=None, user=nested, role=Role.SPECIALIST, unit=tree.other_cell)
    # A grant on a unit alone: the kept figures of its subtree are not what this user sees.
    single = make_user("single", Role.LEADER, tree.commune)
    grant_role(actor=None, user=single, role=Role.SPECIALIST, unit=tree.grassroots, include_subtree=False)
    grant_role(actor=None, user=single, role=Role.VIEWER, unit=tree.province, include_subtree=False)
    return [centre, province, commune, nested, single]


def _person(unit: OrgUnit) -> Person:
    k = next(_codes)
    return Person.objects.create(
        code=f"KE{k:06d}",
        unit=unit,
        full_name=f"Phạm Văn An {k}",
        family_name="Phạm",
        given_name="An",
        name_folded=f"pham van an {k}",
        sort_key=f"an {k:06d}",
        birth_date=dt.date(1980, 1, 1),
        gender="male",
    )


def _pick(r: int) -> Evaluation | None:
    ids = list(Evaluation.objects.order_by("pk").values_list("pk", flat=True))
    return Evaluation.objects.get(pk=ids[r % len(ids)]) if ids else None


def _apply(tree: Tree, cycles: list[EvaluationCycle], op: int, a: int, b: int) -> None:
    units = _units(tree)
    unit = units[a % len(units)]
    cycle = cycles[b % len(cycles)]
    if op in (0, 1):
        person = _person(unit) if op == 1 else None
        Evaluation.objects.create(
            cycle=cycle,
            unit=unit,
            person=person,
            subject_kind=SubjectKind.INDIVIDUAL if person else SubjectKind.COLLECTIVE,
            frame=Frame.NON_LEADER if person else Frame.COLLECTIVE,
            stage=STAGES[b % len(STAGES)],
            final_rating=RATINGS[(a + b) % len(RATINGS)],
        )
    elif op == 2 and (e := _pick(a)):
        e.stage = STAGES[b % len(STAGES)]
        e.save()
    elif op == 3 and (e := _pick(a)):
        e.final_rating = RATINGS[b % len(RATINGS)]
        e.save()
    elif op == 4 and (e := _pick(a)):
        e.delete()
    elif op == 5:
        Evaluation.objects.filter(unit__path__startswith=unit.path).update(
            stage=STAGES[b % len(STAGES)], final_rating=RATINGS[b % len(RATINGS)]
        )
    elif op == 6:
        EvaluationCycle.objects.filter(pk=cycle.pk).update(status="closed" if a % 2 else "open")
    elif op == 7:
        tree.move_a_branch(a)
    elif op == 8 and (e := _pick(a)):
        Evaluation.objects.filter(pk=e.pk).update(unit=unit)


def _seen(users: list[User], units: list[OrgUnit], kept: bool) -> list[Any]:
    with override_settings(TOCHUC_KEPT_FIGURES=kept):
        found: list[Any] = []
        for user in users:
            steps = selectors._evaluation_steps(user)
            found.append((user.username, [(g.cycle_code, g.cycle_name, g.stage, g.count) for g in steps]))
            for unit in units:
                if not can(user, Action.VIEW, unit):
                    continue
                ratings = selectors._ratings(user, unit)
                if ratings is not None:
                    seen = ([c.pk for c in ratings.cycles], ratings.collectives, ratings.individuals)
                    found.append((user.username, unit.code, seen))
        return found


ops = st.lists(st.tuples(st.integers(0, 8), st.integers(0, 999), st.integers(0, 999)), max_size=16)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=ops)
def test_kept_evaluation_figures_equal_the_counted_ones_after_any_writes(
    tree: Tree, steps: list[tuple[int, int, int]]
) -> None:
    users = list(User.objects.filter(username__in=["centre", "province", "commune", "nested", "single"]))
    if not users:
        users = _users(tree)
    try:
        with transaction.atomic():
            cycles = [
                make_cycle(tree.centre, "DG-HT1"),
                make_cycle(tree.province, "DG-HT2"),
                make_cycle(tree.other_province, "DG-HT3", year=2024),
            ]
            for op, a, b in steps:
                try:
                    with transaction.atomic():
                        _apply(tree, cycles, op, a, b)
                except IntegrityError:
                    pass  # one collective per unit and cycle: a refused write leaves no trace
            users = [User.objects.get(pk=u.pk) for u in users]  # grants read afresh after unit moves
            units = _units(tree)
            assert _seen(users, units, kept=True) == _seen(users, units, kept=False), steps
            raise _Rollback
    except _Rollback:
        pass
    finally:
        for u in _units(tree):
            u.refresh_from_db()


class _Rollback(Exception):
    pass


def _evaluation_queries(call: Any) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        call()
    return [q["sql"] for q in captured.captured_queries if '"evaluations_evaluation"' in q["sql"]]


def test_the_centre_reads_kept_figures_and_a_unit_alone_grant_counts_evaluations(tree: Tree) -> None:
    centre, _province, _commune, _nested, single = _users(tree)
    cycle = make_cycle(tree.centre, "DG-HT1")
    for unit, stage, rating in (
        (tree.cell, Stage.SELF_REVIEW, ""),
        (tree.commune, Stage.APPRAISAL, ""),
        (tree.other_cell, Stage.DECIDED, "good"),
        (tree.province, Stage.NOT_REVIEWED, "excellent"),
    ):
        Evaluation.objects.create(
            cycle=cycle,
            unit=unit,
            subject_kind=SubjectKind.COLLECTIVE,
            frame=Frame.COLLECTIVE,
            stage=stage,
            final_rating=rating,
        )
    person = _person(tree.cell)
    Evaluation.objects.create(
        cycle=cycle,
        unit=tree.cell,
        person=person,
        subject_kind=SubjectKind.INDIVIDUAL,
        frame=Frame.NON_LEADER,
        stage=Stage.DECIDED,
        final_rating="excellent",
    )

    # The Centre: no query over the evaluations, and the figures a person reads on the page.
    assert _evaluation_queries(lambda: selectors._evaluation_steps(centre)) == []
    assert [(g.stage, g.count) for g in selectors._evaluation_steps(centre)] == [
        ("self_review", 1),
        ("appraisal", 1),
    ]
    ratings = selectors._ratings(centre, tree.centre)
    assert ratings is not None
    # Only the cycle's row is read for the round; the counts come from the kept figures.
    assert all(
        "GROUP BY" not in q for q in _evaluation_queries(lambda: selectors._ratings(centre, tree.centre))
    )
    assert ratings.collectives == {"": 2, "good": 1}  # the not-reviewed province is left out
    assert ratings.individuals == {"excellent": 1}
    # A grant on the grassroots alone: its steps are counted from the evaluations themselves.
    assert _evaluation_queries(lambda: selectors._evaluation_steps(single)) != []
    assert [(g.stage, g.count) for g in selectors._evaluation_steps(single)] == [("appraisal", 1)]
