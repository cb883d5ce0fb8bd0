"""What deserves an inspector's look, with the thresholds in force from 2026.

The duty to supervise regularly and to inspect on signs of violation is the Party's (Quy định
296-QĐ/TW 2025); the thresholds below are a setting chosen by the inspection commissions, not numbers
of a regulation (the signals page says so).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.inspections.rules import checks
from tochuc.inspections.rules.base import SignalsPack

CITATION = "Quy định 296-QĐ/TW 2025; ngưỡng do ủy ban kiểm tra thiết lập"

PACK = SignalsPack(
    code="default-2026",
    name="Dấu hiệu cần kiểm tra, giám sát (thiết lập 2026)",
    citation=CITATION,
    rules=(
        Rule(
            "evaluation_flag_justified",
            Severity.INFO,
            CITATION,
            _(
                "Cảnh báo đánh giá, xếp loại đã được giải trình (nâng điểm, điểm giống nhau, người đứng đầu cao hơn tập thể)"
            ),
            checks.justified_flags,
        ),
        Rule(
            "task_overdue",
            Severity.INFO,
            CITATION,
            _("Nhiệm vụ quá hạn từ {task_overdue_days} ngày"),
            checks.overdue_tasks,
        ),
        Rule(
            "answer_overdue",
            Severity.INFO,
            CITATION,
            _("Kiến nghị, phản ánh quá hạn trả lời từ {answer_overdue_days} ngày"),
            checks.overdue_answers,
        ),
        Rule(
            "feedback_right",
            Severity.INFO,
            "Quy định 11-QĐ/TW 2019",
            _("Phản ánh được xác minh là đúng trong {feedback_lookback_days} ngày qua"),
            checks.right_feedback,
        ),
        Rule(
            "discipline_no_follow_up",
            Severity.INFO,
            CITATION,
            _("Đề nghị kỷ luật, khiếu nại kỷ luật chưa được xử lý sau {discipline_wait_days} ngày"),
            checks.pending_discipline,
        ),
        Rule(
            "ratings_changed_after_decision",
            Severity.INFO,
            CITATION,
            _("Một tài khoản sửa từ {rating_changes_min} kết quả xếp loại đã quyết định trong một đợt"),
            checks.rating_editors,
        ),
        Rule(
            "citizen_id_reveals",
            Severity.INFO,
            CITATION,
            _(
                "Xem số CCCD từ {reveal_min} lần và gấp {reveal_factor} lần mức thường trong {reveal_window_days} ngày"
            ),
            checks.reveal_counts,
        ),
        Rule(
            "closed_cycle_night_write",
            Severity.INFO,
            CITATION,
            _("Ghi vào đợt đánh giá đã kết thúc, lúc {night_start_hour} giờ đến {night_end_hour} giờ"),
            checks.closed_cycle_writes,
        ),
    ),
)
