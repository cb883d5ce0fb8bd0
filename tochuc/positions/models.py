"""Job positions (vị trí việc làm): titles, positions of a unit, duties, requirements, assignments."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel
from tochuc.orgunits.models import UnitKind
from tochuc.people.models import TheoryLevel


class LeadershipGroup(models.IntegerChoices):
    """The four groups of leadership titles (Quy định 368-QĐ/TW 2025)."""

    ONE = 1, _("Nhóm 1")
    TWO = 2, _("Nhóm 2")
    THREE = 3, _("Nhóm 3")
    FOUR = 4, _("Nhóm 4")


class PositionGroup(models.TextChoices):
    LEADERSHIP = "leadership", _("Lãnh đạo, quản lý")
    PROFESSIONAL = "professional", _("Chuyên môn, nghiệp vụ")
    SUPPORT = "support", _("Hỗ trợ, phục vụ")


class DegreeLevel(models.IntegerChoices):
    """Professional degree, in increasing order."""

    NONE = 0, _("Chưa qua đào tạo")
    INTERMEDIATE = 1, _("Trung cấp")
    COLLEGE = 2, _("Cao đẳng")
    BACHELOR = 3, _("Đại học")
    MASTER = 4, _("Thạc sĩ")
    DOCTOR = 5, _("Tiến sĩ")


# Political-theory levels, lowest first.
THEORY_ORDER: tuple[str, ...] = (
    TheoryLevel.NONE,
    TheoryLevel.ELEMENTARY,
    TheoryLevel.INTERMEDIATE,
    TheoryLevel.ADVANCED,
    TheoryLevel.BACHELOR,
)


def theory_rank(level: str) -> int:
    return THEORY_ORDER.index(level) if level in THEORY_ORDER else 0


class AssignmentKind(models.TextChoices):
    HOLDER = "holder", _("Đảm nhiệm")
    ACTING = "acting", _("Kiêm nhiệm, quyền")


class Title(TimeStampedModel):
    """A title or post (chức danh, chức vụ) from the shared catalog."""

    name = models.CharField(_("Tên chức danh"), max_length=255, unique=True)
    is_leadership = models.BooleanField(_("Chức danh lãnh đạo, quản lý"), default=False)
    leadership_group = models.PositiveSmallIntegerField(
        _("Nhóm chức danh lãnh đạo"), choices=LeadershipGroup.choices, null=True, blank=True
    )
    # Posts of a Party committee (secretary, deputy secretary…) are filled by election, or by the
    # upper committee's designation; never by appointment.
    is_elected = models.BooleanField(_("Chức danh do bầu cử"), default=False)
    # The level of unit the title belongs to (a commune's secretary, a province's…); blank for any level.
    unit_kind = models.CharField(_("Thuộc cấp"), max_length=20, choices=UnitKind.choices, blank=True)
    # A retired title stays on the positions that carry it but is no longer offered for new ones.
    retired_on = models.DateField(_("Ngày thôi sử dụng"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(leadership_group__isnull=True) | Q(is_leadership=True),
                name="title_group_only_for_leadership",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def fits(self, kind: str) -> bool:
        """Whether the title can be held in a unit of this kind."""
        return not self.unit_kind or self.unit_kind == kind


class Position(TimeStampedModel):
    """A job position of a unit, its requirements and its staffing quota."""

    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="positions", verbose_name=_("Đơn vị")
    )
    title = models.ForeignKey(
        Title,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("Chức danh"),
    )
    name = models.CharField(_("Tên vị trí việc làm"), max_length=255)
    group = models.CharField(_("Nhóm vị trí"), max_length=20, choices=PositionGroup.choices)
    min_degree = models.PositiveSmallIntegerField(
        _("Trình độ chuyên môn tối thiểu"), choices=DegreeLevel.choices, default=DegreeLevel.NONE
    )
    min_theory_level = models.CharField(
        _("Lý luận chính trị tối thiểu"), max_length=20, choices=TheoryLevel.choices, default=TheoryLevel.NONE
    )
    min_experience_years = models.PositiveSmallIntegerField(_("Số năm kinh nghiệm tối thiểu"), default=0)
    min_age = models.PositiveSmallIntegerField(_("Tuổi tối thiểu"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("Tuổi tối đa"), null=True, blank=True)
    headcount_quota = models.PositiveSmallIntegerField(_("Biên chế"), default=1)

    class Meta:
        ordering = ["unit__path", "name"]
        indexes = [models.Index(fields=["unit", "group"], name="position_unit_group")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="position_unique_name_in_unit"),
            models.CheckConstraint(
                condition=Q(min_age__isnull=True)
                | Q(max_age__isnull=True)
                | Q(max_age__gte=models.F("min_age")),
                name="position_age_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Duty(models.Model):
    """One line of a position's job description. Retired duties keep their history."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="duties")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("Nhiệm vụ"), max_length=1000)
    retired_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["position", "retired_on"], name="duty_position_active")]

    def __str__(self) -> str:
        return self.text


class Assignment(TimeStampedModel):
    """A person in a position, as holder or as acting holder. Open while ``end`` is empty."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Người")
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Vị trí")
    )
    kind = models.CharField(_("Hình thức"), max_length=10, choices=AssignmentKind.choices)
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"), null=True, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    # Requirements not met when assigned, and why the assignment went ahead anyway.
    warnings = models.JSONField(default=list, blank=True)
    justification = models.TextField(_("Lý do vẫn bố trí"), blank=True)

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["position", "end"], name="assignment_position_open"),
            models.Index(fields=["person", "end"], name="assignment_person_open"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "position"],
                condition=Q(end__isnull=True),
                name="assignment_one_open_per_seat",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")), name="assignment_dates"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.position_id}"

    @property
    def is_open(self) -> bool:
        return self.end is None


class DutyResponsibility(models.Model):
    """Who is responsible for a duty, and when. One duty — one person: at most one open row per duty."""

    duty = models.ForeignKey(Duty, on_delete=models.CASCADE, related_name="responsibilities")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="duty_responsibilities"
    )
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["duty"], condition=Q(end__isnull=True), name="duty_one_responsible_holder"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="duty_responsibility_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.duty_id}: {self.person_id}"
