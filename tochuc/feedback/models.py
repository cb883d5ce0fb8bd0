"""Feedback from citizens (the public page, no account) and from the press (recorded by specialists).

Each item is routed to the unit that handles it (``unit``): the organization named, or for a cadre
the committee that manages the cadre (the level above the cadre's unit). The sender's identity
(``sender_name``, ``sender_contact``) is seen only by the roles handling the item, each view
audited; a letter without name or contact is kept and marked ``anonymous``. The citizen follows it
with the ``tracking_code``, which shows the status and the published answer, nothing else.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tochuc.core.models import TimeStampedModel


class FeedbackChannel(models.TextChoices):
    CITIZEN = "citizen", _("Nhân dân")
    PRESS = "press", _("Báo chí")


class FeedbackKind(models.TextChoices):
    ORGANIZATION = "organization", _("Về tổ chức đảng")
    CADRE = "cadre", _("Về cán bộ, đảng viên")
    OTHER = "other", _("Nội dung khác")


class FeedbackStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("feedback status", "Đã tiếp nhận")
    HANDLING = "handling", _("Đang xử lý")
    ANSWERED = "answered", _("Đã trả lời")


class Finding(models.TextChoices):
    """What verification found; feeds the unit's evaluation when right."""

    UNKNOWN = "", _("Chưa kết luận")
    RIGHT = "right", _("Phản ánh đúng")
    PARTLY = "partly", _("Đúng một phần")
    WRONG = "wrong", _("Phản ánh không đúng")


class Feedback(TimeStampedModel):
    tracking_code = models.CharField(_("Mã tra cứu"), max_length=20, unique=True)
    channel = models.CharField(_("Nguồn"), max_length=10, choices=FeedbackChannel.choices)
    kind = models.CharField(_("Loại phản ánh"), max_length=20, choices=FeedbackKind.choices)
    # The unit named by the sender, and the unit that handles the item (scope follows it).
    concerned_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị được phản ánh")
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="feedback", verbose_name=_("Đơn vị xử lý")
    )
    persons = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("Người được phản ánh")
    )
    content = models.TextField(_("Nội dung"))
    sender_name = models.CharField(_("Họ và tên người gửi"), max_length=150, blank=True)
    sender_contact = models.CharField(_("Địa chỉ, điện thoại, thư điện tử"), max_length=255, blank=True)
    anonymous = models.BooleanField(_("Đơn nặc danh"), default=False)
    received_on = models.DateField(_("Ngày tiếp nhận"))
    due_on = models.DateField(_("Hạn trả lời"))
    pack = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.RECEIVED)
    internal_note = models.TextField(_("Ghi chú nội bộ"), blank=True)
    finding = models.CharField(
        _("Kết quả xác minh"), max_length=10, choices=Finding.choices, blank=True, default=""
    )
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(_("Công khai câu trả lời"), default=False)
    # Press only.
    outlet = models.CharField(_("Cơ quan báo chí"), max_length=200, blank=True)
    published_on = models.DateField(_("Ngày đăng"), null=True, blank=True)
    link = models.URLField(_("Đường dẫn bài báo"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="feedback_unit_status_due"),
            models.Index(fields=["channel", "-received_on"], name="feedback_channel_recent"),
        ]

    def __str__(self) -> str:
        return self.tracking_code

    @property
    def is_answered(self) -> bool:
        return self.status == FeedbackStatus.ANSWERED

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_answered and today > self.due_on

    def public_answer(self) -> str | None:
        """What the tracking-code look-up may show: the answer once published, nothing else."""
        return self.answer if self.is_answered and self.published else None


class FeedbackFile(models.Model):
    """A file sent with the feedback, kept in the database (a few, small; checked on arrival)."""

    feedback = models.ForeignKey(Feedback, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()

    def __str__(self) -> str:
        return self.name


class PublicSubmission(models.Model):
    """One submission from the public page, by a keyed hash of the address: the rate limit's counter."""

    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.address[:8]} {self.at:%d/%m/%Y %H:%M}"
