"""Benchmark of the evaluation analytics (and the rule check) over the big province.

    createdb -h 127.0.0.1 -U postgres tochuc_bench_eval
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_eval DEBUG=1
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py seed_demo --scale province
    .venv/bin/python bench/evaluations_bench.py            # builds the cycles if missing, then times

Times, as the national user ``demo.tw`` (or any user with a grant on ``TW``):

- the analytics page of the province ``T03`` (one row per commune, ~100,000 individual ratings):
  the whole request through ``django.test.Client`` (routing, middleware, selector, template),
  and the selector + template render alone;
- the drill-down into one commune (one of the inflated ones), the same two ways;
- ``manage.py evaluation_check --cycle BENCH-T03-2025 --format json`` (wall clock, a subprocess),
  when that command exists.

Median (and p95) of ``--repeat`` runs after ``--warmup`` runs. Figures also go to bench/results/.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

from bench.evaluation_dataset import CYCLES, INFLATED, PROVINCE  # noqa: E402

RESULTS = ROOT / "bench" / "results"
CYCLE = CYCLES[2025]


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(call: Callable[[], Any], *, repeat: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(_percentile(samples, 0.95), 1),
        "min_ms": round(min(samples), 1),
        "runs": len(samples),
    }


def _queries(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--check-runs", type=int, default=3, help="runs of evaluation_check")
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import get_commands
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.urls import reverse

    from bench.evaluation_dataset import build
    from tochuc.accounts.models import Role, RoleGrant
    from tochuc.evaluations import analytics
    from tochuc.evaluations.analytics_views import _render
    from tochuc.orgunits.models import OrgUnit, UnitKind

    counts = build()
    grant = (
        RoleGrant.objects.filter(
            unit__code="TW", include_subtree=True, role__in=[Role.ADMIN, Role.SPECIALIST]
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if grant is None:
        raise SystemExit("No user with a grant on TW: run seed_demo first.")
    user = grant.user
    cycle = analytics.get_cycle_for(user, CYCLE)
    province = OrgUnit.objects.get(code=PROVINCE)
    communes = list(OrgUnit.objects.filter(parent=province, kind=UnitKind.COMMUNE).order_by("code"))
    commune = communes[INFLATED[0]]

    results: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "user": user.username,
        "cycle": CYCLE,
        "evaluations": counts,
        "cases": {},
    }
    factory = RequestFactory()

    def selector_and_render(unit: OrgUnit) -> Callable[[], Any]:
        def call() -> Any:
            request = factory.get("/evaluations/analytics/", SERVER_NAME="localhost")
            request.user = user
            return _render(request, cycle, unit)

        return call

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    def page(unit: OrgUnit) -> Callable[[], Any]:
        url = reverse("evaluations:analytics_unit", args=[cycle.code, unit.code])

        def call() -> Any:
            response = client.get(url)
            assert response.status_code == 200, response.status_code
            return response

        return call

    def cold(call: Callable[[], Any]) -> Callable[[], Any]:
        """The same, with the closed previous cycle's figures not in the cache yet."""

        def run() -> Any:
            cache.clear()
            return call()

        return run

    data = analytics.analytics_for(user, cycle, province)
    results["province_rows"] = len(data.rows)
    results["province_flagged"] = [r.unit.code for r in data.flagged]
    results["individuals"] = data.total.individuals
    cases: list[tuple[str, Callable[[], Any]]] = [
        (f"selector only, {PROVINCE}", lambda: analytics.analytics_for(user, cycle, province)),
        (f"selector + template, {PROVINCE}", selector_and_render(province)),
        (f"GET page, {PROVINCE}", page(province)),
        (f"GET page, {PROVINCE}, cache emptied before each", cold(page(province))),
        (f"selector only, commune {commune.code}", lambda: analytics.analytics_for(user, cycle, commune)),
        (f"selector + template, commune {commune.code}", selector_and_render(commune)),
        (f"GET page, commune {commune.code}", page(commune)),
    ]
    for name, call in cases:
        try:
            figures = measure(call, repeat=args.repeat, warmup=args.warmup)
            figures["queries"] = _queries(call)
        except Exception as error:  # e.g. the URLconf does not load while other work is in progress
            figures = {"error": f"{type(error).__name__}: {error}"}
        results["cases"][name] = figures
        print(f"{name:50s} {figures}")

    if "evaluation_check" in get_commands():
        runs = []
        for _ in range(args.check_runs):
            started = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "manage.py", "evaluation_check", "--cycle", CYCLE, "--format", "json"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            runs.append((time.perf_counter() - started) * 1000)
            if done.returncode != 0:
                print(done.stderr[-2000:])
                break
        try:
            findings: int | None = len(json.loads(done.stdout))
        except ValueError:
            findings = None
        results["cases"]["evaluation_check --format json (subprocess)"] = {
            "runs_ms": [round(r) for r in runs],
            "median_ms": round(statistics.median(runs)),
            "findings": findings,
            "exit": done.returncode,
        }
        print("evaluation_check", results["cases"]["evaluation_check --format json (subprocess)"])
    else:
        # TODO(evaluation_check): the command is written concurrently; time it here once it exists.
        results["cases"]["evaluation_check"] = {"todo": "manage.py evaluation_check does not exist yet"}
        print("TODO: manage.py evaluation_check does not exist yet; not timed.")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"evaluations-{stamp}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(f"→ {out}")


if __name__ == "__main__":
    main()
