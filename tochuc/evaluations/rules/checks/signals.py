"""Statistical signals: patterns that ask for a written justification (inflation, a unit far from its
siblings, identical scores, a jump since the previous cycle).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from tochuc.evaluations.rules.base import EvalRule, Finding, RulePack, rule_finding
from tochuc.evaluations.rules.checks.common import _, _who, label, num, pct
from tochuc.evaluations.rules.facts import (
    GOOD_OR_BETTER,
    RATING_RANK,
    CycleFacts,
    EvalFact,
    fraction,
)

# --- statistical signals ----------------------------------------------------------------------------


def _good_share(people: list[EvalFact]) -> tuple[int, int]:
    rated = [ev for ev in people if ev.counts]
    return sum(1 for ev in rated if ev.rating in GOOD_OR_BETTER), len(rated)


def inflation_pattern(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """(Almost) everyone Good or Excellent while the collective is only Completed or Not completed."""
    for unit_id, collective in facts.collective.items():
        if not facts.wanted(unit_id) or not collective.counts:
            continue
        if collective.rating not in ("completed", "not_completed"):
            continue
        good, rated = _good_share(facts.individuals.get(unit_id, []))
        if rated < pack.inflation_min_people:
            continue
        if Fraction(good, rated) >= fraction(pack.inflation_share):
            yield rule_finding(
                rule,
                unit=facts.code(unit_id),
                person=None,
                evaluation_id=collective.id,
                message=_(
                    "{good}/{rated} cá nhân ({share}) được xếp loại «{g}» trở lên trong khi tập thể chỉ "
                    "đạt mức «{rating}»; cần giải trình."
                ).format(
                    good=good,
                    rated=rated,
                    share=pct(good, rated),
                    g=label("good"),
                    rating=label(collective.rating),
                ),
            )


def far_from_siblings(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """The unit's share of Good/Excellent differs from its siblings' mean by more than the gap."""
    gap = fraction(pack.sibling_gap)
    for child_ids in facts.children.values():
        shares: dict[int, Fraction] = {}
        for unit_id in child_ids:
            good, rated = _good_share(facts.individuals.get(unit_id, []))
            if rated >= pack.inflation_min_people:
                shares[unit_id] = Fraction(good, rated)
        if len(shares) < 2:
            continue
        total = sum(shares.values(), Fraction(0))
        for unit_id, share in shares.items():
            if not facts.wanted(unit_id):
                continue
            mean = (total - share) / (len(shares) - 1)
            if abs(share - mean) <= gap:
                continue
            collective = facts.collective.get(unit_id)
            yield rule_finding(
                rule,
                unit=facts.code(unit_id),
                person=None,
                evaluation_id=collective.id if collective else None,
                message=_(
                    "Tỷ lệ cá nhân xếp loại «{g}» trở lên là {share}, chênh {diff} điểm phần trăm so với "
                    "bình quân {mean} của các đơn vị cùng cấp."
                ).format(
                    g=label("good"),
                    share=num(round(float(share) * 100, 1)) + "%",
                    diff=num(round(float(abs(share - mean)) * 100, 1)),
                    mean=num(round(float(mean) * 100, 1)) + "%",
                ),
            )


def identical_scores(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """Everybody in a unit (at least ``identical_min_people``) has exactly the same score."""
    for unit_id, people in facts.individuals.items():
        if not facts.wanted(unit_id):
            continue
        scored = [ev for ev in people if ev.stage != "not_reviewed" and ev.score is not None]
        if len(scored) < pack.identical_min_people or len(scored) < len([ev for ev in people if ev.counts]):
            continue
        scores = {ev.score for ev in scored if ev.score is not None}
        if len(scores) == 1:
            collective = facts.collective.get(unit_id)
            yield rule_finding(
                rule,
                unit=facts.code(unit_id),
                person=None,
                evaluation_id=collective.id if collective else None,
                message=_("Tất cả {n} cá nhân của đơn vị có cùng số điểm {score}; cần giải trình.").format(
                    n=len(scored), score=num(scores.pop())
                ),
            )


def rating_jump(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """The rating moved by ``jump_levels`` or more since the previous cycle of the same kind."""
    for ev in facts.in_scope():
        if not ev.counts:
            continue
        before = (
            facts.previous_unit.get(ev.unit_id)
            if ev.is_collective
            else facts.previous_person.get(ev.person_id or 0)
        )
        if not before or before not in RATING_RANK:
            continue
        change = RATING_RANK[ev.rating] - RATING_RANK[before]
        if abs(change) < pack.jump_levels:
            continue
        if change > 0:
            template = _("{who} tăng {n} mức so với {previous}: từ «{before}» lên «{now}».")
        else:
            template = _("{who} giảm {n} mức so với {previous}: từ «{before}» xuống «{now}».")
        yield rule_finding(
            rule,
            unit=facts.code(ev.unit_id),
            person=ev.person_code,
            evaluation_id=ev.id,
            message=template.format(
                who=_who(ev),
                n=abs(change),
                previous=facts.previous_label or _("đợt đánh giá trước"),
                before=label(before),
                now=label(ev.rating),
            ),
        )
