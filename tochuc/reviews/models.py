"""Review periods (3-, 6-, 12-month and one-off reports) and the units' reports in them."""

from __future__ import annotations

import calendar
import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("Quý")
    HALF_YEAR = "half_year", _("6 tháng")
    YEAR = "year", _("Năm")
    AD_HOC = "ad_hoc", _("Sơ kết, tổng kết")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để hoàn thiện")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class Section(models.TextChoices):
    RESULTS = "results", _("Kết quả đạt được")
    SHORTCOMINGS = "shortcomings", _("Hạn chế, nguyên nhân")
    LESSONS = "lessons", _("Bài học kinh nghiệm")
    NEXT_TASKS = "next_tasks", _("Nhiệm vụ kỳ tới")
    PROPOSALS = "proposals", _("Đề xuất, kiến nghị, vướng mắc")


def period_bounds(kind: str, year: int, quarter: int | None, deadline: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day a period covers.

    A quarter is ``quarter`` 1-4; a half-year is ``quarter`` 1 (January-June) or 2 (July-December);
    a year is the calendar year; a one-off review covers the year up to its deadline.
    """
    if kind == PeriodKind.QUARTER and quarter:
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
    elif kind == PeriodKind.HALF_YEAR and quarter:
        first_month = 6 * (quarter - 1) + 1
        last_month = first_month + 5
    else:
        first_month, last_month = 1, 12
    start = dt.date(year, first_month, 1)
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    if kind == PeriodKind.AD_HOC and start <= deadline < end:
        end = deadline
    return start, end


class ReviewPeriod(TimeStampedModel):
    code = models.CharField(_("Mã kỳ báo cáo"), max_length=40, unique=True)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="review_periods", verbose_name=_("Đơn vị")
    )
    kind = models.CharField(_("Loại kỳ"), max_length=12, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("Năm"))
    quarter = models.PositiveSmallIntegerField(_("Quý (hoặc nửa năm)"), null=True, blank=True)
    title = models.CharField(_("Nội dung sơ kết, tổng kết"), max_length=500, blank=True)
    deadline = models.DateField(_("Hạn gửi báo cáo"))
    starts_on = models.DateField(editable=False)
    ends_on = models.DateField(editable=False)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Kỳ báo cáo của cấp trên"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-quarter", "code"]
        indexes = [models.Index(fields=["unit", "year"], name="reviewperiod_unit_year")]
        constraints = [
            models.UniqueConstraint(fields=["parent", "unit"], name="reviewperiod_one_per_unit_under_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.label}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return str(_("Quý %(q)s năm %(y)s") % {"q": self.quarter, "y": self.year})
        if self.kind == PeriodKind.HALF_YEAR:
            if self.quarter == 1:
                return str(_("6 tháng đầu năm %(y)s") % {"y": self.year})
            return str(_("6 tháng cuối năm %(y)s") % {"y": self.year})
        if self.kind == PeriodKind.YEAR:
            return str(_("Năm %(y)s") % {"y": self.year})
        return self.title or str(_("Sơ kết, tổng kết năm %(y)s") % {"y": self.year})

    def is_past_deadline(self, today: dt.date) -> bool:
        return today > self.deadline


class ExpectedUnit(models.Model):
    """A unit that must report in a period. Removing it keeps the line, with the reason."""

    period = models.ForeignKey(ReviewPeriod, on_delete=models.CASCADE, related_name="expected")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    added_reason = models.CharField(_("Lý do bổ sung"), max_length=500, blank=True)
    removed_reason = models.CharField(_("Lý do không yêu cầu báo cáo"), max_length=500, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="expectedunit_once")]

    def __str__(self) -> str:
        return f"{self.period_id}: {self.unit_id}"

    @property
    def is_active(self) -> bool:
        return self.removed_at is None


class UnitReport(TimeStampedModel):
    period = models.ForeignKey(ReviewPeriod, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="review_reports")
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    results = models.TextField(Section.RESULTS.label, blank=True)
    shortcomings = models.TextField(Section.SHORTCOMINGS.label, blank=True)
    lessons = models.TextField(Section.LESSONS.label, blank=True)
    next_tasks = models.TextField(Section.NEXT_TASKS.label, blank=True)
    proposals = models.TextField(Section.PROPOSALS.label, blank=True)
    # Numbers from the system; recomputed until submitted, then kept as sent.
    figures = models.JSONField(default=dict, blank=True)
    overdue_tasks = models.JSONField(default=list, blank=True)
    figures_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Once late, late for good: a later resubmission never clears it.
    late = models.BooleanField(_("Nộp muộn"), default=False)
    delay_days = models.PositiveIntegerField(_("Số ngày chậm"), default=0)
    return_comment = models.TextField(_("Ý kiến trả lại"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The "proposals and obstacles" section, handed over as a proposal when the report is accepted.
    proposal = models.ForeignKey(
        "proposals.Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["period", "unit"], name="unitreport_once")]
        indexes = [models.Index(fields=["period", "status"], name="unitreport_period_status")]

    def __str__(self) -> str:
        return f"{self.period_id}: {self.unit_id} ({self.status})"

    @property
    def is_sent(self) -> bool:
        """Submitted or accepted: the upper level has it and the figures are frozen."""
        return self.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)

    def sections(self) -> dict[str, str]:
        return {s.value: getattr(self, s.value) for s in Section}


class ReportFile(models.Model):
    """A file attached to a unit's report, kept in the database (few, small, checked on arrival)."""

    report = models.ForeignKey(UnitReport, on_delete=models.CASCADE, related_name="files")
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


SENT_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
SENT_Q = Q(status__in=SENT_STATUSES)


class OutgoingRegister(models.Model):
    """The outgoing register of one issuer for one document type in one committee term (M12).

    Numbers count 1, 2, 3… (shown 01, 02…) and are never given twice: the next number is taken
    under a row lock on this register, and a unique constraint on (register, number) backs it.
    """

    issuer = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan ban hành")
    )
    doc_type = models.CharField(_("Loại văn bản"), max_length=10)  # "BC", "KH", "QĐ", "CV"
    term = models.CharField(_("Nhiệm kỳ"), max_length=20)  # "2025-2030"
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["issuer__path", "doc_type", "term"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "doc_type", "term"], name="outgoingregister_once"),
        ]

    def __str__(self) -> str:
        return f"{self.doc_type}/{self.issuer_id} {self.term}"


class OutgoingNumber(models.Model):
    """A number handed out by a register: to a document, or cancelled with the reason."""

    register = models.ForeignKey(OutgoingRegister, on_delete=models.PROTECT, related_name="numbers")
    number = models.PositiveIntegerField(_("Số"))
    number_symbol = models.CharField(_("Số, ký hiệu"), max_length=60)
    subject = models.CharField(_("Trích yếu"), max_length=500)
    issued_on = models.DateField(_("Ngày ban hành"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    period = models.ForeignKey(
        ReviewPeriod, on_delete=models.PROTECT, null=True, blank=True, related_name="outgoing_numbers"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("Lý do hủy số"), max_length=500, blank=True)
    signer_name = models.CharField(_("Họ tên người ký"), max_length=150, blank=True)

    class Meta:
        ordering = ["register", "number"]
        constraints = [
            models.UniqueConstraint(fields=["register", "number"], name="outgoingnumber_once"),
            models.CheckConstraint(
                condition=Q(cancelled_at__isnull=True) | ~Q(cancel_reason=""),
                name="outgoingnumber_cancel_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.number_symbol

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None


class Dispatch(models.Model):
    """An issued document sent to one recipient unit, which acknowledges receiving it."""

    number = models.ForeignKey(OutgoingNumber, on_delete=models.PROTECT, related_name="dispatches")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["unit__path"]
        constraints = [models.UniqueConstraint(fields=["number", "unit"], name="dispatch_once")]

    def __str__(self) -> str:
        return f"{self.number_id} → {self.unit_id}"

    @property
    def is_acknowledged(self) -> bool:
        return self.acknowledged_at is not None
