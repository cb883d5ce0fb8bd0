"""Training needs as the Party's regulations set them.

- The new-member course: a probationary member must complete the political-theory course for new
  members before being recognised as a full member (Điều lệ Đảng, Điều 5; Quy định 294-QĐ/TW năm 2025
  thi hành Điều lệ Đảng, replacing Quy định 24-QĐ/TW năm 2021).
- A post's minimum political-theory level and degree are those of its position (Nghị định 361/2025,
  the position's requirements); state management knowledge for leadership posts (Nghị định
  101/2017/NĐ-CP on training civil servants); basic IT skills and a foreign language "as the position
  requires" (Thông tư 2/2021/TT-BNV as amended by Thông tư 06/2022/TT-BNV). Which groups need which
  is not fixed by the texts: kept here to be corrected in one place.
- A planned cadre is trained to the standards of the planned title (Quy định 50-QĐ/TW năm 2021 on
  planning, Điều 8); the political-theory level by leadership group follows the title standards of
  Quy định 214-QĐ/TW năm 2020 (not verified title by title: unconfirmed, a setting).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from tochuc.core.rules import Rule, Severity
from tochuc.people.models import TheoryLevel
from tochuc.positions.models import PositionGroup
from tochuc.training.rules import checks
from tochuc.training.rules.base import TrainingPack

PACK = TrainingPack(
    code="qd294-2025",
    name="Quy định 294-QĐ/TW năm 2025 và các quy định về tiêu chuẩn chức danh",
    citation="Quy định 294-QĐ/TW",
    new_member_words=("dang vien moi",),
    state_management_words=("quan ly nha nuoc",),
    title_fostering_words=("tieu chuan chuc danh", "boi duong chuc danh"),
    state_management_groups=(PositionGroup.LEADERSHIP,),
    it_groups=(PositionGroup.LEADERSHIP, PositionGroup.PROFESSIONAL),
    language_groups=(PositionGroup.LEADERSHIP,),
    title_theory={
        1: TheoryLevel.ADVANCED,
        2: TheoryLevel.ADVANCED,
        3: TheoryLevel.ADVANCED,
        4: TheoryLevel.INTERMEDIATE,
        None: TheoryLevel.INTERMEDIATE,
    },
    planned_need_fostering=True,
    rules=(
        Rule(
            "new_member",
            Severity.INFO,
            "Điều lệ Đảng, Điều 5; Quy định 294-QĐ/TW",
            _("Đảng viên dự bị phải học lớp bồi dưỡng đảng viên mới trước khi được công nhận chính thức"),
            checks.new_member,
        ),
        Rule(
            "post_levels",
            Severity.INFO,
            "Nghị định 361/2025/NĐ-CP, yêu cầu của vị trí việc làm",
            _("Trình độ lý luận chính trị và chuyên môn tối thiểu của vị trí đang đảm nhiệm"),
            checks.post_levels,
        ),
        Rule(
            "post_knowledge",
            Severity.INFO,
            "Nghị định 101/2017/NĐ-CP; Thông tư 2/2021/TT-BNV, sửa đổi bởi Thông tư 06/2022/TT-BNV",
            _("Kiến thức quản lý nhà nước, kỹ năng công nghệ thông tin, ngoại ngữ theo nhóm vị trí"),
            checks.post_knowledge,
        ),
        Rule(
            "planned_title",
            Severity.INFO,
            "Quy định 50-QĐ/TW, Điều 8; Quy định 214-QĐ/TW",
            _("Cán bộ quy hoạch được đào tạo, bồi dưỡng theo tiêu chuẩn chức danh quy hoạch"),
            checks.planned_title,
        ),
        Rule(
            "requested",
            Severity.INFO,
            "Quy định 366-QĐ/TW, kết quả đánh giá, xếp loại",
            _("Khóa học do đánh giá, xếp loại đề nghị"),
            checks.requested,
        ),
    ),
)
