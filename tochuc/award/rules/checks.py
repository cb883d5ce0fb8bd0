"""The eligibility checks of an award entry: pure functions of the facts and the pack's numbers."""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _

from tochuc.award.rules.base import AwardPack, EntryFacts, EntryRule
from tochuc.core.rules import Finding


def _d(day: object) -> str:
    return day.strftime("%d/%m/%Y") if hasattr(day, "strftime") else str(day)


def window(facts: EntryFacts, pack: AwardPack, rule: EntryRule) -> Iterator[Finding]:
    if not facts.window_start <= facts.published_on <= facts.window_end:
        yield rule.finding(
            _("Đăng, phát ngày %(on)s, ngoài thời gian xét giải từ %(start)s đến %(end)s")
            % {"on": _d(facts.published_on), "start": _d(facts.window_start), "end": _d(facts.window_end)}
        )


def form(facts: EntryFacts, pack: AwardPack, rule: EntryRule) -> Iterator[Finding]:
    if facts.form not in pack.forms:
        yield rule.finding(_("Loại hình báo chí không thuộc các loại hình dự giải"))


def topic(facts: EntryFacts, pack: AwardPack, rule: EntryRule) -> Iterator[Finding]:
    if facts.topic not in dict(pack.topics):
        yield rule.finding(_("Nội dung không về công tác xây dựng Đảng, xây dựng hệ thống chính trị"))


def author_limit(facts: EntryFacts, pack: AwardPack, rule: EntryRule) -> Iterator[Finding]:
    for name, count in facts.author_counts:
        if count > pack.author_limit:
            message = (
                _("Tác giả %(name)s đã có %(limit)s tác phẩm cùng loại hình dự giải")
                if pack.author_limit_per_form
                else _("Tác giả %(name)s đã có %(limit)s tác phẩm dự giải")
            )
            yield rule.finding(message % {"name": name, "limit": pack.author_limit})
