"""The checks the packs are built from: pure functions over ``CycleFacts``.

Each check has the signature ``(facts, pack, rule) -> Iterator[Finding]``: the pack gives the numbers,
the rule gives the id, the severity and the citation appended to every message. A pack module lists
the checks that its regulation has (``Rule(id, severity, citation, title, check)``).

Boundaries follow the words of the regulation: "more than 20 %" / "more than 50 %" are strict (exactly
20 % or 50 % passes), "less than 70 %" is strict (exactly 70 % passes), "at least 30 %" and point bands
are inclusive at their lower end (90 is Excellent, 89.9 is not).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext

from tochuc.evaluations.models import Rating
from tochuc.evaluations.rules.base import Finding, Rule, RulePack
from tochuc.evaluations.rules.facts import (
    GOOD_OR_BETTER,
    LEADER_FRAMES,
    RATING_RANK,
    CycleFacts,
    EvalFact,
    add_months,
    fraction,
    share_above,
    share_below,
)

RESTRICTED_MEMBERSHIP = frozenset({"exempt", "suspended"})


# Translations and labels are cached for one run (``engine.run`` calls ``reset_cache`` first, in the
# language active then): a province cycle makes thousands of messages, and ``get_language`` per
# message would cost more than all the rules together.
_TRANSLATED: dict[str, str] = {}
_LABELS: dict[str, str] = {}


def reset_cache() -> None:
    _TRANSLATED.clear()
    _LABELS.clear()


def _(message: str) -> str:
    """``gettext``, cached for the current run."""
    text = _TRANSLATED.get(message)
    if text is None:
        text = _TRANSLATED[message] = gettext(message)
    return text


def label(rating: str) -> str:
    """The Vietnamese label of a rating, cached for the current run."""
    text = _LABELS.get(rating)
    if text is None:
        try:
            text = str(Rating(rating).label)
        except ValueError:
            text = rating
        _LABELS[rating] = text
    return text


def num(value: Decimal | float | int) -> str:
    """A number the Vietnamese way: 89,9 · 90."""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


def pct(count: int, total: int) -> str:
    if total == 0:
        return "0%"
    value = Fraction(count * 100, total)
    return num(round(float(value), 1)) + "%"


def limit_pct(share: float) -> str:
    return num(round(share * 100, 1)) + "%"


def _who(ev: EvalFact) -> str:
    return _("Tập thể") if ev.is_collective else _("Cá nhân")


# --- per evaluation --------------------------------------------------------------------------------


def rating_outside_band(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    """The rating given with a score lies outside that score's point band."""
    for ev in facts.in_scope():
        if ev.stage == "not_reviewed":
            continue
        rating, score = ev.rated_pair
        if not rating or score is None:
            continue
        expected = pack.rating_for_score(score)
        if expected == rating:
            continue
        low, high = pack.band(rating)
        yield rule.finding(
            unit=facts.code(ev.unit_id),
            person=ev.person_code,
            evaluation_id=ev.id,
            message=_(
                "{who} được xếp loại «{rating}» với {score} điểm; khung điểm của mức này là từ {low} "
                "đến {high} điểm, {score} điểm tương ứng mức «{expected}»."
            ).format(
                who=_who(ev),
                rating=label(rating),
                score=num(score),
                low=num(low),
                high=_("100") if rating == "excellent" else _("dưới {n}").format(n=num(high)),
                expected=label(expected),
            ),
        )


def not_reviewable_rated(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    """A member who must not be reviewed (exempt, suspended, admitted too recently) has a rating."""
    end = facts.period_end
    # Admitted after this day = less than ``min_membership_months`` before the end of the period.
    cutoff = add_months(end, -pack.min_membership_months)
    for ev in facts.in_scope():
        if ev.is_collective or not ev.rating:
            continue
        if ev.membership_status in RESTRICTED_MEMBERSHIP:
            reason = (
                _("đang được miễn sinh hoạt đảng")
                if ev.membership_status == "exempt"
                else _("đang bị đình chỉ sinh hoạt đảng")
            )
        elif ev.admitted_on is not None and ev.admitted_on > cutoff:
            reason = _("vào Đảng ngày {day}, chưa đủ {n} tháng tính đến {end}").format(
                day=ev.admitted_on.strftime("%d/%m/%Y"),
                n=pack.min_membership_months,
                end=end.strftime("%d/%m/%Y"),
            )
        else:
            continue
        yield rule.finding(
            unit=facts.code(ev.unit_id),
            person=ev.person_code,
            evaluation_id=ev.id,
            message=_(
                "Đảng viên {reason} thuộc diện không đánh giá, xếp loại nhưng đã có mức «{rating}»."
            ).format(reason=reason, rating=label(ev.rating)),
        )


def excellent_preconditions(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    """Excellent needs every task on time, at least 30 % exceeding, no discipline; for a collective,
    also no subordinate unit and no member of its leadership disciplined.

    Task conditions are checked only when task figures exist (``tasks_total > 0``): with no figures
    the data says nothing either way. The leadership of a collective is read as the individuals
    evaluated in that unit who are its head or on a leader frame.
    """
    for ev in facts.in_scope():
        if ev.rating != "excellent" or ev.stage == "not_reviewed":
            continue
        reasons: list[str] = []
        if ev.tasks_total > 0:
            if share_below(ev.tasks_on_time, ev.tasks_total, pack.excellent_on_time_share):
                reasons.append(
                    _("chỉ {share} nhiệm vụ hoàn thành đúng hạn (cần {need})").format(
                        share=pct(ev.tasks_on_time, ev.tasks_total),
                        need=limit_pct(pack.excellent_on_time_share),
                    )
                )
            if share_below(ev.tasks_exceeding, ev.tasks_total, pack.excellent_exceeding_share):
                reasons.append(
                    _("chỉ {share} nhiệm vụ vượt yêu cầu (cần ít nhất {need})").format(
                        share=pct(ev.tasks_exceeding, ev.tasks_total),
                        need=limit_pct(pack.excellent_exceeding_share),
                    )
                )
        if ev.disciplined:
            reasons.append(_("bị kỷ luật trong năm"))
        if ev.is_collective:
            units = [c for c in facts.child_collectives(ev.unit_id) if c.disciplined]
            if units:
                reasons.append(
                    _("có {n} đơn vị trực thuộc bị kỷ luật ({codes})").format(
                        n=len(units), codes=", ".join(facts.code(c.unit_id) for c in units)
                    )
                )
            leaders = [
                p
                for p in facts.individuals.get(ev.unit_id, ())
                if p.disciplined and (p.is_head or p.frame in LEADER_FRAMES)
            ]
            if leaders:
                reasons.append(
                    _("có {n} thành viên lãnh đạo bị kỷ luật ({codes})").format(
                        n=len(leaders), codes=", ".join(str(p.person_code) for p in leaders)
                    )
                )
        if reasons:
            yield rule.finding(
                unit=facts.code(ev.unit_id),
                person=ev.person_code,
                evaluation_id=ev.id,
                message=_("{who} được xếp loại «{rating}» nhưng chưa đủ điều kiện: {reasons}.").format(
                    who=_who(ev), rating=label("excellent"), reasons="; ".join(reasons)
                ),
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


def _leader_finding(facts: CycleFacts, rule: Rule, ev: EvalFact, reason: str) -> Finding:
    return rule.finding(
        unit=facts.code(ev.unit_id),
        person=ev.person_code,
        evaluation_id=ev.id,
        message=_(
            "Cán bộ lãnh đạo, quản lý {reason} thì xếp loại «{nc}», nhưng đang được xếp loại «{rating}»."
        ).format(reason=reason, nc=label("not_completed"), rating=label(ev.rating)),
    )


def leader_unit_tasks(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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


def leader_units_not_completed(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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


def leader_low_confidence(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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


def leader_disciplined(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    for ev in _leaders(facts, heads_only=False):
        if ev.disciplined:
            yield _leader_finding(facts, rule, ev, _("bị kỷ luật trong năm"))


def leader_degenerated(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    for ev in _leaders(facts, heads_only=False):
        if ev.degenerated:
            yield _leader_finding(
                facts, rule, ev, _("bị kết luận suy thoái về tư tưởng chính trị, đạo đức, lối sống")
            )


def collective_late_tasks(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
            yield rule.finding(
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


def collective_disciplined_units(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
            yield rule.finding(
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


def head_above_collective(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    """The head may not be rated above the collective he or she leads."""
    for unit_id, collective in facts.collective.items():
        if not facts.wanted(unit_id) or not collective.counts:
            continue
        for head in facts.heads(unit_id):
            if not head.counts or RATING_RANK[head.rating] <= RATING_RANK[collective.rating]:
                continue
            yield rule.finding(
                unit=facts.code(unit_id),
                person=head.person_code,
                evaluation_id=head.id,
                related=(collective.id,),
                message=_(
                    "Người đứng đầu được xếp loại «{head}», cao hơn mức «{collective}» của tập thể do mình "
                    "lãnh đạo."
                ).format(head=label(head.rating), collective=label(collective.rating)),
            )


def collective_before_head(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
    """The collective is rated first, then its head: a head decided while the collective is not.

    Only where the cycle has an evaluation of that collective; a unit the cycle does not rate as a
    collective has nothing to wait for.
    """
    for unit_id, collective in facts.collective.items():
        if not facts.wanted(unit_id) or collective.final_rating or collective.stage == "not_reviewed":
            continue
        for head in facts.heads(unit_id):
            if head.final_rating:
                yield rule.finding(
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
    facts: CycleFacts, pack: RulePack, rule: Rule, group_id: int, members: list[EvalFact], whom: str
) -> Finding | None:
    excellent = [ev for ev in members if ev.rating == "excellent"]
    good = sum(1 for ev in members if ev.rating == "good")
    if not excellent:
        return None
    share = fraction(pack.excellent_quota_share)
    if Fraction(len(excellent)) <= share * good:
        return None
    allowed = int(share * good)
    return rule.finding(
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


def excellent_quota(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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


# --- statistical signals ----------------------------------------------------------------------------


def _good_share(people: list[EvalFact]) -> tuple[int, int]:
    rated = [ev for ev in people if ev.counts]
    return sum(1 for ev in rated if ev.rating in GOOD_OR_BETTER), len(rated)


def inflation_pattern(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
            yield rule.finding(
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


def far_from_siblings(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
            yield rule.finding(
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


def identical_scores(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
            yield rule.finding(
                unit=facts.code(unit_id),
                person=None,
                evaluation_id=collective.id if collective else None,
                message=_("Tất cả {n} cá nhân của đơn vị có cùng số điểm {score}; cần giải trình.").format(
                    n=len(scored), score=num(scores.pop())
                ),
            )


def rating_jump(facts: CycleFacts, pack: RulePack, rule: Rule) -> Iterator[Finding]:
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
        yield rule.finding(
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
