"""Evaluation and quality rating (đánh giá, xếp loại chất lượng).

A cycle covers one unit's subtree and follows one rule pack. Inside it, every
collective (a unit) and every individual (a person) has one ``Evaluation`` that
moves through the steps self-review → comments → appraisal → decision. Each
step is kept as an ``EvaluationStep``; every change of a rating after it was
first given is kept as a ``RatingChange``. Findings of the rule pack that the
regulation allows with a reason are answered by a ``Justification``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class Rating(models.TextChoices):
    """The four levels, the same for individuals and collectives."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


# Higher is better; used to compare a head with the collective they lead.
RATING_RANK: dict[str, int] = {
    Rating.NOT_COMPLETED: 0,
    Rating.COMPLETED: 1,
    Rating.GOOD: 2,
    Rating.EXCELLENT: 3,
}

RATING_SHORT: dict[str, str] = {
    Rating.EXCELLENT: "HTXSNV",
    Rating.GOOD: "HTTNV",
    Rating.COMPLETED: "HTNV",
    Rating.NOT_COMPLETED: "KHTNV",
}


class CycleKind(models.TextChoices):
    ANNUAL = "annual", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    TERM = "term", _("Cuối nhiệm kỳ")
    AD_HOC = "ad_hoc", _("Khi cần thiết")


class CycleStatus(models.TextChoices):
    OPEN = "open", _("Đang đánh giá")
    CLOSED = "closed", _("Đã kết thúc")


class SubjectKind(models.TextChoices):
    COLLECTIVE = "collective", _("Tập thể")
    INDIVIDUAL = "individual", _("Cá nhân")


class Frame(models.TextChoices):
    """The five criteria frames (annexes of the regulation)."""

    COLLECTIVE = "collective", _("Tập thể lãnh đạo, quản lý")
    CENTRAL_CADRE = "central_cadre", _("Cán bộ thuộc diện Trung ương quản lý")
    LEADER = "leader", _("Cán bộ lãnh đạo, quản lý các cấp")
    NON_LEADER = "non_leader", _("Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo")
    OUTSIDE = "outside", _("Đảng viên không làm việc trong hệ thống chính trị")


class Stage(models.TextChoices):
    """Where an evaluation stands; the steps follow this order."""

    PENDING = "pending", _("Chưa tự kiểm điểm")
    SELF_REVIEW = "self_review", _("Đã tự kiểm điểm")
    COMMENTS = "comments", _("Đã lấy ý kiến tập thể")
    APPRAISAL = "appraisal", _("Đã thẩm định, đề xuất")
    DECIDED = "decided", _("Đã quyết định xếp loại")
    NOT_REVIEWED = "not_reviewed", _("Không đánh giá")


class EvaluationCycle(TimeStampedModel):
    code = models.CharField(_("Mã đợt"), max_length=40, unique=True)
    name = models.CharField(_("Tên đợt đánh giá"), max_length=255)
    unit = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        related_name="evaluation_cycles",
        verbose_name=_("Đơn vị"),
    )
    kind = models.CharField(_("Loại đợt"), max_length=20, choices=CycleKind.choices, default=CycleKind.ANNUAL)
    year = models.PositiveSmallIntegerField(_("Năm"))
    quarter = models.PositiveSmallIntegerField(_("Quý"), null=True, blank=True)
    # Module name under tochuc/evaluations/rules/, e.g. "qd366-2025".
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=CycleStatus.choices, default=CycleStatus.OPEN
    )
    self_review_due = models.DateField(_("Hạn tự kiểm điểm"), null=True, blank=True)
    comments_due = models.DateField(_("Hạn lấy ý kiến"), null=True, blank=True)
    appraisal_due = models.DateField(_("Hạn thẩm định"), null=True, blank=True)
    decision_due = models.DateField(_("Hạn quyết định"), null=True, blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "code"]
        indexes = [models.Index(fields=["unit", "year"], name="evalcycle_unit_year")]

    @property
    def pack_name(self) -> str:
        """The regulation the rules follow, as people name it (the code stays internal)."""
        from tochuc.evaluations.rules import PACKS

        return PACKS.name_of(self.pack)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    @property
    def is_open(self) -> bool:
        """Evaluations may still be entered and changed."""
        return self.status == CycleStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == CycleStatus.CLOSED


class Evaluation(TimeStampedModel):
    """One subject's evaluation in one cycle: a collective (``person`` empty) or an individual."""

    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE, related_name="evaluations")
    # The collective evaluated, or the unit where the individual is evaluated.
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="evaluations")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="evaluations"
    )
    subject_kind = models.CharField(max_length=12, choices=SubjectKind.choices)
    frame = models.CharField(_("Khung tiêu chí"), max_length=20, choices=Frame.choices)
    is_head = models.BooleanField(_("Người đứng đầu"), default=False)
    stage = models.CharField(_("Bước"), max_length=20, choices=Stage.choices, default=Stage.PENDING)
    not_reviewed_reason = models.CharField(_("Lý do không đánh giá"), max_length=255, blank=True)

    # Self-review: per-criterion points (keys from the pack's frame) and the narrative with evidence.
    self_criteria = models.JSONField(default=dict, blank=True)
    self_score = models.DecimalField(_("Điểm tự chấm"), max_digits=4, decimal_places=1, null=True, blank=True)
    self_rating = models.CharField(_("Tự xếp loại"), max_length=20, choices=Rating.choices, blank=True)
    self_review = models.TextField(_("Bản tự kiểm điểm"), blank=True)
    evidence = models.TextField(_("Minh chứng"), blank=True)

    # Comments of the collective (members of the unit).
    comments = models.TextField(_("Ý kiến của tập thể"), blank=True)
    suggested_rating = models.CharField(
        _("Tập thể đề nghị xếp loại"), max_length=20, choices=Rating.choices, blank=True
    )

    # Appraisal and proposal of the advisory body.
    proposed_score = models.DecimalField(
        _("Điểm đề xuất"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    proposed_rating = models.CharField(
        _("Đề xuất xếp loại"), max_length=20, choices=Rating.choices, blank=True
    )
    proposal_reason = models.TextField(_("Lý do đề xuất"), blank=True)

    # Decision of the competent level.
    final_score = models.DecimalField(_("Điểm"), max_digits=4, decimal_places=1, null=True, blank=True)
    final_rating = models.CharField(_("Xếp loại"), max_length=20, choices=Rating.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    # Facts the rule pack reads, snapshotted when the evaluation is created or refreshed
    # (task figures come from tracked tasks when there are any, else they are entered).
    tasks_total = models.PositiveIntegerField(_("Số nhiệm vụ"), default=0)
    tasks_done = models.PositiveIntegerField(_("Số nhiệm vụ hoàn thành"), default=0)
    tasks_on_time = models.PositiveIntegerField(_("Số nhiệm vụ đúng hạn"), default=0)
    tasks_late = models.PositiveIntegerField(_("Số nhiệm vụ chậm"), default=0)
    tasks_exceeding = models.PositiveIntegerField(_("Số nhiệm vụ vượt yêu cầu"), default=0)
    low_confidence_share = models.DecimalField(
        _("Tỷ lệ phiếu tín nhiệm thấp"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    disciplined = models.BooleanField(_("Bị kỷ luật trong năm"), default=False)
    degenerated = models.BooleanField(_("Suy thoái tư tưởng chính trị, đạo đức, lối sống"), default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person"],
                condition=Q(person__isnull=False),
                name="evaluation_one_per_person",
            ),
            models.UniqueConstraint(
                fields=["cycle", "unit"],
                condition=Q(person__isnull=True),
                name="evaluation_one_per_collective",
            ),
            models.CheckConstraint(
                condition=(Q(subject_kind="collective", person__isnull=True))
                | (Q(subject_kind="individual", person__isnull=False)),
                name="evaluation_subject_matches_person",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "unit"], name="evaluation_cycle_unit"),
            models.Index(fields=["cycle", "final_rating"], name="evaluation_cycle_rating"),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.unit_id}:{self.person_id or '-'}"

    @property
    def is_collective(self) -> bool:
        return self.person_id is None

    @property
    def current_rating(self) -> str:
        """The most advanced rating given so far."""
        return self.final_rating or self.proposed_rating or self.suggested_rating or self.self_rating


class EvaluationStep(models.Model):
    """One recorded step: who did it, when, with which score and rating."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="steps")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    note = models.TextField(blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}:{self.stage}"


class RatingChange(models.Model):
    """A rating changed after it was first given: the old value, who and why."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="rating_changes")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    old_rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    new_rating = models.CharField(max_length=20, choices=Rating.choices, blank=True)
    old_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    new_score = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    reason = models.TextField(_("Lý do thay đổi"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.evaluation_id}:{self.old_rating}→{self.new_rating}"


class Justification(models.Model):
    """A written reason for a ``justify`` finding; the upper level sees it in the summary."""

    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE, related_name="justifications")
    rule = models.CharField(max_length=80)
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("Giải trình"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["cycle", "rule", "unit"], name="justification_lookup")]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.rule}"
