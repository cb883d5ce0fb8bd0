"""Proposals (kiến nghị, đề xuất, khó khăn vướng mắc) sent up the tree and answered on time.

A ``Proposal`` goes from a unit to a unit above it (``to_unit``, the answering unit). The
answering unit may forward it higher or sideways (each hop is a ``ProposalHop``) or ask a
cooperating unit for an opinion. The answer is written by one person and approved by the
answering unit's leader (another person), then sent back; it may be published to the subtree and
close the duplicates it names. The deadline comes from the rule pack of the day it was sent.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class ProposalKind(models.TextChoices):
    POLICY = "policy", _("Chủ trương, chính sách")
    ORGANIZATION = "organization", _("Tổ chức bộ máy")
    CADRE_WORK = "cadre_work", _("Công tác cán bộ")
    PROCEDURE = "procedure", _("Thủ tục, quy trình")
    RESOURCES = "resources", _("Nguồn lực, điều kiện bảo đảm")
    OTHER = "other", _("Khác")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Chờ trả lời")
    DRAFTED = "drafted", _("Đã dự thảo trả lời, chờ duyệt")
    ANSWERED = "answered", _("Đã trả lời")
    DUPLICATE = "duplicate", _("Đã trả lời chung")


class Timeliness(models.TextChoices):
    """Computed, never stored (see ``Proposal.timeliness``)."""

    IN_TIME = "in_time", _("Trong hạn")
    OVERDUE = "overdue", _("Quá hạn")
    ON_TIME = "on_time", _("Trả lời đúng hạn")
    LATE = "late", _("Trả lời chậm")


class Proposal(TimeStampedModel):
    from_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="proposals_sent",
        verbose_name=_("Đơn vị gửi"),
    )
    to_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="proposals_received",
        verbose_name=_("Đơn vị trả lời"),
    )
    kind = models.CharField(_("Loại kiến nghị"), max_length=20, choices=ProposalKind.choices)
    subject = models.CharField(_("Trích yếu"), max_length=500)
    content = models.TextField(_("Nội dung"))
    sent_on = models.DateField(_("Ngày gửi"))
    answer_due = models.DateField(_("Hạn trả lời"))
    pack = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    answer_written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    published = models.BooleanField(_("Công khai trong hệ thống"), default=False)
    answered_by_proposal = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("Được trả lời chung bởi"),
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-sent_on", "-id"]
        indexes = [
            models.Index(fields=["to_unit", "status", "answer_due"], name="proposal_to_status_due"),
            models.Index(fields=["from_unit", "-sent_on"], name="proposal_from_recent"),
        ]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_closed(self) -> bool:
        return self.status in (ProposalStatus.ANSWERED, ProposalStatus.DUPLICATE)

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_closed and today > self.answer_due

    def timeliness(self, today: dt.date) -> Timeliness:
        if self.is_closed:
            on = self.answered_on or today
            return Timeliness.ON_TIME if on <= self.answer_due else Timeliness.LATE
        return Timeliness.OVERDUE if today > self.answer_due else Timeliness.IN_TIME


class HopKind(models.TextChoices):
    SENT = "sent", _("Gửi")
    FORWARDED = "forwarded", _("Chuyển")
    OPINION_ASKED = "opinion_asked", _("Xin ý kiến")
    OPINION_GIVEN = "opinion_given", _("Cho ý kiến")
    ANSWER_DRAFTED = "answer_drafted", _("Dự thảo trả lời")
    ANSWERED = "answered", _("Duyệt và gửi trả lời")
    PUBLISHED = "published", _("Công khai câu trả lời")


class ProposalHop(models.Model):
    """One step of the trail: who sent, forwarded, asked or answered, from which unit to which."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="hops")
    kind = models.CharField(max_length=20, choices=HopKind.choices)
    from_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%d/%m/%Y}"


class FileStage(models.TextChoices):
    SENT = "sent", _("Kèm kiến nghị")
    ANSWER = "answer", _("Kèm câu trả lời")


class ProposalFile(models.Model):
    """A file sent with the proposal or with its answer, kept in the database (a few, checked on
    arrival). A file of the answer is seen by the sender only once the answer is sent back."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="files")
    stage = models.CharField(max_length=10, choices=FileStage.choices)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    data = models.BinaryField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
