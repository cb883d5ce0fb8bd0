"""``seed_demo --scale national``: PostgreSQL only; a small slice of the country loads whole, with valid
paths, every member rated and a membership each, and loading again adds nothing."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count

from tochuc.accounts.models import RoleGrant
from tochuc.demo import national, units
from tochuc.demo.national_people import PERSON_COLUMNS, Cell, PeopleWriter
from tochuc.demo.national_tree import PROVINCES, plan_province
from tochuc.directives.models import Task
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.orgunits.models import OrgUnit, UnitKind, path_segment
from tochuc.people.models import Membership, Person
from tochuc.personnel.models import PlanningEntry

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the national demo needs PostgreSQL"
)


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor == "postgresql", reason="the refusal is SQLite's")
def test_national_scale_refuses_sqlite_with_a_clear_message() -> None:
    with pytest.raises(CommandError, match="chỉ chạy trên PostgreSQL") as refused:
        call_command("seed_demo", "--scale", "national", stdout=io.StringIO())
    assert "DATABASE_URL=postgres://" in str(refused.value)
    assert not OrgUnit.objects.exists()  # refused before writing anything


def test_the_plan_of_a_province_is_the_same_for_the_same_seed_and_codes_do_not_repeat() -> None:
    spec = PROVINCES[0]
    first = plan_province(spec, 3, random.Random(7))
    assert first == plan_province(spec, 3, random.Random(7))
    codes = [p.code for p in first]
    assert len(codes) == len(set(codes))
    assert first[0].code == "T04" and first[0].kind == UnitKind.PROVINCIAL
    assert all(code.startswith("T04-") for code in codes[1:])
    kinds = [p.kind for p in first]
    assert kinds.count(UnitKind.COMMUNE) == 3
    assert 30 <= kinds.count(UnitKind.GRASSROOTS) <= 66


def test_people_lines_have_every_column_and_distinct_citizen_ids() -> None:
    spec = next(p for p in PROVINCES if p.code == "T16")  # Cao Bằng: mostly Tày and Nùng
    writer = PeopleWriter(random.Random(1), dt.date(2026, 1, 1), spec.label, spec.id_prefix, spec.ethnicities)
    cells = [
        Cell(n, f"T16-X001-CB{n:02d}", 200, "residents", "xã Hòa An", "", "bản Nà Rẻo") for n in range(1, 6)
    ]
    rows = [line.split("\t") for line in writer.lines(cells, iter(range(1, 10_000)))]
    assert len(rows) == 1000 and len(writer.memberships) == 1000
    assert all(len(row) == len(PERSON_COLUMNS) for row in rows)
    column = {name: i for i, name in enumerate(PERSON_COLUMNS)}
    numbers = [row[column["citizen_id"]] for row in rows]
    assert len(set(numbers)) == len(numbers) and all(n.startswith("004") and len(n) == 12 for n in numbers)
    ethnicities = [row[column["ethnicity"]] for row in rows]
    assert ethnicities.count("Kinh") < 200 < ethnicities.count("Tày")


def _load(fraction: float) -> national.NationalReport:
    report = units.SeedReport()
    units.seed_small(report)
    return national.seed_national(
        seed=units.DEFAULT_SEED,
        size=national.NationalSize(fraction=fraction, provinces=1),
        seed_report=report,
        stdout=io.StringIO(),
        progress=io.StringIO(),
    )


@postgresql_only
@pytest.mark.django_db
def test_a_slice_of_the_country_loads_whole_and_again_adds_nothing() -> None:
    loaded = _load(0.005)
    assert loaded.provinces_loaded == ["T04"]
    province = OrgUnit.objects.get(code="T04")
    centre = OrgUnit.objects.get(code="TW")
    assert province.parent_id == centre.pk and province.path == centre.path + path_segment(province.pk)
    subtree = list(OrgUnit.objects.filter(path__startswith=province.path))
    by_id = {u.pk: u for u in subtree}
    for unit in subtree[1:]:
        assert unit.parent_id is not None
        parent = by_id[unit.parent_id]
        assert unit.path == parent.path + path_segment(unit.pk) and unit.depth == parent.depth + 1
    kinds = {
        row["kind"]: row["n"]
        for row in OrgUnit.objects.filter(path__startswith=province.path)
        .values("kind")
        .annotate(n=Count("pk"))
    }
    assert kinds[UnitKind.COMMUNE] == 1 and kinds[UnitKind.GRASSROOTS] >= 10 and kinds[UnitKind.CELL] >= 28

    people = Person.objects.filter(unit__path__startswith=province.path)
    count = people.count()
    assert 300 < count < 3000
    assert Membership.objects.filter(person__in=people).count() == count
    assert not people.filter(unit__kind__in=[UnitKind.COMMUNE, UnitKind.GRASSROOTS]).exists()
    cycles = EvaluationCycle.objects.filter(code__in=["QG-2024", "QG-2025"], unit=centre)
    assert cycles.count() == 2
    evaluations = Evaluation.objects.filter(cycle__in=cycles, unit__path__startswith=province.path)
    assert evaluations.filter(person__isnull=False).count() == 2 * count
    assert evaluations.filter(person__isnull=True).count() == 2 * len(subtree)
    tasks = Task.objects.filter(lead_path__startswith=province.path)
    assert tasks.count() > 50
    assert all(t.lead_path == t.lead_unit.path for t in tasks.select_related("lead_unit")[:200])
    assert PlanningEntry.objects.filter(cycle__unit=province).exists()
    assert RoleGrant.objects.filter(user__username=national.NATIONAL_LOGIN.username, unit=province).exists()
    # The sequences moved past the copied ids: an ordinary insert does not collide.
    OrgUnit.objects.create(code="T04-NEW", name="Chi bộ mới", kind=UnitKind.CELL, parent=province, path="x")

    out = io.StringIO()
    call_command(
        "seed_demo",
        "--scale",
        "national",
        "--national-provinces",
        "1",
        "--national-fraction",
        "0.005",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "nạp 0 tỉnh, thành; đã có sẵn 1" in out.getvalue()
    assert "demo.tinh.t04" in out.getvalue()
    assert Person.objects.filter(unit__path__startswith=province.path).count() == count
    assert Task.objects.filter(lead_path__startswith=province.path).count() == tasks.count()
