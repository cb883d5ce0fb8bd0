"""Server-time benchmark of the unit tree with one province at real size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench .venv/bin/python bench/units.py --fresh

Creates and migrates the database if needed, times ``seed_demo --scale province``
(wall clock), then times requests inside Django (``django.test.Client``, no
network) as a specialist of the big province: the subtree listing, the HTMX
search and the API search. See bench/README.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

PROVINCE = "T03"
BENCH_USER = "bench.t03"


def prepare_database(fresh: bool) -> str:
    """Create the PostgreSQL database if missing (drop it first with ``fresh``); return a label."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        # Never the development database: a file of its own, under the ignored results folder.
        var_dir = Path(os.environ.setdefault("TOCHUC_VAR_DIR", str(RESULTS / "sqlite")))
        var_dir.mkdir(parents=True, exist_ok=True)
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                (var_dir / f"tochuc.sqlite3{suffix}").unlink(missing_ok=True)
        return f"sqlite {var_dir / 'tochuc.sqlite3'}"
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if fresh and "bench" not in name:
        raise SystemExit(f"--fresh drops the database; refusing for {name!r} (its name lacks 'bench').")
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = conn.execute("SHOW server_version").fetchone()
    return f"postgresql {version[0] if version else '?'} database {name}"


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(request: Callable[[], Any], *, repeat: int, warmup: int) -> tuple[list[float], Any]:
    response = None
    for _ in range(warmup):
        response = request()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = request()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, response


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per endpoint and round")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all endpoints; samples are pooled")
    parser.add_argument(
        "--explain", action="store_true", help="print EXPLAIN ANALYZE of each endpoint's queries"
    )
    args = parser.parse_args()

    database = prepare_database(args.fresh)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.core.text import fold
    from tochuc.orgunits.models import OrgUnit
    from tochuc.orgunits.views import SUBTREE_PAGE_SIZE

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started

    output = io.StringIO()
    started = time.perf_counter()
    call_command("seed_demo", scale="province", stdout=output)
    seed_s = time.perf_counter() - started
    seed_lines = [line for line in output.getvalue().splitlines() if line.strip()][:3]

    province = OrgUnit.objects.get(code=PROVINCE)
    units_below = OrgUnit.objects.filter(path__startswith=province.path).exclude(pk=province.pk).count()
    total_units = OrgUnit.objects.count()

    # A specialist of the big province, as demo.tinh is of the first one.
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create(actor=None, username=BENCH_USER, password="bench-" + os.urandom(8).hex())
    if not RoleGrant.objects.filter(user=user, role=Role.SPECIALIST, unit=province).exists():
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)

    # The client talks to Django directly: what is timed is the server's work.
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    commune = OrgUnit.objects.get(code=f"{PROVINCE}-X042")
    selective = fold(commune.name).removeprefix("dang bo ")  # e.g. "xa minh son": a handful of hits
    broad = "chi bo"  # five thousand hits, ranked and cut to the first page
    htmx = {"HX-Request": "true"}
    last_page = -(-units_below // SUBTREE_PAGE_SIZE)
    cases: list[tuple[str, str, dict[str, str]]] = [
        ("subtree, first page with counts", f"/units/{PROVINCE}/subtree/", {}),
        ("subtree, last page", f"/units/{PROVINCE}/subtree/?page={last_page}", {}),
        (f"search (HTMX) «{selective}»", f"/units/search/?q={selective.replace(' ', '+')}", htmx),
        (f"search (HTMX) «{broad}»", f"/units/search/?q={broad.replace(' ', '+')}", htmx),
        (f"API search «{selective}»", f"/api/v1/units/search?q={selective.replace(' ', '+')}", {}),
        (f"API search «{broad}»", f"/api/v1/units/search?q={broad.replace(' ', '+')}", {}),
    ]

    results = []
    for label, url, headers in cases:
        samples: list[float] = []
        round_medians = []
        response = None
        for _ in range(args.rounds):
            taken, response = measure(
                lambda u=url, h=headers: client.get(u, headers=h), repeat=args.repeat, warmup=args.warmup
            )
            samples += taken
            round_medians.append(statistics.median(taken))
        assert response is not None and response.status_code == 200, (
            url,
            getattr(response, "status_code", None),
        )
        with CaptureQueriesContext(connection) as queries:
            client.get(url, headers=headers)
        results.append(
            {
                "case": label,
                "url": url,
                "median_ms": round(statistics.median(samples), 2),
                "p95_ms": round(percentile(samples, 0.95), 2),
                "round_medians_ms": [round(m, 2) for m in round_medians],
                "queries": len(queries.captured_queries),
                "bytes": len(response.content),
            }
        )
        if args.explain and connection.vendor == "postgresql":
            print(f"\n== {label}: {url}")
            for query in queries.captured_queries:
                print(f"-- {query['time']} s\n{query['sql']}")
                if query["sql"].lstrip().upper().startswith("SELECT"):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                        print("\n".join(row[0] for row in cursor.fetchall()))

    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": database,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "debug": os.environ.get("DEBUG"),
        "units_total": total_units,
        "units_in_province": units_below,
        "migrate_s": round(migrate_s, 2),
        "seed_province_s": round(seed_s, 2),
        "seed_output": seed_lines,
        "repeat": args.repeat,
        "rounds": args.rounds,
        "results": results,
    }
    print(f"database   {database}")
    print(f"machine    {report['machine']}")
    print(f"dataset    {total_units} units in all, {units_below} below {PROVINCE} ({province.name})")
    print(f"migrate    {migrate_s:.2f} s")
    print(f"seed_demo --scale province: {seed_s:.2f} s wall clock")
    for line in seed_lines:
        print(f"           {line}")
    samples_each = args.repeat * args.rounds
    print(
        f"\nserver time as {BENCH_USER} (specialist of {PROVINCE}), {samples_each} requests each after warm-up:"
    )
    print(f"{'case':42} {'median ms':>10} {'p95 ms':>8} {'queries':>8}  round medians")
    for row in results:
        medians = ", ".join(f"{m:.1f}" for m in row["round_medians_ms"])
        print(
            f"{row['case']:42} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} {row['queries']:>8}  {medians}"
        )
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"units-{connection.vendor}-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
