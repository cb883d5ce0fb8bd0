"""Benchmark of periodic reviews on a province with 1,100 reporting units at two levels.

    createdb -h 127.0.0.1 -U postgres tochuc_bench_reviews
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_reviews DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale province
    .venv/bin/python bench/reviews.py            # --repeat 7 --warmup 2 --fresh

Builds (once) a quarter period of the province T03 (its 100 communes report) and, under it, the
same period opened by every commune for its grassroots organizations (1,000 more): 1,100
reporting units. Nine grassroots organizations in ten submit (figures counted by the system),
then nine communes in ten submit (figures summed from their subordinates), some late. Then
times, as the specialist ``bench.t03`` of the province, server time through ``django.test.Client``:

(a) the period page with its status and consolidated figures: ``GET /reviews/periods/<code>/``
    — target < 300 ms median;
(b) the consolidated report in Word: ``GET /reviews/periods/<code>/consolidated.docx``
    — target < 5 s;
(c) pre-filling one commune's draft: ``GET /reviews/periods/<code>/units/<commune>/`` of a commune
    that has not submitted, both when it opened the period below (its figures are the sum of its
    subordinates' reports) and when it did not (the system counts its whole subtree) — target
    < 500 ms.

See bench/README.md. Figures also go to bench/results/reviews-*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

RESULTS = ROOT / "bench" / "results"
USER = "bench.t03"
PROVINCE = "T03"
CODE = "BENCH-T03-Q"
# The period is the quarter before the day it is built, so its deadline has passed.


def measure(call: Callable[[], Any], *, repeat: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    samples = []
    cpu = []  # this process's CPU time: what the request costs, whatever else the machine runs
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        call()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
        "runs": len(samples),
    }


def build(fresh: bool) -> dict[str, int]:
    from django.db import transaction

    from tochuc.orgunits.models import OrgUnit
    from tochuc.reviews import services
    from tochuc.reviews.models import ReviewPeriod, UnitReport

    if fresh:
        with transaction.atomic():
            UnitReport.objects.filter(period__code__startswith=CODE).delete()
            for period in ReviewPeriod.objects.filter(parent__code=CODE):
                period.expected.all().delete()
                period.delete()
            ReviewPeriod.objects.filter(code=CODE).delete()
    existing = ReviewPeriod.objects.filter(code=CODE).first()
    if existing is not None:
        return {
            "expected": existing.expected.count(),
            "below": ReviewPeriod.objects.filter(parent=existing).count(),
            "reports": UnitReport.objects.filter(period__code__startswith=CODE).count(),
        }
    province = OrgUnit.objects.get(code=PROVINCE)
    today = date.today()
    quarter = (today.month - 1) // 3 or 4
    year = today.year if quarter != 4 or today.month > 3 else today.year - 1
    deadline = today - timedelta(days=10)
    top = services.period_open(
        actor=None, code=CODE, unit=province, kind="quarter", year=year, quarter=quarter, deadline=deadline
    )
    communes = [line.unit for line in top.expected.select_related("unit").order_by("unit__path")]
    reports = 0
    for i, commune in enumerate(communes):
        below = services.period_open(
            actor=None,
            code=f"{CODE}.{i:03d}",
            unit=commune,
            kind="quarter",
            year=year,
            quarter=quarter,
            deadline=deadline - timedelta(days=3),
            parent=top,
        )
        units = [line.unit for line in below.expected.select_related("unit").order_by("unit__path")]
        for j, unit in enumerate(units):
            if j % 10 == 9:
                continue  # one in ten has not reported
            day = deadline - timedelta(days=5) if j % 7 else deadline + timedelta(days=2)
            services.report_submit(
                actor=None,
                period=below,
                unit=unit,
                sections={"results": f"Kết quả của {unit.name}.", "proposals": "Đề nghị tập huấn."},
                today=day,
            )
            reports += 1
        if i % 10 != 9:
            services.report_submit(
                actor=None,
                period=top,
                unit=commune,
                sections={
                    "results": f"{commune.name} hoàn thành các chỉ tiêu của quý.",
                    "shortcomings": "Một số chi bộ sinh hoạt chưa đều.",
                    "next_tasks": "Kiện toàn tổ chức cơ sở đảng.",
                    "proposals": "Đề nghị bổ sung kinh phí hoạt động.",
                },
                today=deadline - timedelta(days=1) if i % 5 else deadline + timedelta(days=4),
            )
            reports += 1
        if i % 10 == 0:
            print(f"  {i + 1}/{len(communes)} communes", flush=True)
    return {"expected": len(communes), "below": len(communes), "reports": reports}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="rebuild the periods and reports")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from tochuc.accounts.models import Role, User
    from tochuc.accounts.services import grant_role
    from tochuc.orgunits.models import OrgUnit
    from tochuc.reviews.models import ReviewPeriod, UnitReport

    settings.ALLOWED_HOSTS = ["*"]
    started = time.perf_counter()
    counts = build(args.fresh)
    print(f"dataset ready in {time.perf_counter() - started:.1f} s: {counts}")
    province = OrgUnit.objects.get(code=PROVINCE)
    user = User.objects.filter(username=USER).first()
    if user is None:
        user = User.objects.create_user(username=USER, password=None, full_name="Chuyên viên T03 (bench)")
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)
    client = Client()
    client.force_login(user)

    top = ReviewPeriod.objects.get(code=CODE)
    missing = list(
        top.expected.exclude(unit__in=UnitReport.objects.filter(period=top).values("unit")).select_related(
            "unit"
        )
    )
    with_below = missing[0].unit
    below = ReviewPeriod.objects.get(parent=top, unit=with_below)
    # A commune without a period below: its draft is counted by the system over its whole subtree.
    without_below = below.expected.select_related("unit").first()
    assert without_below is not None

    def get(url: str) -> Callable[[], None]:
        def call() -> None:
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return call

    figures = {
        "period page": measure(get(f"/reviews/periods/{CODE}/"), repeat=args.repeat, warmup=args.warmup),
        "consolidated docx": measure(
            get(f"/reviews/periods/{CODE}/consolidated.docx"), repeat=args.repeat, warmup=args.warmup
        ),
        "commune draft (sum of its subordinates)": measure(
            get(f"/reviews/periods/{CODE}/units/{with_below.code}/"), repeat=args.repeat, warmup=args.warmup
        ),
        "grassroots draft (system count of its subtree)": measure(
            get(f"/reviews/periods/{below.code}/units/{without_below.unit.code}/"),
            repeat=args.repeat,
            warmup=args.warmup,
        ),
    }
    # The commune draft counted by the system over the whole commune (no period below), timed
    # through the service, since the page sums its subordinates' reports once it opened one.
    from tochuc.reviews import figures as fig

    def commune_count() -> None:
        fig.compute(with_below, top.starts_on, top.ends_on, date.today())

    figures["commune figures counted over its subtree"] = measure(
        commune_count, repeat=args.repeat, warmup=args.warmup
    )
    for name, row in figures.items():
        print(
            f"{name:48s} median {row['median_ms']:7.1f} ms (min {row['min_ms']}, max {row['max_ms']}),"
            f" CPU {row['median_cpu_ms']} ms"
        )
    print("load average", os.getloadavg())
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"reviews-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    out.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "cpus": os.cpu_count(),
                "database": connection.vendor,
                "dataset": counts,
                "figures": figures,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
