"""The task scope as an ``OR`` of its three reaches (before) and as a ``UNION ALL`` of three index
lookups (now), timed on the dataset of ``directive_dashboard_bench.py`` (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_national \\
        .venv/bin/python bench/directive_dashboard_bench.py --elsewhere 300000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_national \\
        .venv/bin/python bench/task_scope_bench.py [--explain]

As the specialist of T03 (``bench.dash.t03``): the province dashboard (``tasks_for(user,
unit=province)``: counts by status, first page of overdue) and the user's own task list
(``tasks_for(user)``, the scope alone). The ``OR`` form is the reference kept in
``tochuc/directives/tests/test_scope_property.py``. Medians of 9 runs after 3 warm-up runs.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "This benchmark needs PostgreSQL (DATABASE_URL=postgres://.../tochuc_bench_national)."
        )
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import User
    from tochuc.directives import selectors
    from tochuc.directives.models import TaskStatus
    from tochuc.directives.tests import test_scope_property as reference
    from tochuc.orgunits.models import OrgUnit

    user = User.objects.get(username="bench.dash.t03")
    province = OrgUnit.objects.get(code="T03")
    cases: dict[str, Callable[[], Any]] = {
        "province dashboard: counts": lambda: selectors.status_counts(
            selectors.tasks_for(user, unit=province)
        ),
        "province dashboard: overdue page": lambda: list(
            selectors.tasks_for(user, unit=province, status=TaskStatus.OVERDUE)[:20]
        ),
        "own tasks (scope alone): counts": lambda: selectors.status_counts(selectors.tasks_for(user)),
        "own tasks (scope alone): overdue page": lambda: list(
            selectors.tasks_for(user, status=TaskStatus.OVERDUE)[:20]
        ),
    }
    forms = {
        "OR (before)": (reference.reference_scope_q, reference.reference_unit_q),
        "UNION ALL (now)": (selectors.task_scope_q, selectors.unit_tasks_q),
    }
    for label, (scope, unit_q) in forms.items():
        selectors.task_scope_q, selectors.unit_tasks_q = scope, unit_q  # type: ignore[assignment]
        for name, call in cases.items():
            for _ in range(3):
                call()
            samples = []
            for _ in range(9):
                started = time.perf_counter()
                call()
                samples.append((time.perf_counter() - started) * 1000)
            print(f"{label:16} {name:40} median {statistics.median(samples):7.1f} ms")
            if "--explain" in sys.argv and "counts" in name:
                with CaptureQueriesContext(connection) as queries:
                    call()
                with connection.cursor() as cursor:
                    cursor.execute(
                        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + queries.captured_queries[-1]["sql"]
                    )
                    print("\n".join(row[0] for row in cursor.fetchall()), end="\n\n")


if __name__ == "__main__":
    main()
