"""Benchmark of the reminder job over 100,000 tasks (and the province task dashboard).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_dir \\
        .venv/bin/python bench/directive_reminders_bench.py --fresh

Creates and migrates the database if needed and bulk-creates a dataset (5 provinces
× 40 communes × 5 cells, a specialist with the subtree on every province and commune,
an admin of the whole tree, 100 directives, 100,000 tasks with deadlines spread over
two years around "today", a third of them reporting quarterly, a fifth done). Then:

- ``send_reminders(today)`` on the empty inbox (the figure the target is about),
  again the same day (must store nothing: dedup by key), and the next day;
- ``send_overdue(today)`` (the escalation of overdue tasks), the same three runs;
- after each job, how the notifications fall per user, unread (the bell) and stored: the Centre's
  admin, a province's and a commune's specialist, and the most any one user received;
- the province dashboard of one province (~20,000 tasks): counts by status
  and the first page of tasks, overdue first, as the province's specialist.

See bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

TODAY = date(2025, 4, 10)
PROVINCES, COMMUNES, CELLS = 5, 40, 5


def prepare_database(fresh: bool) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database (e.g. …/tochuc_bench_dir).")
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = config["NAME"]
    if fresh and "bench" not in name:
        raise SystemExit(f"--fresh drops the database; refusing for {name!r} (its name lacks 'bench').")
    params: dict[str, Any] = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = conn.execute("SHOW server_version").fetchone()
    return f"PostgreSQL {version[0] if version else '?'}, database {name}"


def build_dataset(tasks: int) -> dict[str, Any]:
    from django.db import transaction
    from django.utils import timezone

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.directives.models import Directive, ReportPeriod, Task
    from tochuc.orgunits.models import OrgUnit, UnitKind, path_segment

    rng = random.Random(5)
    with transaction.atomic():
        centre = OrgUnit.objects.create(code="B-TW", name="Trung ương", kind=UnitKind.CENTRAL, path="tmp")
        centre.path = path_segment(centre.pk)
        centre.save(update_fields=["path"])

        def level(parents: list[OrgUnit], n: int, kind: str, prefix: str) -> list[OrgUnit]:
            made = OrgUnit.objects.bulk_create(
                OrgUnit(
                    code=f"{p.code}-{prefix}{i:02d}",
                    name=f"{prefix} {i} ({p.code})",
                    kind=kind,
                    parent=p,
                    path=f"tmp-{p.code}-{prefix}{i}",
                    depth=p.depth + 1,
                )
                for p in parents
                for i in range(1, n + 1)
            )
            by_id = {p.pk: p for p in parents}
            for unit in made:
                unit.path = by_id[unit.parent_id or 0].path + path_segment(unit.pk)
            OrgUnit.objects.bulk_update(made, ["path"], batch_size=2000)
            return made

        provinces = level([centre], PROVINCES, UnitKind.PROVINCIAL, "T")
        communes = level(provinces, COMMUNES, UnitKind.COMMUNE, "X")
        cells = level(communes, CELLS, UnitKind.CELL, "C")

        users = User.objects.bulk_create(
            User(username=f"bench.{u.code.lower()}", is_active=True) for u in [centre, *provinces, *communes]
        )
        RoleGrant.objects.bulk_create(
            RoleGrant(
                user=user,
                role=Role.ADMIN if unit is centre else Role.SPECIALIST,
                unit=unit,
                include_subtree=True,
            )
            for user, unit in zip(users, [centre, *provinces, *communes], strict=True)
        )
        directives = Directive.objects.bulk_create(
            Directive(
                doc_type="KH",
                number=str(n + 1),
                symbol="KH/TU",
                number_symbol=f"{n + 1}-KH/TU",
                issuer="Tỉnh ủy",
                issuer_code="TU",
                term="2020-2025",
                issued_on=date(2024, 1, 1),
                title=f"Kế hoạch {n + 1}",
                unit=provinces[n % PROVINCES],
            )
            for n in range(100)
        )
        leads = [*communes, *cells]
        periods = [ReportPeriod.QUARTERLY, ReportPeriod.NONE, ReportPeriod.NONE]
        created_at = timezone.make_aware(datetime(2024, 6, 1, 9))
        rows = []
        for n in range(tasks):
            directive = directives[n % len(directives)]
            province = provinces[n % len(directives) % PROVINCES]
            # A lead unit inside the directive's province.
            lead = leads[rng.randrange(len(leads))]
            while not lead.path.startswith(province.path):
                lead = leads[rng.randrange(len(leads))]
            deadline = TODAY + timedelta(days=rng.randint(-365, 365))
            done = rng.random() < 0.2
            percent = 100 if done else rng.choice([0, 0, 10, 30, 50, 80])
            last_report = TODAY - timedelta(days=rng.randint(1, 200)) if percent else None
            rows.append(
                Task(
                    directive=directive,
                    no=str(n + 1),
                    text="Nhiệm vụ",
                    assigned_by=province,
                    assigned_path=province.path,
                    lead_unit=lead,
                    lead_path=lead.path,
                    deadline=deadline,
                    report_period=periods[n % 3],
                    percent=percent,
                    last_report_on=last_report,
                    completed_on=(min(deadline + timedelta(days=rng.randint(-30, 30)), TODAY))
                    if done
                    else None,
                )
            )
        Task.objects.bulk_create(rows, batch_size=5000)
        # created_at is set by auto_now_add: put the tasks back before "today".
        Task.objects.update(created_at=created_at)
    return {"province": provinces[0], "province_user": users[1]}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the benchmark database first")
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20, help="timed dashboard calls")
    parser.add_argument("--no-dashboard", action="store_true", help="only the daily jobs")
    args = parser.parse_args()
    database = prepare_database(args.fresh)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from tochuc.accounts.models import User
    from tochuc.directives.models import Task
    from tochuc.directives.reminders import send_reminders
    from tochuc.directives.selectors import status_counts, tasks_for
    from tochuc.notifications.models import Notification
    from tochuc.orgunits.models import OrgUnit

    if not Task.objects.exists():
        started = time.perf_counter()
        build_dataset(args.tasks)
        print(f"dataset: {args.tasks:,} tasks in {time.perf_counter() - started:.1f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        Notification.objects.all().delete()
    province = OrgUnit.objects.filter(kind="provincial").order_by("path").first()
    assert province is not None
    user = User.objects.get(username=f"bench.{province.code.lower()}")

    print(database, f"— {Task.objects.count():,} tasks")
    from django.db.models import Count

    from tochuc.directives.escalation import send_overdue

    centre_admin = User.objects.get(username="bench.b-tw")
    commune = OrgUnit.objects.filter(kind="commune", path__startswith=province.path).order_by("path").first()
    assert commune is not None
    commune_user = User.objects.get(username=f"bench.{commune.code.lower()}")

    def per_user(since: int, *, unread: bool) -> str:
        rows = Notification.objects.filter(pk__gt=since)
        if unread:  # what rings the bell (the rest: stored as read under a digest)
            rows = rows.filter(read_at__isnull=True)
        counts = {row["user_id"]: row["n"] for row in rows.values("user_id").annotate(n=Count("id"))}
        most = max(counts.values(), default=0)
        return (
            f"{'unread' if unread else 'stored'}: {sum(counts.values()):,} to {len(counts):,} users; Centre admin "
            f"{counts.get(centre_admin.pk, 0):,}, province specialist {counts.get(user.pk, 0):,}, "
            f"commune specialist {counts.get(commune_user.pk, 0):,}; most to one user {most:,}"
        )

    for job, run in (("send_reminders", send_reminders), ("send_overdue", send_overdue)):
        for label, day in (
            ("first run", TODAY),
            ("re-run, same day", TODAY),
            ("next day", TODAY + timedelta(days=1)),
        ):
            since = Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            started = time.perf_counter()
            report = run(day)
            print(f"{job} {label}: {time.perf_counter() - started:.2f} s — {report}")
            print(f"    {per_user(since, unread=True)}\n    {per_user(since, unread=False)}")
    if args.no_dashboard:
        return

    def dashboard() -> tuple[dict[str, int], int]:
        qs = tasks_for(user, unit=province, today=TODAY)
        counts = status_counts(qs)
        page = list(qs[:50])
        return counts, len(page)

    for _ in range(3):
        dashboard()
    samples = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        counts, _n = dashboard()
        samples.append((time.perf_counter() - started) * 1000)
    in_province = sum(counts.values())
    print(
        f"province dashboard ({in_province:,} tasks: counts by status + first page): "
        f"median {statistics.median(samples):.1f} ms, max {max(samples):.1f} ms — {counts}"
    )


if __name__ == "__main__":
    main()
