"""Server time of each page of the load test, one request at a time, in process (where it goes).

    TOCHUC_ENV_FILE=var/serve.env DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_load \\
        .venv/bin/python bench/load_profile.py [--repeat 7] [--profile "analytics: province"]

With the settings ``make serve`` runs with (production mode, ``DEBUG`` off) and the targets written by
``bench/load_prepare.py``, as its account: for each page of ``bench/locustfile.py``, the median server
time (Django's test client: middleware, view, SQL, template; no network, no gunicorn), the number of
SQL queries and their time, and the size of the HTML. ``--profile NAME`` prints the functions that
take the most time on that page (cProfile, cumulative), to see template versus SQL versus Python.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
if os.environ.get("TOCHUC_ENV_FILE"):
    from tochuc.core.serve_env import load

    load(Path(os.environ["TOCHUC_ENV_FILE"]))
else:
    os.environ.setdefault("DEBUG", "1")
TARGETS = ROOT / "bench" / "results" / "load_targets.json"


def pages(t: dict[str, object]) -> dict[str, str]:
    def first(key: str) -> object:
        value = t[key]
        assert isinstance(value, list)
        return value[len(value) // 2]

    province, cycle = t["province"], t["open_cycle"]
    return {
        "home": "/",
        "units: tree": "/units/",
        "units: a unit": f"/units/{first('communes')}/",
        "units: province subtree": f"/units/{province}/subtree/",
        "units: search (htmx)": "/units/search/?q=xa+dien",
        "people: name search": f"/people/?q={first('search_terms')}",
        "people: list of a unit": f"/people/?unit={province}",
        "people: a person": f"/people/{first('people')}/",
        "people: 2C (docx)": f"/people/{first('people')}/2c.docx",
        "evaluations: cycles": "/evaluations/",
        "evaluations: a unit's evaluations": f"/evaluations/cycles/{cycle}/units/{first('grassroots')}/",
        "evaluations: one evaluation": f"/evaluations/{first('evaluations')}/",
        "analytics: province": f"/evaluations/analytics/?cycle={cycle}&unit={province}",
        "analytics: a commune": f"/evaluations/analytics/{cycle}/{first('communes')}/",
        "tasks: dashboard": f"/directives/dashboard/?unit={province}",
        "tasks: a task": f"/directives/tasks/{first('open_tasks')}/",
        "reports: structure": f"/reports/structure/?unit={province}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", default="", help="a page name: print its cProfile")
    parser.add_argument("--only", default="", help="time only the pages whose name contains this")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import User

    targets = json.loads(TARGETS.read_text(encoding="utf-8"))
    client = Client(SERVER_NAME="localhost", HTTP_HOST="localhost")
    client.force_login(User.objects.get(username=targets["username"]))
    print(f"{'page':38} {'median':>9} {'min':>9} {'queries':>8} {'SQL ms':>8} {'KB':>7}")
    for name, url in pages(targets).items():
        if args.only and args.only not in name:
            continue
        headers = {"HTTP_HX_REQUEST": "true"} if "htmx" in name else {}
        client.get(url, **headers)  # warm
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(url, **headers)
            samples.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, **headers)
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        assert response.status_code == 200, (name, url, response.status_code)
        print(
            f"{name:38} {statistics.median(samples):8.1f}  {min(samples):8.1f}  {len(queries):7d}  "
            f"{sql_ms:7.1f}  {len(response.content) / 1024:6.1f}"
        )
        if args.profile == name:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(3):
                client.get(url, **headers)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
