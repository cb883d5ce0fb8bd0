"""Checks of one evaluation on its own: the rating within its point band, who may not be rated,
the conditions of Excellent.
"""

from __future__ import annotations

from collections.abc import Iterator

from tochuc.evaluations.rules.base import EvalRule, Finding, RulePack, rule_finding
from tochuc.evaluations.rules.checks.common import RESTRICTED_MEMBERSHIP, _, _who, label, limit_pct, num, pct
from tochuc.evaluations.rules.facts import (
    LEADER_FRAMES,
    CycleFacts,
    add_months,
    share_below,
)

# --- per evaluation --------------------------------------------------------------------------------


def rating_outside_band(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
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
        yield rule_finding(
            rule,
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


def not_reviewable_rated(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
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
        yield rule_finding(
            rule,
            unit=facts.code(ev.unit_id),
            person=ev.person_code,
            evaluation_id=ev.id,
            message=_(
                "Đảng viên {reason} thuộc diện không đánh giá, xếp loại nhưng đã có mức «{rating}»."
            ).format(reason=reason, rating=label(ev.rating)),
        )


def excellent_preconditions(facts: CycleFacts, pack: RulePack, rule: EvalRule) -> Iterator[Finding]:
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
            yield rule_finding(
                rule,
                unit=facts.code(ev.unit_id),
                person=ev.person_code,
                evaluation_id=ev.id,
                message=_("{who} được xếp loại «{rating}» nhưng chưa đủ điều kiện: {reasons}.").format(
                    who=_who(ev), rating=label("excellent"), reasons="; ".join(reasons)
                ),
            )
