"""National demo: one province's ratings in the two national cycles, its directives and tasks, its
planning and appointment procedures.

Ratings follow the shares of ``bench/evaluation_dataset.py`` (≈ 12 % Excellent, 68 % Good,
17 % Completed, 3 % Not completed, scores inside the rating's band); a province marked
``inflated`` rates its members Good or Excellent in the open cycle while its collectives are
only Completed, one marked ``jump`` leaps in Excellent from one year to the next. Tasks: the
province's plans reach every commune, each commune's plans reach its grassroots
organizations and cells (≈ 300 tasks per commune).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.utils import timezone

from tochuc.demo.national_copy import CopyTable, allocate_ids, text
from tochuc.demo.national_people import picker
from tochuc.demo.national_tree import NationalProvince, Unit, place
from tochuc.directives.models import Directive, ProductKind, ProgressReport, ReportPeriod, Task
from tochuc.evaluations.models import Evaluation, Frame, Stage, SubjectKind
from tochuc.orgunits.models import UnitKind
from tochuc.personnel.models import (
    EntryStatus,
    PlanningCycle,
    PlanningEntry,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
)
from tochuc.positions.models import LeadershipGroup, Position, PositionGroup, Title

RATINGS = ("excellent", "good", "completed", "not_completed")
BANDS = {
    "excellent": (90.0, 99.0),
    "good": (70.0, 89.9),
    "completed": (50.0, 69.9),
    "not_completed": (30.0, 49.9),
}
EVALUATION_COLUMNS = [
    "cycle_id", "unit_id", "person_id", "subject_kind", "frame", "stage", "final_rating", "final_score",
    "decided_at",
]  # fmt: skip
NULL = "\\N"
EARLY_STAGES = (Stage.PENDING, Stage.SELF_REVIEW, Stage.COMMENTS, Stage.APPRAISAL)
PROVINCE_PLANS = 24
COMMUNE_PLANS = 3
# fmt: off
TASK_TEXTS = (
    "Rà soát, kiện toàn tổ chức cơ sở đảng sau sắp xếp đơn vị hành chính",
    "Tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Bồi dưỡng, tạo nguồn và kết nạp đảng viên mới",
    "Rà soát, sàng lọc, đưa những đảng viên không đủ tư cách ra khỏi Đảng",
    "Nâng cao chất lượng sinh hoạt chi bộ định kỳ",
    "Cập nhật hồ sơ, dữ liệu đảng viên trên Cơ sở dữ liệu quốc gia về đảng viên",
    "Thu, nộp và quản lý đảng phí theo quy định",
    "Kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên cuối năm",
    "Rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025-2030",
    "Tổng kết thực hiện nghị quyết đại hội, báo cáo kết quả",
    "Tổ chức trao Huy hiệu Đảng đợt 3/2 và 19/5",
    "Xây dựng kế hoạch kiểm tra, giám sát năm",
)
PLAN_TITLES = (
    "Kế hoạch thực hiện công tác xây dựng Đảng năm 2026",
    "Kế hoạch nâng cao chất lượng sinh hoạt chi bộ",
    "Kế hoạch phát triển đảng viên giai đoạn 2025-2030",
    "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng năm 2025",
    "Kế hoạch rà soát, bổ sung quy hoạch cán bộ",
    "Kế hoạch chuyển đổi số trong công tác tổ chức xây dựng Đảng",
)
PRODUCTS = (
    (ProductKind.REPORT, "Báo cáo kết quả thực hiện"), (ProductKind.PLAN, "Kế hoạch triển khai"),
    (ProductKind.SCHEME, "Đề án"), (ProductKind.GUIDANCE, "Hướng dẫn thực hiện"),
)
BASE_TITLES = (
    ("Bí thư Đảng ủy", LeadershipGroup.THREE, "leader"),
    ("Chủ tịch Ủy ban nhân dân", LeadershipGroup.FOUR, "deputy"),
)
STANDARDS = {
    "leader": {"min_degree": 3, "min_theory_level": "advanced", "min_experience_years": 10, "min_age": 35},
    "deputy": {"min_degree": 3, "min_theory_level": "intermediate", "min_experience_years": 5, "min_age": 30},
}
# fmt: on


@dataclass(frozen=True)
class NationalCycle:
    id: int
    year: int
    is_open: bool


def _score(rng: random.Random, rating: str) -> str:
    low, high = BANDS[rating]
    return f"{rng.uniform(low, high):.1f}"


def write_evaluations(
    cycles: Sequence[NationalCycle],
    units: Sequence[Unit],
    people: Sequence[tuple[int, int, int]],
    pattern: str,
    rng: random.Random,
) -> int:
    """One collective evaluation per unit and one individual per member, in each cycle."""
    decided_at = timezone.now().isoformat()

    def lines() -> Iterator[str]:
        pick = rng.choices
        for cycle in cycles:
            collective = (10, 75, 13, 2)
            weights = (12, 68, 17, 3)
            if pattern == "inflated" and cycle.is_open:
                collective, weights = (0, 0, 100, 0), (35, 65, 0, 0)
            elif pattern == "jump":
                weights = (70, 28, 2, 0) if cycle.is_open else (5, 75, 17, 3)
            for u in units:
                rating = pick(RATINGS, weights=collective)[0]
                yield (
                    f"{cycle.id}\t{u.id}\t\\N\t{SubjectKind.COLLECTIVE}\t{Frame.COLLECTIVE}\t{Stage.DECIDED}\t"
                    f"{rating}\t{_score(rng, rating)}\t{decided_at}"
                )
            rnd = rng.random
            pick_rating = picker(rnd, list(zip(RATINGS, weights, strict=True)))
            bands = {r: (low, high - low) for r, (low, high) in BANDS.items()}
            for pid, unit_id, _ in people:
                frame = Frame.LEADER if rnd() < 0.08 else Frame.NON_LEADER
                if cycle.is_open and rnd() < 0.15:
                    stage = EARLY_STAGES[int(rnd() * 4)]
                    yield f"{cycle.id}\t{unit_id}\t{pid}\t{SubjectKind.INDIVIDUAL}\t{frame}\t{stage}\t\t\\N\t\\N"
                    continue
                rating = pick_rating()
                low, span = bands[rating]
                yield (
                    f"{cycle.id}\t{unit_id}\t{pid}\t{SubjectKind.INDIVIDUAL}\t{frame}\t{Stage.DECIDED}\t"
                    f"{rating}\t{low + rnd() * span:.1f}\t{decided_at}"
                )

    return CopyTable(Evaluation, EVALUATION_COLUMNS).write(lines())


TASK_COLUMNS = [
    "id", "directive_id", "no", "text", "assigned_by_id", "assigned_path", "lead_unit_id", "lead_path", "deadline",
    "report_period", "product_kind", "product", "percent", "last_report_on", "completed_on", "created_at",
    "updated_at",
]  # fmt: skip
REPORT_COLUMNS = ["task_id", "reported_on", "period_end", "percent", "narrative", "is_final"]
PERIODS = [ReportPeriod.NONE] * 6 + [ReportPeriod.QUARTERLY, ReportPeriod.HALF_YEAR, ReportPeriod.ANNUAL]


def _directives(
    issuer: Unit, count: int, issuer_code: str, symbol: str, where: str, rng: random.Random, today: dt.date
) -> list[Directive]:
    made = []
    for n in range(1, count + 1):
        issued = today - dt.timedelta(days=rng.randint(20, 420))
        made.append(
            Directive(
                doc_type="KH",
                number=str(n),
                symbol=f"KH/{symbol}",
                number_symbol=f"{n}-KH/{symbol}",
                issuer=issuer.name.replace("Đảng bộ", "Ban Chấp hành Đảng bộ", 1),
                issuer_code=issuer_code,
                term="2025-2030",
                place=where,
                issued_on=issued,
                title=PLAN_TITLES[n % len(PLAN_TITLES)],
                unit_id=issuer.id,
            )
        )
    return Directive.objects.bulk_create(made, batch_size=2000)


def write_tasks(spec: NationalProvince, units: Sequence[Unit], rng: random.Random) -> int:
    """The province's plans (a task per commune each) and each commune's (a task per unit below it)."""
    today = timezone.localdate()
    province = units[0]
    communes = [u for u in units if u.kind == UnitKind.COMMUNE]
    below: dict[int, list[Unit]] = {c.commune: [] for c in communes}
    for u in units:
        if u.kind in (UnitKind.GRASSROOTS, UnitKind.CELL):
            below[u.commune].append(u)
    plans: list[tuple[Directive, Unit, list[Unit]]] = [
        (d, province, communes)
        for d in _directives(province, PROVINCE_PLANS, f"TU.{spec.code}", "TU", spec.name, rng, today)
    ]
    for c in communes:
        for d in _directives(c, COMMUNE_PLANS, f"ĐU.{c.code}", "ĐU", place(c.name), rng, today):
            plans.append((d, c, below[c.commune]))
    total = sum(len(leads) for _, _, leads in plans)
    ids = iter(allocate_ids(Task, total))
    reports: list[str] = []
    cooperating: list[str] = []

    def lines() -> Iterator[str]:
        rnd, randint = rng.random, rng.randint
        for directive, assigner, leads in plans:
            issued = directive.issued_on or today
            created = f"{issued.isoformat()}T08:00:00+07:00"
            for no, lead in enumerate(leads, start=1):
                pk = next(ids)
                deadline = issued + dt.timedelta(days=randint(30, 400)) if rnd() < 0.85 else None
                completed = None
                if deadline is not None and rnd() < 0.4:
                    completed = min(today, deadline + dt.timedelta(days=randint(-30, 20)))
                percent = 100 if completed else rng.choice((0, 0, 10, 30, 50, 70, 90))
                reported = (
                    min(today, completed or today) - dt.timedelta(days=randint(0, 60)) if percent else None
                )
                kind, product = PRODUCTS[randint(0, len(PRODUCTS) - 1)]
                if reported is not None:
                    reports.append(
                        f"{pk}\t{reported}\t{reported}\t{percent}\tĐã triển khai, đang tổng hợp kết quả.\t"
                        f"{'t' if completed else 'f'}"
                    )
                if rnd() < 0.1 and len(leads) > 1:
                    other = leads[randint(0, len(leads) - 1)]
                    if other.id != lead.id:
                        cooperating.append(f"{pk}\t{other.id}")
                yield (
                    f"{pk}\t{directive.pk}\t{no}\t{text(TASK_TEXTS[randint(0, len(TASK_TEXTS) - 1)])}\t"
                    f"{assigner.id}\t{assigner.path}\t{lead.id}\t{lead.path}\t{deadline or NULL}\t{rng.choice(PERIODS)}\t"
                    f"{kind}\t{product}\t{percent}\t{reported or NULL}\t{completed or NULL}\t{created}\t{created}"
                )

    written = CopyTable(Task, TASK_COLUMNS).write(lines())
    CopyTable(ProgressReport, REPORT_COLUMNS).write(reports)
    CopyTable(Task.cooperating_units.through, ["task_id", "orgunit_id"]).write(cooperating)
    return written


def write_personnel(
    spec: NationalProvince, units: Sequence[Unit], people: Sequence[tuple[int, int, int]], rng: random.Random
) -> tuple[int, int]:
    """The province's planning cycle (two key titles per commune, three people each) and a few appointment
    procedures per commune; returns (entries, procedures)."""
    today = timezone.localdate()
    province = units[0]
    communes = [u for u in units if u.kind == UnitKind.COMMUNE]
    commune_of = {u.id: u.commune for u in units}
    pools: dict[int, list[int]] = {c.commune: [] for c in communes}
    for pid, unit_id, year in people:
        if 1966 <= year <= 1994:
            pool = pools[commune_of[unit_id]]
            if len(pool) < 60:
                pool.append(pid)
    cycle = PlanningCycle.objects.create(
        code=f"QH-{spec.code}-2025-2030",
        name=f"Quy hoạch cán bộ chủ chốt cấp xã 2025-2030 — {province.name}",
        unit_id=province.id,
        term="2025-2030",
        pack="qd377-2025",
    )
    wanted = [
        (c, f"{base} {place(c.name).removeprefix('Đảng bộ ')} ({spec.name})", group, kind)
        for c in communes
        for base, group, kind in BASE_TITLES
    ]
    titles = Title.objects.bulk_create(
        [
            Title(name=name, is_leadership=True, leadership_group=group, unit_kind=UnitKind.COMMUNE)
            for _, name, group, _ in wanted
        ],
        batch_size=2000,
    )
    positions = Position.objects.bulk_create(
        [
            Position(
                unit_id=c.id,
                title=t,
                name=t.name,
                group=PositionGroup.LEADERSHIP,
                headcount_quota=1,
                **STANDARDS[kind],
            )
            for (c, _, _, kind), t in zip(wanted, titles, strict=True)
        ],
        batch_size=2000,
    )
    entries: list[PlanningEntry] = []
    procedures: list[Procedure] = []
    statuses = [ProcedureStatus.DECIDED] * 9 + [ProcedureStatus.OPEN] * 4 + [ProcedureStatus.WITHDRAWN] * 2
    statuses += [ProcedureStatus.FAILED] * 2 + [ProcedureStatus.BLOCKED, ProcedureStatus.PASSED]
    for (c, _, _, _), title, position in zip(wanted, titles, positions, strict=True):
        pool = pools[c.commune]
        if len(pool) < 3:
            continue
        for pid in rng.sample(pool, 3):
            entries.append(
                PlanningEntry(
                    cycle=cycle,
                    person_id=pid,
                    title=title,
                    status=EntryStatus.APPROVED if rng.random() < 0.85 else EntryStatus.PROPOSED,
                    added_on=dt.date(2025, 9, 1),
                )
            )
        if rng.random() < 0.6:
            status = rng.choice(statuses)
            received = today - dt.timedelta(days=rng.randint(20, 300))
            decided = received + dt.timedelta(days=rng.randint(15, 40))
            done = status == ProcedureStatus.DECIDED and decided <= today
            procedures.append(
                Procedure(
                    kind=rng.choice(
                        (ProcedureKind.APPOINTMENT, ProcedureKind.APPOINTMENT, ProcedureKind.NOMINATION)
                    ),
                    unit_id=c.id,
                    title=title,
                    position=position,
                    candidate_id=rng.choice(pool),
                    pack="qd377-2025",
                    file_received_on=received,
                    status=status if done or status != ProcedureStatus.DECIDED else ProcedureStatus.OPEN,
                    decided_on=decided if done else None,
                    decision_number=f"{rng.randint(1, 999)}-QĐ/TU" if done else "",
                    term_start=decided if done else None,
                    term_end=decided + dt.timedelta(days=5 * 365) if done else None,
                )
            )
    PlanningEntry.objects.bulk_create(entries, batch_size=2000)
    Procedure.objects.bulk_create(procedures, batch_size=2000)
    return len(entries), len(procedures)
