"""Demo people: Party members and cadres with realistic Vietnamese 2C files.

``seed_people`` fills the demo tree's cells and grassroots organizations (and
the Commission's departments) with a few thousand people, and with
``scale="province"`` also the big province's cells with about 100,000. The
same seed gives the same people; person codes are derived from unit codes, so
running again only adds who is missing. Rows are written in bulk, with the
same derived name and citizen-ID fields as ``person_create``, in one
transaction per tree with one audit event.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from io import TextIOBase

from django.db import connection, models, transaction
from django.utils import timezone

from tochuc.audit.services import record
from tochuc.demo.people_names import _PROFILE_WORDS, CENTRE_INFO, PROFILES, PROVINCE_INFO, Profile
from tochuc.demo.people_planner import Context, Planned, Planner, _place
from tochuc.demo.province import PROVINCE
from tochuc.demo.units import SMALL_TREE
from tochuc.orgunits.models import PATH_STEP, OrgUnit, UnitKind
from tochuc.people.models import (
    CareerEntry,
    Membership,
    Person,
    PersonDiscipline,
    PersonReward,
    Relative,
    Training,
)

CODE_PREFIX = "DV-"
BATCH = 2000


# --- Which units get how many people -------------------------------------------------


def _profile_for(unit: OrgUnit, parent: OrgUnit | None) -> Profile:
    if unit.kind == UnitKind.DEPARTMENT or (parent is not None and parent.kind == UnitKind.DEPARTMENT):
        return PROFILES["cadres"]
    names = unit.name + " " + (parent.name if parent else "")
    for word, key in _PROFILE_WORDS:
        if word in names:
            return PROFILES[key]
    return PROFILES["residents"]


@dataclass
class TreeSeed:
    """One tree to fill: its root and which of its units take people, and how many."""

    root: OrgUnit
    units: list[OrgUnit]
    count: Callable[[OrgUnit, OrgUnit | None, random.Random], int]


def _small_count(unit: OrgUnit, parent: OrgUnit | None, rng: random.Random) -> int:
    if unit.kind == UnitKind.DEPARTMENT:
        return rng.randint(12, 25)
    if unit.kind == UnitKind.CELL:
        # Village and residential cells are big; cells of schools, clinics and firms small.
        if parent is not None and parent.kind == UnitKind.COMMUNE:
            return rng.randint(80, 140)
        return rng.randint(20, 45)
    if unit.kind == UnitKind.GRASSROOTS:
        return rng.randint(15, 30)
    return 0


def _province_count(unit: OrgUnit, parent: OrgUnit | None, rng: random.Random) -> int:
    return rng.randint(10, 30) if unit.kind == UnitKind.CELL else 0


def _units_taking_people(units: list[OrgUnit]) -> list[OrgUnit]:
    """Cells, departments, and grassroots organizations without cells of their own."""
    parents_of_cells = {u.parent_id for u in units if u.kind == UnitKind.CELL}
    return [
        u
        for u in units
        if u.kind in {UnitKind.CELL, UnitKind.DEPARTMENT}
        or (u.kind == UnitKind.GRASSROOTS and u.pk not in parents_of_cells)
    ]


def _context(unit: OrgUnit, parent: OrgUnit | None, by_path: dict[str, OrgUnit]) -> Context:
    ancestors = [by_path[p] for p in unit.ancestor_paths() if p in by_path]
    province_code = unit.code.split("-")[0]
    if province_code in PROVINCE_INFO:
        province_name, id_prefix = PROVINCE_INFO[province_code]
        province = f"tỉnh {province_name}"
    else:
        province_name, id_prefix = CENTRE_INFO
        province = f"thành phố {province_name}"
    commune_unit = next((a for a in ancestors if a.kind == UnitKind.COMMUNE), None)
    commune = _place(commune_unit.name) if commune_unit else "phường Ba Đình"
    profile = _profile_for(unit, parent)
    residents = profile is PROFILES["residents"]
    if unit.kind == UnitKind.DEPARTMENT:
        workplace = f"{unit.name}, {parent.name}" if parent else unit.name
    elif residents:
        workplace = ""
    else:
        host = unit if unit.kind == UnitKind.GRASSROOTS else parent
        workplace = _place(host.name) if host is not None else ""
    village = _place(unit.name) if residents else "thôn Trung"
    return Context(profile, commune, province, id_prefix, workplace, village)


def _plan(tree: TreeSeed, planner: Planner, existing: set[str]) -> list[Planned]:
    """Each unit draws its people from its own generator (seeded from ``planner.rng`` and
    the unit code), so a unit whose people all exist is skipped without drawing them."""
    by_path = {u.path: u for u in tree.units}
    by_path.setdefault(tree.root.path, tree.root)
    base = planner.rng.getrandbits(64)
    planned: list[Planned] = []
    for unit in _units_taking_people(tree.units):
        parent = by_path.get(unit.path[:-PATH_STEP])
        planner.rng = random.Random(f"{base}:{unit.code}")
        codes = [
            f"{CODE_PREFIX}{unit.code}-{n:03d}" for n in range(1, tree.count(unit, parent, planner.rng) + 1)
        ]
        if all(code in existing for code in codes):
            continue
        ctx = _context(unit, parent, by_path)
        for code in codes:
            one = planner.person(unit, code, ctx)
            if code not in existing:
                planned.append(one)
    return planned


@dataclass
class SeedCounts:
    people: int = 0
    career: int = 0
    trainings: int = 0
    rewards: int = 0
    disciplines: int = 0
    relatives: int = 0

    def as_dict(self) -> dict[str, object]:
        return dict(vars(self))


PART_MODELS: dict[str, type[models.Model]] = {
    "career": CareerEntry,
    "trainings": Training,
    "rewards": PersonReward,
    "disciplines": PersonDiscipline,
    "relatives": Relative,
}


def _write(planned: list[Planned], counts: SeedCounts) -> None:
    for start in range(0, len(planned), BATCH):
        batch = planned[start : start + BATCH]
        # A number another (non-demo) record already carries is left out rather than duplicated.
        hashes = [p.person.citizen_id_hash for p in batch]
        taken = set(
            Person.objects.filter(citizen_id_hash__in=hashes).values_list("citizen_id_hash", flat=True)
        )
        for p in batch:
            if p.person.citizen_id_hash in taken:
                p.person.citizen_id, p.person.citizen_id_hash = "", ""
        Person.objects.bulk_create([p.person for p in batch], batch_size=1000)
        memberships: list[Membership] = []
        parts: dict[str, list[models.Model]] = {name: [] for name in PART_MODELS}
        for p in batch:
            p.membership.person = p.person
            memberships.append(p.membership)
            for name, rows in parts.items():
                for row in getattr(p, name):
                    row.person = p.person
                    rows.append(row)
        Membership.objects.bulk_create(memberships, batch_size=1000)
        for name, model in PART_MODELS.items():
            model._default_manager.bulk_create(parts[name], batch_size=1000)
            setattr(counts, name, getattr(counts, name) + len(parts[name]))
        counts.people += len(batch)


def _seed_tree(tree: TreeSeed, rng: random.Random, stdout: TextIOBase) -> int:
    existing = set(Person.objects.filter(code__startswith=CODE_PREFIX).values_list("code", flat=True))
    planner = Planner(rng, timezone.localdate())
    planned = _plan(tree, planner, existing)
    counts = SeedCounts()
    if planned:
        with transaction.atomic():
            _write(planned, counts)
            record(
                actor=None,
                action="person.bulk_seed",
                target=tree.root,
                unit_path=tree.root.path,
                summary=counts.as_dict(),
            )
        _refresh_planner_statistics()
    stdout.write(f"Người mẫu dưới {tree.root.code} ({tree.root.name}): tạo mới {counts.people}.\n")
    return counts.people


def _refresh_planner_statistics() -> None:
    """After a bulk load on PostgreSQL: fresh planner statistics, and (outside a transaction) a
    current visibility map, so that the covering indexes of migration 0004 serve index-only scans."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(m._meta.db_table for m in (Person, Membership, CareerEntry, Training, Relative))
    with connection.cursor() as cursor:
        cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {tables}")


def seed_people(*, scale: str, rng: random.Random, stdout: TextIOBase) -> int:
    """Create the demo people (``small`` or ``province``); return how many were created."""
    small_codes = [spec.code for spec in SMALL_TREE]
    units = list(OrgUnit.objects.filter(code__in=small_codes, valid_to__isnull=True).order_by("code"))
    roots = [u for u in units if u.parent_id is None]
    if not roots:
        raise ValueError("The demo unit tree is missing: seed the units first.")
    created = _seed_tree(TreeSeed(roots[0], units, _small_count), rng, stdout)
    if scale == "province":
        province = OrgUnit.objects.filter(code=PROVINCE.code).first()
        if province is None:
            raise ValueError(f"The province {PROVINCE.code} is missing: seed it first.")
        below = list(
            OrgUnit.objects.filter(path__startswith=province.path, valid_to__isnull=True).order_by("code")
        )
        created += _seed_tree(TreeSeed(province, below, _province_count), rng, stdout)
    return created
