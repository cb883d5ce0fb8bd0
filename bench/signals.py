"""Benchmark of ``supervision_signals`` over a province (PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_signals .venv/bin/python bench/signals.py

Migrates, seeds the demo tree with the big province T03 (``demo.province``, ≈ 6,100 units, no
people), then writes in bulk what the signals read inside T03:

- 20,000 tasks with a spread of deadlines and completion (``bulk_tasks`` of the dashboard benchmark);
- 3,000 proposals and 3,000 feedback items answered to units of T03, some open past their deadline,
  some found right;
- an evaluation cycle closed 30 days ago and an open one: one ``evaluation.decide`` audit event per
  cell, commune and grassroots organization per cycle × 16 (≈ 100,000 events), 2 % decided twice by
  six accounts, a few dozen writes on the closed cycle after it closed (some at night);
- 20,000 citizen-ID reveals spread over 210 days across the cells, with five cells far above their
  usual count;
- 400 justifications of evaluation warnings.

Audit events are bulk-inserted with placeholder hashes (the chain is not verified here; the signals
read the columns). Running again reuses the data. Timed: ``call_command("supervision_signals",
"--unit", "T03", "--format", "json")`` ``--repeat`` times after ``--warmup`` runs; median and p95.
Target < 10 s.
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
import uuid
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

PROVINCE = "T03"
MARK = "BENCH-SIG"


def _events(rows: list[dict[str, object]]) -> None:
    from django.db.models import Max

    from tochuc.audit.models import AuditEvent

    start = (AuditEvent.objects.aggregate(m=Max("seq"))["m"] or 0) + 1
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                seq=start + i,
                prev_hash="0" * 64,
                row_hash=uuid.uuid4().hex + uuid.uuid4().hex,
                object_label="",
                request_id="",
                **row,  # type: ignore[arg-type]
            )
            for i, row in enumerate(rows)
        ],
        batch_size=5000,
    )


def seed(rng: random.Random) -> dict[str, int]:
    from django.db import connection, transaction
    from django.utils import timezone

    from tochuc.evaluations.models import CycleStatus, EvaluationCycle, Justification
    from tochuc.feedback.models import Feedback, FeedbackStatus
    from tochuc.orgunits.models import OrgUnit, UnitKind
    from tochuc.proposals.models import Proposal, ProposalStatus

    root = OrgUnit.objects.get(code=PROVINCE)
    if EvaluationCycle.objects.filter(code=f"{MARK}-CLOSED").exists():
        return {}
    units = list(
        OrgUnit.objects.filter(path__startswith=root.path)
        .exclude(pk=root.pk)
        .only("pk", "path", "kind", "parent_id")
    )
    cells = [u for u in units if u.kind == UnitKind.CELL]
    communes = [u for u in units if u.parent_id == root.pk]
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        closed = EvaluationCycle.objects.create(
            code=f"{MARK}-CLOSED",
            name="Đánh giá thử tải (đã kết thúc)",
            unit=root,
            year=today.year - 1,
            pack="qd366-2025",
            status=CycleStatus.CLOSED,
            closed_at=now - dt.timedelta(days=30),
        )
        opened = EvaluationCycle.objects.create(
            code=f"{MARK}-OPEN", name="Đánh giá thử tải", unit=root, year=today.year, pack="qd366-2025"
        )
        Proposal.objects.bulk_create(
            [
                Proposal(
                    from_unit_id=u.pk,
                    to_unit_id=u.parent_id,
                    kind="other",
                    subject=f"Kiến nghị thử tải {i}",
                    content="Nội dung",
                    sent_on=today - dt.timedelta(days=rng.randint(10, 200)),
                    answer_due=today - dt.timedelta(days=rng.randint(-30, 150)),
                    pack="default-2026",
                    status=rng.choice(
                        [ProposalStatus.OPEN, ProposalStatus.ANSWERED, ProposalStatus.ANSWERED]
                    ),
                )
                for i, u in enumerate(rng.choices(cells, k=3000))
            ],
            batch_size=2000,
        )
        Feedback.objects.bulk_create(
            [
                Feedback(
                    tracking_code=f"BS-{i:06d}",
                    channel="citizen",
                    kind="organization",
                    concerned_unit_id=u.pk,
                    unit_id=u.parent_id,
                    content="Phản ánh thử tải",
                    received_on=today - dt.timedelta(days=100),
                    due_on=today - dt.timedelta(days=rng.randint(-30, 90)),
                    pack="default-2026",
                    status=FeedbackStatus.ANSWERED if i % 2 else FeedbackStatus.HANDLING,
                    finding="right" if i % 2 and i % 5 == 1 else "",
                    answered_on=today - dt.timedelta(days=rng.randint(1, 90)) if i % 2 else None,
                )
                for i, u in enumerate(rng.choices(cells, k=3000))
            ],
            batch_size=2000,
        )
        Justification.objects.bulk_create(
            [
                Justification(
                    cycle=closed,
                    rule=rng.choice(["inflation_pattern", "identical_scores", "excellent_quota"]),
                    unit_id=u.pk,
                    text="Giải trình thử tải",
                )
                for u in rng.choices(cells, k=400)
            ]
        )
        actors = [f"bench.cb{i}" for i in range(40)]
        rows: list[dict[str, object]] = []
        subjects = cells + communes + [u for u in units if u.kind == UnitKind.GRASSROOTS]
        object_id = 0
        for cycle, base in (
            (closed, closed.closed_at - dt.timedelta(days=60)),
            (opened, now - dt.timedelta(days=20)),
        ):
            for u in subjects:
                for _k in range(16):
                    object_id += 1
                    event = {
                        "created_at": base + dt.timedelta(minutes=rng.randint(0, 20_000)),
                        "actor_id": None,
                        "actor_label": rng.choice(actors),
                        "action": "evaluation.decide",
                        "object_type": "evaluations.evaluation",
                        "object_id": str(object_id),
                        "unit_path": u.path,
                        "summary": {"cycle": cycle.code},
                    }
                    rows.append(event)
                    if rng.random() < 0.02:
                        rows.append(
                            {
                                **event,
                                "actor_label": f"bench.sua{rng.randint(0, 5)}",
                                "created_at": event["created_at"] + dt.timedelta(days=2),
                            }
                        )  # type: ignore[operator]
        for i in range(40):
            at = timezone.localtime(closed.closed_at + dt.timedelta(days=1 + i % 20)).replace(
                hour=rng.choice([2, 10, 23])
            )
            rows.append(
                {
                    "created_at": at,
                    "actor_id": None,
                    "actor_label": "bench.dem",
                    "action": "evaluation.comments",
                    "object_type": "evaluations.evaluation",
                    "object_id": str(i),
                    "unit_path": rng.choice(cells).path,
                    "summary": {"cycle": closed.code},
                }
            )
        spikes = rng.sample(cells, 5)
        for _i in range(20_000):
            rows.append(
                {
                    "created_at": now - dt.timedelta(minutes=rng.randint(0, 210 * 24 * 60)),
                    "actor_id": None,
                    "actor_label": rng.choice(actors),
                    "action": "person.reveal_citizen_id",
                    "object_type": "people.person",
                    "object_id": "1",
                    "unit_path": rng.choice(cells).path,
                    "summary": {"reason": "tra cứu"},
                }
            )
        for cell in spikes:
            for _i in range(30):
                rows.append(
                    {
                        "created_at": now - dt.timedelta(minutes=rng.randint(0, 20 * 24 * 60)),
                        "actor_id": None,
                        "actor_label": "bench.tomo",
                        "action": "person.reveal_citizen_id",
                        "object_type": "people.person",
                        "object_id": "1",
                        "unit_path": cell.path,
                        "summary": {"reason": "tra cứu"},
                    }
                )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        _events(rows)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER USER")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"audit_events": len(rows), "proposals": 3000, "feedback": 3000, "justifications": 400}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit(
            "This benchmark needs PostgreSQL (DATABASE_URL=postgres://.../tochuc_bench_signals)."
        )

    import django

    django.setup()
    from django.core.management import call_command

    from bench.directive_dashboard_bench import bulk_tasks
    from tochuc.demo import province as unit_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    unit_demo.seed(scale="province")
    rng = random.Random(2026)
    tasks = bulk_tasks(PROVINCE, 20_000, 100, rng)
    written = seed(rng)
    setup_s = time.perf_counter() - started

    def run() -> int:
        out = io.StringIO()
        call_command("supervision_signals", "--unit", PROVINCE, "--format", "json", stdout=out)
        return len(json.loads(out.getvalue()))

    for _ in range(args.warmup):
        run()
    samples, found = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        found = run()
        samples.append(time.perf_counter() - t0)
    ordered = sorted(samples)
    result = {
        "what": "supervision_signals over a province",
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} / {os.cpu_count()} cores",
        "setup_s": round(setup_s, 1),
        "written": {"tasks": tasks, **written},
        "signals": found,
        "median_s": round(statistics.median(samples), 2),
        "p95_s": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
        "samples_s": [round(s, 2) for s in samples],
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "signals.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
