"""Demo evaluation cycles: a closed 2024 annual cycle and an open 2025 one per demo province.

Ratings are realistic and mostly clean: collectives are rated first, the head of
a unit is never rated above its collective, Excellent stays within 20 % of Good
in every unit (so within any group of units), and the points always fall in the
rating's band. A few cells show the inflation pattern the seed document warns
about (everyone Good/Excellent while the collective is only Completed), and one
cell gives everyone the same score. In the closed cycle these were justified;
in the open one the inflated cells of the commune under appraisal still wait
for their justification.

The 2025 cycle is at mixed stages, one profile per child unit of the province
(decided, appraised, comments, self-review only, pending), so every workflow page
has something to show. ``demo.xa`` (leader of T01-X01) is linked to the person
who heads that commune: his own evaluation waits for his self-review, and the
separation of duties keeps him from deciding on it.

Keyed on the cycle code: running again creates nothing. Rows are bulk-created in
one transaction per province with one ``evaluation.bulk_seed`` audit event.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.audit.services import record
from tochuc.evaluations.documents import criteria_for
from tochuc.evaluations.models import (
    RATING_RANK,
    CycleKind,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    Frame,
    Justification,
    Rating,
    Stage,
    SubjectKind,
)
from tochuc.orgunits.demo import PROVINCE
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import MembershipStatus, Person, PersonDiscipline
from tochuc.positions.models import Assignment

SMALL_ROOTS = ("T01", "T02")
PACKS = {2024: "qd124-2023", 2025: "qd366-2025"}
# The rule ids the justifications answer (see tochuc/evaluations/rules/).
INFLATION_RULE = "inflation_pattern"
IDENTICAL_RULE = "identical_scores"
COMMUNE_HEAD_POSITION = "Bí thư Đảng ủy"
DEMO_LEADER = "demo.xa"
DEMO_SPECIALIST = "demo.tinh"

E: str = Rating.EXCELLENT
G: str = Rating.GOOD
C: str = Rating.COMPLETED
N: str = Rating.NOT_COMPLETED
INDIVIDUAL_WEIGHTS = ((E, 16.0), (G, 75.0), (C, 7.5), (N, 1.5))
COLLECTIVE_WEIGHTS = ((E, 12.0), (G, 68.0), (C, 17.0), (N, 3.0))
BANDS: dict[str, tuple[float, float]] = {E: (90, 98), G: (71, 89.5), C: (52, 69.5), N: (35, 49.5)}
STAGE_ORDER = (Stage.PENDING, Stage.SELF_REVIEW, Stage.COMMENTS, Stage.APPRAISAL, Stage.DECIDED)
# 2025: how far each child unit of the province has come, by the child's position.
PROFILES_2025 = (Stage.APPRAISAL, Stage.DECIDED, Stage.COMMENTS, Stage.SELF_REVIEW, Stage.PENDING)

SELF_REVIEW: dict[str, str] = {
    E: "Luôn gương mẫu chấp hành chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; "
    "hoàn thành xuất sắc và vượt tiến độ các nhiệm vụ được giao, có sáng kiến được áp dụng.\n"
    "Hạn chế: cần tiếp tục nâng cao trình độ ngoại ngữ.",
    G: "Chấp hành nghiêm chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; "
    "giữ gìn phẩm chất đạo đức, lối sống; hoàn thành tốt các nhiệm vụ được giao.\n"
    "Hạn chế: có việc còn chậm so với kế hoạch; năm tới khắc phục.",
    C: "Chấp hành chủ trương, đường lối của Đảng; hoàn thành các nhiệm vụ được giao nhưng còn một số "
    "việc chậm tiến độ, chất lượng chưa cao.\nHạn chế: chưa chủ động trong công việc.",
    N: "Còn nhiều nhiệm vụ được giao chưa hoàn thành; tham gia sinh hoạt chi bộ chưa đầy đủ.\n"
    "Nguyên nhân chủ yếu do chủ quan; cam kết khắc phục trong năm tới.",
}
EVIDENCE = "Báo cáo kết quả công tác năm {year}; sổ theo dõi nhiệm vụ của đơn vị."
COMMENTS = "Tập thể thống nhất với bản tự kiểm điểm; đề nghị phát huy ưu điểm, khắc phục hạn chế đã nêu."
REASON = "Thẩm định đúng quy trình, đủ tiêu chuẩn mức xếp loại đề xuất."
INFLATION_TEXT = (
    "Tập thể chi bộ chỉ đạt mức hoàn thành nhiệm vụ do chưa đạt chỉ tiêu phát triển đảng viên mới; "
    "cấp ủy đã rà soát từng trường hợp, các đảng viên đều hoàn thành tốt nhiệm vụ cá nhân được giao."
)
IDENTICAL_TEXT = (
    "Chi bộ chấm theo phiếu thống nhất của hội nghị; đã yêu cầu chấm lại từng tiêu chí ở đợt sau."
)


@dataclass
class Member:
    pk: int
    code: str
    unit_id: int
    frame: str
    status: str
    admitted_on: dt.date | None
    disciplined_years: set[int] = field(default_factory=set)


@dataclass
class Plan:
    """One root's units and people, shared by both cycles."""

    root: OrgUnit
    units: list[OrgUnit]
    members: dict[int, list[Member]]  # by the unit where they are evaluated
    heads: dict[int, Member]  # unit id → head (also listed in members of that unit)
    inflated: set[int]
    identical: int | None
    person_heads: dict[int, int] = field(default_factory=dict)  # person id → unit id headed


def _score(rng: random.Random, rating: str) -> Decimal:
    low, high = BANDS[rating]
    return Decimal(str(round(rng.uniform(low, high) * 2) / 2)).quantize(Decimal("0.1"))


def _draw(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([r for r, _ in weights], weights=[w for _, w in weights])[0]


def _cap(rating: str, ceiling: str) -> str:
    return rating if RATING_RANK[rating] <= RATING_RANK[ceiling] else ceiling


def _within_quota(ratings: list[str], fixed: frozenset[int] | set[int] = frozenset()) -> list[str]:
    """Excellent ≤ 20 % of Good: the excess Excellent become Good."""
    ratings = list(ratings)
    while True:
        excellent = [i for i, r in enumerate(ratings) if r == E and i not in fixed]
        if not excellent or len([r for r in ratings if r == E]) <= math.floor(
            0.2 * len([r for r in ratings if r == G])
        ):
            return ratings
        ratings[excellent[-1]] = G


# --- Who is evaluated where ---------------------------------------------------------------


def _plan(root: OrgUnit, rng: random.Random) -> Plan:
    units = list(
        OrgUnit.objects.filter(path__startswith=root.path, valid_to__isnull=True).exclude(pk=root.pk)
    )
    by_id = {u.pk: u for u in units}
    disciplined: dict[int, set[int]] = defaultdict(set)
    for person_id, day in PersonDiscipline.objects.filter(person__unit__in=units).values_list(
        "person_id", "decided_on"
    ):
        disciplined[person_id].add(day.year)
    members: dict[int, list[Member]] = defaultdict(list)
    rows = (
        Person.objects.filter(unit__in=units)
        .order_by("code")
        .values_list(
            "pk",
            "code",
            "unit_id",
            "workplace",
            "current_post",
            "membership__status",
            "membership__admitted_on",
        )
    )
    for pk, code, unit_id, workplace, post, status, admitted in rows:
        if status in (None, MembershipStatus.LEFT):
            continue
        frame = Frame.OUTSIDE if not workplace or post == "Nghỉ hưu" else Frame.NON_LEADER
        members[unit_id].append(
            Member(pk, code, unit_id, frame, status, admitted, disciplined.get(pk, set()))
        )

    def eligible(m: Member) -> bool:
        return m.status == MembershipStatus.FULL and not m.disciplined_years

    heads: dict[int, Member] = {}
    # Heads of units with people are their first eligible member.
    for unit_id, people in members.items():
        head = next((m for m in people if eligible(m)), None)
        if head is not None:
            head.frame = Frame.LEADER
            heads[unit_id] = head
    # Heads of communes and of grassroots organizations with cells come from their cells
    # (the commune secretary from the position assignment when there is one).
    holders = dict(
        Assignment.objects.filter(
            position__unit__in=units, position__name=COMMUNE_HEAD_POSITION, end__isnull=True
        ).values_list("position__unit_id", "person_id")
    )
    children: dict[int | None, list[OrgUnit]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: u.path):
        children[unit.parent_id].append(unit)
    taken = {m.pk for m in heads.values()}
    for unit in sorted(units, key=lambda u: u.path):
        if unit.pk in members or unit.kind not in {UnitKind.COMMUNE, UnitKind.GRASSROOTS}:
            continue
        below: list[Member] = []
        queue = list(children.get(unit.pk, []))
        while queue:
            child = queue.pop(0)
            below += [m for m in members.get(child.pk, []) if eligible(m) and m.pk not in taken]
            queue += children.get(child.pk, [])
        head = next((m for m in below if m.pk == holders.get(unit.pk)), None) or (below[0] if below else None)
        if head is None:
            continue
        members[head.unit_id] = [m for m in members[head.unit_id] if m.pk != head.pk]
        head.unit_id, head.frame = unit.pk, Frame.LEADER
        members[unit.pk].append(head)
        heads[unit.pk] = head
        taken.add(head.pk)
    # A few cells show the inflation pattern (one in each of the first two child units of the
    # root, so the appraised and the decided communes of 2025 both have one); one cell gives
    # everyone the same score.
    tops = sorted(children.get(root.pk, []), key=lambda u: u.path)
    big_by_top: dict[str, list[OrgUnit]] = defaultdict(list)
    for unit_id, people in sorted(members.items()):
        unit = by_id[unit_id]
        top = next((t for t in tops if unit.path.startswith(t.path)), None)
        if unit.kind == UnitKind.CELL and len(people) >= 15 and top is not None:
            big_by_top[top.path].append(unit)
    big = sorted((u for cells in big_by_top.values() for u in cells), key=lambda u: u.path)
    chosen = [rng.choice(big_by_top[t.path]) for t in tops[:2] if big_by_top.get(t.path)]
    rest = [u for u in big if u not in chosen]
    extra = max(0, round(len(big) * 0.05) - len(chosen))
    chosen += rng.sample(rest, min(extra, len(rest)))
    rest = [u for u in rest if u not in chosen]
    identical = rng.choice(rest).pk if rest else None
    return Plan(root, units, dict(members), heads, {u.pk for u in chosen}, identical)


# --- Ratings of one cycle -----------------------------------------------------------------


@dataclass
class Outcome:
    evaluations: list[Evaluation] = field(default_factory=list)
    justifications: list[Justification] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))


def _tasks(rng: random.Random, rating: str, evaluation: Evaluation, *, collective: bool) -> None:
    total = rng.randint(12, 30) if collective else rng.randint(4, 12)
    if rating == E:
        done, late, exceeding = total, 0, math.ceil(0.3 * total) + rng.randint(0, 2)
    elif rating == G:
        done, late, exceeding = total, rng.randint(0, 1), rng.randint(0, max(0, total // 4))
    elif rating == C:
        done = total - rng.randint(0, 1)
        late, exceeding = min(done, rng.randint(1, max(1, int(0.15 * total)))), 0
    else:
        done = int(total * rng.uniform(0.45, 0.65))
        late, exceeding = min(done, rng.randint(1, 3)), 0
    evaluation.tasks_total, evaluation.tasks_done = total, done
    evaluation.tasks_late, evaluation.tasks_on_time = late, done - late
    evaluation.tasks_exceeding = min(exceeding, done)


@functools.cache
def _criteria(pack: str, frame: str) -> list[tuple[str, str, int | None]]:
    return criteria_for(pack, frame).rows


def _fill(
    evaluation: Evaluation,
    rating: str,
    score: Decimal,
    stage: str,
    rng: random.Random,
    year: int,
    decided_at: dt.datetime,
) -> None:
    """Fill the fields of every step up to ``stage``."""
    evaluation.stage = stage
    reached = STAGE_ORDER.index(stage)
    if reached >= 1:
        self_score = min(Decimal(str(BANDS[rating][1])), score + Decimal(rng.choice((0, 0, 0.5, 1, 1.5))))
        evaluation.self_score, evaluation.self_rating = self_score, rating
        criteria = _criteria(evaluation.cycle.pack, evaluation.frame)
        total = sum(m or 0 for _, _, m in criteria) or 100
        points: dict[str, float] = {}
        left = float(self_score)
        for index, (key, _label, most) in enumerate(criteria):
            share = left if index == len(criteria) - 1 else round(float(self_score) * (most or 0) / total, 1)
            points[key] = round(share, 1)
            left -= share
        evaluation.self_criteria = points
        evaluation.self_review = SELF_REVIEW[rating]
        evaluation.evidence = EVIDENCE.format(year=year)
    if reached >= 2:
        evaluation.comments, evaluation.suggested_rating = COMMENTS, rating
    if reached >= 3:
        evaluation.proposed_score, evaluation.proposed_rating = score, rating
        evaluation.proposal_reason = REASON
    if reached >= 4:
        evaluation.final_score, evaluation.final_rating = score, rating
        evaluation.decided_at = decided_at


def _cycle_ratings(
    plan: Plan, cycle: EvaluationCycle, rng: random.Random, stage_of: dict[int, str], specialist: User | None
) -> Outcome:
    out = Outcome()
    year = cycle.year
    decided_at = (
        timezone.make_aware(dt.datetime(year + 1, 1, 15, 9))
        if cycle.status == CycleStatus.CLOSED
        else timezone.now() - dt.timedelta(days=3)
    )
    six_months_before_end = dt.date(year, 6, 30)
    by_parent: dict[int | None, list[OrgUnit]] = defaultdict(list)
    for unit in plan.units:
        by_parent[unit.parent_id].append(unit)

    # Collectives first, rated within their siblings (Excellent ≤ 20 % of Good among them).
    collective_rating: dict[int, str] = {}
    for siblings in by_parent.values():
        ratings = []
        for unit in siblings:
            if unit.pk in plan.inflated:
                ratings.append(C)
            elif unit.pk == plan.identical:
                ratings.append(G)
            else:
                ratings.append(_draw(rng, COLLECTIVE_WEIGHTS))
        fixed = {i for i, u in enumerate(siblings) if u.pk in plan.inflated or u.pk == plan.identical}
        for unit, rating in zip(siblings, _within_quota(ratings, fixed), strict=True):
            collective_rating[unit.pk] = rating

    for unit in plan.units:
        stage = stage_of[unit.pk]
        rating = collective_rating[unit.pk]
        members = plan.members.get(unit.pk, [])
        head = plan.heads.get(unit.pk)
        # The collective is one step ahead of its members.
        collective_stage = STAGE_ORDER[min(STAGE_ORDER.index(stage) + 1, len(STAGE_ORDER) - 1)]
        collective = Evaluation(
            cycle=cycle, unit=unit, subject_kind=SubjectKind.COLLECTIVE, frame=Frame.COLLECTIVE
        )
        _tasks(rng, rating, collective, collective=True)
        _fill(collective, rating, _score(rng, rating), collective_stage, rng, year, decided_at)
        out.evaluations.append(collective)
        out.counts[f"collective_{collective_stage}"] += 1

        reviewed = []
        for member in members:
            evaluation = Evaluation(
                cycle=cycle,
                unit=unit,
                person_id=member.pk,
                subject_kind=SubjectKind.INDIVIDUAL,
                frame=member.frame,
                is_head=member is head,
            )
            if member.admitted_on and member.admitted_on > dt.date(year, 12, 31):
                continue  # not yet a member that year
            reason = ""
            if member.status == MembershipStatus.EXEMPT:
                reason = "Được miễn công tác và sinh hoạt đảng"
            elif member.status == MembershipStatus.SUSPENDED:
                reason = "Đang bị đình chỉ sinh hoạt đảng"
            elif member.admitted_on and member.admitted_on > six_months_before_end:
                reason = "Kết nạp vào Đảng chưa đủ 6 tháng"
            if reason:
                evaluation.stage, evaluation.not_reviewed_reason = Stage.NOT_REVIEWED, reason
                out.evaluations.append(evaluation)
                out.counts["not_reviewed"] += 1
                continue
            evaluation.disciplined = year in member.disciplined_years
            reviewed.append(evaluation)

        ratings = _individual_ratings(plan, unit, rating, reviewed, rng)
        # Not everyone has handed in the self-review yet; the quota holds among those who have.
        own_stages = [
            Stage.PENDING if stage == Stage.SELF_REVIEW and rng.random() < 0.4 else stage for _ in reviewed
        ]
        given_ones = [i for i, own in enumerate(own_stages) if own != Stage.PENDING]
        for i, kept in zip(given_ones, _within_quota([ratings[i] for i in given_ones]), strict=True):
            ratings[i] = kept
        same = _score(rng, G) if unit.pk == plan.identical else None
        for evaluation, given, own in zip(reviewed, ratings, own_stages, strict=True):
            if evaluation.is_head:
                # A leader's task figures are those of the unit led.
                for name in ("tasks_total", "tasks_done", "tasks_on_time", "tasks_late", "tasks_exceeding"):
                    setattr(evaluation, name, getattr(collective, name))
                evaluation.low_confidence_share = Decimal(str(round(rng.uniform(0, 0.12), 4)))
            else:
                _tasks(rng, given, evaluation, collective=False)
            _fill(evaluation, given, same or _score(rng, given), own, rng, year, decided_at)
            out.evaluations.append(evaluation)
            out.counts[f"individual_{own}"] += 1

        if stage == Stage.DECIDED and reviewed:
            for rule, text, units in (
                (INFLATION_RULE, INFLATION_TEXT, plan.inflated),
                (IDENTICAL_RULE, IDENTICAL_TEXT, {plan.identical}),
            ):
                if unit.pk in units:
                    out.justifications.append(
                        Justification(cycle=cycle, rule=rule, unit=unit, text=text, author=specialist)
                    )
    return out


def _individual_ratings(
    plan: Plan, unit: OrgUnit, collective: str, reviewed: list[Evaluation], rng: random.Random
) -> list[str]:
    head_index = next((i for i, e in enumerate(reviewed) if e.is_head), None)
    ratings: list[str]
    if unit.pk == plan.identical:
        ratings = [G for _ in reviewed]
    elif unit.pk in plan.inflated:
        ratings = [E if rng.random() < 0.14 else G for _ in reviewed]
    else:
        weights = INDIVIDUAL_WEIGHTS
        if RATING_RANK[collective] <= RATING_RANK[C]:
            # A weak collective has more members who only completed their tasks.
            weights = ((E, 4.0), (G, 62.0), (C, 30.0), (N, 4.0))
        ratings = [_draw(rng, weights) for _ in reviewed]
    for i, evaluation in enumerate(reviewed):
        if evaluation.disciplined:
            ratings[i] = _cap(ratings[i], C)
    if head_index is not None:
        # The head is never above the collective led; Excellent only with an Excellent collective.
        ratings[head_index] = _cap(ratings[head_index], collective)
    return _within_quota(ratings)


# --- Writing --------------------------------------------------------------------------------


def _steps(evaluations: list[Evaluation]) -> list[EvaluationStep]:
    steps = []
    for e in evaluations:
        if e.stage == Stage.NOT_REVIEWED:
            steps.append(EvaluationStep(evaluation=e, stage=e.stage, note=e.not_reviewed_reason))
            continue
        reached = STAGE_ORDER.index(e.stage)
        if reached >= 1:
            steps.append(
                EvaluationStep(
                    evaluation=e, stage=Stage.SELF_REVIEW, score=e.self_score, rating=e.self_rating
                )
            )
        if reached >= 2:
            steps.append(
                EvaluationStep(evaluation=e, stage=Stage.COMMENTS, rating=e.suggested_rating, note=e.comments)
            )
        if reached >= 3:
            steps.append(
                EvaluationStep(
                    evaluation=e,
                    stage=Stage.APPRAISAL,
                    score=e.proposed_score,
                    rating=e.proposed_rating,
                    note=e.proposal_reason,
                )
            )
        if reached >= 4:
            steps.append(
                EvaluationStep(evaluation=e, stage=Stage.DECIDED, score=e.final_score, rating=e.final_rating)
            )
    return steps


def _stages_2025(plan: Plan) -> dict[int, str]:
    """One profile per child unit of the root, inherited by everything below it."""
    children = sorted((u for u in plan.units if u.parent_id == plan.root.pk), key=lambda u: u.path)
    profile = {c.path: PROFILES_2025[i % len(PROFILES_2025)] for i, c in enumerate(children)}
    stages: dict[int, str] = {}
    for unit in plan.units:
        top = next((p for p in profile if unit.path.startswith(p)), None)
        stages[unit.pk] = profile[top] if top else Stage.PENDING
    return stages


def _link_demo_leader(plan: Plan) -> Member | None:
    """Link ``demo.xa`` to the head of T01-X01 (whose own evaluation he may not decide)."""
    unit = next((u for u in plan.units if u.code == "T01-X01"), None)
    head = plan.heads.get(unit.pk) if unit else None
    user = User.objects.filter(username=DEMO_LEADER, person__isnull=True).first()
    if head is None or user is None or User.objects.filter(person_id=head.pk).exists():
        return head
    user.person_id = head.pk
    user.save(update_fields=["person"])
    return head


def _seed_root(root: OrgUnit, rng: random.Random, stdout: Any) -> int:
    codes = {year: f"DG{year}-{root.code}" for year in PACKS}
    if EvaluationCycle.objects.filter(code__in=codes.values()).count() == len(codes):
        stdout.write(f"Đợt đánh giá mẫu của {root.code}: đã có, không tạo thêm.\n")
        return 0
    plan = _plan(root, rng)
    specialist = User.objects.filter(username=DEMO_SPECIALIST).first() if root.code == "T01" else None
    with_steps = root.code != PROVINCE.code  # the big province: results only, no step history
    today = timezone.localdate()
    created = 0
    summary: dict[str, Any] = {}
    with transaction.atomic():
        leader_head = _link_demo_leader(plan) if root.code == "T01" else None
        for year, code in codes.items():
            if EvaluationCycle.objects.filter(code=code).exists():
                continue
            closed = year < 2025
            cycle = EvaluationCycle.objects.create(
                code=code,
                name=f"Đánh giá, xếp loại chất lượng năm {year} — {root.name}",
                unit=root,
                kind=CycleKind.ANNUAL,
                year=year,
                pack=PACKS[year],
                status=CycleStatus.CLOSED if closed else CycleStatus.OPEN,
                self_review_due=dt.date(year, 12, 10) if closed else today - dt.timedelta(days=5),
                comments_due=dt.date(year, 12, 20) if closed else today + dt.timedelta(days=7),
                appraisal_due=dt.date(year + 1, 1, 5) if closed else today + dt.timedelta(days=20),
                decision_due=dt.date(year + 1, 1, 20) if closed else today + dt.timedelta(days=35),
                closed_at=timezone.make_aware(dt.datetime(year + 1, 1, 25, 17)) if closed else None,
            )
            stages: dict[int, str] = (
                {u.pk: str(Stage.DECIDED) for u in plan.units} if closed else _stages_2025(plan)
            )
            outcome = _cycle_ratings(plan, cycle, rng, stages, specialist)
            if not closed and leader_head is not None:
                for evaluation in outcome.evaluations:
                    if evaluation.person_id == leader_head.pk:
                        _reset_to_pending(evaluation)
            Evaluation.objects.bulk_create(outcome.evaluations, batch_size=2000)
            if with_steps:
                EvaluationStep.objects.bulk_create(_steps(outcome.evaluations), batch_size=5000)
            Justification.objects.bulk_create(outcome.justifications)
            created += len(outcome.evaluations)
            summary[code] = {
                "evaluations": len(outcome.evaluations),
                "justifications": len(outcome.justifications),
                **dict(outcome.counts),
            }
        record(
            actor=None,
            action="evaluation.bulk_seed",
            target=root,
            unit_path=root.path,
            summary={"cycles": summary, "inflated_units": len(plan.inflated)},
        )
    stdout.write(
        f"Đợt đánh giá mẫu của {root.code}: {', '.join(summary)}; tạo mới {created} phiếu đánh giá "
        f"({len(plan.inflated)} chi bộ có dấu hiệu xếp loại cao bất thường).\n"
    )
    return created


def _reset_to_pending(evaluation: Evaluation) -> None:
    for name in ("self_score", "proposed_score", "final_score", "decided_at"):
        setattr(evaluation, name, None)
    for name in (
        "self_rating",
        "suggested_rating",
        "proposed_rating",
        "final_rating",
        "self_review",
        "evidence",
        "comments",
        "proposal_reason",
    ):
        setattr(evaluation, name, "")
    evaluation.self_criteria = {}
    evaluation.stage = Stage.PENDING


def seed_evaluations(*, scale: str, rng: random.Random, stdout: Any) -> None:
    """The demo cycles (2024 closed, 2025 open) over T01 and T02, and the big province with ``province``."""
    codes = list(SMALL_ROOTS) + ([PROVINCE.code] if scale == "province" else [])
    roots = {u.code: u for u in OrgUnit.objects.filter(code__in=codes, valid_to__isnull=True)}
    for code in codes:
        if code in roots:
            # Each root draws from its own generator.
            _seed_root(roots[code], random.Random(f"{rng.getrandbits(32)}:{code}"), stdout)
