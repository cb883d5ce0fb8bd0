"""The checks of the discipline rules: pure functions of the facts and the pack's numbers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tochuc.core.rules import Finding
from tochuc.rewards.party_age import add_years
from tochuc.rewards.rules.discipline_base import DisciplineFacts, DisciplinePack, DisciplineRule

MEMBER = ("reprimand", "warning", "removal", "expulsion")
PROBATIONARY = ("reprimand", "warning")
ORGANIZATION = ("reprimand", "warning", "dissolution")


def subject_form(facts: DisciplineFacts, pack: DisciplinePack, rule: DisciplineRule) -> Iterator[Finding]:
    allowed: tuple[str, ...]
    if facts.is_organization:
        allowed, who = ORGANIZATION, _("tổ chức đảng")
    elif facts.is_probationary:
        allowed, who = PROBATIONARY, _("đảng viên dự bị")
    else:
        allowed, who = MEMBER, _("đảng viên chính thức")
    if facts.form not in allowed:
        yield rule.finding(_("Hình thức này không áp dụng cho %(who)s") % {"who": who})


def dates(facts: DisciplineFacts, pack: DisciplinePack, rule: DisciplineRule) -> Iterator[Finding]:
    if facts.decided_on < facts.violation_on:
        yield rule.finding(_("Ngày quyết định trước ngày vi phạm"))


def time_limit(facts: DisciplineFacts, pack: DisciplinePack, rule: DisciplineRule) -> Iterator[Finding]:
    years = pack.limit_years(facts.form)
    if years is None or facts.no_time_limit:
        return
    expires = add_years(facts.violation_on, years)
    if facts.decided_on > expires:
        yield rule.finding(
            _("Đã hết thời hiệu %(years)s năm kể từ ngày vi phạm %(day)s (hết ngày %(expires)s)")
            % {
                "years": years,
                "day": facts.violation_on.strftime("%d/%m/%Y"),
                "expires": expires.strftime("%d/%m/%Y"),
            }
        )
