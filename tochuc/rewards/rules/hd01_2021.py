"""Hướng dẫn 01-HD/TW 2021, §18: the Party badge.

Badges at 30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85 and 90 years of party age, given at the
anniversaries 3/2, 19/5, 2/9 and 7/11 (other important anniversaries at the grassroots). A member
seriously ill may receive it early, by at most 12 months for 30 to 65 years and 24 months for 70 to 90
years; posthumously by at most 12 months early. Party age counts from the admission decision, for full
members, minus the periods outside Party activity.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.rewards.rules import checks
from tochuc.rewards.rules.base import BadgePack, BadgeRule

H = "Hướng dẫn 01-HD/TW năm 2021, điểm 18"

FULL_MEMBER: BadgeRule = Rule(
    "full_member",
    Severity.BLOCK,
    f"{H}, tuổi đảng tính cho đảng viên chính thức từ ngày ghi trong quyết định kết nạp",
    _("Chỉ đảng viên chính thức"),
    checks.full_member,
)
MILESTONE: BadgeRule = Rule(
    "milestone",
    Severity.BLOCK,
    f"{H}, các mốc Huy hiệu Đảng",
    _("Mốc {milestones} năm tuổi đảng"),
    checks.milestone,
)
REACHED: BadgeRule = Rule(
    "reached",
    Severity.BLOCK,
    f"{H}, tặng sớm khi ốm nặng tối đa 12 tháng (mốc 30–65 năm), 24 tháng (mốc 70–90 năm); truy tặng tối đa 12 tháng",
    _(
        "Đủ tuổi đảng đến ngày trao; ốm nặng sớm tối đa {illness_early_months} tháng "
        "(từ {illness_long_from} năm: {illness_long_early_months} tháng); truy tặng {posthumous_early_months} tháng"
    ),
    checks.reached,
)
EARLY_REASON: BadgeRule = Rule(
    "early_reason",
    Severity.BLOCK,
    f"{H}, trường hợp đặc biệt xét tặng sớm",
    _("Xét tặng sớm phải có lý do"),
    checks.early_reason,
)
OCCASION: BadgeRule = Rule(
    "occasion",
    Severity.BLOCK,
    f"{H}, trao vào các ngày kỷ niệm 3/2, 19/5, 2/9, 7/11 hoặc ngày kỷ niệm quan trọng khác",
    _("Trao vào các dịp {ceremony_days} hoặc ngày kỷ niệm khác có ghi tên"),
    checks.occasion,
)

PACK = BadgePack(
    code="hd01-2021",
    name="Hướng dẫn 01-HD/TW năm 2021 (Huy hiệu Đảng)",
    citation="Hướng dẫn 01-HD/TW",
    milestones=(30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90),
    ceremony_days=((2, 3), (5, 19), (9, 2), (11, 7)),
    illness_early_months=12,
    illness_long_from=70,
    illness_long_early_months=24,
    posthumous_early_months=12,
    rules=(FULL_MEMBER, MILESTONE, REACHED, EARLY_REASON, OCCASION),
)
