"""What the load test needs from the database: its accounts and the codes and ids its users open.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_load .venv/bin/python bench/load_prepare.py

Run with the application's venv, on the database ``make serve`` serves (the province dataset:
``seed_demo --scale province``, ``bench/evaluation_dataset.py``, ``bench/directive_dashboard_bench.py``;
see bench/README.md, Load test). It:

- creates (once) the account ``bench.load.t03``, a specialist of ``T03`` and its subtree (another
  province with ``LOAD_PROVINCE=T05``: ``bench.load.t05``; the national dataset's provinces), through
  ``user_create`` and ``grant_role`` (audited), with the password ``LOAD_PASSWORD`` below — a bench
  database only;
- writes ``bench/results/load_targets.json``: the province, some of its communes and grassroots
  organizations, people codes, name search terms, the open and closed evaluation cycles, evaluations
  still at the self-review stage (the scenario re-submits their self-review as a draft), open tasks
  led inside the province (the scenario sends progress reports on them).

The locust scenario (``bench/locustfile.py``, its own venv) reads that file; it never imports Django.
"""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
if os.environ.get("TOCHUC_ENV_FILE"):  # the settings ``make serve`` runs with (var/serve.env)
    from tochuc.core.serve_env import load

    load(Path(os.environ["TOCHUC_ENV_FILE"]))
else:
    os.environ.setdefault("DEBUG", "1")

PROVINCE = os.environ.get("LOAD_PROVINCE", "T03").strip().upper()
LOAD_USER = f"bench.load.{PROVINCE.lower()}"
LOAD_PASSWORD = "tochuc-load-bench"
TARGETS = ROOT / "bench" / "results" / "load_targets.json"
SAMPLE = 300


def main() -> None:
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("The load test runs on PostgreSQL (DATABASE_URL=postgres://.../tochuc_load).")
    import django

    django.setup()
    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.directives.models import Task
    from tochuc.evaluations.models import CycleStatus, Evaluation, EvaluationCycle, Stage
    from tochuc.orgunits.models import PATH_STEP, OrgUnit, UnitKind
    from tochuc.people.models import Person

    rng = random.Random(17)
    province = OrgUnit.objects.get(code=PROVINCE)
    user = User.objects.filter(username=LOAD_USER).first()
    if user is None:
        user = user_create(
            actor=None, username=LOAD_USER, password=LOAD_PASSWORD, full_name=f"Chuyên viên {PROVINCE}"
        )
    if not RoleGrant.objects.filter(user=user, role=Role.SPECIALIST, unit=province).exists():
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)

    below = OrgUnit.objects.filter(path__startswith=province.path, valid_to__isnull=True)
    communes = list(below.filter(parent=province).values_list("code", flat=True).order_by("code"))
    grassroots = list(
        below.filter(parent__parent=province).values_list("code", flat=True).order_by("code")[:2000]
    )
    cells = list(below.filter(kind=UnitKind.CELL).values_list("code", flat=True).order_by("code")[:5000])
    people = Person.objects.filter(unit__path__startswith=province.path)
    person_codes = list(
        people.values_list("code", flat=True).order_by("pk")[:: max(1, people.count() // SAMPLE)]
    )
    names = list(people.values_list("full_name", flat=True).order_by("?")[:SAMPLE])
    # What staff type: a given name, a family + given name, a given name with a birth year.
    terms = sorted(
        {" ".join(n.split()[-1:]) for n in names} | {" ".join(n.split()[::2][:2]) for n in names[:60]}
    )
    # The province's own cycles, or the national ones above it (the national dataset's).
    ancestors = [province.path[:end] for end in range(PATH_STEP, len(province.path) + 1, PATH_STEP)]
    cycles = EvaluationCycle.objects.filter(unit__path__in=ancestors).order_by("-unit__path", "-year", "code")
    open_cycle = cycles.filter(status=CycleStatus.OPEN).values_list("code", flat=True).first()
    closed_cycle = cycles.exclude(status=CycleStatus.OPEN).values_list("code", flat=True).first()
    drafts = list(
        Evaluation.objects.filter(
            cycle__code=open_cycle,
            stage=Stage.SELF_REVIEW,
            person__isnull=False,
            unit__path__startswith=province.path,
        ).values_list("pk", flat=True)[:SAMPLE]
    )
    evaluations = list(
        Evaluation.objects.filter(
            cycle__code=open_cycle, person__isnull=False, unit__path__startswith=province.path
        )
        .values_list("pk", flat=True)
        .order_by("pk")[::300][:SAMPLE]
    )
    tasks = list(
        Task.objects.filter(lead_unit__path__startswith=province.path, completed_on__isnull=True)
        .values_list("pk", flat=True)
        .order_by("pk")[::20][:SAMPLE]
    )
    rng.shuffle(tasks)
    from django.db import connection

    targets = {
        "database": connection.settings_dict["NAME"],
        "username": LOAD_USER,
        "password": LOAD_PASSWORD,
        "province": PROVINCE,
        "communes": communes,
        "grassroots": grassroots,
        "cells": rng.sample(cells, min(len(cells), SAMPLE)),
        "people": person_codes,
        "search_terms": terms,
        "open_cycle": open_cycle,
        "closed_cycle": closed_cycle,
        "draft_evaluations": drafts,
        "evaluations": evaluations,
        "open_tasks": tasks,
    }
    TARGETS.parent.mkdir(parents=True, exist_ok=True)
    TARGETS.write_text(json.dumps(targets, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"{TARGETS.relative_to(ROOT)}: {len(communes)} xã, {len(person_codes)} người, "
        f"{len(terms)} từ tìm, {len(drafts)} bản tự kiểm điểm, {len(tasks)} nhiệm vụ; "
        f"kỳ {open_cycle} / {closed_cycle}; tài khoản {LOAD_USER}."
    )


if __name__ == "__main__":
    main()
