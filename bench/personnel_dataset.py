"""A province's planning cycle and its appointment procedures, in bulk, for the personnel benchmark.

    DEBUG=1 .venv/bin/python manage.py seed_demo --scale province      # units + ~100,000 people
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_personnel .venv/bin/python bench/personnel_bench.py

On top of ``seed_demo --scale province`` (province ``T03``: 100 communes, ~99,800
people) and, when present, the evaluation cycles of ``bench/evaluation_dataset.py``
(ratings of 2024 and 2025 for everyone), creates with ``bulk_create``:

- the planning cycle ``BENCH-T03-QH`` of ``T03`` for the term 2025-2030 (pack
  ``qd377-2025``) with ``TITLES_PER_COMMUNE`` leadership titles per commune.
  Titles are global rows in tochuc and the pack's "≤ 3 people per title" is
  counted per cycle, so each commune's post is its own title ("Bí thư Đảng ủy
  Đảng bộ xã Diễn An") with a position carrying the leader or deputy standards;
- three people per title from the commune's subtree (≈ 3,000 entries, most
  approved), a few people planned for two or three titles;
- disciplines for ≈ 4 % of the planned people (reprimand / warning / removal,
  dated 2021–2025) and a confidence vote for each (≈ 3 % with more than half low);
- ``PROCEDURES`` appointment / re-appointment / nomination procedures across the
  communes in every status, each with its meetings (a repeated meeting after a
  failed quorum now and then), the candidate's ballot counts and, for ≈ 20 %,
  an overridden finding.

Re-running skips what exists (``fresh`` deletes the bench rows first). Ends with
``ANALYZE`` on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import defaultdict
from typing import Any

PROVINCE = "T03"
CYCLE = "BENCH-T03-QH"
TERM = "2025-2030"
PACK = "qd377-2025"
TITLES_PER_COMMUNE = 10
PEOPLE_PER_TITLE = 3
PROCEDURES = 2000
BASE_TITLES = (
    ("Bí thư Đảng ủy", 3, "leader"),
    ("Phó Bí thư Thường trực Đảng ủy", 4, "deputy"),
    ("Phó Bí thư Đảng ủy", 4, "deputy"),
    ("Chủ tịch Hội đồng nhân dân", 4, "deputy"),
    ("Chủ tịch Ủy ban nhân dân", 4, "deputy"),
    ("Phó Chủ tịch Ủy ban nhân dân", 4, "deputy"),
    ("Chủ nhiệm Ủy ban Kiểm tra Đảng ủy", 4, "deputy"),
    ("Trưởng Ban Xây dựng Đảng", 4, "deputy"),
    ("Chủ tịch Ủy ban Mặt trận Tổ quốc", 4, "deputy"),
    ("Chánh Văn phòng Đảng ủy", 4, "deputy"),
)
STANDARDS = {
    "leader": {"min_degree": 3, "min_theory_level": "advanced", "min_experience_years": 10, "min_age": 35},
    "deputy": {"min_degree": 3, "min_theory_level": "intermediate", "min_experience_years": 5, "min_age": 30},
}
BENCH_NOTE = "bench-personnel"


def _communes(province: Any) -> list[Any]:
    from tochuc.orgunits.models import OrgUnit, UnitKind

    return list(
        OrgUnit.objects.filter(
            path__startswith=province.path, kind=UnitKind.COMMUNE, valid_to__isnull=True
        ).order_by("code")
    )


def _titles_and_positions(communes: list[Any]) -> dict[int, list[tuple[Any, Any]]]:
    """Per commune id: its (title, position) pairs, created in bulk when missing."""
    from tochuc.positions.models import LeadershipGroup, Position, PositionGroup, Title

    wanted: dict[str, tuple[Any, str, int]] = {}
    for commune in communes:
        for base, group, kind in BASE_TITLES[:TITLES_PER_COMMUNE]:
            wanted[f"{base} — {commune.name}"] = (commune, kind, group)
    existing = {t.name: t for t in Title.objects.filter(name__in=list(wanted))}
    Title.objects.bulk_create(
        [
            Title(name=name, is_leadership=True, leadership_group=LeadershipGroup(group))
            for name, (_, _, group) in wanted.items()
            if name not in existing
        ],
        batch_size=2000,
    )
    titles = {t.name: t for t in Title.objects.filter(name__in=list(wanted))}
    positions = {
        p.title_id: p
        for p in Position.objects.filter(title__in=list(titles.values())).select_related("title")
    }
    missing = []
    for name, (commune, kind, _) in wanted.items():
        title = titles[name]
        if title.pk not in positions:
            missing.append(
                Position(
                    unit=commune,
                    title=title,
                    name=name,
                    group=PositionGroup.LEADERSHIP,
                    headcount_quota=1,
                    **STANDARDS[kind],
                )
            )
    Position.objects.bulk_create(missing, batch_size=2000)
    positions = {p.title_id: p for p in Position.objects.filter(title__in=list(titles.values()))}
    found: dict[int, list[tuple[Any, Any]]] = defaultdict(list)
    for name, (commune, _, _) in wanted.items():
        title = titles[name]
        found[commune.pk].append((title, positions[title.pk]))
    return found


def _people_by_commune(communes: list[Any]) -> dict[int, list[tuple[int, dt.date]]]:
    """Per commune id: (person id, birth date) of the people of its subtree, working age only."""
    from tochuc.people.models import Person

    by_path = [(c.path, c.pk) for c in communes]
    found: dict[int, list[tuple[int, dt.date]]] = defaultdict(list)
    for path, pk in by_path:
        for person_id, birth in (
            Person.objects.filter(
                unit__path__startswith=path,
                birth_date__gte=dt.date(1966, 1, 1),
                birth_date__lte=dt.date(1994, 12, 31),
            )
            .order_by("pk")
            .values_list("pk", "birth_date")[:400]
        ):
            found[pk].append((person_id, birth))
    return found


def build(*, fresh: bool = False, seed: int = 377, stdout: Any = sys.stdout) -> dict[str, int]:
    """Create the planning cycle, its entries, disciplines, votes and the procedures; return the counts."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tochuc.orgunits.models import OrgUnit
    from tochuc.people.models import PersonDiscipline
    from tochuc.personnel.models import (
        Ballot,
        ConfidenceVote,
        EntryStatus,
        Override,
        PlanningCycle,
        PlanningEntry,
        Procedure,
        ProcedureKind,
        ProcedureStatus,
        ProcedureStep,
        StepOutcome,
    )
    from tochuc.personnel.retirement import add_months
    from tochuc.personnel.rules import get_pack

    province = OrgUnit.objects.filter(code=PROVINCE).first()
    if province is None:
        raise SystemExit(f"{PROVINCE} is missing: run `manage.py seed_demo --scale province` first.")
    rng = random.Random(seed)
    if fresh:
        with transaction.atomic():
            Procedure.objects.filter(blocked_reason__startswith=BENCH_NOTE).delete()
            Procedure.objects.filter(eligibility__contains=[{"rule": BENCH_NOTE}]).delete()
            PlanningCycle.objects.filter(code=CYCLE).delete()
            PersonDiscipline.objects.filter(reason=BENCH_NOTE).delete()
            ConfidenceVote.objects.filter(pack=PACK, unit__path__startswith=province.path).delete()
    communes = _communes(province)
    posts = _titles_and_positions(communes)
    people = _people_by_commune(communes)
    counts: dict[str, int] = {}
    cycle = PlanningCycle.objects.filter(code=CYCLE).first()
    with transaction.atomic():
        if cycle is None:
            cycle = PlanningCycle.objects.create(
                code=CYCLE,
                name=f"Quy hoạch cán bộ chủ chốt cấp xã {TERM} — {province.name}",
                unit=province,
                term=TERM,
                pack=PACK,
            )
            entries: list[PlanningEntry] = []
            planned: list[tuple[int, int]] = []  # (person id, commune id)
            for commune in communes:
                pool = people.get(commune.pk, [])
                if len(pool) < PEOPLE_PER_TITLE:
                    continue
                chosen = rng.sample(pool, min(len(pool), PEOPLE_PER_TITLE * TITLES_PER_COMMUNE))
                # A few people are planned for a second and third title of the same commune.
                for index, (title, _) in enumerate(posts[commune.pk]):
                    trio = chosen[index * PEOPLE_PER_TITLE : (index + 1) * PEOPLE_PER_TITLE]
                    if index and rng.random() < 0.3:
                        trio = [*trio[:-1], chosen[rng.randrange(index * PEOPLE_PER_TITLE)]]
                    seen = set()
                    for person_id, _ in trio:
                        if person_id in seen:
                            continue
                        seen.add(person_id)
                        entries.append(
                            PlanningEntry(
                                cycle=cycle,
                                person_id=person_id,
                                title=title,
                                status=EntryStatus.APPROVED if rng.random() < 0.85 else EntryStatus.PROPOSED,
                                added_on=dt.date(2025, 3, 1),
                            )
                        )
                        planned.append((person_id, commune.pk))
            PlanningEntry.objects.bulk_create(entries, batch_size=2000)
            distinct = sorted(set(planned))
            disciplines = []
            votes = []
            for person_id, commune_id in distinct:
                if rng.random() < 0.04:
                    form = rng.choice(("Khiển trách", "Khiển trách", "Cảnh cáo", "Cách chức"))
                    disciplines.append(
                        PersonDiscipline(
                            person_id=person_id,
                            decided_on=dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(5 * 365)),
                            form=form,
                            reason=BENCH_NOTE,
                        )
                    )
                voters = rng.randint(25, 45)
                low = (
                    rng.randint(voters // 2 + 1, voters)
                    if rng.random() < 0.03
                    else rng.randint(0, voters // 6)
                )
                high = rng.randint(0, voters - low)
                votes.append(
                    ConfidenceVote(
                        person_id=person_id,
                        unit_id=commune_id,
                        held_on=dt.date(2024, 11, 15),
                        voters=voters,
                        high=high,
                        confidence=voters - low - high,
                        low=low,
                        pack=PACK,
                        outcome="",
                    )
                )
            PersonDiscipline.objects.bulk_create(disciplines, batch_size=2000)
            ConfidenceVote.objects.bulk_create(votes, batch_size=2000)
            stdout.write(
                f"{CYCLE}: {len(entries)} entries for {len(distinct)} people, {len(disciplines)} disciplines, "
                f"{len(votes)} confidence votes.\n"
            )
    counts["entries"] = PlanningEntry.objects.filter(cycle=cycle).count()
    counts["people_planned"] = (
        PlanningEntry.objects.filter(cycle=cycle).values("person_id").distinct().count()
    )

    existing = Procedure.objects.filter(unit__path__startswith=province.path).count()
    if existing < PROCEDURES:
        pack = get_pack(PACK)
        now = timezone.now()
        statuses = [
            (ProcedureStatus.DECIDED, 45),
            (ProcedureStatus.OPEN, 20),
            (ProcedureStatus.PASSED, 8),
            (ProcedureStatus.FAILED, 10),
            (ProcedureStatus.BLOCKED, 7),
            (ProcedureStatus.WITHDRAWN, 10),
        ]
        kinds = (
            [ProcedureKind.APPOINTMENT] * 6 + [ProcedureKind.REAPPOINTMENT] * 3 + [ProcedureKind.NOMINATION]
        )
        with transaction.atomic():
            plans = []
            for n in range(PROCEDURES - existing):
                commune = communes[n % len(communes)]
                title, position = rng.choice(posts[commune.pk])
                person_id, _ = rng.choice(people[commune.pk])
                status = rng.choices([s for s, _ in statuses], weights=[w for _, w in statuses])[0]
                received = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randrange(600))
                internal = rng.random() < 0.8
                steps = pack.internal_steps if internal else pack.external_steps
                plans.append((commune, title, position, person_id, status, received, internal, steps))
            procedures = [
                Procedure(
                    kind=rng.choice(kinds),
                    unit=commune,
                    title=title,
                    position=position,
                    candidate_id=person_id,
                    is_internal=internal,
                    pack=PACK,
                    file_received_on=received,
                    status=status,
                    eligibility=[{"rule": BENCH_NOTE, "severity": "info", "message": "bench"}],
                    blocked_reason=f"{BENCH_NOTE}: chưa hết thời hạn kỷ luật"
                    if status == ProcedureStatus.BLOCKED
                    else "",
                )
                for commune, title, position, person_id, status, received, internal, steps in plans
            ]
            Procedure.objects.bulk_create(procedures, batch_size=1000)
            step_rows: list[ProcedureStep] = []
            ballot_for: list[tuple[int, int]] = []  # (index in step_rows, votes)
            overrides: list[Override] = []
            for procedure, plan in zip(procedures, plans, strict=True):
                status, received, steps = plan[4], plan[5], plan[7]
                day = received
                if status == ProcedureStatus.BLOCKED:
                    held = 0
                elif status in (ProcedureStatus.DECIDED, ProcedureStatus.PASSED):
                    held = len(steps)
                else:
                    held = (
                        rng.randint(0, len(steps) - 1)
                        if status != ProcedureStatus.FAILED
                        else rng.randint(1, len(steps))
                    )
                for order in range(1, held + 1):
                    attempts = 2 if rng.random() < 0.08 else 1
                    for attempt in range(1, attempts + 1):
                        day += dt.timedelta(days=rng.randint(2, 12))
                        convened = rng.randint(15, 45)
                        failed_quorum = attempt < attempts
                        present = (
                            rng.randint(convened // 2, (2 * convened) // 3 - 1)
                            if failed_quorum
                            else rng.randint(-(-2 * convened // 3), convened)
                        )
                        last_failed = status == ProcedureStatus.FAILED and order == held
                        outcome = (
                            StepOutcome.NO_QUORUM
                            if failed_quorum
                            else StepOutcome.NOT_ELECTED
                            if last_failed
                            else StepOutcome.PASSED
                        )
                        needed = convened // 2 + 1
                        votes = (
                            rng.randint(0, needed - 1)
                            if outcome == StepOutcome.NOT_ELECTED
                            else rng.randint(needed, present)
                            if outcome == StepOutcome.PASSED
                            else rng.randint(0, present)
                        )
                        step_rows.append(
                            ProcedureStep(
                                procedure=procedure,
                                order=order,
                                key=steps[order - 1].key,
                                attempt=attempt,
                                held_on=day,
                                convened=convened,
                                present=present,
                                quorum=not failed_quorum,
                                needed=needed,
                                outcome=outcome,
                            )
                        )
                        ballot_for.append((len(step_rows) - 1, votes))
                if rng.random() < 0.2:
                    overrides.append(
                        Override(
                            procedure=procedure,
                            rule="planning",
                            message="Chưa có trong quy hoạch chức danh.",
                            justification="Cấp có thẩm quyền đồng ý cho phép ngoài quy hoạch.",
                        )
                    )
                if status == ProcedureStatus.DECIDED:
                    decided_on = day + dt.timedelta(days=rng.randint(3, 20))
                    procedure.decided_on = decided_on
                    procedure.decision_number = f"{rng.randint(1, 999)}-QĐ/ĐU"
                    procedure.term_start = decided_on
                    procedure.term_end = add_months(decided_on, procedure.term_months) - dt.timedelta(days=1)
                if status in (ProcedureStatus.DECIDED, ProcedureStatus.FAILED, ProcedureStatus.WITHDRAWN):
                    procedure.finished_at = now
            ProcedureStep.objects.bulk_create(step_rows, batch_size=2000)
            Ballot.objects.bulk_create(
                [
                    Ballot(
                        step=step_rows[index],
                        candidate_name="(bench)",
                        candidate_id=step_rows[index].procedure.candidate_id,
                        votes_for=votes,
                        elected=step_rows[index].outcome == StepOutcome.PASSED,
                    )
                    for index, votes in ballot_for
                ],
                batch_size=2000,
            )
            Override.objects.bulk_create(overrides, batch_size=2000)
            Procedure.objects.bulk_update(
                procedures,
                ["decided_on", "decision_number", "term_start", "term_end", "finished_at"],
                batch_size=1000,
            )
            stdout.write(
                f"{len(procedures)} procedures, {len(step_rows)} meetings, {len(overrides)} overrides.\n"
            )
    counts["procedures"] = Procedure.objects.filter(unit__path__startswith=province.path).count()
    counts["steps"] = ProcedureStep.objects.filter(procedure__unit__path__startswith=province.path).count()
    counts["overrides"] = Override.objects.filter(procedure__unit__path__startswith=province.path).count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in (
                "personnel_planningentry",
                "personnel_procedure",
                "personnel_procedurestep",
                "personnel_ballot",
                "personnel_override",
                "personnel_confidencevote",
                "people_persondiscipline",
                "positions_title",
                "positions_position",
            ):
                cursor.execute(f"ANALYZE {table}")
    return counts
