"""What every edition of the award's rules shares: the forms, the topics and the four rules."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.award.rules import checks
from tochuc.award.rules.base import EntryRule
from tochuc.core.rules import Rule, Severity

FORMS = ("print", "online", "radio", "television", "photo")

# What "about Party building" covers, as the award's criteria word it; the grouping is ours.
TOPICS = (
    ("politics", _("Xây dựng Đảng về chính trị")),
    ("ideology", _("Xây dựng Đảng về tư tưởng, bảo vệ nền tảng tư tưởng của Đảng")),
    ("ethics", _("Xây dựng Đảng về đạo đức")),
    ("organization", _("Xây dựng Đảng về tổ chức, cán bộ, đảng viên")),
    ("inspection", _("Kiểm tra, giám sát, kỷ luật đảng")),
    ("mass_mobilization", _("Công tác dân vận, xây dựng hệ thống chính trị")),
    ("anti_corruption", _("Phòng, chống tham nhũng, lãng phí, tiêu cực")),
)


def entry_rules(citation: str) -> tuple[EntryRule, ...]:
    return (
        Rule(
            "window",
            Severity.BLOCK,
            f"{citation}, thời gian đăng, phát tác phẩm",
            _("Đăng, phát trong thời gian xét giải ({window})"),
            checks.window,
        ),
        Rule(
            "form",
            Severity.BLOCK,
            f"{citation}, loại hình báo chí dự giải",
            _("Thuộc một loại hình báo chí dự giải"),
            checks.form,
        ),
        Rule(
            "topic",
            Severity.BLOCK,
            f"{citation}, tiêu chí tác phẩm về công tác xây dựng Đảng",
            _("Viết về công tác xây dựng Đảng"),
            checks.topic,
        ),
        Rule(
            "author_limit",
            Severity.BLOCK,
            f"{citation}, số tác phẩm mỗi tác giả, nhóm tác giả được gửi",
            _("Mỗi tác giả, nhóm tác giả tối đa {author_limit} tác phẩm"),
            checks.author_limit,
        ),
    )
