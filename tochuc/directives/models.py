"""Party documents (văn bản) and the tasks they set, tracked to completion.

A ``Directive`` is a registered document. Its ``Task`` rows have exactly one
lead unit each; a unit that receives a task may break it down for its subtree
(child tasks, ``parent``). Lead units file ``ProgressReport`` rows. A task's
status is never stored as typed text: it is computed from the deadline, the
reports and the completion date (see ``status.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class DocType(models.TextChoices):
    NQ = "NQ", _("Nghị quyết")
    CT = "CT", _("Chỉ thị")
    KL = "KL", _("Kết luận")
    QD = "QĐ", _("Quy định, Quyết định")
    HD = "HD", _("Hướng dẫn")
    KH = "KH", _("Kế hoạch")
    TB = "TB", _("Thông báo")
    BC = "BC", _("Báo cáo")
    TTR = "TTr", _("Tờ trình")
    CV = "CV", _("Công văn")


class Directive(TimeStampedModel):
    doc_type = models.CharField(_("Loại văn bản"), max_length=5, choices=DocType.choices)
    number = models.CharField(_("Số"), max_length=10)
    symbol = models.CharField(_("Ký hiệu"), max_length=40)  # "KL/BTCTW"
    number_symbol = models.CharField(_("Số và ký hiệu"), max_length=60)  # "03-KL/BTCTW"
    issuer = models.CharField(_("Cơ quan ban hành"), max_length=255)
    issuer_code = models.CharField(max_length=30)  # "BTCTW", the part after the slash
    # Numbers count from 01 per type within one committee term, e.g. "2015-2020".
    term = models.CharField(_("Nhiệm kỳ"), max_length=20)
    place = models.CharField(_("Địa danh"), max_length=100, blank=True)
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("Trích yếu"), max_length=1000)
    body = models.TextField(_("Nội dung"), blank=True)
    recipients = models.JSONField(_("Nơi nhận"), default=list, blank=True)
    report_periods = models.JSONField(_("Kỳ báo cáo"), default=list, blank=True)
    signing_capacity = models.CharField(_("Thẩm quyền ký"), max_length=100, blank=True)
    signer_position = models.CharField(_("Chức vụ người ký"), max_length=150, blank=True)
    signer_name = models.CharField(_("Người ký"), max_length=150, blank=True)
    source_name = models.CharField(_("Tệp gốc"), max_length=255, blank=True)
    # The unit that registered the directive and assigns its tasks; scope follows it.
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="directives",
        verbose_name=_("Đơn vị quản lý"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer_code", "doc_type", "number", "term"], name="directive_number_unique_in_term"
            )
        ]
        indexes = [models.Index(fields=["unit", "-issued_on"], name="directive_unit_recent")]

    def __str__(self) -> str:
        return self.number_symbol


class ReportPeriod(models.TextChoices):
    NONE = "", _("Không định kỳ")
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("3 tháng")
    HALF_YEAR = "half_year", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")


class ProductKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    SCHEME = "scheme", _("Đề án")
    REGULATION = "regulation", _("Quy định, quy chế")
    PLAN = "plan", _("Kế hoạch")
    GUIDANCE = "guidance", _("Hướng dẫn")
    OTHER = "other", _("Sản phẩm khác")


class Quality(models.TextChoices):
    EXCEEDING = "exceeding", _("Vượt yêu cầu")
    MET = "met", _("Đạt yêu cầu")
    NOT_MET = "not_met", _("Chưa đạt yêu cầu")


class TaskStatus(models.TextChoices):
    """Computed, never typed (see status.py)."""

    NOT_STARTED = "not_started", _("Chưa triển khai")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ chậm")
    OVERDUE = "overdue", _("Quá hạn")
    DONE_ON_TIME = "done_on_time", _("Hoàn thành đúng hạn")
    DONE_LATE = "done_late", _("Hoàn thành chậm")


class Task(TimeStampedModel):
    directive = models.ForeignKey(Directive, on_delete=models.CASCADE, related_name="tasks")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Nhiệm vụ cha"),
    )
    no = models.CharField(_("Số thứ tự"), max_length=20)
    text = models.TextField(_("Nội dung nhiệm vụ"))
    # The unit that assigned the task (the directive's unit, or the lead unit of the parent task).
    assigned_by = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="assigned_tasks"
    )
    # Copy of assigned_by.path: "tasks assigned inside a subtree" is one indexed prefix filter.
    assigned_path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    lead_unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_tasks",
        verbose_name=_("Cơ quan chủ trì"),
    )
    # Copy of lead_unit.path so a subtree's tasks are one indexed prefix filter.
    lead_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    cooperating_units = models.ManyToManyField(
        "orgunits.OrgUnit", blank=True, related_name="cooperating_tasks", verbose_name=_("Cơ quan phối hợp")
    )
    responsible_person = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tasks",
        verbose_name=_("Người chịu trách nhiệm"),
    )
    deadline = models.DateField(_("Thời hạn"), null=True, blank=True)
    report_period = models.CharField(
        _("Kỳ báo cáo"), max_length=10, choices=ReportPeriod.choices, default=ReportPeriod.NONE, blank=True
    )
    product_kind = models.CharField(
        _("Loại sản phẩm"), max_length=12, choices=ProductKind.choices, blank=True
    )
    product = models.CharField(_("Sản phẩm"), max_length=500, blank=True)
    # Latest reported figures, kept with each progress report so lists need no join.
    percent = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    last_report_on = models.DateField(null=True, blank=True)
    started_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(_("Ngày hoàn thành"), null=True, blank=True)
    quality = models.CharField(_("Chất lượng"), max_length=10, choices=Quality.choices, blank=True)
    quality_note = models.TextField(blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["directive_id", "id"]
        indexes = [
            models.Index(fields=["lead_path", "deadline"], name="task_lead_deadline"),
            models.Index(fields=["directive", "parent"], name="task_directive_parent"),
            models.Index(fields=["completed_on"], name="task_completed"),
            # Open tasks in list order, so the first page of a status is read, not sorted.
            models.Index(
                fields=["deadline", "directive", "id"],
                name="task_open_deadline",
                condition=models.Q(completed_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.directive_id}/{self.no}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The copy of the assigning unit's path is filled from the unit when a caller left it out.
        if self.assigned_by_id and not self.assigned_path:
            self.assigned_path = self.assigned_by.path
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "assigned_path"}
        super().save(*args, **kwargs)


def progress_upload_to(instance: ProgressReport, filename: str) -> str:
    return f"progress/{instance.task_id}/{filename}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    # The end of the reporting period this report answers (None for an unscheduled report).
    period_end = models.DateField(_("Kỳ báo cáo đến ngày"), null=True, blank=True)
    reported_on = models.DateField(_("Ngày báo cáo"))
    percent = models.PositiveSmallIntegerField(_("Tiến độ (%)"))
    narrative = models.TextField(_("Kết quả thực hiện"))
    attachment = models.FileField(_("Tệp đính kèm"), upload_to=progress_upload_to, blank=True)
    is_final = models.BooleanField(_("Báo cáo hoàn thành"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-id"]
        indexes = [models.Index(fields=["task", "-reported_on"], name="progress_task_recent")]

    def __str__(self) -> str:
        return f"{self.task_id}@{self.reported_on}"


class RecognitionStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ nhận dạng")
    RUNNING = "running", _("Đang nhận dạng chữ")
    DONE = "done", _("Đã nhận dạng")
    FAILED = "failed", _("Không nhận dạng được")


class RecognitionJob(TimeStampedModel):
    """A scan uploaded for registration, recognised (OCR) in the background page by page.

    Only its creator sees it. Once done, ``text`` is what the reader reads; the stored file is removed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recognition_jobs"
    )
    file_name = models.CharField(_("Tên tệp"), max_length=255)
    stored_path = models.CharField(max_length=500, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=RecognitionStatus.choices, default=RecognitionStatus.QUEUED
    )
    pages_total = models.PositiveIntegerField(null=True, blank=True)
    pages_done = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_running(self) -> bool:
        return self.status in {RecognitionStatus.QUEUED, RecognitionStatus.RUNNING}


class TaskCountRun(models.Model):
    """One counting of the task statuses of the shallow units (the Centre, the provinces), by the worker.

    Pages read the latest run while it is fresh (``TOCHUC_TASK_COUNTS_MAX_AGE`` seconds, and counted
    on the same day, since a status depends on the day) and say when it was counted; otherwise they
    count live. The latest run and the one before it are kept (a page may be reading that one).
    """

    counted_at = models.DateTimeField()
    day = models.DateField()  # the ``today`` of the statuses
    max_depth = models.PositiveSmallIntegerField()  # units at this depth or above are counted

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.counted_at.isoformat()} (≤ {self.max_depth})"


class TaskCount(models.Model):
    """Tasks led in one branch of a unit (a child's subtree, or the unit itself) with one status."""

    run = models.ForeignKey(TaskCountRun, on_delete=models.CASCADE, related_name="counts")
    unit_path = models.CharField(max_length=255)
    branch_path = models.CharField(max_length=255)  # the child's path, or the unit's own for its own tasks
    status = models.CharField(max_length=20, choices=TaskStatus.choices)
    n = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["run", "unit_path"], name="taskcount_run_unit")]

    def __str__(self) -> str:
        return f"{self.branch_path} {self.status}={self.n}"
