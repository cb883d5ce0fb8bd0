"""Quy định 69-QĐ/TW 2022 (amended by 264-QĐ/TW 2025) on discipline; Party Charter on appeals.

Time limits counted from the violation: 5 years at the reprimand level, 10 years at the warning or
removal level, for members and organizations alike; none at the expulsion level, nor for violations of
internal politics, national defence, security and foreign affairs harming the national interest, or
the use of unlawful diplomas. Dissolution, the heaviest form for an organization, is read as the
expulsion level (no limit): not verified against the text. The limit runs to the anniversary day
inclusive. An appeal is filed within one month of receiving the decision; the answering time is this
system's setting, kept here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.rewards.rules import discipline_checks as checks
from tochuc.rewards.rules.discipline_base import DisciplinePack, DisciplineRule

Q = "Quy định 69-QĐ/TW năm 2022"

SUBJECT_FORM: DisciplineRule = Rule(
    "subject_form",
    Severity.BLOCK,
    f"{Q}, các hình thức kỷ luật đối với tổ chức đảng, đảng viên chính thức, đảng viên dự bị",
    _("Hình thức kỷ luật phù hợp với đối tượng"),
    checks.subject_form,
)
TIME_LIMIT: DisciplineRule = Rule(
    "time_limit",
    Severity.BLOCK,
    f"{Q}, thời hiệu kỷ luật",
    _(
        "Thời hiệu {reprimand_years} năm (mức khiển trách), {warning_years} năm (mức cảnh cáo, cách chức); "
        "không áp dụng thời hiệu ở mức khai trừ"
    ),
    checks.time_limit,
)
DATES: DisciplineRule = Rule(
    "dates",
    Severity.BLOCK,
    f"{Q}, quyết định kỷ luật sau hành vi vi phạm",
    _("Ngày quyết định không trước ngày vi phạm"),
    checks.dates,
)

PACK = DisciplinePack(
    code="qd69-2022",
    name="Quy định 69-QĐ/TW năm 2022 (kỷ luật tổ chức đảng, đảng viên)",
    citation="Quy định 69-QĐ/TW",
    reprimand_years=5,
    warning_years=10,
    appeal_months=1,
    appeal_answer_days=90,
    rules=(SUBJECT_FORM, DATES, TIME_LIMIT),
)
