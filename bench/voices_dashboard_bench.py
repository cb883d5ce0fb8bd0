"""Server-time benchmark of a province's proposals and feedback dashboard over 50,000 items (PostgreSQL).

    createdb -h 127.0.0.1 -U postgres tochuc_bench_voices
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_voices .venv/bin/python bench/voices_dashboard_bench.py

Migrates, seeds the demo tree with the big province T03 (``demo.province``, ≈ 6,100 units), then
writes in bulk 25,000 proposals and 25,000 pieces of feedback answered inside T03 (proposals from
cells, grassroots organizations and communes to their parent, a fifth to the province; feedback
handled by communes, grassroots organizations and cells), with a spread of deadlines, answers
(on time or late) and findings, and 10,000 more of each elsewhere (T01), so the province's index
range is not the whole table. Running again reuses the data.

Timed, as a specialist of T03 (subtree grant), the page itself through Django's test client
(routing, middleware, the two grouped queries, the charts and the template):
``GET /proposals/dashboard/``; and, for comparison, the two selectors alone.

Median and p95 of ``--repeat`` runs after ``--warmup`` runs; target < 300 ms median.
"""

from __future__ import annotations

import argparse
import datetime as dt
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
BENCH_USER = "bench.voices.t03"
IN_PROVINCE = 25_000  # of each: proposals and feedback
ELSEWHERE = 10_000
MARK = "BENCH-"


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


def bulk_items(unit_code: str, count: int, rng: random.Random) -> int:
    """``count`` proposals and ``count`` pieces of feedback answered inside ``unit_code``'s subtree."""
    from django.db import connection, transaction

    from tochuc.audit.services import record
    from tochuc.feedback.models import Feedback, FeedbackChannel, FeedbackKind, FeedbackStatus, Finding
    from tochuc.orgunits.models import OrgUnit
    from tochuc.proposals.models import Proposal, ProposalKind, ProposalStatus

    root = OrgUnit.objects.get(code=unit_code)
    if Proposal.objects.filter(to_unit__path__startswith=root.path, subject__startswith=MARK).exists():
        return 0
    below = list(
        OrgUnit.objects.filter(path__startswith=root.path, valid_to__isnull=True)
        .exclude(pk=root.pk)
        .only("pk", "path", "parent_id", "kind")
    )
    today = dt.date.today()
    p_kinds, f_kinds = ProposalKind.values, FeedbackKind.values
    findings = [Finding.UNKNOWN] * 6 + [Finding.RIGHT, Finding.PARTLY, Finding.WRONG]

    def dates(days: int) -> tuple[dt.date, dt.date, dt.date | None, bool]:
        sent = today - dt.timedelta(days=rng.randint(0, 400))
        due = sent + dt.timedelta(days=days)
        answered: dt.date | None = None
        if rng.random() < 0.7 and due - dt.timedelta(days=days) < today:
            answered = min(today, due + dt.timedelta(days=rng.randint(-days, 15)))
        return sent, due, answered, answered is not None

    with transaction.atomic():
        proposals = []
        for i in range(count):
            sender = rng.choice(below)
            to_id = root.pk if rng.random() < 0.2 or sender.parent_id is None else sender.parent_id
            sent, due, answered, closed = dates(30)
            proposals.append(
                Proposal(
                    from_unit_id=sender.pk,
                    to_unit_id=to_id,
                    kind=rng.choice(p_kinds),
                    subject=f"{MARK}{i} Kiến nghị về thủ tục chuyển sinh hoạt đảng",
                    content="Đề nghị hướng dẫn thống nhất thủ tục.",
                    sent_on=sent,
                    answer_due=due,
                    pack="default-2026",
                    status=ProposalStatus.ANSWERED if closed else ProposalStatus.OPEN,
                    answer="Đã hướng dẫn." if closed else "",
                    answered_on=answered,
                )
            )
        Proposal.objects.bulk_create(proposals, batch_size=2000)
        feedback = []
        for i in range(count):
            unit = rng.choice(below)
            received, due, answered, closed = dates(30)
            feedback.append(
                Feedback(
                    tracking_code=f"GY-B{unit_code}{i:07d}",
                    channel=FeedbackChannel.CITIZEN if rng.random() < 0.85 else FeedbackChannel.PRESS,
                    kind=rng.choice(f_kinds),
                    concerned_unit_id=unit.pk,
                    unit_id=unit.pk,
                    content="Phản ánh việc sinh hoạt chi bộ không đúng kỳ.",
                    anonymous=rng.random() < 0.3,
                    received_on=received,
                    due_on=due,
                    pack="default-2026",
                    status=FeedbackStatus.ANSWERED if closed else FeedbackStatus.RECEIVED,
                    answer="Đã kiểm tra, chấn chỉnh." if closed else "",
                    answered_on=answered,
                    finding=rng.choice(findings) if closed else Finding.UNKNOWN,
                )
            )
        Feedback.objects.bulk_create(feedback, batch_size=2000)
        record(
            actor=None,
            action="voices.bulk_seed",
            target=root,
            unit_path=root.path,
            summary={"proposals": count, "feedback": count, "benchmark": True},
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE proposals_proposal, feedback_feedback")
    return 2 * count


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("This benchmark needs PostgreSQL (DATABASE_URL=postgres://.../tochuc_bench_voices).")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from tochuc.accounts.models import Role, RoleGrant, User
    from tochuc.accounts.services import grant_role, user_create
    from tochuc.demo import province as unit_demo
    from tochuc.feedback.models import Feedback
    from tochuc.feedback.selectors import counts_by_unit
    from tochuc.orgunits.models import OrgUnit
    from tochuc.proposals.models import Proposal
    from tochuc.proposals.selectors import counts_by_answering_unit

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    unit_demo.seed(scale="province")
    setup_s = time.perf_counter() - started
    rng = random.Random(2026)
    started = time.perf_counter()
    made = bulk_items(PROVINCE, IN_PROVINCE, rng) + bulk_items(OTHER, ELSEWHERE, rng)
    items_s = time.perf_counter() - started

    province = OrgUnit.objects.get(code=PROVINCE)
    user = User.objects.filter(username=BENCH_USER).first()
    if user is None:
        user = user_create(actor=None, username=BENCH_USER, password="bench-" + os.urandom(8).hex())
    if not RoleGrant.objects.filter(user=user, role=Role.SPECIALIST, unit=province).exists():
        grant_role(actor=None, user=user, role=Role.SPECIALIST, unit=province)
    user = User.objects.get(pk=user.pk)
    client = Client(SERVER_NAME="localhost")
    client.force_login(user)

    def page() -> None:
        response = client.get("/proposals/dashboard/")
        assert response.status_code == 200, response.status_code

    def selectors_only() -> None:
        counts_by_answering_unit(user)
        counts_by_unit(user)

    with CaptureQueriesContext(connection) as queries:
        page()
    html = client.get("/proposals/dashboard/").content
    results = []
    for name, call in (("GET /proposals/dashboard/", page), ("the two grouped selectors", selectors_only)):
        samples = measure(call, repeat=args.repeat, warmup=args.warmup)
        results.append(
            {
                "case": name,
                "median_ms": round(statistics.median(samples), 1),
                "p95_ms": round(percentile(samples, 0.95), 1),
                "runs": len(samples),
            }
        )
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
        "database": getattr(connection, "pg_version", None),
        "proposals_in_province": Proposal.objects.filter(to_unit__path__startswith=province.path).count(),
        "feedback_in_province": Feedback.objects.filter(unit__path__startswith=province.path).count(),
        "items_total": Proposal.objects.count() + Feedback.objects.count(),
        "created_now": made,
        "setup_s": {"migrate_and_units": round(setup_s, 1), "items": round(items_s, 1)},
        "queries_per_page": len(queries.captured_queries),
        "page_bytes": len(html),
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"voices-dashboard-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
