"""Checks of collectives and of groups of evaluations: a collective's late tasks and disciplined units,
the head against the collective led, and the Excellent quota of a group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from fractions import Fraction

from tochuc.evaluations.rules.base import EvalRule, Finding, RulePack, rule_finding
from tochuc.evaluations.rules.checks.common import _, label, limit_pct, pct
from tochuc.evaluations.rules.facts import (
    RATING_RANK,
    CycleFacts,
    EvalFact,
    fraction,
    share_above,
)


def collective_late_tasks(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """A collective rated Completed or better with more than 20 % of its tasks late.

    The regulation says a collective rated Completed "may have at most" 20 % late: a ceiling on the
    lowest passing level, so a fortiori on the levels above; a collective beyond it can only be Not
    completed. A ceiling the text sets is not a statistical signal, hence ``block`` in the packs.
    """
    for ev in facts.in_scope():
        if not ev.is_collective or ev.stage == "not_reviewed":
            continue
        if not ev.rating or ev.rating == "not_completed":
            continue
        if share_above(ev.tasks_late, ev.tasks_total, pack.completed_max_late_share):
            yield rule_finding(
                rule,
                unit=facts.code(ev.unit_id),
                person=None,
                evaluation_id=ev.id,
                message=_(
                    "Tập thể được xếp loại «{rating}» nhưng có {share} nhiệm vụ chậm tiến độ "
                    "({late}/{total}); từ mức «{completed}» trở lên chỉ được chậm tối đa {limit}."
                ).format(
                    rating=label(ev.rating),
                    share=pct(ev.tasks_late, ev.tasks_total),
                    late=ev.tasks_late,
                    total=ev.tasks_total,
                    completed=label("completed"),
                    limit=limit_pct(pack.completed_max_late_share),
                ),
            )


def collective_disciplined_units(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """(124-QĐ/TW) A collective more than 20 % of whose subordinate units were disciplined is Not completed."""
    limit = pack.collective_max_disciplined_units_share
    if limit is None:
        return
    for unit_id, ev in facts.collective.items():
        if not facts.wanted(unit_id) or not ev.rating or ev.rating == "not_completed":
            continue
        units = facts.child_collectives(unit_id)
        disciplined = [c for c in units if c.disciplined]
        if share_above(len(disciplined), len(units), limit):
            yield rule_finding(
                rule,
                unit=facts.code(unit_id),
                person=None,
                evaluation_id=ev.id,
                message=_(
                    "Tập thể có {n}/{total} đơn vị trực thuộc bị kỷ luật ({share}, trên {limit}) thì "
                    "xếp loại «{nc}», nhưng đang được xếp loại «{rating}»."
                ).format(
                    n=len(disciplined),
                    total=len(units),
                    share=pct(len(disciplined), len(units)),
                    limit=limit_pct(limit),
                    nc=label("not_completed"),
                    rating=label(ev.rating),
                ),
            )


# --- head and collective -----------------------------------------------------------------------------


def head_above_collective(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """The head may not be rated above the collective he or she leads."""
    for unit_id, collective in facts.collective.items():
        if not facts.wanted(unit_id) or not collective.counts:
            continue
        for head in facts.heads(unit_id):
            if not head.counts or RATING_RANK[head.rating] <= RATING_RANK[collective.rating]:
                continue
            yield rule_finding(
                rule,
                unit=facts.code(unit_id),
                person=head.person_code,
                evaluation_id=head.id,
                related=(collective.id,),
                message=_(
                    "Người đứng đầu được xếp loại «{head}», cao hơn mức «{collective}» của tập thể do mình "
                    "lãnh đạo."
                ).format(head=label(head.rating), collective=label(collective.rating)),
            )


def collective_before_head(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """The collective is rated first, then its head: a head decided while the collective is not.

    Only where the cycle has an evaluation of that collective; a unit the cycle does not rate as a
    collective has nothing to wait for.
    """
    for unit_id, collective in facts.collective.items():
        if not facts.wanted(unit_id) or collective.final_rating or collective.stage == "not_reviewed":
            continue
        for head in facts.heads(unit_id):
            if head.final_rating:
                yield rule_finding(
                    rule,
                    unit=facts.code(unit_id),
                    person=head.person_code,
                    evaluation_id=head.id,
                    related=(collective.id,),
                    message=_(
                        "Người đứng đầu đã được quyết định xếp loại trong khi tập thể do mình lãnh đạo "
                        "chưa được quyết định xếp loại; phải xếp loại tập thể trước."
                    ),
                )


# --- groups ------------------------------------------------------------------------------------------


def _quota_finding(
    facts: CycleFacts, pack: RulePack, rule: EvalRule, group_id: int, members: list[EvalFact], whom: str
) -> Finding | None:
    excellent = [ev for ev in members if ev.rating == "excellent"]
    good = sum(1 for ev in members if ev.rating == "good")
    if not excellent:
        return None
    share = fraction(pack.excellent_quota_share)
    if Fraction(len(excellent)) <= share * good:
        return None
    allowed = int(share * good)
    return rule_finding(
        rule,
        unit=facts.code(group_id),
        person=None,
        related=tuple(ev.id for ev in excellent),
        message=_(
            "{whom}: {n} được xếp loại «{excellent}», vượt quá {limit} số được xếp loại «{good}» "
            "({good_n}, tối đa {allowed})."
        ).format(
            whom=whom,
            n=len(excellent),
            excellent=label("excellent"),
            limit=limit_pct(pack.excellent_quota_share),
            good=label("good"),
            good_n=good,
            allowed=allowed,
        ),
    )


def excellent_quota(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
    """Excellent ≤ 20 % of the number rated Good: individuals per grassroots organization (the pack's
    ``quota_group_kind``), collectives among the units directly under the same parent."""
    groups: dict[int, list[EvalFact]] = defaultdict(list)
    group_of: dict[int, int] = {}
    for unit_id, people in facts.individuals.items():
        if unit_id not in group_of:
            group_of[unit_id] = facts.quota_group(unit_id, pack.quota_group_kind)
        groups[group_of[unit_id]].extend(ev for ev in people if ev.counts)
    for group_id in sorted(groups, key=lambda g: facts.units[g].path if g in facts.units else ""):
        if not facts.wanted(group_id):
            continue
        unit = facts.units.get(group_id)
        whom = _("Cá nhân thuộc {unit}").format(unit=unit.name or unit.code if unit else group_id)
        finding = _quota_finding(facts, pack, rule, group_id, groups[group_id], whom)
        if finding:
            yield finding
    for parent_id, child_ids in facts.children.items():
        if not facts.wanted(parent_id):
            continue
        members = [facts.collective[c] for c in child_ids if c in facts.collective]
        members = [ev for ev in members if ev.counts]
        unit = facts.units.get(parent_id)
        whom = _("Tập thể trực thuộc {unit}").format(unit=unit.name or unit.code if unit else parent_id)
        finding = _quota_finding(facts, pack, rule, parent_id, members, whom)
        if finding:
            yield finding
