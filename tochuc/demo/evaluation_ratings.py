"""Demo evaluations, the ratings of one cycle: who gets which rating, points, task figures and texts.

Collectives are rated first, within their siblings; members follow, the head never above the
collective led, Excellent within 20 % of Good, the points in the rating's band. The inflated cells
and the cell with identical scores that ``evaluations._plan`` picked get their pattern here, and in
a decided unit the justification that answers it. ``evaluations.py`` plans who is evaluated where
and writes the rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.evaluations.documents import criteria_for
from tochuc.evaluations.models import (
    RATING_RANK,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    Frame,
    Justification,
    Rating,
    Stage,
    SubjectKind,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import MembershipStatus

if TYPE_CHECKING:
    from tochuc.demo.evaluations import Plan

# The rule ids the justifications answer (see tochuc/evaluations/rules/).
INFLATION_RULE = "inflation_pattern"
IDENTICAL_RULE = "identical_scores"

E: str = Rating.EXCELLENT
G: str = Rating.GOOD
C: str = Rating.COMPLETED
N: str = Rating.NOT_COMPLETED
INDIVIDUAL_WEIGHTS = ((E, 16.0), (G, 75.0), (C, 7.5), (N, 1.5))
COLLECTIVE_WEIGHTS = ((E, 12.0), (G, 68.0), (C, 17.0), (N, 3.0))
BANDS: dict[str, tuple[float, float]] = {E: (90, 98), G: (71, 89.5), C: (52, 69.5), N: (35, 49.5)}
STAGE_ORDER = (Stage.PENDING, Stage.SELF_REVIEW, Stage.COMMENTS, Stage.APPRAISAL, Stage.DECIDED)

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
