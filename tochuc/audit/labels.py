"""What each audit action is called on the audit page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

ACTION_LABELS = {
    "orgunit.create": _("Thành lập đơn vị"),
    "orgunit.bulk_seed": _("Nạp dữ liệu đơn vị hàng loạt"),
    "orgunit.rename": _("Đổi tên đơn vị"),
    "orgunit.move": _("Chuyển đơn vị"),
    "orgunit.merge": _("Hợp nhất đơn vị"),
    "orgunit.split": _("Chia tách đơn vị"),
    "orgunit.dissolve": _("Giải thể đơn vị"),
    "unitfunction.create": _("Thêm chức năng, nhiệm vụ"),
    "unitfunction.set_lead": _("Đổi cơ quan chủ trì"),
    "user.create": _("Tạo tài khoản"),
    "user.password_change": _("Đổi mật khẩu"),
    "user.otp_confirm": _("Cài đặt xác thực hai lớp"),
    "user.otp_requirement": _("Yêu cầu xác thực hai lớp"),
    "rolegrant.grant": _("Cấp quyền"),
    "rolegrant.revoke": _("Thu hồi quyền"),
    "apitoken.create": _("Tạo khóa API"),
    "apitoken.revoke": _("Thu hồi khóa API"),
    "person.create": _("Tạo hồ sơ"),
    "person.bulk_seed": _("Nạp hồ sơ mẫu hàng loạt"),
    "person.import": _("Nhập hồ sơ từ Excel"),
    "person.correct": _("Sửa hồ sơ"),
    "person.move": _("Chuyển sinh hoạt"),
    "person.reveal_citizen_id": _("Xem số CCCD"),
    "person.export": _("Xuất danh sách ra Excel"),
    "person.download_2c": _("Tải lý lịch 2C"),
    "person.career_add": _("Thêm quá trình công tác"),
    "person.training_add": _("Thêm quá trình đào tạo"),
    "person.reward_add": _("Thêm khen thưởng"),
    "person.discipline_add": _("Thêm kỷ luật"),
    "person.relative_add": _("Thêm thân nhân"),
    "positions.title_create": _("Thêm chức danh"),
    "positions.position_create": _("Tạo vị trí việc làm"),
    "positions.position_update": _("Sửa vị trí việc làm"),
    "positions.assignment_create": _("Bố trí người vào vị trí"),
    "positions.assignment_end": _("Kết thúc bố trí"),
    "positions.duty_holder_set": _("Giao người chịu trách nhiệm nhiệm vụ"),
    "positions.report_export": _("Xuất báo cáo biên chế"),
    "reports.structure_export": _("Xuất báo cáo cơ cấu"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
