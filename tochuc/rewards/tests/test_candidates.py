from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tochuc.conftest import Tree
from tochuc.evaluations.models import Evaluation
from tochuc.evaluations.services.cycle import cycle_open
from tochuc.people.models import Person
from tochuc.rewards.models import DisciplineForm
from tochuc.rewards.services import discipline_record
from tochuc.rewards.tests.conftest import MakeMember

pytestmark = pytest.mark.django_db


def candidates(unit: str, year: int) -> list[dict[str, str]]:
    out = StringIO()
    call_command("reward_candidates", "--unit", unit, "--year", str(year), "--format", "json", stdout=out)
    result: list[dict[str, str]] = json.loads(out.getvalue())
    return result


def rate(tree: Tree, year: int, ratings: dict[Person, str], collective: str = "good") -> None:
    cycle = cycle_open(
        actor=None, code=f"N{year}", name=f"Năm {year}", unit=tree.commune, kind="annual", year=year
    )
    for person, rating in ratings.items():
        Evaluation.objects.filter(cycle=cycle, person=person).update(final_rating=rating)
    Evaluation.objects.filter(cycle=cycle, person=None, unit=tree.grassroots).update(final_rating=collective)


def test_candidates_from_results_with_their_rule(tree: Tree, make_member: MakeMember) -> None:
    steady = make_member(dt.date(2005, 1, 1), name="Đỗ Văn Bền")
    once = make_member(dt.date(2005, 1, 1), name="Hồ Thị Một")
    good = make_member(dt.date(2005, 1, 1), name="Lý Văn Khá")
    for year in range(2021, 2026):
        rate(
            tree,
            year,
            {steady: "excellent", once: "excellent" if year == 2025 else "good", good: "good"},
            collective="excellent" if year == 2025 else "good",
        )
    found = {(c["code"], c["title"], c["rule"]) for c in candidates("T01-X01", 2025)}
    assert found == {
        (steady.code, "grassroots_certificate", "excellent_this_year"),
        (steady.code, "upper_certificate", "excellent_five_years"),
        (once.code, "grassroots_certificate", "excellent_this_year"),
        ("T01-X01-CS1", "standout_organization", "excellent_collective"),
    }
    assert all("06-HD/TW" in c["citation"] for c in candidates("T01-X01", 2025))
    # In 2024 the steady member has four Excellent years only: the grassroots certificate, no more.
    assert [(c["code"], c["title"]) for c in candidates("T01-X01", 2024)] == [
        (steady.code, "grassroots_certificate")
    ]


def test_a_discipline_in_the_year_refuses_the_candidacy(tree: Tree, make_member: MakeMember) -> None:
    member = make_member(dt.date(2005, 1, 1))
    rate(tree, 2025, {member: "excellent"})
    discipline_record(
        actor=None,
        person=member,
        form=DisciplineForm.REPRIMAND,
        violation="Vi phạm",
        violation_on=dt.date(2025, 6, 1),
        proposed_by=tree.grassroots,
        decided_by=tree.grassroots,
        decision_number="1-QĐ/ĐU",
        decided_on=dt.date(2025, 7, 1),
    )
    [row] = candidates("T01", 2025)
    assert row["refused"] == "Bị kỷ luật trong năm 2025"


def test_bad_input(tree: Tree) -> None:
    with pytest.raises(CommandError) as bad:
        call_command("reward_candidates", "--unit", "NOPE", "--year", "2025")
    assert bad.value.returncode == 2
