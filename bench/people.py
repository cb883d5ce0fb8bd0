"""Server-time benchmark of people search and the province people list over 1,000,000 (or 5,600,000) people.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_people .venv/bin/python bench/people.py --fresh

Creates and migrates the database if needed; loads the demo tree with the big
province (``seed_demo --scale province``'s units), times ``seed_people`` at
province scale (~100,000 people through the demo code), then adds nine more
provinces of the same shape in bulk and fills them with PostgreSQL ``COPY`` up
to ``--people`` in all, runs ``ANALYZE``, and times:

- ``filter_people(user, PeopleFilter(q=...))``, first page, as a national specialist;
- ``GET /api/v1/persons/search?q=`` through ``django.test.Client`` as the same user;
- the people list of the big province, first page, filtered and sorted, as its
  specialist: the selector, and ``GET /api/v1/persons/?...`` (with the count).

See bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

from bench.units import RESULTS, measure, percentile, prepare_database  # noqa: E402

EXTRA_PROVINCES = 9
NATIONAL_USER = "bench.tw"
PROVINCE_USER = "bench.t03"
# A few given names carried by about one person in a thousand: "rare" searches find a few hundred.
RARE_GIVEN = ("Khuê", "Điệp", "Thoa", "Nhàn", "Diễm", "Quyên")
PAGE = 50


def add_provinces(count: int, seed: int) -> list[Any]:
    """Nine more provinces shaped like the big one (100 communes, 6,100 units each), in bulk."""
    from django.db import transaction

    from tochuc.core.text import fold
    from tochuc.demo import province as demo
    from tochuc.orgunits.models import OrgUnit, UnitKind, path_segment

    centre = OrgUnit.objects.get(code="TW")
    cells: list[Any] = []
    for k in range(1, count + 1):
        code = f"B{k:02d}"
        if OrgUnit.objects.filter(code=code).exists():
            cells += list(OrgUnit.objects.filter(code__startswith=f"{code}-", kind=UnitKind.CELL))
            continue
        with transaction.atomic():
            province = OrgUnit.objects.create(
                code=code,
                name=f"Đảng bộ tỉnh Thử nghiệm {k}",
                name_folded=f"dang bo tinh thu nghiem {k}",
                kind=UnitKind.PROVINCIAL,
                parent=centre,
                path=f"seed:{code}",
                depth=1,
                sort_order=1000 + k,
            )
            province.path = centre.path + path_segment(province.pk)
            province.save(update_fields=["path"])
            known = {code: (province.pk, province.path, 1)}
            prefix = demo.PROVINCE.code
            for level in demo.plan_province(demo.ProvinceSize(), random.Random(seed + k)):
                new = []
                for planned in level:
                    parent = code + planned.parent.removeprefix(prefix)
                    new.append(
                        OrgUnit(
                            code=code + planned.code.removeprefix(prefix),
                            name=planned.name,
                            name_folded=fold(planned.name),
                            kind=planned.kind,
                            parent_id=known[parent][0],
                            path=f"seed:{code}{planned.code}",
                            depth=known[parent][2] + 1,
                            sort_order=planned.sort_order,
                        )
                    )
                OrgUnit.objects.bulk_create(new, batch_size=2000)
                parents = {
                    code + p.code.removeprefix(prefix): code + p.parent.removeprefix(prefix) for p in level
                }
                for unit in new:
                    unit.path = known[parents[unit.code]][1] + path_segment(unit.pk)
                    known[unit.code] = (unit.pk, unit.path, unit.depth)
                OrgUnit.objects.bulk_update(new, ["path"], batch_size=2000)
                cells += [u for u in new if u.kind == UnitKind.CELL]
    return cells


def copy_people(cells: list[Any], total: int, seed: int) -> int:
    """Fill ``cells`` with ``total`` people (and their memberships) through COPY."""
    from django.db import connection
    from django.utils import timezone

    from tochuc.demo import people_names as people_demo
    from tochuc.people.models import Gender, Person, TheoryLevel
    from tochuc.people.services import citizen_id_hash

    if total <= 0 or Person.objects.filter(code__startswith="BP-").exists():
        add_memberships()
        return 0
    rng = random.Random(seed)
    names = people_demo.NameFields()
    theory = [
        (TheoryLevel.NONE, 18),
        (TheoryLevel.ELEMENTARY, 60),
        (TheoryLevel.INTERMEDIATE, 17),
        (TheoryLevel.ADVANCED, 4),
        (TheoryLevel.BACHELOR, 1),
    ]
    pick_theory = people_demo._weighted(theory)
    now = timezone.now().isoformat()
    columns = [
        "created_at", "updated_at", "code", "unit_id", "full_name", "family_name", "middle_name",
        "given_name", "name_folded", "sort_key", "other_names", "birth_date", "gender", "ethnicity",
        "religion", "place_of_birth", "hometown", "residence", "citizen_id", "citizen_id_hash",
        "general_education", "professional_qualification", "political_theory_level", "foreign_language",
        "it_level", "current_post", "workplace", "civil_grade", "civil_grade_code", "military_rank",
    ]  # fmt: skip
    start_day = date(1955, 1, 1).toordinal()
    span = date(2004, 12, 31).toordinal() - start_day
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY people_person ({', '.join(columns)}) FROM STDIN") as copy:
            for n in range(total):
                unit = cells[n % len(cells)]
                gender = Gender.FEMALE if rng.random() < 0.45 else Gender.MALE
                birth = date.fromordinal(start_day + rng.randrange(span))
                full_name = people_demo.make_name(rng, gender, birth.year)
                if rng.random() < 0.001:
                    full_name = full_name.rsplit(" ", 1)[0] + " " + rng.choice(RARE_GIVEN)
                person = Person(full_name=full_name)
                names.apply(person)
                number = f"9{n:011d}"
                copy.write_row(
                    (
                        now, now, f"BP-{n:07d}", unit.pk, full_name, person.family_name, person.middle_name,
                        person.given_name, person.name_folded, person.sort_key, "", birth.isoformat(), gender,
                        people_demo.pick_ethnicity(rng), "", "", "", "", number, citizen_id_hash(number),
                        "12/12", "", pick_theory(rng), "", "", "", "", "", "", "",
                    )
                )  # fmt: skip
                written += 1
    add_memberships()
    return written


def multiply_people(total: int, *, chunk: int = 500_000) -> int:
    """Reach ``total`` people by copying the generated ones (``BP-``) in SQL, chunk by chunk.

    Generating a name in Python costs ~0.3 ms on a loaded machine (5.6 M would take
    45 minutes); a copy keeps the names' frequencies and takes another cell of the
    extra provinces, another birth date (± 3 years) and no citizen ID.
    """
    from django.db import connection

    from tochuc.people.models import Person

    made = 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_person WHERE code LIKE 'BP-%%'")
        (generated,) = cursor.fetchone()
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_cells AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id "
            "FROM orgunits_orgunit WHERE kind = 'cell' AND code LIKE 'B%%'"
        )
        cursor.execute("SELECT count(*) FROM bench_cells")
        (cells,) = cursor.fetchone()
        # Maintaining fifteen indexes row by row is what makes a bulk insert slow: build them after.
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = 'people_person' "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
        )
        indexes = cursor.fetchall() if total > Person.objects.count() else []
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        while generated and (missing := total - Person.objects.count()) > 0:
            started = time.perf_counter()
            cursor.execute("SELECT count(*) FROM people_person WHERE code LIKE 'BM-%%'")
            (copied,) = cursor.fetchone()
            size = min(chunk, missing)
            cursor.execute(
                """
                INSERT INTO people_person (
                    created_at, updated_at, code, unit_id, full_name, family_name, middle_name, given_name,
                    name_folded, sort_key, other_names, birth_date, gender, ethnicity, religion, place_of_birth,
                    hometown, residence, citizen_id, citizen_id_hash, general_education,
                    professional_qualification, political_theory_level, foreign_language, it_level,
                    current_post, workplace, civil_grade, civil_grade_code, military_rank)
                SELECT p.created_at, p.updated_at, 'BM-' || lpad((%(base)s + g.n)::text, 8, '0'), c.id,
                       p.full_name, p.family_name, p.middle_name, p.given_name, p.name_folded, p.sort_key, '',
                       p.birth_date + (((%(base)s + g.n) * 37) %% 2191 - 1095), p.gender, p.ethnicity, '', '',
                       '', '', '', '', p.general_education, '', p.political_theory_level, '', '', '', '', '',
                       '', ''
                FROM generate_series(1, %(size)s) AS g(n)
                JOIN people_person p ON p.code = 'BP-' || lpad(((%(base)s + g.n) %% %(generated)s)::text, 7, '0')
                JOIN bench_cells c ON c.k = ((%(base)s + g.n)::bigint * 7919) %% %(cells)s
                """,
                {"base": copied, "size": size, "generated": generated, "cells": cells},
            )
            made += size
            print(f"  +{size} people by copy in {time.perf_counter() - started:.1f} s", flush=True)
        for name, definition in indexes:
            started = time.perf_counter()
            cursor.execute(definition)
            print(f"  index {name} in {time.perf_counter() - started:.1f} s", flush=True)
    add_memberships()
    return made


def add_memberships() -> None:
    """A membership for every copied person: one in twenty probationary, the rest full."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO people_membership (person_id, status, admitted_on, full_member_on, card_number)
            SELECT p.id,
                   CASE WHEN p.id % 20 = 0 THEN 'probationary' ELSE 'full' END,
                   p.birth_date + ((18 + p.id % 20) * 365)::int,
                   CASE WHEN p.id % 20 = 0 THEN NULL ELSE p.birth_date + ((19 + p.id % 20) * 365)::int END,
                   ''
            FROM people_person p
            WHERE (p.code LIKE 'BP-%%' OR p.code LIKE 'BM-%%')
              AND NOT EXISTS (SELECT 1 FROM people_membership m WHERE m.person_id = p.id)
            """
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--people", type=int, default=1_000_000, help="people in all")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of each case's queries")
    parser.add_argument("--seed", type=int, default=1930)
    parser.add_argument(
        "--provinces",
        type=int,
        default=EXTRA_PROVINCES,
        help="provinces added beside the big one (33: national)",
    )
    parser.add_argument(
        "--generate",
        type=int,
        default=1_000_000,
        help="people whose names are generated; the rest are copies",
    )
    parser.add_argument("--skip-migrate", action="store_true", help="keep the schema as it is")
    parser.add_argument("--load-only", action="store_true", help="build the dataset, then stop")
    args = parser.parse_args()

    database = prepare_database(args.fresh)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.policy import forget_grants
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.core.text import fold
    from tochuc.demo import province as demo
    from tochuc.demo.people import seed_people
    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import Person
    from tochuc.people.selectors import PeopleFilter, filter_people, page_by_ids, search_people_page

    if connection.vendor != "postgresql":
        raise SystemExit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://...).")
    timings: dict[str, float] = {}

    if not args.skip_migrate:
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        timings["migrate_s"] = time.perf_counter() - started

    started = time.perf_counter()
    demo.seed(scale="province", seed=args.seed)
    timings["seed_units_s"] = time.perf_counter() - started

    out = io.StringIO()
    started = time.perf_counter()
    seeded = seed_people(scale="province", rng=random.Random(args.seed), stdout=out)
    timings["seed_people_province_s"] = time.perf_counter() - started

    started = time.perf_counter()
    cells = add_provinces(args.provinces, args.seed)
    timings["extra_units_s"] = time.perf_counter() - started

    started = time.perf_counter()
    copied = copy_people(cells, min(args.generate, args.people) - Person.objects.count(), args.seed)
    timings["copy_people_s"] = time.perf_counter() - started
    started = time.perf_counter()
    copied += multiply_people(args.people)
    timings["multiply_people_s"] = time.perf_counter() - started

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    timings["vacuum_analyze_s"] = time.perf_counter() - started

    if args.load_only:
        print(json.dumps({k: round(v, 2) for k, v in timings.items()}))
        return
    people_total = Person.objects.count()
    province = OrgUnit.objects.get(code=demo.PROVINCE.code)
    in_province = Person.objects.filter(unit__path__startswith=province.path).count()

    def user_with(username: str, role: str, unit: OrgUnit) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(actor=None, username=username, password="bench-" + os.urandom(8).hex())
        if not RoleGrant.objects.filter(user=user, role=role, unit=unit).exists():
            grant_role(actor=None, user=user, role=role, unit=unit)
        forget_grants(user)
        return user

    national = user_with(NATIONAL_USER, Role.SPECIALIST, OrgUnit.objects.get(code="TW"))
    provincial = user_with(PROVINCE_USER, Role.SPECIALIST, province)
    national_client, province_client = Client(SERVER_NAME="localhost"), Client(SERVER_NAME="localhost")
    national_client.force_login(national)
    province_client.force_login(provincial)

    rare = next(
        (f"{name}" for name in RARE_GIVEN if Person.objects.filter(given_name=name).exists()), RARE_GIVEN[0]
    )
    national_searches = [
        "nguyen",
        "nguyen van",
        "thi hoa",
        "tran thi thu 1985",
        "le van hung 1972",
        rare.lower(),
        f"nguyen {fold(rare)[:3]}",
        "ngu v hu",
    ]
    province_searches = ["nguyen van", "thi hoa", rare.lower(), "hung 1972"]
    list_filters = {"gender": "female", "political_theory_level": "intermediate"}

    def search_page(user: User, query: str) -> Callable[[], Any]:
        return lambda: search_people_page(user, query, limit=20)

    def hand_sql(sql: str, params: list[Any]) -> Callable[[], Any]:
        def run() -> list[Any]:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return run

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any] | None]] = []
    for query in national_searches:
        cases.append((f"national search «{query}», first page (20)", search_page(national, query), None))
    for query in ("nguyen van", rare.lower(), "tran thi thu 1985"):
        url = f"/api/v1/persons/search?q={query.replace(' ', '+')}"
        cases.append((f"API national search «{query}»", lambda u=url: national_client.get(u), None))
    for query in province_searches:
        cases.append((f"province search «{query}», first page (20)", search_page(provincial, query), None))
    contains = "SELECT id FROM people_person WHERE name_folded LIKE %s ORDER BY sort_key, id LIMIT 20"
    for query in ("nguyen van", "thi hoa"):
        cases.append((f"floor: trigram contains «{query}»", hand_sql(contains, [f"%{query}%"]), None))
    in_province = (
        "SELECT p.id FROM orgunits_orgunit u JOIN people_person p ON p.unit_id = u.id "
        "WHERE u.path LIKE %s AND p.name_folded LIKE %s ORDER BY p.sort_key, p.id LIMIT 20"
    )
    cases.append(
        (
            "floor: province from its units, «thi hoa»",
            hand_sql(in_province, [province.path + "%", "%thi hoa%"]),
            None,
        )
    )
    cases.append(
        (
            "province list female+intermediate, first page + count",
            lambda: (
                page_by_ids(filter_people(provincial, PeopleFilter(**list_filters)), offset=0, limit=PAGE),
                filter_people(provincial, PeopleFilter(**list_filters)).count(),
            )[0],
            None,
        )
    )
    cases.append(
        (
            "province list «thi» + female+intermediate, page + count",
            lambda: (
                page_by_ids(
                    filter_people(provincial, PeopleFilter(q="thi", **list_filters)), offset=0, limit=PAGE
                ),
                filter_people(provincial, PeopleFilter(q="thi", **list_filters)).count(),
            )[0],
            None,
        )
    )
    list_url = "/api/v1/persons/?gender=female&political_theory_level=intermediate"
    cases.append(
        ("API province list female+intermediate (page + count)", lambda: province_client.get(list_url), None)
    )
    cases.append(
        ("API province list, no filter (page + count)", lambda: province_client.get("/api/v1/persons/"), None)
    )

    results = []
    for label, call, _ in cases:
        samples: list[float] = []
        response: Any = None
        for _ in range(args.rounds):
            taken, response = measure(call, repeat=args.repeat, warmup=args.warmup)
            samples += taken
        status = getattr(response, "status_code", 200)
        assert status == 200, (label, status)
        with CaptureQueriesContext(connection) as queries:
            result = call()
        found = len(result) if isinstance(result, list) else None
        if hasattr(result, "json"):
            body = result.json()
            found = len(body["items"]) if isinstance(body, dict) else len(body)
        results.append(
            {
                "case": label,
                "median_ms": round(statistics.median(samples), 2),
                "p95_ms": round(percentile(samples, 0.95), 2),
                "queries": len(queries.captured_queries),
                "rows": found if found is not None else result,
            }
        )
        if args.explain:
            print(f"\n== {label}")
            for query in queries.captured_queries:
                sql = query["sql"]
                if sql.lstrip().upper().startswith("SELECT") and "people_person" in sql:
                    print(sql)
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                        print("\n".join(row[0] for row in cursor.fetchall()))

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database,
        "machine": f"{os.cpu_count()} cores",
        "people_total": people_total,
        "people_in_province": in_province,
        "seeded_by_seed_people": seeded,
        "copied": copied,
        "timings_s": {k: round(v, 2) for k, v in timings.items()},
        "samples_each": args.repeat * args.rounds,
        "results": results,
    }
    print(f"database  {database}")
    print(f"dataset   {people_total} people; {in_province} in {province.code} ({province.name})")
    for key, value in timings.items():
        print(f"{key:26} {value:8.2f}")
    print(out.getvalue().strip())
    print(f"\n{args.repeat * args.rounds} timed calls each after warm-up:")
    print(f"{'case':62} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'rows':>8}")
    for row in results:
        print(
            f"{row['case']:62} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['queries']:>8} {row['rows']!s:>8}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"people-postgresql-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nwritten to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
