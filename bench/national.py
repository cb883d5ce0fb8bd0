"""The whole country on one PostgreSQL server: the national pages and commands beside hand-written SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_national .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_national .venv/bin/python manage.py seed_demo --scale national
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_national .venv/bin/python bench/national.py

Works on the dataset of ``seed_demo --scale national`` (it reads what is there, it writes only two
bench accounts). Server time of each request through ``django.test.Client`` (routing, middleware, view,
SQL, template; no network), as a specialist of the Centre (``bench.national``) and of the largest
province (``bench.province``); the commands ``party_badges`` and ``supervision_signals`` of the whole
country as separate processes (wall clock); and the name search's floor, a trigram "contains" query
straight through psycopg (the issue's floors for the ratings were measured by hand-written SQL over a
synthetic national tree; see bench/README.md). Median of ``--repeat`` runs after ``--warmup``; the load average is
printed with the figures, which also go to bench/results/national-<date>.json. With
``TOCHUC_ENV_FILE=var/serve.env`` it runs with the production settings ``make serve`` uses (``DEBUG`` off:
no query log); otherwise with ``DEBUG=1``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
if os.environ.get("TOCHUC_ENV_FILE"):  # the settings ``make serve`` runs with (var/serve.env)
    from tochuc.core.serve_env import load as load_env

    load_env(Path(os.environ["TOCHUC_ENV_FILE"]))
else:
    os.environ.setdefault("DEBUG", "1")

NATIONAL_USER = "bench.national"
PROVINCE_USER = "bench.province"


def measure(call: Callable[[], Any], *, repeat: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--skip-commands", action="store_true", help="pages and floors only")
    parser.add_argument(
        "--only",
        default="",
        help="only the pages whose label contains this text (no commands, no results file)",
    )
    parser.add_argument(
        "--task-counts",
        choices=["live", "counted", "both"],
        default="both",
        help="task figures counted live, read from the worker's counting (written first, as the worker "
        "does each minute), or both (default)",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "This benchmark needs the national dataset on PostgreSQL (DATABASE_URL=postgres://…)."
        )

    import django

    django.setup()
    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.evaluations.models import Evaluation, EvaluationCycle
    from tochuc.orgunits.models import OrgUnit, UnitKind

    centre = OrgUnit.objects.get(depth=0)
    # The province with the most communes and grassroots organizations.
    province = (
        OrgUnit.objects.filter(kind=UnitKind.PROVINCIAL, depth=1)
        .annotate(n=Count("children"))
        .order_by("-n", "code")
        .first()
    )
    if province is None:
        raise SystemExit("No province found: load the national dataset first (seed_demo --scale national).")
    cycle = (
        EvaluationCycle.objects.filter(unit=centre).order_by("-year", "-created_at").first()
        or EvaluationCycle.objects.order_by("-year", "-created_at").first()
    )
    if cycle is None:
        raise SystemExit("No evaluation cycle: load the national dataset first.")

    def account(username: str, unit: OrgUnit) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(actor=None, username=username, password="bench-" + os.urandom(8).hex())
        if not RoleGrant.objects.filter(user=user, role=Role.SPECIALIST, unit=unit).exists():
            grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=unit)
        return user

    national, provincial = Client(HTTP_HOST="localhost"), Client(HTTP_HOST="localhost")
    national.force_login(account(NATIONAL_USER, centre))
    provincial.force_login(account(PROVINCE_USER, province))
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM people_person")
        people = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM orgunits_orgunit")
        units = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM directives_task")
        tasks = cursor.fetchone()[0]
    evaluations = Evaluation.objects.filter(cycle=cycle).count()
    print(
        f"Dataset: {units:,} units, {people:,} people, {evaluations:,} evaluations in {cycle.code}, {tasks:,} tasks"
    )
    print(f"Centre {centre.code}, province {province.code} ({province.name}); load {load()}")

    def page(client: Client, url: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")

        return call

    def sql(statement: str, params: list[Any]) -> Callable[[], None]:
        def call() -> None:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)
                cursor.fetchall()

        return call

    lines: list[tuple[str, Callable[[], None], str]] = [
        (
            "national analytics page",
            page(national, f"/evaluations/analytics/{cycle.code}/{centre.code}/"),
            "< 500 ms",
        ),
        (
            "analytics of one province (drill down)",
            page(national, f"/evaluations/analytics/{cycle.code}/{province.code}/"),
            "< 100 ms",
        ),
        ("home page of the Centre", page(national, "/"), "< 1 s"),
        ("home page of a province", page(provincial, "/"), ""),
        ("national task dashboard", page(national, f"/directives/dashboard/?unit={centre.code}"), "< 300 ms"),
        (
            "structure report of the country",
            page(national, f"/reports/structure/?unit={centre.code}"),
            "< 1 s",
        ),
        (
            "name search, common name (national)",
            page(national, "/api/v1/persons/search?q=nguyen+van"),
            "< 50 ms",
        ),
        ("name search, common given name", page(national, "/api/v1/persons/search?q=thi+hoa"), "< 50 ms"),
        (
            "name search, name and birth year",
            page(national, "/api/v1/persons/search?q=tran+minh+1975"),
            "< 50 ms",
        ),
        (
            "floor: trigram contains, common name",
            sql(
                "SELECT id FROM people_person WHERE name_folded LIKE %s ORDER BY sort_key, id LIMIT 20",
                ["%nguyen van%"],
            ),
            "",
        ),
        (
            "people list of a province, filtered and sorted",
            page(provincial, f"/people/?unit={province.code}&gender=female&age_band=40-49"),
            "< 150 ms",
        ),
        ("name search within a province", page(provincial, "/api/v1/persons/search?q=nguyen+thi"), "< 50 ms"),
        (
            "province task dashboard",
            page(provincial, f"/directives/dashboard/?unit={province.code}"),
            "< 300 ms",
        ),
    ]
    from tochuc.accounts.models import User as UserModel
    from tochuc.directives import counts, dashboards
    from tochuc.home.selectors import waiting_for

    bench_national = UserModel.objects.get(username=NATIONAL_USER)
    bench_province = UserModel.objects.get(username=PROVINCE_USER)
    late = ["overdue", "at_risk"]

    def selector(call: Callable[[], Any]) -> Callable[[], None]:
        def run() -> None:
            for user in (bench_national, bench_province):
                user.__dict__.pop("_tochuc_grants", None)
            call()

        return run

    task_lines: list[tuple[str, Callable[[], None], str]] = [
        ("national task dashboard", page(national, f"/directives/dashboard/?unit={centre.code}"), "< 300 ms"),
        (
            "national task dashboard, overdue filter, page 3",
            page(national, f"/directives/dashboard/?unit={centre.code}&status=overdue&page=3"),
            "",
        ),
        (
            "province task dashboard",
            page(provincial, f"/directives/dashboard/?unit={province.code}"),
            "< 300 ms",
        ),
        (
            "home: late tasks waiting, counts and first five (Centre)",
            selector(
                lambda: (
                    dashboards.led_status_counts(bench_national, late),
                    dashboards.first_led_tasks(bench_national, late, limit=5),
                )
            ),
            "",
        ),
        ("home: everything waiting for me (Centre)", selector(lambda: waiting_for(bench_national)), ""),
        (
            "home: overview task figures (Centre)",
            selector(lambda: dashboards.status_counts(bench_national, centre, by_branch=False)),
            "",
        ),
        (
            "home: overview task figures (province)",
            selector(lambda: dashboards.status_counts(bench_province, province, by_branch=False)),
            "",
        ),
    ]
    modes = ["live", "counted"] if args.task_counts == "both" else [args.task_counts]
    prepares: dict[str, Callable[[], None]] = {}
    task_labels = {label for label, _call, _target in task_lines}
    lines = [line for line in lines if line[0] not in task_labels]
    for mode in modes:

        def prepare(mode: str = mode) -> None:
            if mode == "counted":
                started = time.perf_counter()
                counts.refresh()
                print(f"  (worker's counting written in {(time.perf_counter() - started) * 1000:.0f} ms)")
            else:
                counts.forget()

        for label, call, target in task_lines:
            lines.append((f"{label} [{mode}]", call, target))
            prepares[f"{label} [{mode}]"] = prepare
    if args.only:
        lines = [line for line in lines if args.only in line[0]]
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "dataset": {"units": units, "people": people, "evaluations": evaluations, "tasks": tasks},
        "lines": [],
    }
    for label, call, target in lines:
        if label in prepares:
            prepares[label]()
        samples = measure(call, repeat=args.repeat, warmup=args.warmup)
        median = statistics.median(samples)
        print(f"{label:<52} {median:9.1f} ms  (min {min(samples):.1f}, max {max(samples):.1f}) {target}")
        results["lines"].append({"what": label, "median_ms": median, "samples": samples, "target": target})
    if not args.skip_commands and not args.only:
        on = dt.date(dt.date.today().year, 9, 2).isoformat()
        commands = [
            ("party_badges of the country", ["party_badges", "--unit", centre.code, "--on", on], "< 60 s"),
            (
                "supervision_signals of the country",
                ["supervision_signals", "--unit", centre.code, "--format", "json"],
                "< 60 s",
            ),
        ]
        for label, argv, target in commands:
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, str(ROOT / "manage.py"), *argv], capture_output=True, check=False
            )
            wall = time.perf_counter() - started
            print(f"{label:<52} {wall:9.1f} s   exit {done.returncode}, {len(done.stdout):,} bytes {target}")
            results["lines"].append(
                {"what": label, "wall_s": wall, "exit": done.returncode, "target": target}
            )
    results["load"] = load()
    print(f"load {results['load']}")
    if args.only:
        return  # a partial run leaves the day's results file as it was
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"national-{results['date']}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
