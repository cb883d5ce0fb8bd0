"""``party_badges`` over one province of ~100,000 members (target: under 5 s).

    .venv/bin/python bench/party_badges_bench.py [--members 100000] [--fresh]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_badges .venv/bin/python bench/party_badges_bench.py --fresh

On a scratch database (SQLite under bench/results/sqlite/ unless ``DATABASE_URL`` is set) it creates a
province with 100 communes and 1,000 cells, fills them in bulk with members admitted between 1940 and
2024 (a tenth probationary, a few hundred periods outside the Party, a few thousand badges already
awarded, a few hundred members expelled and as many reprimanded), then times ``party_badges --unit T01 --on 2026-05-19 --format json`` end to end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

from bench.units import prepare_database  # noqa: E402


def load(members: int) -> None:
    from tochuc.orgunits.models import UnitKind
    from tochuc.orgunits.services import unit_create
    from tochuc.people.models import Membership, MembershipStatus, Person
    from tochuc.people.services import derive_fields
    from tochuc.rewards.models import (
        BadgeStatus,
        Discipline,
        DisciplineForm,
        DisciplineStatus,
        GapReason,
        PartyBadge,
        PartyGap,
    )

    rng = random.Random(7)
    centre = unit_create(
        actor=None, parent=None, code="TW", name="Ban Chấp hành Trung ương", kind=UnitKind.CENTRAL
    )
    province = unit_create(
        actor=None, parent=centre, code="T01", name="Đảng bộ tỉnh Nghệ An", kind=UnitKind.PROVINCIAL
    )
    cells = []
    for c in range(100):
        commune = unit_create(
            actor=None, parent=province, code=f"T01-X{c:03d}", name=f"Đảng bộ xã {c}", kind=UnitKind.COMMUNE
        )
        for k in range(10):
            cells.append(
                unit_create(
                    actor=None,
                    parent=commune,
                    code=f"T01-X{c:03d}-CB{k}",
                    name=f"Chi bộ {c}-{k}",
                    kind=UnitKind.CELL,
                )
            )
    people, memberships = [], []
    for i in range(members):
        admitted = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 84 * 365))
        person = Person(
            code=f"B{i:07d}",
            unit=cells[i % len(cells)],
            full_name=f"Nguyễn Văn {i}",
            birth_date=admitted.replace(year=admitted.year - 20, day=1),
            gender="male",
        )
        derive_fields(person)
        people.append(person)
    Person.objects.bulk_create(people, batch_size=2000)
    for person in Person.objects.filter(code__startswith="B").only("pk", "birth_date"):
        admitted = person.birth_date.replace(year=person.birth_date.year + 20)
        status = MembershipStatus.PROBATIONARY if rng.random() < 0.1 else MembershipStatus.FULL
        memberships.append(Membership(person=person, status=status, admitted_on=admitted))
    Membership.objects.bulk_create(memberships, batch_size=2000)
    sample = memberships[:: max(1, members // 500)]
    PartyGap.objects.bulk_create(
        PartyGap(
            person_id=m.person_id,
            start=m.admitted_on + dt.timedelta(days=400),
            end=m.admitted_on + dt.timedelta(days=900),
            reason=GapReason.LOST_CONTACT,
        )
        for m in sample
        if m.admitted_on
    )
    awarded = memberships[:: max(1, members // 5000)]
    PartyBadge.objects.bulk_create(
        PartyBadge(
            person_id=m.person_id,
            years=30,
            status=BadgeStatus.AWARDED,
            pack="hd01-2021",
            ceremony_on=dt.date(2020, 5, 19),
            admitted_on=m.admitted_on,
            proposed_by=province,
        )
        for m in awarded
        if m.admitted_on
    )
    paths = dict(Person.objects.filter(code__startswith="B").values_list("pk", "unit__path"))
    disciplined = memberships[7 :: max(1, members // 500)]
    Discipline.objects.bulk_create(
        Discipline(
            person_id=m.person_id,
            subject_path=paths[m.person_id],
            form=DisciplineForm.EXPULSION if i % 2 else DisciplineForm.REPRIMAND,
            status=DisciplineStatus.DECIDED,
            violation="Vi phạm",
            violation_on=dt.date(2023, 1, 1),
            proposed_by=province,
            decided_by=province,
            decision_number=f"{i}-QĐ/TU",
            decided_on=dt.date(2023, 6, 1),
            pack="qd69-2022",
        )
        for i, m in enumerate(disciplined)
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    label = prepare_database(args.fresh)

    import django

    django.setup()
    from django.core.management import call_command

    from tochuc.people.models import Person

    call_command("migrate", verbosity=0)
    if not Person.objects.filter(code__startswith="B").exists():
        started = time.perf_counter()
        load(args.members)
        print(f"loaded {args.members} members in {time.perf_counter() - started:.1f} s ({label})")
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load on a live database: without fresh statistics the
        # planner guesses one row per unit and loops over every member.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    samples, cpu = [], []
    for _ in range(args.repeat):
        out = io.StringIO()
        started, started_cpu = time.perf_counter(), time.process_time()
        call_command("party_badges", "--unit", "T01", "--on", "2026-05-19", "--format", "json", stdout=out)
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"party_badges T01: {len(out.getvalue())} bytes; median {statistics.median(samples):.2f} s, "
        f"min {min(samples):.2f} s, max {max(samples):.2f} s; Python CPU median {statistics.median(cpu):.2f} s; "
        f"load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
