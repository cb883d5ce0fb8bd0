"""Kept figures against counting the raw rows, on a database that already holds data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_figures_bench \\
        .venv/bin/python bench/figures_bench.py [--repeat 7] [--user demo.tw] [--rebuild]

Times, for the Centre (the whole country) and for the largest province, as the given user (who must
see the whole tree, like ``demo.tw``): the structure report (``structure(kept=True)`` vs
``kept=False``) and the evaluation analytics' distributions per child of the latest cycle (kept vs
``TOCHUC_KEPT_FIGURES=False``). With ``--rebuild`` also ``aggregates_rebuild`` and ``--check``.
Medians of ``--repeat`` runs after one warm-up; figures as JSON on the last line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")


def _median_ms(run: Callable[[], Any], repeat: int) -> float:
    run()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 1)


def _write_costs(province: Any) -> dict[str, float]:
    """2,000 people bulk-created into one cell, and one person saved 200 times, with the triggers and
    paused; each inside a transaction that is rolled back."""
    import datetime as dt

    from django.db import transaction

    from tochuc.figures import services
    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import Person

    cell = OrgUnit.objects.filter(path__startswith=province.path, kind="cell").order_by("-depth").first()
    assert cell is not None

    def people(n: int, tag: str) -> list[Any]:
        return [
            Person(
                code=f"BENCH-{tag}-{i}",
                unit=cell,
                full_name="Nguyễn Văn Thử",
                family_name="Nguyễn",
                given_name="Thử",
                name_folded="nguyen van thu",
                sort_key="thu",
                birth_date=dt.date(1970 + i % 40, 1, 1),
                gender="male" if i % 2 else "female",
            )
            for i in range(n)
        ]

    def bulk(tag: str) -> float:
        started = time.perf_counter()
        Person.objects.bulk_create(people(2000, tag), batch_size=1000)
        return round((time.perf_counter() - started) * 1000, 1)

    def saves(tag: str) -> float:
        (person,) = Person.objects.bulk_create(people(1, f"{tag}-one"))
        started = time.perf_counter()
        for i in range(200):
            person.ethnicity = "Tày" if i % 2 else "Kinh"
            person.save(update_fields=["ethnicity"])
        return round((time.perf_counter() - started) * 1000 / 200, 2)

    found: dict[str, float] = {}
    for kept in (True, False):
        suffix = "kept" if kept else "paused"
        with transaction.atomic():
            if kept:
                found[f"bulk_2000_people_{suffix}_ms"] = bulk(suffix)
                found[f"one_save_{suffix}_ms"] = saves(suffix)
            else:
                with services.paused(rebuild=False):
                    found[f"bulk_2000_people_{suffix}_ms"] = bulk(suffix)
                    found[f"one_save_{suffix}_ms"] = saves(suffix)
            transaction.set_rollback(True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--user", default="demo.tw")
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument(
        "--writes", action="store_true", help="also time writes with and without the triggers"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import override_settings

    from tochuc.accounts.models import User
    from tochuc.evaluations.analytics.selectors import _distributions, visible_cycles
    from tochuc.figures.models import Figure
    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import Person
    from tochuc.reports.selectors import structure

    user = User.objects.get(username=args.user)
    centre = OrgUnit.objects.get(depth=0, parent__isnull=True)
    provinces = OrgUnit.objects.filter(parent=centre, kind="provincial")
    biggest = max(provinces, key=lambda u: Person.objects.filter(unit__path__startswith=u.path).count())
    cycle = visible_cycles(user).annotate(n=Count("evaluations")).order_by("-n").first()
    figures: dict[str, Any] = {
        "vendor": connection.vendor,
        "people": Person.objects.count(),
        "kept_rows": Figure.objects.count(),
        "province": biggest.code,
        "cycle": cycle.code if cycle else None,
        "load": os.getloadavg()[0],
    }
    for name, unit in (("national", centre), ("province", biggest)):
        figures[f"structure_{name}_kept_ms"] = _median_ms(
            partial(structure, user, unit, kept=True), args.repeat
        )
        figures[f"structure_{name}_raw_ms"] = _median_ms(
            partial(structure, user, unit, kept=False), args.repeat
        )
        if cycle is not None:
            analytics = partial(_distributions, user, cycle, unit)
            figures[f"analytics_{name}_kept_ms"] = _median_ms(analytics, args.repeat)
            with override_settings(TOCHUC_KEPT_FIGURES=False):
                figures[f"analytics_{name}_raw_ms"] = _median_ms(analytics, args.repeat)
    if args.writes:
        figures.update(_write_costs(biggest))
    if args.rebuild:
        started = time.perf_counter()
        call_command("aggregates_rebuild", verbosity=0)
        figures["rebuild_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        call_command("aggregates_rebuild", "--check", verbosity=0)
        figures["check_s"] = round(time.perf_counter() - started, 2)
        figures["kept_rows"] = Figure.objects.count()
    for key, value in figures.items():
        print(f"{key:32} {value}")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
