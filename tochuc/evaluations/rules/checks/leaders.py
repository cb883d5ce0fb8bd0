"""Checks of leaders: a head or a member on a leader frame who must be rated Not completed (unit tasks
done, subordinate units Not completed, low confidence, discipline, degeneration).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from tochuc.evaluations.rules.base import EvalRule, Finding, RulePack, rule_finding
from tochuc.evaluations.rules.checks.common import _, label, limit_pct, num, pct
from tochuc.evaluations.rules.facts import (
    LEADER_FRAMES,
    CycleFacts,
    EvalFact,
    share_above,
    share_below,
)


def _leaders(facts: CycleFacts, *, heads_only: bool) -> list[EvalFact]:
    """Heads (or heads and everyone on a leader frame) rated above Not completed; built once per run."""
    key = "_heads" if heads_only else "_leaders"
    cached: list[EvalFact] | None = facts.__dict__.get(key)
    if cached is None:
        cached = [
            ev
            for ev in facts.in_scope()
            if ev.person_id is not None
            and ev.stage != "not_reviewed"
            and ev.rating not in ("", "not_completed")
            and (ev.is_head or (not heads_only and ev.frame in LEADER_FRAMES))
        ]
        facts.__dict__[key] = cached
    return cached


def _leader_finding(facts: CycleFacts, rule: EvalRule, ev: EvalFact, reason: str) -> Finding:
    return rule_finding(
        rule,
        unit=facts.code(ev.unit_id),
        person=ev.person_code,
        evaluation_id=ev.id,
        message=_(
            "Cán bộ lãnh đạo, quản lý {reason} thì xếp loại «{nc}», nhưng đang được xếp loại «{rating}»."
        ).format(reason=reason, nc=label("not_completed"), rating=label(ev.rating)),
    )


def leader_unit_tasks(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """Head of a unit whose collective evaluation shows less than 70 % of tasks done."""
    for ev in _leaders(facts, heads_only=True):
        collective = facts.collective.get(ev.unit_id)
        if collective is None or not share_below(
            collective.tasks_done, collective.tasks_total, pack.leader_min_done_share
        ):
            continue
        yield _leader_finding(
            facts,
            rule,
            ev,
            _("có đơn vị do mình lãnh đạo chỉ hoàn thành {share} nhiệm vụ (dưới {limit})").format(
                share=pct(collective.tasks_done, collective.tasks_total),
                limit=limit_pct(pack.leader_min_done_share),
            ),
        )


def leader_units_not_completed(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """Head of a unit more than half of whose directly subordinate units are rated Not completed."""
    for ev in _leaders(facts, heads_only=True):
        rated = [c for c in facts.child_collectives(ev.unit_id) if c.counts]
        failing = [c for c in rated if c.rating == "not_completed"]
        if not share_above(len(failing), len(rated), pack.leader_max_not_completed_units_share):
            continue
        finding = _leader_finding(
            facts,
            rule,
            ev,
            _("có {n}/{total} đơn vị trực thuộc ({share}, trên {limit}) xếp loại «{nc}»").format(
                n=len(failing),
                total=len(rated),
                share=pct(len(failing), len(rated)),
                limit=limit_pct(pack.leader_max_not_completed_units_share),
                nc=label("not_completed"),
            ),
        )
        yield finding


def leader_low_confidence(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    limit = Decimal(str(pack.leader_max_low_confidence_share))
    for ev in _leaders(facts, heads_only=False):
        if ev.low_confidence_share is None or Decimal(ev.low_confidence_share) <= limit:
            continue
        yield _leader_finding(
            facts,
            rule,
            ev,
            _("có {share} phiếu tín nhiệm thấp (trên {limit})").format(
                share=num(round(Decimal(ev.low_confidence_share) * 100, 1)) + "%",
                limit=limit_pct(pack.leader_max_low_confidence_share),
            ),
        )


def leader_disciplined(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    for ev in _leaders(facts, heads_only=False):
        if ev.disciplined:
            yield _leader_finding(facts, rule, ev, _("bị kỷ luật trong năm"))


def leader_degenerated(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    for ev in _leaders(facts, heads_only=False):
        if ev.degenerated:
            yield _leader_finding(
                facts, rule, ev, _("bị kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống")
            )
