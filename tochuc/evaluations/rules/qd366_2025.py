"""Quy định 366-QĐ/TW ngày 30/8/2025 của Bộ Chính trị (default pack), with Hướng dẫn 43-HD/BTCTW.

What this pack holds, and how sure we are:

- The 100-point scale (30 general + 70 task results) and the bands Excellent ≥ 90, Good 70–<90,
  Completed 50–<70, Not completed < 50 are the regulation's: a rating outside its band is ``block``.
- Excellent needs 100 % of tasks on time and ≥ 30 % exceeding, no discipline; for a collective also no
  disciplined subordinate unit or leadership member: ``block``.
- A collective rated Completed "may have at most" 20 % of its tasks late: a ceiling, so ``block`` for
  Completed and every level above it (see ``checks.collective_late_tasks``).
- Leader triggers for Not completed (< 70 % tasks of the unit, > 50 % of units led Not completed, > 50 %
  low-confidence votes, discipline, degeneration): ``block`` when the leader is rated higher.
- The head may not be rated above the collective; the collective is rated first: ``block``.
- Members exempt, suspended or admitted less than 6 months before the end of the period are not
  reviewed: a rating for them is ``block``.
- UNCONFIRMED: "Excellent ≤ 20 % of the number rated Good" within the comparable group (per grassroots
  organization for Party members). The text of 366 we hold does not confirm it; it is kept as a
  setting (``excellent_quota_share``, ``quota_group_kind``) and checked as ``block`` as the issue asks.
- UNCONFIRMED: the split of the 30 general points between keyed criteria (``frames.py``).
- Statistical signals (not rules of the regulation; they serve its demand for a truthful, substantive
  evaluation and the weakness named in Kết luận 03-KL/BTCTW 2017): the inflation pattern and identical
  scores for everyone ask for a ``justify``; far from siblings and year-on-year jumps are ``info``.

Citations name the regulation and the provision in words; articles are not cited because we could not
check their numbering against the published text.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.evaluations.rules import checks
from tochuc.evaluations.rules.base import EvalRule, Rule, RulePack, Severity
from tochuc.evaluations.rules.frames import FRAMES

Q = "Quy định 366-QĐ/TW"
VOICES = f"{Q}, kết quả thực hiện nhiệm vụ; thời hạn trả lời kiến nghị, phản ánh là thiết lập của ngành"
NC = "trường hợp xếp loại «Không hoàn thành nhiệm vụ» đối với cán bộ lãnh đạo, quản lý"

RULES: tuple[EvalRule, ...] = (
    Rule(
        "not_reviewable_rated",
        Severity.BLOCK,
        f"{Q}; Hướng dẫn 43-HD/BTCTW, đảng viên không đánh giá, xếp loại",
        _("Đảng viên thuộc diện không đánh giá, xếp loại nhưng đã có xếp loại"),
        checks.not_reviewable_rated,
    ),
    Rule(
        "rating_outside_band",
        Severity.BLOCK,
        f"{Q}, thang điểm 100 và khung điểm của từng mức xếp loại",
        _("Mức xếp loại không khớp khung điểm"),
        checks.rating_outside_band,
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
        f"{Q} và hướng dẫn thực hiện; tỷ lệ 20% là thiết lập chưa được xác nhận",
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
        f"{Q}, yêu cầu đánh giá thực chất, có tiêu chí, thông qua sản phẩm cụ thể",
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
        f"{Q}, yêu cầu đánh giá xuyên suốt, liên tục (tín hiệu thống kê)",
        _("Xếp loại thay đổi từ {jump_levels} mức trở lên so với đợt trước"),
        checks.rating_jump,
    ),
    Rule(
        "answers_overdue",
        Severity.INFO,
        VOICES,
        _("Đơn vị trả lời kiến nghị, phản ánh chậm (đến {answers_overdue_justify_above} trường hợp)"),
        checks.answers_overdue,
    ),
    Rule(
        "answers_overdue_many",
        Severity.JUSTIFY,
        VOICES,
        _("Đơn vị trả lời kiến nghị, phản ánh chậm quá {answers_overdue_justify_above} trường hợp"),
        checks.answers_overdue_many,
    ),
    Rule(
        "feedback_found_right",
        Severity.INFO,
        f"{Q}; Quy định 11-QĐ/TW năm 2019 về trách nhiệm của người đứng đầu trong xử lý phản ánh của dân",
        _("Phản ánh của nhân dân, báo chí về đơn vị được xác minh là đúng"),
        checks.feedback_found_right,
    ),
)

PACK = RulePack(
    code="qd366-2025",
    name="Quy định 366-QĐ/TW năm 2025",
    citation=Q,
    quota_group_kind="grassroots",
    point_scale=True,
    unconfirmed=(
        "excellent_quota_share",
        "quota_group_kind",
        "frames: cách chia 30 điểm tiêu chí chung",
    ),
    rules=RULES,
    frames=FRAMES,
)
