"""Demo data at national scale (PostgreSQL only): ``seed_demo --scale national``.

On top of the small demo, the 31 other provinces of 2025 (``national_tree.PROVINCES``,
T04–T34, ≈ 3,200 communes, 52,000 grassroots organizations, 250,000 cells) with
≈ 5.6 million members, their ratings in two national cycles (2024 closed, 2025
open), ≈ 1 million directive tasks, and each province's planning and appointment
procedures. Every row is generated in Python and streamed into ``COPY``.

One province is one chunk, one transaction: its units, people, memberships,
ratings, tasks and planning are written together, so the province's unit is the
mark that the chunk is done and a re-run (after an interruption, or just again)
skips it. The same seed gives the same country.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from io import TextIOBase
from typing import TextIO

from django.core.management import call_command, get_commands
from django.db import connection, transaction
from django.utils import timezone

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.services import grant_role, user_create
from tochuc.audit.services import record
from tochuc.demo.national_copy import (
    CopyTable,
    Progress,
    allocate_ids,
    quiet_triggers,
    restore_indexes,
    set_aside_indexes,
)
from tochuc.demo.national_people import MEMBERSHIP_COLUMNS, PERSON_COLUMNS, Cell, PeopleWriter
from tochuc.demo.national_tree import PROVINCES as PROVINCES
from tochuc.demo.national_tree import NationalProvince, Unit, place, plan_province, write_units
from tochuc.demo.national_work import (
    NationalCycle,
    write_evaluations,
    write_personnel,
    write_tasks,
)
from tochuc.demo.units import DEMO_PASSWORD, DemoLogin, SeedReport
from tochuc.evaluations.models import CycleKind, CycleStatus, EvaluationCycle
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import Membership, Person

CYCLES = ((2024, "QG-2024", CycleStatus.CLOSED), (2025, "QG-2025", CycleStatus.OPEN))
NATIONAL_LOGIN = DemoLogin("demo.tinh.t04", "Đỗ Thị Minh Hằng", Role.SPECIALIST, "T04")
# Provinces whose ratings show the patterns the analytics flag (by code).
PATTERNS = {"T12": "inflated", "T27": "inflated", "T20": "jump"}
# Mean members per cell: a village or residential cell is big, a school's or a firm's small.
VILLAGE_CELL = (32, 96)
WORK_CELL = (8, 24)
ANALYZED = (
    "orgunits_orgunit", "orgunits_orgunitevent", "people_person", "people_membership",
    "evaluations_evaluation", "evaluations_evaluationcycle", "directives_directive", "directives_task",
    "directives_progressreport", "directives_task_cooperating_units", "personnel_planningentry",
    "personnel_procedure", "positions_title", "positions_position",
)  # fmt: skip
# Their non-unique indexes are dropped before a large load and built again after it: with the
# indexes in place PostgreSQL spent ~350 µs of CPU per person row (19 indexes, one a trigram GIN).
BIG_TABLES = (
    "people_person", "people_membership", "evaluations_evaluation", "directives_task",
    "directives_progressreport",
)  # fmt: skip
SET_ASIDE_FROM = 500_000  # people to load: below this the indexes stay
PEOPLE_PER_COMMUNE = 1_850
PHASES = ("units", "people", "memberships", "evaluations", "tasks", "personnel")


@dataclass(frozen=True)
class NationalSize:
    """How much of the country to load: ``fraction`` of each province's communes, the first ``provinces``."""

    fraction: float = 1.0
    provinces: int = len(PROVINCES)

    def communes(self, spec: NationalProvince) -> int:
        return max(1, round(spec.communes * self.fraction))

    def chosen(self) -> tuple[NationalProvince, ...]:
        return PROVINCES[: max(1, min(self.provinces, len(PROVINCES)))]


@dataclass
class NationalReport:
    provinces_loaded: list[str] = field(default_factory=list)
    provinces_skipped: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    triggers_quiet: bool = False

    def add(self, phase: str, rows: int, seconds: float) -> None:
        self.counts[phase] = self.counts.get(phase, 0) + rows
        self.seconds[phase] = self.seconds.get(phase, 0.0) + seconds


def _timed(report: NationalReport, phase: str, call: Callable[[], int]) -> int:
    started = time.perf_counter()
    rows = call()
    report.add(phase, rows, time.perf_counter() - started)
    return rows


def _cycles(centre: OrgUnit) -> list[NationalCycle]:
    made = []
    for year, code, status in CYCLES:
        cycle, _ = EvaluationCycle.objects.get_or_create(
            code=code,
            defaults={
                "name": f"Đánh giá, xếp loại chất lượng năm {year} — toàn quốc",
                "unit": centre,
                "kind": CycleKind.ANNUAL,
                "year": year,
                "pack": "qd366-2025",
                "status": status,
                "closed_at": timezone.now() if status == CycleStatus.CLOSED else None,
            },
        )
        made.append(NationalCycle(cycle.pk, year, cycle.status == CycleStatus.OPEN))
    return made


def _cells(spec: NationalProvince, units: list[Unit], rng: random.Random) -> list[Cell]:
    by_id = {u.id: u for u in units}
    communes = {u.commune: u for u in units if u.kind == UnitKind.COMMUNE}
    cells = []
    for u in units:
        if u.kind != UnitKind.CELL:
            continue
        parent = by_id[u.parent_id]
        village_cell = parent.kind == UnitKind.COMMUNE
        low, high = VILLAGE_CELL if village_cell else WORK_CELL
        commune = place(communes[u.commune].name)
        workplace = "" if u.profile == "residents" else place(parent.name if not village_cell else u.name)
        village = place(u.name) if u.profile == "residents" else "thôn Trung"
        cells.append(Cell(u.id, u.code, rng.randint(low, high), u.profile, commune, workplace, village))
    return cells


def taken_citizen_ids() -> set[str]:
    """Citizen IDs of people outside the national provinces (the small demo's centre uses Hà Nội's 001)."""
    national_codes = r"^DV-T(0[4-9]|[12][0-9]|3[0-4])-"
    return set(
        Person.objects.exclude(citizen_id="")
        .exclude(code__regex=national_codes)
        .values_list("citizen_id", flat=True)
    )


def load_province(
    spec: NationalProvince,
    size: NationalSize,
    seed: int,
    centre: OrgUnit,
    cycles: list[NationalCycle],
    taken: set[str],
    tick: Callable[[float], None] = lambda share: None,
) -> NationalReport:
    """Write one province, all of it, in one transaction; an existing province is left as it is."""
    report = NationalReport()
    rng = random.Random(f"{seed}:{spec.code}")
    with transaction.atomic():
        if OrgUnit.objects.filter(code=spec.code).exists():
            report.provinces_skipped.append(spec.code)
            return report
        report.triggers_quiet = quiet_triggers()
        planned = plan_province(spec, size.communes(spec), rng)
        units: list[Unit] = []

        def units_step() -> int:
            units.extend(write_units(spec, planned, centre))
            return len(units)

        _timed(report, "units", units_step)
        cells = _cells(spec, units, rng)
        writer = PeopleWriter(rng, timezone.localdate(), spec.label, spec.id_prefix, spec.ethnicities, taken)

        def people_step() -> int:
            ids = iter(allocate_ids(Person, sum(c.count for c in cells)))
            return CopyTable(Person, PERSON_COLUMNS).write(writer.lines(cells, ids, tick))

        _timed(report, "people", people_step)

        def memberships_step() -> int:
            written = CopyTable(Membership, MEMBERSHIP_COLUMNS).write(writer.memberships)
            writer.memberships.clear()
            return written

        _timed(report, "memberships", memberships_step)
        pattern = PATTERNS.get(spec.code, "")
        _timed(report, "evaluations", lambda: write_evaluations(cycles, units, writer.people, pattern, rng))
        _timed(report, "tasks", lambda: write_tasks(spec, units, rng))

        def personnel_step() -> int:
            entries, procedures = write_personnel(spec, units, writer.people, rng)
            report.counts["procedures"] = procedures
            return entries

        _timed(report, "personnel", personnel_step)
        record(
            actor=None,
            action="orgunit.bulk_seed",
            target=centre,
            unit_path=centre.path,
            summary={"province": spec.code, **report.counts},
        )
        report.provinces_loaded.append(spec.code)
    return report


def _ensure_login(report: SeedReport) -> None:
    unit = OrgUnit.objects.filter(code=NATIONAL_LOGIN.unit_code).first()
    if unit is None:
        return
    with transaction.atomic():
        user = User.objects.filter(username=NATIONAL_LOGIN.username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=NATIONAL_LOGIN.username,
                password=DEMO_PASSWORD,
                full_name=NATIONAL_LOGIN.full_name,
            )
            report.users_created += 1
        if not RoleGrant.objects.filter(user=user, role=NATIONAL_LOGIN.role, unit=unit).exists():
            grant_role(actor=None, user=user, role=NATIONAL_LOGIN.role, unit=unit, include_subtree=True)
            report.grants_created += 1
    report.logins.append((NATIONAL_LOGIN, unit))


def _timed_command(name: str, stdout: TextIOBase | TextIO, *, own_connection: bool = False) -> float:
    started = time.perf_counter()
    try:
        call_command(name, stdout=stdout)
    finally:
        if own_connection:  # a thread's own connection, closed with it
            connection.close()
    return time.perf_counter() - started


def _finish(report: NationalReport, stdout: TextIOBase | TextIO) -> None:
    """Planner statistics (and the visibility map, for index-only scans), then whatever keeps derived
    figures: the kept aggregates and the search index are rebuilt from the raw tables when they exist."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM (outside a transaction) also sets the visibility map, for index-only scans.
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        cursor.execute(f"{verb} {', '.join(ANALYZED)}")
    report.seconds["analyze"] = time.perf_counter() - started
    commands = get_commands()
    names = [name for name in ("aggregates_rebuild", "people_search_rebuild") if name in commands]
    if connection.in_atomic_block or connection.vendor != "postgresql":
        for name in names:
            report.seconds[name] = _timed_command(name, stdout)
    else:
        # The two read the same tables and write different ones (their locks do not conflict): each
        # is one long statement on one core, so side by side they take the time of the longer.
        with ThreadPoolExecutor(max_workers=len(names) or 1) as pool:
            running = {name: pool.submit(_timed_command, name, stdout, own_connection=True) for name in names}
        for name, done in running.items():
            report.seconds[name] = done.result()
    if not connection.in_atomic_block:
        # The two tables just filled need their visibility map too: without it the name search's
        # index-only scans visit the table, and the planner reads the whole token table instead.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE figures_figure, people_persontoken")
        report.seconds["vacuum"] = time.perf_counter() - started


def _tick(bar: Progress, code: str, share: float) -> None:
    bar.advance(share, code)


def seed_national(
    *,
    seed: int,
    size: NationalSize,
    seed_report: SeedReport,
    stdout: TextIOBase | TextIO,
    progress: TextIO | None,
) -> NationalReport:
    """Load the chosen provinces (those already there are skipped), then analyze and rebuild."""
    if connection.vendor != "postgresql":
        raise ValueError("The national demo needs PostgreSQL.")
    centre = OrgUnit.objects.get(code="TW", parent__isnull=True)
    cycles = _cycles(centre)
    chosen = size.chosen()
    # The bar counts the communes still to load (a resumed run does not count what is done).
    to_load = [s for s in chosen if not OrgUnit.objects.filter(code=s.code).exists()]
    weights = {spec.code: size.communes(spec) for spec in to_load}
    bar = Progress("Toàn quốc", sum(weights.values()), "xã", progress)
    total = NationalReport()
    if sum(weights.values()) * PEOPLE_PER_COMMUNE >= SET_ASIDE_FROM:
        with transaction.atomic():
            set_aside_indexes(BIG_TABLES)
    if weights:
        bar.draw()
    taken = taken_citizen_ids() if weights else set()
    for spec in chosen:
        # Half a commune when its people are written, the other half when the province is done.
        one = load_province(spec, size, seed, centre, cycles, taken, partial(_tick, bar, spec.code))
        total.provinces_loaded += one.provinces_loaded
        total.provinces_skipped += one.provinces_skipped
        total.triggers_quiet = total.triggers_quiet or one.triggers_quiet
        for phase, rows in one.counts.items():
            total.add(phase, rows, one.seconds.get(phase, 0.0))
        if one.provinces_loaded:
            bar.advance(weights[spec.code] / 2, f"{spec.code} {spec.name}")
    if weights:
        total.seconds["load"] = bar.finish()
    started = time.perf_counter()
    restored = restore_indexes(progress)
    if restored:
        total.seconds["indexes"] = time.perf_counter() - started
    if total.provinces_loaded or restored:
        _finish(total, stdout)
    _ensure_login(seed_report)
    return total
