"""The checks of the Party badge rules: pure functions of the facts and the pack's numbers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tochuc.core.rules import Finding
from tochuc.rewards.party_age import add_months, reached_on
from tochuc.rewards.rules.base import BadgeFacts, BadgePack, BadgeRule


def full_member(facts: BadgeFacts, pack: BadgePack, rule: BadgeRule) -> Iterator[Finding]:
    if not facts.is_full_member:
        yield rule.finding(_("Chỉ đảng viên chính thức mới được xét tặng Huy hiệu Đảng"))
    elif facts.admitted_on is None:
        yield rule.finding(_("Chưa có ngày vào Đảng để tính tuổi đảng"), key="date")


def milestone(facts: BadgeFacts, pack: BadgePack, rule: BadgeRule) -> Iterator[Finding]:
    if facts.years not in pack.milestones:
        yield rule.finding(
            _("%(years)s năm không phải mốc Huy hiệu Đảng (các mốc: %(milestones)s)")
            % {"years": facts.years, "milestones": pack.numbers()["milestones"]}
        )


def reached(facts: BadgeFacts, pack: BadgePack, rule: BadgeRule) -> Iterator[Finding]:
    if facts.admitted_on is None or facts.years not in pack.milestones:
        return
    due = reached_on(facts.admitted_on, facts.years, gap=facts.gap_days)
    if due <= facts.ceremony_on:
        return
    limit = pack.early_limit_months(facts.years, facts.early_reason)
    if limit == 0:
        yield rule.finding(
            _("Đến ngày %(day)s mới đủ %(years)s năm tuổi đảng")
            % {"day": due.strftime("%d/%m/%Y"), "years": facts.years}
        )
    elif add_months(due, -limit) > facts.ceremony_on:
        yield rule.finding(
            _("Đến ngày %(day)s mới đủ %(years)s năm tuổi đảng; chỉ được xét sớm tối đa %(months)s tháng")
            % {"day": due.strftime("%d/%m/%Y"), "years": facts.years, "months": limit},
            key="early",
        )


def early_reason(facts: BadgeFacts, pack: BadgePack, rule: BadgeRule) -> Iterator[Finding]:
    if facts.early_reason and not facts.reason.strip():
        yield rule.finding(_("Xét tặng sớm phải ghi rõ lý do"))


def occasion(facts: BadgeFacts, pack: BadgePack, rule: BadgeRule) -> Iterator[Finding]:
    if not pack.is_ceremony_day(facts.ceremony_on) and not facts.occasion.strip():
        yield rule.finding(
            _("Ngày trao không phải dịp %(days)s: phải ghi tên ngày kỷ niệm")
            % {"days": pack.numbers()["ceremony_days"]}
        )
