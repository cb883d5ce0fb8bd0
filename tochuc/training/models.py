"""Training and development: courses with their attendance and results, yearly plans, requested courses.

Training needs are not stored: they are what the 2C record (levels, training lines), the posts held,
the planning and the open requests say today (``needs.py``), so a completed course makes its need
disappear without anyone closing it by hand.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel

CODE_LENGTH = 40


class CourseKind(models.TextChoices):
    NEW_MEMBER = "new_member", _("Bồi dưỡng lý luận chính trị cho đảng viên mới")
    THEORY_ELEMENTARY = "theory_elementary", _("Sơ cấp lý luận chính trị")
    THEORY_INTERMEDIATE = "theory_intermediate", _("Trung cấp lý luận chính trị")
    THEORY_ADVANCED = "theory_advanced", _("Cao cấp lý luận chính trị")
    THEORY_BACHELOR = "theory_bachelor", _("Cử nhân lý luận chính trị")
    STATE_MANAGEMENT = "state_management", _("Bồi dưỡng kiến thức quản lý nhà nước")
    TITLE_FOSTERING = "title_fostering", _("Bồi dưỡng theo tiêu chuẩn chức danh")
    DEGREE = "degree", _("Đào tạo trình độ chuyên môn")
    IT = "it", _("Bồi dưỡng kỹ năng công nghệ thông tin")
    LANGUAGE = "language", _("Bồi dưỡng ngoại ngữ")


class NeedReason(models.TextChoices):
    POST = "post", _("Chưa đạt yêu cầu của vị trí đang đảm nhiệm")
    PLANNED_TITLE = "planned_title", _("Chưa đạt tiêu chuẩn chức danh quy hoạch")
    PROBATIONARY = "probationary", _("Đảng viên dự bị chưa học lớp đảng viên mới")
    REQUESTED = "requested", _("Đánh giá, xếp loại đề nghị đi học")


class AttendanceResult(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Hoàn thành")
    FAILED = "failed", _("Không đạt")
    ABSENT = "absent", _("Không tham gia")


class Course(TimeStampedModel):
    """One course (lớp): organised by a unit, open to the people of its subtree."""

    code = models.CharField(_("Mã lớp"), max_length=CODE_LENGTH, unique=True)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="courses", verbose_name=_("Đơn vị tổ chức")
    )
    kind = models.CharField(_("Loại lớp"), max_length=30, choices=CourseKind.choices)
    name = models.CharField(_("Tên lớp"), max_length=255)
    provider = models.CharField(_("Cơ sở đào tạo"), max_length=255)
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"))
    # What the 2C records for those who pass ("Chứng chỉ tin học cơ bản", "Cử nhân Luật").
    qualification = models.CharField(_("Văn bằng, chứng chỉ"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start", "code"]
        indexes = [models.Index(fields=["unit", "start"], name="course_unit_start")]
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="course_dates")]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Attendance(TimeStampedModel):
    """A person nominated to a course, and the result once recorded."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="course_attendances")
    result = models.CharField(
        _("Kết quả"), max_length=10, choices=AttendanceResult.choices, default=AttendanceResult.PENDING
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_on = models.DateField(_("Ngày ghi kết quả"), null=True, blank=True)
    # The 2C training line written when the person passed.
    training = models.ForeignKey(
        "people.Training", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["course_id", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["course", "person"], name="attendance_once_per_course")
        ]
        indexes = [models.Index(fields=["person", "result"], name="attendance_person_result")]

    def __str__(self) -> str:
        return f"{self.course_id}:{self.person_id}"


class TrainingPlan(TimeStampedModel):
    """A unit's yearly training plan: the needs of its subtree counted by course, fixed when adopted."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="training_plans", verbose_name=_("Đơn vị")
    )
    year = models.PositiveSmallIntegerField(_("Năm"))
    name = models.CharField(_("Tên kế hoạch"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="training_plan_once_a_year")]

    def __str__(self) -> str:
        return self.name


class PlanLine(models.Model):
    """How many people the plan sends to one kind of course (the people who needed it when adopted)."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="lines")
    kind = models.CharField(_("Loại lớp"), max_length=30, choices=CourseKind.choices)
    planned = models.PositiveIntegerField(_("Số người dự kiến"))

    class Meta:
        ordering = ["plan_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="plan_line_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.kind}={self.planned}"


class TrainingRequest(TimeStampedModel):
    """A course the evaluation asked a person to take; open until a course of that kind is passed."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="training_requests")
    kind = models.CharField(_("Loại lớp"), max_length=30, choices=CourseKind.choices)
    evaluation = models.ForeignKey(
        "evaluations.Evaluation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_requests",
        verbose_name=_("Kết quả đánh giá"),
    )
    note = models.CharField(_("Nội dung đề nghị"), max_length=500)
    requested_on = models.DateField(_("Ngày đề nghị"))
    closed_on = models.DateField(_("Ngày đáp ứng"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["requested_on", "pk"]
        indexes = [models.Index(fields=["person", "closed_on"], name="training_request_open")]

    def __str__(self) -> str:
        return f"{self.person_id}:{self.kind}"
