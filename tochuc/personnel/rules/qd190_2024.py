"""Quyết định 190-QĐ/TW 2024 on internal elections in the Party.

Secret ballot; a winner needs more than half of the total convened; surplus candidates at most 30 %
of the seats when several are elected (a committee). Quorum as for other conferences (2/3). The
conditions on candidates, the planning, rotation and confidence votes are those of the other texts
(listed with their own citations, from the 377 pack).
"""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.personnel.rules import checks, qd377_2025
from tochuc.personnel.rules.base import BallotRule, PersonnelPack

Q = "Quyết định 190-QĐ/TW năm 2024"

QUORUM: BallotRule = Rule(
    "quorum",
    Severity.BLOCK,
    f"{Q}, hội nghị, đại hội hợp lệ khi có đủ số người được triệu tập tham dự",
    _("Có mặt dưới {quorum} số người được triệu tập"),
    checks.quorum,
)
MAJORITY: BallotRule = Rule(
    "majority",
    Severity.INFO,
    f"{Q}, người trúng cử phải được quá nửa tổng số người được triệu tập",
    _("Chưa quá {threshold} tổng số người được triệu tập"),
    checks.majority,
)
SURPLUS: BallotRule = Rule(
    "surplus",
    Severity.INFO,
    f"{Q}, số dư trong danh sách bầu cử",
    _("Số dư vượt {election_max_surplus} số cần bầu"),
    checks.surplus,
)

PACK = PersonnelPack(
    code="qd190-2024",
    name="Quyết định 190-QĐ/TW năm 2024 (bầu cử trong Đảng)",
    citation="Quyết định 190-QĐ/TW",
    quorum=Fraction(2, 3),
    threshold=Fraction(1, 2),
    election_max_surplus=Fraction(30, 100),
    title_standards=qd377_2025.TITLE_STANDARDS,
    appointment_rules=qd377_2025.APPOINTMENT_RULES,
    planning_rules=qd377_2025.PLANNING_RULES,
    review_rules=qd377_2025.REVIEW_RULES,
    rotation_rules=qd377_2025.ROTATION_RULES,
    vote_rules=qd377_2025.VOTE_RULES,
    ballot_rules=(QUORUM, MAJORITY, SURPLUS),
)
