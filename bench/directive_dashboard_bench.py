"""Server-time benchmark of a province's task dashboard over 20,000 tasks (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres tochuc_bench_dash
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_dash .venv/bin/python bench/directive_dashboard_bench.py

Migrates, seeds the demo tree with the big province T03 (``demo.province``,
≈ 6,100 units, no people), then writes in bulk 20,000 tasks led inside T03
(50 provincial directives × 400 tasks, led by communes, grassroots
organizations and cells, with cooperating units, progress reports and a spread
of deadlines and completion) and 10,000 more elsewhere (T01), so the
province's index range is not the whole table. Running again reuses the data.

Timed, as a specialist of T03 (subtree grant), with the selectors the
dashboard uses:

- ``status_counts(tasks_for(user, unit=province))`` — the counts by status;
- ``tasks_for(user, unit=province, status="overdue")[:20]`` — the first page of
  overdue tasks (rows fetched, with directive and lead unit);
- both together, as one dashboard load.

Median and p95 of ``--repeat`` runs after ``--warmup`` runs; target < 200 ms median.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import random
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
OTHER = "T01"
BENCH_USER = "bench.dash.t03"
TASKS_IN_PROVINCE = 20_000
TASKS_ELSEWHERE = 10_000
PER_DIRECTIVE = 400
PAGE = 20


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(call: Callable[[], Any], *, repeat: int, warmup: int) -> list[float]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def bulk_tasks(unit_code: str, count: int, number_base: int, rng: random.Random) -> int:
    """``count`` tasks led inside ``unit_code``'s subtree, in directives of ``PER_DIRECTIVE``; returns how many."""
    from django.db import connection, transaction

    from tochuc.audit.services import record
    from tochuc.directives.models import Directive, ProductKind, ProgressReport, ReportPeriod, Task
    from tochuc.orgunits.models import OrgUnit

    root = OrgUnit.objects.get(code=unit_code)
    if Directive.objects.filter(unit=root, issuer_code="BENCH").exists():
        return 0
    below = list(
        OrgUnit.objects.filter(path__startswith=root.path, valid_to__isnull=True)
        .exclude(pk=root.pk)
        .only("pk", "path", "parent_id", "kind")
    )
    communes = [u for u in below if u.parent_id == root.pk]
    today = dt.date.today()
    periods = [ReportPeriod.NONE] * 6 + [ReportPeriod.QUARTERLY, ReportPeriod.HALF_YEAR]
    made = 0
    with transaction.atomic():
        for d in range((count + PER_DIRECTIVE - 1) // PER_DIRECTIVE):
            number = str(number_base + d)
            directive = Directive.objects.create(
                doc_type="KH",
                number=number,
                symbol="KH/BENCH",
                number_symbol=f"{number}-KH/BENCH",
                issuer=root.name,
                issuer_code="BENCH",
                term="2025-2030",
                place="Nghệ An",
                issued_on=today - dt.timedelta(days=rng.randint(30, 400)),
                title=f"Kế hoạch thử tải số {number}",
                unit=root,
            )
            rows = []
            for i in range(min(PER_DIRECTIVE, count - made)):
                lead = rng.choice(below) if rng.random() < 0.7 else rng.choice(communes)
                deadline = today + dt.timedelta(days=rng.randint(-200, 200)) if rng.random() < 0.85 else None
                roll = rng.random()
                completed = None
                if roll < 0.35 and deadline is not None:
                    completed = deadline + dt.timedelta(days=rng.randint(-30, 20))
                    completed = min(completed, today)
                percent = 100 if completed else rng.choice((0, 0, 10, 30, 50, 70, 90))
                reported = today - dt.timedelta(days=rng.randint(1, 120)) if percent else None
                rows.append(
                    Task(
                        directive=directive,
                        no=str(i + 1),
                        text=f"Nhiệm vụ thử tải {number}.{i + 1}: rà soát, kiện toàn tổ chức cơ sở đảng.",
                        assigned_by=root,
                        assigned_path=root.path,
                        lead_unit_id=lead.pk,
                        lead_path=lead.path,
                        deadline=deadline,
                        report_period=rng.choice(periods),
                        product_kind=ProductKind.REPORT,
                        product="Báo cáo kết quả",
                        percent=percent,
                        last_report_on=reported,
                        completed_on=completed,
                    )
                )
            Task.objects.bulk_create(rows, batch_size=2000)
            made += len(rows)
            through = Task.cooperating_units.through
            through.objects.bulk_create(
                [
                    through(task_id=t.pk, orgunit_id=rng.choice(communes).pk)
                    for t in rows
                    if rng.random() < 0.15
                ],
                batch_size=2000,
                ignore_conflicts=True,
            )
            ProgressReport.objects.bulk_create(
                [
                    ProgressReport(
                        task_id=t.pk,
                        reported_on=t.last_report_on,
                        period_end=t.last_report_on,
                        percent=t.percent,
                        narrative="Đã triển khai, đang tổng hợp kết quả.",
                        is_final=t.completed_on is not None,
                    )
                    for t in rows
                    if t.last_report_on is not None
                ],
                batch_size=2000,
            )
        # Tasks exist since before the last reporting periods (rule 4b needs an age).
        Task.objects.filter(directive__unit=root, directive__issuer_code="BENCH").update(
            created_at=datetime.now(UTC) - dt.timedelta(days=300)
        )
        record(
            actor=None,
            action="directive.bulk_seed",
            target=root,
            unit_path=root.path,
            summary={"tasks": made, "benchmark": True},
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE directives_task, directives_task_cooperating_units, directives_progressreport"
        )
    return made


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN ANALYZE of the two queries")
    parser.add_argument(
        "--elsewhere",
        type=int,
        default=TASKS_ELSEWHERE,
        help="tasks led outside the province (the rest of the country), loaded once",
    )
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://.../tochuc_bench_dash).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.demo import province as unit_demo
    from tochuc.directives.models import Task, TaskStatus
    from tochuc.directives.selectors import status_counts, task_scope_q, tasks_for, unit_tasks_q
    from tochuc.orgunits.models import OrgUnit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    migrate_s = time.perf_counter() - started
    started = time.perf_counter()
    unit_demo.seed(scale="province")
    units_s = time.perf_counter() - started
    rng = random.Random(2026)
    started = time.perf_counter()
    made = bulk_tasks(PROVINCE, TASKS_IN_PROVINCE, 100, rng)
    made += bulk_tasks(OTHER, args.elsewhere, 500, rng)
    tasks_s = time.perf_counter() - started

    province = OrgUnit.objects.get(code=PROVINCE)
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create(actor=None, username=BENCH_USER, password="bench-" + os.urandom(8).hex())
    if not RoleGrant.objects.filter(user=user, role=Role.SPECIALIST, unit=province).exists():
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)
    user = User.objects.get(pk=user.pk)

    def counts() -> dict[str, int]:
        return status_counts(tasks_for(user, unit=province))

    def overdue_page() -> list[Task]:
        return list(tasks_for(user, unit=province, status=TaskStatus.OVERDUE)[:PAGE])

    def dashboard() -> tuple[dict[str, int], list[Task]]:
        return counts(), overdue_page()

    def overdue_plain() -> list[Task]:
        """For comparison only: overdue as its plain condition (not done, deadline passed), no CASE."""
        today = dt.date.today()
        return list(
            Task.objects.filter(task_scope_q(user), unit_tasks_q(province))
            .filter(completed_on__isnull=True, deadline__lt=today)
            .select_related("directive", "lead_unit")
            .order_by("deadline", "directive_id", "id")[:PAGE]
        )

    figures = counts()
    page = overdue_page()
    with CaptureQueriesContext(connection) as queries:
        dashboard()
    if args.explain:
        with connection.cursor() as cursor:
            for query in queries.captured_queries:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")

    results = []
    cases: tuple[tuple[str, Callable[[], Any]], ...] = (
        ("counts by status", counts),
        ("first page of overdue", overdue_page),
        ("dashboard (both)", dashboard),
        ("comparison: overdue page, plain filter", overdue_plain),
    )
    for name, call in cases:
        samples = measure(call, repeat=args.repeat, warmup=args.warmup)
        results.append(
            {
                "case": name,
                "median_ms": round(statistics.median(samples), 1),
                "p95_ms": round(percentile(samples, 0.95), 1),
                "runs": len(samples),
            }
        )
    in_province = Task.objects.filter(lead_path__startswith=province.path).count()
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": getattr(connection, "pg_version", None),
        "tasks_total": Task.objects.count(),
        "tasks_led_in_province": in_province,
        "created_now": made,
        "setup_s": {"migrate": round(migrate_s, 1), "units": round(units_s, 1), "tasks": round(tasks_s, 1)},
        "status_counts": figures,
        "overdue_page_rows": len(page),
        "queries_per_dashboard": len(queries.captured_queries),
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"directive-dashboard-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    buffer = io.StringIO()
    buffer.write(json.dumps(report, ensure_ascii=False, indent=2))
    print(buffer.getvalue())
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
