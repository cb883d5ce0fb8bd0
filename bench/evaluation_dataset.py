"""Evaluation cycles over the big province for the analytics benchmark.

    DEBUG=1 .venv/bin/python manage.py seed_demo --scale province      # units + ~100,000 people
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_eval .venv/bin/python bench/evaluation_dataset.py

On top of ``seed_demo --scale province`` (province ``T03``: 100 communes, 1,000
grassroots organizations, 5,000 cells, ~99,800 people), creates two annual cycles
over ``T03`` following ``qd366-2025``:

- ``BENCH-T03-2024`` (closed) and ``BENCH-T03-2025`` (open), each with one
  individual evaluation per person of the province (at the person's unit) and one
  collective evaluation per unit, all with a final score and rating (``bulk_create``);
- mostly clean data (≈ 12 % Excellent, 68 % Good, 17 % Completed, 3 % Not completed,
  scores inside the rating's band, a few not yet rated);
- a few communes that show the patterns the analytics flag: ``INFLATED`` communes
  where everyone is Good/Excellent while the collective is only Completed; a
  ``JUMP`` commune whose share of Excellent leaps from 2024 to 2025; one cell per
  ``IDENTICAL`` commune where everybody has the same score.

Re-running skips a cycle that already has its evaluations (``--fresh`` deletes
the two cycles first). Ends with ``ANALYZE`` on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "1")

PROVINCE = "T03"
PACK = "qd366-2025"
CYCLES = {2024: f"BENCH-{PROVINCE}-2024", 2025: f"BENCH-{PROVINCE}-2025"}
# Positions (in code order) of the communes that carry a pattern.
INFLATED = (3, 17, 42, 66, 88)
JUMP = (25,)
IDENTICAL = (10, 50)
BATCH = 5000


def _score_for(rating: str, rng: random.Random) -> Decimal:
    low, high = {
        "excellent": (90, 99),
        "good": (70, 89.9),
        "completed": (50, 69.9),
        "not_completed": (30, 49.9),
    }[rating]
    return Decimal(str(round(rng.uniform(low, high), 1)))


def _rating(rng: random.Random, weights: tuple[float, float, float, float]) -> str:
    return rng.choices(("excellent", "good", "completed", "not_completed"), weights=weights)[0]


def build(*, fresh: bool = False, seed: int = 2025, stdout: Any = sys.stdout) -> dict[str, int]:
    """Create the two cycles and their evaluations; return the number of evaluations per cycle code."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tochuc.evaluations.models import (
        CycleKind,
        CycleStatus,
        Evaluation,
        EvaluationCycle,
        Frame,
        Stage,
        SubjectKind,
    )
    from tochuc.orgunits.models import OrgUnit, UnitKind
    from tochuc.people.models import Person

    province = OrgUnit.objects.filter(code=PROVINCE).first()
    if province is None:
        raise SystemExit(f"{PROVINCE} is missing: run `manage.py seed_demo --scale province` first.")
    if fresh:
        EvaluationCycle.objects.filter(code__in=CYCLES.values()).delete()
    units = list(OrgUnit.objects.filter(path__startswith=province.path).order_by("path"))
    communes = [u for u in units if u.kind == UnitKind.COMMUNE]
    commune_of: dict[int, int] = {}  # unit id → position of its commune in code order
    by_code = sorted(communes, key=lambda u: u.code)
    commune_paths = [(c.path, i) for i, c in enumerate(by_code)]
    for unit in units:
        for path, i in commune_paths:
            if unit.path.startswith(path):
                commune_of[unit.pk] = i
                break
    # One cell per "identical" commune: its first cell.
    identical_cells: set[int] = set()
    for i in IDENTICAL:
        if i < len(by_code):
            cell = next(
                (u for u in units if u.kind == UnitKind.CELL and u.path.startswith(by_code[i].path)), None
            )
            if cell is not None:
                identical_cells.add(cell.pk)
    people = list(
        Person.objects.filter(unit__path__startswith=province.path)
        .values_list("pk", "unit_id")
        .order_by("pk")
    )
    counts: dict[str, int] = {}
    now = timezone.now()
    for year, code in CYCLES.items():
        rng = random.Random(seed + year)
        cycle, _ = EvaluationCycle.objects.get_or_create(
            code=code,
            defaults={
                "name": f"Đánh giá, xếp loại chất lượng năm {year} — {province.name}",
                "unit": province,
                "kind": CycleKind.ANNUAL,
                "year": year,
                "pack": PACK,
                "status": CycleStatus.CLOSED if year < 2025 else CycleStatus.OPEN,
            },
        )
        existing = Evaluation.objects.filter(cycle=cycle).count()
        if existing:
            stdout.write(f"{code}: đã có {existing} đánh giá, bỏ qua.\n")
            counts[code] = existing
            continue
        started = time.perf_counter()
        rows: list[Evaluation] = []

        def flush(rows: list[Evaluation]) -> None:
            Evaluation.objects.bulk_create(rows, batch_size=BATCH)
            rows.clear()

        with transaction.atomic():
            for unit in units:
                position = commune_of.get(unit.pk)
                if position in INFLATED and year == 2025:
                    rating = "completed"
                elif position in JUMP and year == 2024:
                    rating = "not_completed"
                elif position in JUMP:
                    rating = "good"
                else:
                    rating = _rating(rng, (10, 75, 13, 2))
                rows.append(
                    Evaluation(
                        cycle=cycle,
                        unit=unit,
                        person=None,
                        subject_kind=SubjectKind.COLLECTIVE,
                        frame=Frame.COLLECTIVE,
                        stage=Stage.DECIDED,
                        final_rating=rating,
                        final_score=_score_for(rating, rng),
                        decided_at=now,
                    )
                )
            flush(rows)
            for n, (person_id, unit_id) in enumerate(people):
                position = commune_of.get(unit_id)
                if position in INFLATED and year == 2025:
                    weights = (35, 65, 0, 0)
                elif position in JUMP:
                    weights = (5, 75, 17, 3) if year == 2024 else (70, 28, 2, 0)
                else:
                    weights = (12, 68, 17, 3)
                stage = Stage.DECIDED
                rating = _rating(rng, weights)
                score: Decimal | None = _score_for(rating, rng)
                if unit_id in identical_cells:
                    rating, score = "good", Decimal("85.0")
                elif year == 2025 and rng.random() < 0.01:  # a few not rated yet
                    rating, score, stage = "", None, Stage.SELF_REVIEW
                rows.append(
                    Evaluation(
                        cycle=cycle,
                        unit_id=unit_id,
                        person_id=person_id,
                        subject_kind=SubjectKind.INDIVIDUAL,
                        frame=Frame.NON_LEADER if n % 10 else Frame.LEADER,
                        is_head=False,
                        stage=stage,
                        final_rating=rating,
                        final_score=score,
                        decided_at=now if rating else None,
                    )
                )
                if len(rows) >= BATCH:
                    flush(rows)
            flush(rows)
        counts[code] = Evaluation.objects.filter(cycle=cycle).count()
        stdout.write(f"{code}: {counts[code]} đánh giá trong {time.perf_counter() - started:.1f} giây.\n")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE evaluations_evaluation")
            cursor.execute("ANALYZE evaluations_evaluationcycle")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--fresh", action="store_true", help="delete the two bench cycles first")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args()
    import django

    django.setup()
    build(fresh=args.fresh, seed=args.seed)


if __name__ == "__main__":
    main()
