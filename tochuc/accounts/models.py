from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    full_name = models.CharField(_("Họ và tên"), max_length=200, blank=True)
    otp_required = models.BooleanField(
        _("Bắt buộc mã xác thực hai lớp"),
        default=False,
        help_text=_("Người dùng phải nhập mã TOTP sau mật khẩu."),
    )
    # The user's own personnel file, when the user is a cadre: self-reviews, and the
    # separation-of-duties checks (nobody decides on themselves or a recorded relative).
    person = models.OneToOneField(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user_account",
        verbose_name=_("Hồ sơ cán bộ"),
    )

    def display_name(self) -> str:
        return self.full_name or self.get_username()


class Role(models.TextChoices):
    VIEWER = "viewer", _("Người xem")
    SPECIALIST = "specialist", _("Chuyên viên")
    LEADER = "leader", _("Lãnh đạo")
    ADMIN = "admin", _("Quản trị viên")
    AUDITOR = "auditor", _("Kiểm tra viên")


class RoleGrant(models.Model):
    """A role on a unit, and on everything below it when ``include_subtree``."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("Vai trò"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="grants", verbose_name=_("Đơn vị")
    )
    include_subtree = models.BooleanField(_("Cả các đơn vị trực thuộc"), default=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="rolegrant_unique_user_role_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}@{self.unit_id}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()
