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
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))
