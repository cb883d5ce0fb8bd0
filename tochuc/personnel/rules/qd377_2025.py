"""Quy định 377-QĐ/TW 2025 on appointment, re-appointment and nomination for election.

The quorum (2/3 of those convened), the threshold (more than half of those convened, most votes
wins) and the five/three steps are in the regulation. The 60 months of working time left come from
Hướng dẫn 06-HD/BTCTW 2021 and are to be checked against 377 (unconfirmed). Confidence votes follow
Quy định 96-QĐ/TW 2023; planning numbers follow the planning rules (older 50-QĐ/TW 2021 and its
Hướng dẫn 06-HD/BTCTW 2021 for the limits and the structure targets); rotation follows Quy định
65-QĐ/TW 2022.

Citations name the text and the provision in words; articles are not cited because we could not
check their numbering against the published text.
"""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.people.models import TheoryLevel
from tochuc.personnel.rules import checks
from tochuc.personnel.rules.base import (
    BallotRule,
    CandidateRule,
    PersonnelPack,
    ProcedureStep,
    RotationRule,
    StayRule,
    VoteRule,
)
from tochuc.positions.models import DegreeLevel
from tochuc.positions.requirements import Requirements

Q = "Quy định 377-QĐ/TW năm 2025"
HD = "Hướng dẫn 06-HD/BTCTW năm 2021"
VOTES = "Quy định 96-QĐ/TW năm 2023"
ROTATION = "Quy định 65-QĐ/TW năm 2022"

MEMBERSHIP: CandidateRule = Rule(
    "membership",
    Severity.BLOCK,
    f"{Q}, tiêu chuẩn chung của cán bộ được bổ nhiệm, giới thiệu ứng cử",
    _("Đang đình chỉ sinh hoạt đảng hoặc không còn là đảng viên"),
    checks.membership,
)
DISCIPLINE: CandidateRule = Rule(
    "discipline",
    Severity.BLOCK,
    f"{Q}, thời hạn không bổ nhiệm, giới thiệu ứng cử chức vụ cao hơn sau khi bị kỷ luật",
    _("Chưa hết thời hạn sau kỷ luật để bổ nhiệm, giới thiệu chức vụ cao hơn"),
    checks.discipline_wait,
)
WORKING_AGE: CandidateRule = Rule(
    "working_age",
    Severity.BLOCK,
    f"{HD} (đối chiếu {Q}), tuổi bổ nhiệm lần đầu vào chức vụ có thời hạn 5 năm",
    _("Bổ nhiệm lần đầu khi còn dưới {min_months_left} tháng công tác"),
    checks.working_age,
)
REAPPOINTMENT_AGE: CandidateRule = Rule(
    "reappointment_age",
    Severity.INFO,
    f"{Q}, bổ nhiệm lại cán bộ không còn đủ tuổi công tác trọn thời hạn",
    _("Bổ nhiệm lại đến khi nghỉ hưu"),
    checks.reappointment_age,
)
LOW_CONFIDENCE: CandidateRule = Rule(
    "low_confidence",
    Severity.BLOCK,
    f"{VOTES}, sử dụng kết quả lấy phiếu tín nhiệm",
    _("Lần lấy phiếu tín nhiệm gần nhất có quá {low_confidence_out_of_planning} phiếu tín nhiệm thấp"),
    checks.low_confidence,
)
STANDARDS: CandidateRule = Rule(
    "standard",
    Severity.JUSTIFY,
    f"{Q}, tiêu chuẩn chức danh",
    _("Chưa đạt tiêu chuẩn của chức danh"),
    checks.standards,
)
IN_PLANNING: CandidateRule = Rule(
    "planning",
    Severity.JUSTIFY,
    f"{Q}, nhân sự tại chỗ phải có trong quy hoạch chức danh bổ nhiệm",
    _("Nhân sự tại chỗ chưa có trong quy hoạch chức danh"),
    checks.in_planning,
)
PER_TITLE: CandidateRule = Rule(
    "per_title",
    Severity.BLOCK,
    f"{HD}, mỗi chức danh quy hoạch không quá số người quy định",
    _("Chức danh đã có {planning_max_per_title} người trong quy hoạch"),
    checks.per_title,
)
PER_PERSON: CandidateRule = Rule(
    "per_person",
    Severity.BLOCK,
    f"{HD}, mỗi người không quy hoạch quá số chức danh quy định ở cùng cấp",
    _("Người đã được quy hoạch {planning_max_titles_per_person} chức danh ở cùng cấp"),
    checks.per_person,
)
FULL_TERM: CandidateRule = Rule(
    "full_term",
    Severity.BLOCK,
    f"{HD}, tuổi quy hoạch phải đủ công tác trọn một nhiệm kỳ",
    _("Còn dưới {planning_term_months} tháng công tác khi bắt đầu nhiệm kỳ"),
    checks.full_term,
)
RATINGS: CandidateRule = Rule(
    "ratings",
    Severity.JUSTIFY,
    f"{HD}, kết quả đánh giá, xếp loại những năm gần nhất (mức và số năm là thiết lập chưa xác nhận)",
    _("Xếp loại {planning_rating_years} năm gần nhất chưa đạt mức yêu cầu"),
    checks.ratings,
)

REVIEW_OVER_AGE: StayRule = Rule(
    "review_over_age",
    Severity.BLOCK,
    f"{HD}, rà soát quy hoạch hằng năm: người không còn đủ tuổi công tác trọn một nhiệm kỳ",
    _("Không còn đủ {planning_term_months} tháng công tác"),
    checks.over_age,
)
REVIEW_DISCIPLINE: StayRule = Rule(
    "review_discipline",
    Severity.BLOCK,
    f"{HD}, rà soát quy hoạch hằng năm: người bị kỷ luật từ khiển trách trở lên",
    _("Bị kỷ luật từ khiển trách trở lên sau khi vào quy hoạch"),
    checks.disciplined,
)
REVIEW_LOW_CONFIDENCE: StayRule = Rule(
    "review_low_confidence",
    Severity.BLOCK,
    f"{VOTES}, người có quá nửa số phiếu tín nhiệm thấp không tiếp tục quy hoạch",
    _("Quá {low_confidence_out_of_planning} phiếu tín nhiệm thấp sau khi vào quy hoạch"),
    checks.low_confidence_since,
)

ROTATION_LENGTH: RotationRule = Rule(
    "rotation_length",
    Severity.BLOCK,
    f"{ROTATION}, thời gian luân chuyển tối thiểu",
    _("Đợt luân chuyển ngắn hơn {rotation_min_months} tháng"),
    checks.rotation_length,
)
ROTATION_YEARS_LEFT: RotationRule = Rule(
    "rotation_years_left",
    Severity.BLOCK,
    f"{ROTATION}, thời gian công tác còn lại của cán bộ được luân chuyển",
    _("Còn dưới {rotation_min_years_left} năm công tác"),
    checks.rotation_years_left,
)

VOTE_DISMISSAL: VoteRule = Rule(
    "dismissal",
    Severity.INFO,
    f"{VOTES}, cán bộ có từ hai phần ba số phiếu tín nhiệm thấp trở lên",
    _("Từ {low_confidence_dismissal} tín nhiệm thấp trở lên: đề nghị miễn nhiệm"),
    checks.vote_dismissal,
)
VOTE_OUT_OF_PLANNING: VoteRule = Rule(
    "out_of_planning",
    Severity.INFO,
    f"{VOTES}, cán bộ có quá nửa số phiếu tín nhiệm thấp",
    _(
        "Quá {low_confidence_out_of_planning} tín nhiệm thấp: đưa ra khỏi quy hoạch chức vụ cao hơn, "
        "xem xét cho thôi giữ chức vụ"
    ),
    checks.vote_out_of_planning,
)

QUORUM: BallotRule = Rule(
    "quorum",
    Severity.BLOCK,
    f"{Q}, hội nghị hợp lệ khi có đủ số người được triệu tập tham dự",
    _("Có mặt dưới {quorum} số người được triệu tập"),
    checks.quorum,
)
MAJORITY: BallotRule = Rule(
    "majority",
    Severity.INFO,
    f"{Q}, người được giới thiệu phải được quá nửa tổng số người được triệu tập đồng ý",
    _("Chưa quá {threshold} tổng số người được triệu tập"),
    checks.majority,
)

# The least each leadership group asks when no job position is chosen (unconfirmed: the frameworks of
# title standards ask for a university degree and advanced political theory for the posts managed by
# the Centre and the provinces, intermediate theory for the commune's; each title's own standards,
# entered as a job position's requirements, replace these).
_GROUP_STANDARD = Requirements(min_degree=DegreeLevel.BACHELOR, min_theory_level=TheoryLevel.ADVANCED)
TITLE_STANDARDS = {
    1: _GROUP_STANDARD,
    2: _GROUP_STANDARD,
    3: _GROUP_STANDARD,
    4: Requirements(min_degree=DegreeLevel.BACHELOR, min_theory_level=TheoryLevel.INTERMEDIATE),
}

APPOINTMENT_RULES = (
    MEMBERSHIP,
    DISCIPLINE,
    WORKING_AGE,
    REAPPOINTMENT_AGE,
    LOW_CONFIDENCE,
    STANDARDS,
    IN_PLANNING,
)
PLANNING_RULES = (
    PER_TITLE,
    PER_PERSON,
    MEMBERSHIP,
    FULL_TERM,
    DISCIPLINE,
    LOW_CONFIDENCE,
    RATINGS,
    STANDARDS,
)
REVIEW_RULES = (REVIEW_OVER_AGE, REVIEW_DISCIPLINE, REVIEW_LOW_CONFIDENCE)
ROTATION_RULES = (ROTATION_LENGTH, ROTATION_YEARS_LEFT)
VOTE_RULES = (VOTE_DISMISSAL, VOTE_OUT_OF_PLANNING)

PACK = PersonnelPack(
    code="qd377-2025",
    name="Quy định 377-QĐ/TW năm 2025",
    citation="Quy định 377-QĐ/TW",
    quorum=Fraction(2, 3),
    threshold=Fraction(1, 2),
    internal_steps=(
        ProcedureStep("collective_1", "Hội nghị tập thể lãnh đạo (lần 1)"),
        ProcedureStep("expanded", "Hội nghị tập thể lãnh đạo mở rộng"),
        ProcedureStep("collective_2", "Hội nghị tập thể lãnh đạo (lần 2)"),
        ProcedureStep("key_cadres", "Hội nghị cán bộ chủ chốt"),
        ProcedureStep("collective_3", "Hội nghị tập thể lãnh đạo (lần 3)"),
    ),
    external_steps=(
        ProcedureStep("collective_1", "Hội nghị tập thể lãnh đạo (lần 1)"),
        ProcedureStep("key_cadres", "Hội nghị cán bộ chủ chốt nơi công tác"),
        ProcedureStep("collective_2", "Hội nghị tập thể lãnh đạo (lần 2)"),
    ),
    min_months_left=60,
    discipline_wait_months={"reprimand": 24, "warning": 36, "removal": 60},
    title_standards=TITLE_STANDARDS,
    appointment_rules=APPOINTMENT_RULES,
    planning_rules=PLANNING_RULES,
    review_rules=REVIEW_RULES,
    rotation_rules=ROTATION_RULES,
    vote_rules=VOTE_RULES,
    ballot_rules=(QUORUM, MAJORITY),
)
