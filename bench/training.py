"""``training_needs`` over a province (target: under 10 s).

    createdb -h 127.0.0.1 -U postgres tochuc_bench_training
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_training DEBUG=1
    .venv/bin/python manage.py migrate && .venv/bin/python manage.py seed_demo --scale province
    .venv/bin/python bench/training.py            # --repeat 5 --warmup 1

On the province ``T03`` of ``seed_demo --scale province`` (100 communes, ~100,000 people, their posts),
builds once the planning cycle of ``bench/personnel_dataset.py`` (≈ 3,000 approved entries on
leadership titles with their standards), then the training rows: a 2C line naming the new-member
course for half of the probationary members, a state management line for a third of the post holders,
2,000 courses requested by the evaluation, and one passed course of each kind for a few hundred
people. Then times ``manage.py training_needs --unit T03 --format json`` end to end (loading the facts,
running the pack's rules, writing the JSON). Figures also go to bench/results/training-*.json.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

RESULTS = ROOT / "bench" / "results"
PROVINCE = "T03"
MARK = "BENCH-TN-"


def _posts(province: Any, rng: random.Random) -> int:
    """Two bench positions per commune with their standards, held by 100 and 10 people of the commune."""
    from tochuc.orgunits.models import OrgUnit, UnitKind
    from tochuc.people.models import Person
    from tochuc.positions.models import Assignment, AssignmentKind, Position, PositionGroup

    assignments = []
    for commune in OrgUnit.objects.filter(parent=province, kind=UnitKind.COMMUNE).order_by("code"):
        staff, lead = Position.objects.bulk_create(
            [
                Position(
                    unit=commune,
                    name=f"{MARK}Chuyên viên",
                    group=PositionGroup.PROFESSIONAL,
                    min_degree=3,
                    min_theory_level="intermediate",
                    headcount_quota=100,
                ),
                Position(
                    unit=commune,
                    name=f"{MARK}Trưởng phòng",
                    group=PositionGroup.LEADERSHIP,
                    min_degree=3,
                    min_theory_level="advanced",
                    headcount_quota=10,
                ),
            ]
        )
        people = list(Person.objects.filter(unit__path__startswith=commune.path).values_list("pk", flat=True))
        chosen = rng.sample(people, min(110, len(people)))
        assignments += [
            Assignment(
                person_id=pk,
                position=staff if i < 100 else lead,
                kind=AssignmentKind.HOLDER,
                start=dt.date(2023, 1, 1),
            )
            for i, pk in enumerate(chosen)
        ]
    Assignment.objects.bulk_create(assignments, batch_size=2000)
    return len(assignments)


def build(seed: int = 14) -> dict[str, int]:
    """The training rows of the bench (skipped when present)."""
    from django.db import connection, transaction

    from bench import personnel_dataset
    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import MembershipStatus, Person, Training
    from tochuc.positions.models import Assignment
    from tochuc.training.models import Attendance, AttendanceResult, Course, CourseKind, TrainingRequest

    province = OrgUnit.objects.get(code=PROVINCE)
    personnel_dataset.build(stdout=io.StringIO())
    if Course.objects.filter(code__startswith=MARK).exists():
        return {}
    rng = random.Random(seed)
    _posts(province, rng)
    in_province = Person.objects.filter(unit__path__startswith=province.path)
    probationary = list(
        in_province.filter(membership__status=MembershipStatus.PROBATIONARY).values_list("pk", flat=True)
    )
    holders = list(
        Assignment.objects.filter(end__isnull=True, person__unit__path__startswith=province.path)
        .values_list("person_id", flat=True)
        .distinct()
    )
    everyone = list(in_province.values_list("pk", flat=True))
    start = dt.date(2025, 3, 1)
    with transaction.atomic():
        lines = [
            Training(
                person_id=pk,
                start=start,
                end=start + dt.timedelta(days=5),
                institution="Trung tâm Chính trị",
                field="Bồi dưỡng lý luận chính trị dành cho đảng viên mới",
            )
            for pk in probationary[::2]
        ] + [
            Training(
                person_id=pk,
                start=start,
                end=start + dt.timedelta(days=40),
                institution="Trường Chính trị tỉnh",
                field="Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
            )
            for pk in holders[::3]
        ]
        Training.objects.bulk_create(lines, batch_size=2000)
        TrainingRequest.objects.bulk_create(
            [
                TrainingRequest(
                    person_id=pk,
                    kind=rng.choice([CourseKind.IT, CourseKind.LANGUAGE, CourseKind.STATE_MANAGEMENT]),
                    note="Đề nghị khi đánh giá cuối năm",
                    requested_on=dt.date(2025, 12, 20),
                )
                for pk in rng.sample(everyone, min(2000, len(everyone)))
            ],
            batch_size=2000,
        )
        attendances = []
        for index, kind in enumerate(CourseKind.values):
            course = Course.objects.create(
                code=f"{MARK}{index:02d}",
                unit=province,
                kind=kind,
                name=f"Lớp {kind} (bench)",
                provider="Trường Chính trị tỉnh",
                start=start,
                end=start + dt.timedelta(days=30),
            )
            attendances += [
                Attendance(course=course, person_id=pk, result=AttendanceResult.PASSED, recorded_on=start)
                for pk in rng.sample(everyone, min(300, len(everyone)))
            ]
        Attendance.objects.bulk_create(attendances, batch_size=2000, ignore_conflicts=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "training_lines": len(lines),
        "requests": min(2000, len(everyone)),
        "attendances": len(attendances),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import Person

    if not OrgUnit.objects.filter(code=PROVINCE).exists():
        raise SystemExit(f"{PROVINCE} is missing: run `manage.py seed_demo --scale province` first.")
    started = time.perf_counter()
    built = build()
    print(f"dataset ready in {time.perf_counter() - started:.1f} s {built}")
    province = OrgUnit.objects.get(code=PROVINCE)
    people = Person.objects.filter(unit__path__startswith=province.path).count()

    def run() -> list[dict[str, str]]:
        out = io.StringIO()
        call_command("training_needs", "--unit", PROVINCE, "--format", "json", stdout=out)
        rows: list[dict[str, str]] = json.loads(out.getvalue())
        return rows

    for _ in range(args.warmup):
        run()
    samples, cpu, rows = [], [], []
    for _ in range(args.repeat):
        begin, begin_cpu = time.perf_counter(), time.process_time()
        rows = run()
        samples.append(time.perf_counter() - begin)
        cpu.append(time.process_time() - begin_cpu)
    by_need: dict[str, int] = {}
    for row in rows:
        by_need[row["need"]] = by_need.get(row["need"], 0) + 1
    result = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "load_average": os.getloadavg(),
        "people": people,
        "needs": len(rows),
        "people_with_needs": len({row["person"] for row in rows}),
        "by_need": by_need,
        "samples_s": [round(s, 2) for s in samples],
        "median_s": round(statistics.median(samples), 2),
        # Python CPU time of the command (the database server's work is not in it): what the wall clock
        # tends to on an idle machine, less the queries' own time.
        "cpu_samples_s": [round(s, 2) for s in cpu],
        "cpu_median_s": round(statistics.median(cpu), 2),
        "target_s": 10,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"training-{stamp}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
