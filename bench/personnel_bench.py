"""Benchmark of the personnel capability on a province: planning eligibility and the transparency view.

    createdb -h 127.0.0.1 -U postgres tochuc_bench_personnel
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_personnel DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale province
    .venv/bin/python bench/personnel_bench.py            # --repeat 7 --warmup 2 --fresh

``seed_demo --scale province`` already rates everyone of T03 for 2024 and 2025
(cycles DG2024-T03, DG2025-T03). Builds (once) the planning cycle and the
procedures of ``bench/personnel_dataset.py``, then times, as the
specialist ``bench.t03`` of the province:

(a) the eligibility check of every active entry of the province's planning
    cycle: ``eligibility.load_facts(all person ids)`` and ``planning_checks`` for
    each entry (counts per title and per person taken from the entries, each
    title's position for the standards) — target < 5 s; also, for comparison,
    ``appointment_checks`` of the same people for a higher title of their commune
    (which runs ``check_in_planning``);
(b) the transparency view of the province: ``list(transparency(user, T03)[:50])``,
    the count of the whole list and ``duration_days`` of the page's rows — target
    < 300 ms median.

See bench/README.md. Figures also go to bench/results/personnel-*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

RESULTS = ROOT / "bench" / "results"
USER = "bench.t03"


def measure(call: Callable[[], Any], *, repeat: int, warmup: int) -> dict[str, Any]:
    for _ in range(warmup):
        call()
    samples = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
        "runs": len(samples),
        "result": result,
    }


def queries(call: Callable[[], Any]) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log keeps 9,000 queries: a full log would count nothing
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--fresh", action="store_true", help="delete and rebuild the bench rows first")
    parser.add_argument(
        "--with-bench-ratings",
        action="store_true",
        help="also build bench/evaluation_dataset.py's cycles (only for a province seeded without ratings)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from bench import evaluation_dataset, personnel_dataset
    from tochuc.accounts.models import Role, User
    from tochuc.accounts.services import grant_role
    from tochuc.orgunits.models import OrgUnit
    from tochuc.personnel import eligibility, selectors
    from tochuc.personnel.models import PlanningCycle, PlanningEntry
    from tochuc.personnel.rules import get_pack
    from tochuc.personnel.services.planning import ACTIVE, term_start
    from tochuc.positions.models import Position

    started = time.perf_counter()
    if args.with_bench_ratings:
        evaluation_dataset.build(fresh=False)
    counts = personnel_dataset.build(fresh=args.fresh)
    build_s = time.perf_counter() - started
    print(f"dataset ready in {build_s:.1f} s: {counts}")

    province = OrgUnit.objects.get(code=personnel_dataset.PROVINCE)
    user = User.objects.filter(username=USER).first()
    if user is None:
        user = User.objects.create_user(username=USER, password=None, full_name="Chuyên viên T03 (bench)")
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)
    cycle = PlanningCycle.objects.get(code=personnel_dataset.CYCLE)
    pack = get_pack(cycle.pack)
    start = term_start(cycle)

    def planning_all() -> dict[str, int]:
        entries = list(
            PlanningEntry.objects.filter(cycle=cycle, status__in=ACTIVE)
            .select_related("title")
            .order_by("id")
        )
        per_title = Counter(e.title_id for e in entries)
        per_person = Counter(e.person_id for e in entries)
        positions = {p.title_id: p for p in Position.objects.filter(title_id__in=list(per_title))}
        facts = eligibility.load_facts(e.person_id for e in entries)
        found: Counter[str] = Counter()
        for entry in entries:
            checks = eligibility.planning_checks(
                pack,
                facts[entry.person_id],
                title=entry.title,
                position=positions.get(entry.title_id),
                term_start=start,
                people_for_title=per_title[entry.title_id] - 1,
                titles_for_person=per_person[entry.person_id] - 1,
            )
            found["entries"] += 1
            found["blocked"] += bool(eligibility.blocking(checks))
            for check in checks:
                found[f"{check.severity}:{check.rule}"] += 1
        return dict(found)

    person_ids = list(
        PlanningEntry.objects.filter(cycle=cycle, status__in=ACTIVE)
        .values_list("person_id", flat=True)
        .distinct()
    )

    def load_only() -> int:
        return len(eligibility.load_facts(person_ids))

    # Appointment checks for a higher title: each planned person proposed as the commune's first title.
    entries = list(PlanningEntry.objects.filter(cycle=cycle, status__in=ACTIVE).select_related("title"))
    top_of: dict[int, Any] = {}
    for position in Position.objects.filter(title_id__in={e.title_id for e in entries}).select_related(
        "title"
    ):
        current = top_of.get(position.unit_id)
        if current is None or position.pk < current.pk:
            top_of[position.unit_id] = position
    unit_of_title = {
        p.title_id: p.unit_id for p in Position.objects.filter(title_id__in={e.title_id for e in entries})
    }

    def appointment_all() -> int:
        facts = eligibility.load_facts(person_ids)
        total = 0
        for entry in entries:
            top = top_of[unit_of_title[entry.title_id]]
            checks = eligibility.appointment_checks(
                pack,
                facts[entry.person_id],
                kind="appointment",
                title=top.title,
                position=top,
                is_internal=True,
                received_on=start,
                term_months=60,
            )
            total += len(checks)
        return total

    def transparency_page() -> dict[str, Any]:
        procedures = selectors.transparency(user, province)
        rows = list(procedures[:50])
        total = procedures.count()
        durations = [selectors.duration_days(p) for p in rows]
        overridden_by = [o.actor_id for p in rows for o in p.overrides.all()]
        return {
            "rows": len(rows),
            "count": total,
            "with_duration": sum(d is not None for d in durations),
            "overrides_on_page": len(overridden_by),
        }

    results: dict[str, Any] = {}
    for name, call, repeat in (
        ("load_facts", load_only, args.repeat),
        ("planning_checks_all", planning_all, args.repeat),
        ("appointment_checks_all", appointment_all, args.repeat),
        ("transparency_page", transparency_page, max(args.repeat, 15)),
    ):
        figure = measure(call, repeat=repeat, warmup=args.warmup)
        figure["queries"] = queries(call)
        results[name] = figure
        shown = {k: v for k, v in figure.items() if k != "result"}
        print(f"{name}: {shown}")
        print(f"  result: {figure['result']}")

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    else:
        version = "sqlite"
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"personnel-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(),
                "machine": f"{platform.machine()} {os.cpu_count()} cpu, load {os.getloadavg()}",
                "database": version,
                "dataset": counts,
                "people_planned": len(person_ids),
                "results": {k: {kk: vv for kk, vv in v.items()} for k, v in results.items()},
            },
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    )
    print(f"written {out}")


if __name__ == "__main__":
    main()
