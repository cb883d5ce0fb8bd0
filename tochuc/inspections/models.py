"""Inspection and supervision (kiểm tra, giám sát): the committee's yearly programme, each
inspection or supervision with its team, its steps and its conclusion.

The conclusion is a numbered "Kết luận" (KL) of the inspecting unit; its requirements are tasks of
the directive task tracker hanging from that document (``conclusion_document``), so the target
reports progress on them like on any task. Whether an inspection is closed is never stored: it is
closed once concluded and every follow-up (task, proposed discipline) is done (see ``selectors``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")


class Basis(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Chuyên đề")
    SIGNS_OF_VIOLATION = "signs_of_violation", _("Khi có dấu hiệu vi phạm")
    COMPLIANCE = "compliance", _("Việc chấp hành")


class MemberRole(models.TextChoices):
    HEAD = "head", _("Trưởng đoàn")
    MEMBER = "member", _("Thành viên")


class Programme(TimeStampedModel):
    """The committee's inspection and supervision programme for one year."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="inspection_programmes"
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    title = models.CharField(_("Tên chương trình"), max_length=500)
    notes = models.TextField(_("Nội dung chủ yếu"), blank=True)

    class Meta:
        ordering = ["-year", "unit_id"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="programme_one_per_year")]

    def __str__(self) -> str:
        return self.title


class Inspection(TimeStampedModel):
    code = models.CharField(_("Mã cuộc kiểm tra, giám sát"), max_length=40, unique=True)
    kind = models.CharField(_("Loại"), max_length=20, choices=InspectionKind.choices)
    basis = models.CharField(_("Hình thức"), max_length=20, choices=Basis.choices)
    # The inspecting committee (or its inspection commission); scope follows it and the targets.
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="inspections",
        verbose_name=_("Cấp tiến hành"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspections",
        verbose_name=_("Chương trình"),
    )
    targets = models.ManyToManyField(
        "orgunits.OrgUnit", related_name="inspected_by", verbose_name=_("Tổ chức đảng được kiểm tra")
    )
    target_people = models.ManyToManyField(
        "people.Person", blank=True, related_name="inspected_by", verbose_name=_("Đảng viên được kiểm tra")
    )
    subject = models.TextField(_("Nội dung"))
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"))
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    # The signal this inspection was started from, if any ("kind: detail").
    source_signal = models.CharField(_("Xuất phát từ dấu hiệu"), max_length=1000, blank=True)
    plan = models.TextField(_("Kế hoạch"), blank=True)
    self_report = models.TextField(_("Báo cáo tự kiểm tra của đối tượng"), blank=True)
    findings = models.TextField(_("Kết quả thẩm tra, xác minh"), blank=True)
    draft_report = models.TextField(_("Dự thảo báo cáo kết quả"), blank=True)
    conclusion = models.TextField(_("Kết luận"), blank=True)
    concluded_on = models.DateField(_("Ngày kết luận"), null=True, blank=True)
    # The numbered KL document; its tasks are the follow-ups.
    conclusion_document = models.OneToOneField(
        "directives.Directive",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start", "-id"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_concluded(self) -> bool:
        return self.concluded_on is not None


class Member(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("Vai trò"), max_length=10, choices=MemberRole.choices)

    class Meta:
        ordering = ["role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "person"], name="inspection_member_once"),
            models.UniqueConstraint(
                fields=["inspection"], condition=models.Q(role="head"), name="inspection_one_head"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.inspection_id}:{self.person_id}"


class DisciplineProposal(models.Model):
    """Discipline the conclusion proposes, sent on to the discipline workflow as a proposal of the
    inspecting unit (``discipline``); done once a decision for the same member or organization is
    recorded on or after the conclusion."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="discipline_proposals")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form = models.CharField(_("Hình thức đề nghị"), max_length=20)
    reason = models.TextField(_("Nội dung vi phạm"))
    # The proposal sent on to the discipline workflow when the conclusion was issued.
    discipline = models.OneToOneField(
        "rewards.Discipline",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inspection_proposal",
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.inspection_id}:{self.form}"

    @property
    def form_label(self) -> str:
        from tochuc.rewards.models import DisciplineForm

        return str(DisciplineForm(self.form).label) if self.form in DisciplineForm.values else self.form
