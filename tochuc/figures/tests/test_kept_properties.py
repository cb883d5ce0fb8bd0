"""Kept figures equal the recomputed ones after any sequence of writes, whatever the write path.

Each example runs a random list of writes — models' save and delete, ``bulk_create``,
``queryset.update()``, raw SQL, the unit move service — inside a savepoint, then asks ``check()``
(the same comparison as ``aggregates_rebuild --check``) for a difference. Run on SQLite and on
PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tochuc.conftest import Tree
from tochuc.directives.models import Task
from tochuc.directives.tests.task_factory import make_task
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Frame, Stage, SubjectKind
from tochuc.evaluations.tests.analytics_data import make_cycle
from tochuc.figures import services
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Membership, Person

pytestmark = pytest.mark.django_db

GENDERS = ("male", "female", "")
ETHNICITIES = ("Kinh", "Tày", "Thái", "Khác")
THEORIES = ("none", "elementary", "advanced")
QUALIFICATIONS = ("", "Cử nhân Luật", "Thạc sĩ Kinh tế")
STATUSES = ("full", "probationary", "left")
RATINGS = ("", "excellent", "good", "completed", "not_completed")
STAGES = (Stage.DECIDED, Stage.SELF_REVIEW, Stage.NOT_REVIEWED, Stage.APPRAISAL, Stage.COMMENTS)
SCORES = (None, Decimal("85.5"), Decimal("90"), Decimal("72.3"))
DATES = (None, dt.date(2025, 3, 31), dt.date(2025, 6, 30), dt.date(2026, 1, 15))
_codes = itertools.count(1)


def _units(tree: Tree) -> list[OrgUnit]:
    return [
        tree.cell,
        tree.other_cell,
        tree.commune,
        tree.commune2,
        tree.grassroots,
        tree.province,
        tree.centre,
    ]


def _person(unit: OrgUnit, r: int) -> Person:
    k = next(_codes)
    return Person(
        code=f"KP{k:06d}",
        unit=unit,
        full_name=f"Lê Thị Hoa {k}",
        family_name="Lê",
        given_name="Hoa",
        name_folded=f"le thi hoa {k}",
        sort_key=f"hoa {k:06d}",
        birth_date=dt.date(1960 + r % 45, 1 + r % 12, 1 + r % 28),
        gender=GENDERS[r % 3],
        ethnicity=ETHNICITIES[r % 4],
        political_theory_level=THEORIES[r % 3],
        professional_qualification=QUALIFICATIONS[r % 3],
    )


def _pick(model: Any, r: int) -> Any:
    ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
    return model.objects.get(pk=ids[r % len(ids)]) if ids else None


def _evaluation(cycle: EvaluationCycle, unit: OrgUnit, person: Person | None, r: int) -> Evaluation:
    rating = RATINGS[r % 5]
    return Evaluation(
        cycle=cycle,
        unit=unit,
        person=person,
        subject_kind=SubjectKind.INDIVIDUAL if person else SubjectKind.COLLECTIVE,
        frame=Frame.NON_LEADER if person else Frame.COLLECTIVE,
        stage=STAGES[r % len(STAGES)],
        final_rating=rating if r % 2 else "",
        proposed_rating=rating if not r % 2 else "",
        final_score=SCORES[r % 4] if r % 2 else None,
        proposed_score=SCORES[(r // 2) % 4],
    )


def _apply(tree: Tree, cycles: list[EvaluationCycle], op: int, a: int, b: int) -> None:
    units = _units(tree)
    unit = units[a % len(units)]
    other = units[b % len(units)]
    if op == 0:
        _person(unit, b).save()
    elif op == 1:
        Person.objects.bulk_create([_person(unit, b + i) for i in range(1 + a % 4)])
    elif op == 2 and (p := _pick(Person, a)):
        p.delete()
    elif op == 3 and (p := _pick(Person, a)):
        p.gender, p.ethnicity, p.birth_date = GENDERS[b % 3], ETHNICITIES[b % 4], dt.date(1970 + b % 30, 2, 3)
        p.political_theory_level, p.professional_qualification = THEORIES[b % 3], QUALIFICATIONS[b % 3]
        p.save()
    elif op == 4:
        Person.objects.filter(unit=unit).update(unit=other)
    elif op == 5 and (p := _pick(Person, a)):
        if Membership.objects.filter(person=p).exists():
            if b % 3 == 0:
                Membership.objects.filter(person=p).delete()
            else:
                Membership.objects.filter(person=p).update(status=STATUSES[b % 3])
        else:
            Membership.objects.create(person=p, status=STATUSES[b % 3])
    elif op == 6:
        tree.move_a_branch(a)
    elif op == 7:
        person = _pick(Person, b) if b % 4 else None
        where = person.unit if person else unit
        Evaluation.objects.bulk_create([_evaluation(cycles[a % 2], where, person, b)])
    elif op == 8 and (e := _pick(Evaluation, a)):
        fresh = _evaluation(e.cycle, e.unit, e.person, b)
        e.stage, e.final_rating, e.proposed_rating = fresh.stage, fresh.final_rating, fresh.proposed_rating
        e.final_score, e.proposed_score = fresh.final_score, fresh.proposed_score
        e.save()
    elif op == 9 and (e := _pick(Evaluation, a)):
        if b % 2:
            e.delete()
        else:
            Evaluation.objects.filter(unit=e.unit).update(final_rating=RATINGS[b % 5], final_score=None)
    elif op == 10:
        make_task(unit, tree.centre, deadline=DATES[b % 4], completed_on=DATES[(b // 4) % 4])
    elif op == 11 and (t := _pick(Task, a)):
        if b % 3 == 0:
            t.delete()
        elif b % 3 == 1:
            Task.objects.filter(pk=t.pk).update(completed_on=DATES[b % 4], deadline=DATES[(b // 4) % 4])
        else:
            t.lead_unit, t.lead_path = other, other.path
            t.save()
    elif op == 12:
        # A raw write no Python code sees (as an import through COPY would be).
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {Person._meta.db_table} SET ethnicity = %s WHERE unit_id = %s",
                [ETHNICITIES[b % 4], unit.pk],
            )


ops = st.lists(st.tuples(st.integers(0, 12), st.integers(0, 999), st.integers(0, 999)), max_size=14)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=ops)
def test_kept_figures_equal_recomputed_after_any_writes(
    tree: Tree, steps: list[tuple[int, int, int]]
) -> None:
    cycles = [make_cycle(tree.centre, "DG-K1"), make_cycle(tree.province, "DG-K2", year=2024)]
    try:
        with transaction.atomic():
            for op, a, b in steps:
                try:
                    with transaction.atomic():
                        _apply(tree, cycles, op, a, b)
                except IntegrityError:
                    pass  # one collective or person per cycle: a refused write leaves no trace
            mismatch = services.check()
            assert mismatch is None, (steps, mismatch)
            raise _Rollback
    except _Rollback:
        pass
    finally:
        EvaluationCycle.objects.filter(pk__in=[c.pk for c in cycles]).delete()
        for u in _units(tree):
            u.refresh_from_db()


class _Rollback(Exception):
    pass
