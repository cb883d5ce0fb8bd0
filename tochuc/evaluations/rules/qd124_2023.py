"""Quy định 124-QĐ/TW ngày 04/10/2023 của Bộ Chính trị (replaced by 366-QĐ/TW in 2025).

Kept so that the years it governed (2023, 2024) can be re-checked. Where it differs from 366:

- No 100-point scale: ratings followed the criteria of each level, not a score. ``point_scale`` is
  False, so no rule ties a rating to a point band (``rating_for_score`` and ``criteria`` still answer,
  as a working aid for forms). This is our reading of the change made by 366 (which introduced the
  scale); marked unconfirmed.
- A collective is Not completed when more than 20 % of its subordinate units were disciplined
  (``collective_max_disciplined_units_share = 0.20``): a collective rated higher is ``block``.
- The other rules (Excellent conditions, 20 % late ceiling for Completed collectives, leader triggers,
  head not above the collective, collective rated first, not-reviewed members, the 20 % Excellent quota
  per grassroots organization) are read as in 366; the quota and the Excellent task shares are marked
  unconfirmed for this pack.

Citations name the regulation and the provision in words, not article numbers we could not verify.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.evaluations.rules import checks
from tochuc.evaluations.rules.base import EvalRule, Rule, RulePack, Severity
from tochuc.evaluations.rules.frames import FRAMES

Q = "Quy định 124-QĐ/TW"
NC = "trường hợp xếp loại «Không hoàn thành nhiệm vụ» đối với cán bộ lãnh đạo, quản lý"

RULES: tuple[EvalRule, ...] = (
    Rule(
        "not_reviewable_rated",
        Severity.BLOCK,
        f"{Q}, đảng viên không đánh giá, xếp loại",
        _("Đảng viên thuộc diện không đánh giá, xếp loại nhưng đã có xếp loại"),
        checks.not_reviewable_rated,
    ),
    Rule(
        "excellent_preconditions",
        Severity.BLOCK,
        f"{Q}, tiêu chí mức «Hoàn thành xuất sắc nhiệm vụ»",
        _("Xếp loại «Hoàn thành xuất sắc nhiệm vụ» khi chưa đủ điều kiện"),
        checks.excellent_preconditions,
    ),
    Rule(
        "collective_late_tasks",
        Severity.BLOCK,
        f"{Q}, tiêu chí mức «Hoàn thành nhiệm vụ» đối với tập thể",
        _(
            "Tập thể có quá {completed_max_late_share} nhiệm vụ chậm nhưng xếp loại từ «Hoàn thành nhiệm vụ» trở lên"
        ),
        checks.collective_late_tasks,
    ),
    Rule(
        "collective_disciplined_units",
        Severity.BLOCK,
        f"{Q}, tiêu chí mức «Không hoàn thành nhiệm vụ» đối với tập thể",
        _("Tập thể có trên {collective_max_disciplined_units_share} đơn vị trực thuộc bị kỷ luật"),
        checks.collective_disciplined_units,
    ),
    Rule(
        "leader_unit_tasks",
        Severity.BLOCK,
        f"{Q}, {NC}",
        _("Người đứng đầu của đơn vị hoàn thành dưới {leader_min_done_share} nhiệm vụ"),
        checks.leader_unit_tasks,
    ),
    Rule(
        "leader_units_not_completed",
        Severity.BLOCK,
        f"{Q}, {NC}",
        _(
            "Người đứng đầu có trên {leader_max_not_completed_units_share} đơn vị trực thuộc «Không hoàn thành nhiệm vụ»"
        ),
        checks.leader_units_not_completed,
    ),
    Rule(
        "leader_low_confidence",
        Severity.BLOCK,
        f"{Q}, {NC}",
        _("Cán bộ lãnh đạo có trên {leader_max_low_confidence_share} phiếu tín nhiệm thấp"),
        checks.leader_low_confidence,
    ),
    Rule(
        "leader_disciplined",
        Severity.BLOCK,
        f"{Q}, {NC}",
        _("Cán bộ lãnh đạo bị kỷ luật trong năm"),
        checks.leader_disciplined,
    ),
    Rule(
        "leader_degenerated",
        Severity.BLOCK,
        f"{Q}, {NC}",
        _("Cán bộ lãnh đạo suy thoái về tư tưởng chính trị, đạo đức, lối sống"),
        checks.leader_degenerated,
    ),
    Rule(
        "head_above_collective",
        Severity.BLOCK,
        f"{Q}, kết quả xếp loại người đứng đầu không cao hơn tập thể do mình lãnh đạo",
        _("Người đứng đầu xếp loại cao hơn tập thể"),
        checks.head_above_collective,
    ),
    Rule(
        "collective_before_head",
        Severity.BLOCK,
        f"{Q}, xếp loại tập thể trước, cá nhân người đứng đầu sau",
        _("Người đứng đầu được quyết định trước tập thể"),
        checks.collective_before_head,
    ),
    Rule(
        "excellent_quota",
        Severity.BLOCK,
        f"{Q}, tỷ lệ «Hoàn thành xuất sắc nhiệm vụ» không quá 20% số «Hoàn thành tốt nhiệm vụ»",
        _("Số «Hoàn thành xuất sắc nhiệm vụ» vượt {excellent_quota_share} số «Hoàn thành tốt nhiệm vụ»"),
        checks.excellent_quota,
    ),
    Rule(
        "inflation_pattern",
        Severity.JUSTIFY,
        f"{Q}, yêu cầu đánh giá thực chất; Kết luận 03-KL/BTCTW năm 2017",
        _("Hầu hết cá nhân xếp loại tốt trong khi tập thể chỉ hoàn thành"),
        checks.inflation_pattern,
    ),
    Rule(
        "identical_scores",
        Severity.JUSTIFY,
        f"{Q}, yêu cầu đánh giá thực chất",
        _("Mọi cá nhân của đơn vị có cùng số điểm"),
        checks.identical_scores,
    ),
    Rule(
        "far_from_siblings",
        Severity.INFO,
        f"{Q}, yêu cầu đánh giá thực chất (tín hiệu thống kê)",
        _("Tỷ lệ xếp loại tốt khác xa các đơn vị cùng cấp"),
        checks.far_from_siblings,
    ),
    Rule(
        "rating_jump",
        Severity.INFO,
        f"{Q} (tín hiệu thống kê)",
        _("Xếp loại thay đổi từ {jump_levels} mức trở lên so với đợt trước"),
        checks.rating_jump,
    ),
)

PACK = RulePack(
    code="qd124-2023",
    name="Quy định 124-QĐ/TW năm 2023",
    citation=Q,
    point_scale=False,
    collective_max_disciplined_units_share=0.20,
    unconfirmed=(
        "point_scale",
        "excellent_quota_share",
        "quota_group_kind",
        "excellent_on_time_share",
        "excellent_exceeding_share",
    ),
    rules=RULES,
    frames=FRAMES,
)
