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

This module plans who is evaluated where and writes the rows; the ratings of one
cycle are drawn in ``evaluation_ratings.py``.

Keyed on the cycle code: running again creates nothing. Rows are bulk-created in
one transaction per province with one ``evaluation.bulk_seed`` audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.audit.services import record
from tochuc.demo.evaluation_ratings import (
    IDENTICAL_RULE,
    INFLATION_RULE,
    STAGE_ORDER,
    _cycle_ratings,
)
from tochuc.demo.province import PROVINCE
from tochuc.evaluations.models import (
    CycleKind,
    CycleStatus,
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    Frame,
    Justification,
    Stage,
)
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import MembershipStatus, Person, PersonDiscipline
from tochuc.positions.models import Assignment

__all__ = ["IDENTICAL_RULE", "INFLATION_RULE", "seed_evaluations"]

SMALL_ROOTS = ("T01", "T02")
PACKS = {2024: "qd124-2023", 2025: "qd366-2025"}
COMMUNE_HEAD_POSITION = "Bí thư Đảng ủy"
DEMO_LEADER = "demo.xa"
DEMO_SPECIALIST = "demo.tinh"
# 2025: how far each child unit of the province has come, by the child's position.
PROFILES_2025 = (Stage.APPRAISAL, Stage.DECIDED, Stage.COMMENTS, Stage.SELF_REVIEW, Stage.PENDING)


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


def _seed_root(root: OrgUnit, rng: random.Random, stdout: TextIOBase) -> int:
    codes = {year: f"DG{year}-{root.code}" for year in PACKS}
    if EvaluationCycle.objects.filter(code__in=codes.values()).count() == len(codes):
        stdout.write(f"Đợt đánh giá mẫu của {root.code}: đã có, không tạo thêm.\n")
        return 0
    plan = _plan(root, rng)
    specialist = User.objects.filter(username=DEMO_SPECIALIST).first() if root.code == "T01" else None
    with_steps = root.code != PROVINCE.code  # the big province: results only, no step history
    today = timezone.localdate()
    created = 0
    summary: dict[str, object] = {}
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
            # Written before the decisions they allowed (the demo is written today).
            decided = [e.decided_at for e in outcome.evaluations if e.decided_at is not None]
            if decided:
                Justification.objects.filter(cycle=cycle).update(
                    created_at=min(decided) - dt.timedelta(days=2)
                )
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


def seed_evaluations(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
    """The demo cycles (2024 closed, 2025 open) over T01 and T02, and the big province with ``province``."""
    codes = list(SMALL_ROOTS) + ([PROVINCE.code] if scale == "province" else [])
    roots = {u.code: u for u in OrgUnit.objects.filter(code__in=codes, valid_to__isnull=True)}
    for code in codes:
        if code in roots:
            # Each root draws from its own generator.
            _seed_root(roots[code], random.Random(f"{rng.getrandbits(32)}:{code}"), stdout)
