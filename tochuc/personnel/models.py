"""Cadre work in the open: planning, appointment procedures with ballots, rotation, confidence votes.

Every number these rows are judged by comes from a personnel rule pack
(``rules/``); each cycle and procedure records the pack it followed.
Ballots hold counts only: nothing anywhere records who voted how.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class PlanningCycle(TimeStampedModel):
    """Planning (quy hoạch) of one unit's leadership titles for one term."""

    code = models.CharField(_("Mã đợt"), max_length=40, unique=True)
    name = models.CharField(_("Tên đợt quy hoạch"), max_length=255)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="planning_cycles", verbose_name=_("Đơn vị")
    )
    term = models.CharField(_("Nhiệm kỳ"), max_length=20)  # "2025-2030"
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    is_open = models.BooleanField(_("Đang mở"), default=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-term", "code"]

    @property
    def pack_name(self) -> str:
        """The regulation the rules follow, as people name it (the code stays internal)."""
        from tochuc.personnel.rules import PACKS

        return PACKS.name_of(self.pack)

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class EntryStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt")
    REMOVED = "removed", _("Đưa ra khỏi quy hoạch")


class RemovalReason(models.TextChoices):
    OVER_AGE = "over_age", _("Quá tuổi")
    DISCIPLINE = "discipline", _("Bị kỷ luật")
    LOW_CONFIDENCE = "low_confidence", _("Tín nhiệm thấp")
    NOT_QUALIFIED = "not_qualified", _("Không còn đủ tiêu chuẩn")
    APPOINTED = "appointed", _("Đã được bổ nhiệm")
    OTHER = "other", _("Lý do khác")


class PlanningEntry(TimeStampedModel):
    """One person planned for one title in one cycle."""

    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="entries")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="planning_entries")
    title = models.ForeignKey("positions.Title", on_delete=models.PROTECT, related_name="planning_entries")
    # The person's unit is outside the cycle's subtree ("from outside the unit").
    is_external = models.BooleanField(_("Nguồn từ nơi khác"), default=False)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.PROPOSED
    )
    added_on = models.DateField(_("Ngày đưa vào"))
    removed_on = models.DateField(_("Ngày đưa ra"), null=True, blank=True)
    removal_reason = models.CharField(
        _("Lý do đưa ra"), max_length=20, choices=RemovalReason.choices, blank=True
    )
    removal_note = models.TextField(_("Ghi chú"), blank=True)
    # Removed by a rule of the pack rather than by a person.
    removed_automatically = models.BooleanField(default=False)
    # The last eligibility findings (list of {"rule","severity","message"}) and why it went ahead.
    findings = models.JSONField(default=list, blank=True)
    justification = models.TextField(_("Giải trình"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["cycle_id", "title_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "person", "title"],
                condition=~Q(status="removed"),
                name="planning_entry_once_while_active",
            )
        ]
        indexes = [models.Index(fields=["cycle", "status"], name="planning_entry_cycle_status")]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.person_id}→{self.title_id}"

    @property
    def is_proposed(self) -> bool:
        return self.status == EntryStatus.PROPOSED

    @property
    def is_approved(self) -> bool:
        return self.status == EntryStatus.APPROVED

    @property
    def is_removed(self) -> bool:
        """Taken out of the planning (the row stays, for the record)."""
        return self.status == EntryStatus.REMOVED


class ProcedureKind(models.TextChoices):
    APPOINTMENT = "appointment", _("Bổ nhiệm")
    REAPPOINTMENT = "reappointment", _("Bổ nhiệm lại")
    NOMINATION = "nomination", _("Giới thiệu ứng cử")
    DESIGNATION = "designation", _("Chỉ định")


class ProcedureStatus(models.TextChoices):
    OPEN = "open", _("Đang thực hiện")
    BLOCKED = "blocked", _("Bị chặn")
    FAILED = "failed", _("Không đạt")
    PASSED = "passed", _("Đã qua các bước")
    DECIDED = "decided", _("Đã ra quyết định")
    WITHDRAWN = "withdrawn", _("Đã dừng")


class Procedure(TimeStampedModel):
    """An appointment, re-appointment or nomination of one candidate to one post."""

    kind = models.CharField(_("Loại"), max_length=15, choices=ProcedureKind.choices)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="procedures", verbose_name=_("Đơn vị")
    )
    title = models.ForeignKey("positions.Title", on_delete=models.PROTECT, related_name="procedures")
    position = models.ForeignKey(
        "positions.Position", on_delete=models.PROTECT, null=True, blank=True, related_name="procedures"
    )
    candidate = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="procedures")
    is_internal = models.BooleanField(_("Nhân sự tại chỗ"), default=True)
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    file_received_on = models.DateField(_("Ngày nhận hồ sơ"))
    term_months = models.PositiveSmallIntegerField(_("Thời hạn giữ chức vụ (tháng)"), default=60)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=ProcedureStatus.choices, default=ProcedureStatus.OPEN
    )
    # Eligibility findings at the start ({"rule","severity","message"}), and the reason to go on anyway.
    eligibility = models.JSONField(default=list, blank=True)
    blocked_reason = models.TextField(blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    term_start = models.DateField(_("Giữ chức vụ từ"), null=True, blank=True)
    term_end = models.DateField(_("Giữ chức vụ đến"), null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "status"], name="procedure_unit_status"),
            models.Index(fields=["term_end"], name="procedure_term_end"),
        ]

    @property
    def pack_name(self) -> str:
        """The regulation the rules follow, as people name it (the code stays internal)."""
        from tochuc.personnel.rules import PACKS

        return PACKS.name_of(self.pack)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.candidate_id} → {self.title_id}"

    @property
    def is_open(self) -> bool:
        """Meetings are still being held."""
        return self.status == ProcedureStatus.OPEN

    @property
    def is_blocked(self) -> bool:
        """Stopped by a condition of the pack or a conflict of interest until resolved."""
        return self.status == ProcedureStatus.BLOCKED

    @property
    def is_passed(self) -> bool:
        """Every step passed; the decision is awaited."""
        return self.status == ProcedureStatus.PASSED

    @property
    def is_decided(self) -> bool:
        return self.status == ProcedureStatus.DECIDED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ProcedureStatus.WITHDRAWN

    @property
    def is_finished(self) -> bool:
        """Decided or withdrawn: nothing more can be done."""
        return self.status in (ProcedureStatus.DECIDED, ProcedureStatus.WITHDRAWN)

    @property
    def is_in_progress(self) -> bool:
        """Open, blocked or passed: an approver can still be set."""
        return self.status in (ProcedureStatus.OPEN, ProcedureStatus.BLOCKED, ProcedureStatus.PASSED)


class StepOutcome(models.TextChoices):
    PASSED = "passed", _("Đạt")
    NO_QUORUM = "no_quorum", _("Không đủ 2/3 số người dự")
    NOT_ELECTED = "not_elected", _("Không đủ số phiếu")
    TIE = "tie", _("Bằng phiếu, phải bỏ phiếu lại")


class ProcedureStep(models.Model):
    """One meeting of a procedure. A failed meeting may be held again: a new row, next ``attempt``."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()  # 1-based, in the pack's step list
    key = models.CharField(max_length=30)
    attempt = models.PositiveSmallIntegerField(default=1)
    held_on = models.DateField(_("Ngày họp"))
    convened = models.PositiveIntegerField(_("Số người được triệu tập"))
    present = models.PositiveIntegerField(_("Số người có mặt"))
    quorum = models.BooleanField()
    needed = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=12, choices=StepOutcome.choices)
    reasons = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procedure_id", "order", "attempt"]
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "order", "attempt"], name="procedure_step_attempt_unique"
            ),
            models.CheckConstraint(
                condition=Q(present__lte=models.F("convened")), name="step_present_le_convened"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id}#{self.order}.{self.attempt}"


class Ballot(models.Model):
    """The counts for one candidate at one meeting. Counts only; never a voter."""

    step = models.ForeignKey(ProcedureStep, on_delete=models.CASCADE, related_name="ballots")
    candidate_name = models.CharField(_("Ứng viên"), max_length=150)
    candidate = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    votes_for = models.PositiveIntegerField(_("Số phiếu đồng ý"))
    elected = models.BooleanField(default=False)

    class Meta:
        ordering = ["step_id", "-votes_for", "candidate_name"]

    def __str__(self) -> str:
        return f"{self.step_id}:{self.candidate_name}={self.votes_for}"


class ParticipantRole(models.TextChoices):
    PROPOSER = "proposer", _("Đề xuất")
    APPRAISER = "appraiser", _("Thẩm định")
    VOTER = "voter", _("Tham gia biểu quyết")
    APPROVER = "approver", _("Quyết định")


class Participant(models.Model):
    """A recorded participant of a procedure; conflicts of interest are checked on these."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="participants")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=10, choices=ParticipantRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["procedure", "person", "role"], name="participant_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.procedure_id}:{self.person_id}:{self.role}"


class Override(models.Model):
    """A finding that was overridden: which rule, why, by whom. Shown on the transparency view."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="overrides")
    rule = models.CharField(max_length=60)
    message = models.TextField()
    justification = models.TextField(_("Lý do"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.procedure_id}:{self.rule}"


class Rotation(TimeStampedModel):
    """A rotation (luân chuyển) of one person, tracked to its end."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="rotations")
    from_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Từ đơn vị")
    )
    to_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đến đơn vị")
    )
    to_title = models.ForeignKey(
        "positions.Title",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Chức danh"),
    )
    purpose = models.CharField(_("Mục đích"), max_length=500)
    start = models.DateField(_("Từ ngày"))
    planned_end = models.DateField(_("Dự kiến kết thúc"))
    ended_on = models.DateField(_("Kết thúc"), null=True, blank=True)
    pack = models.CharField(max_length=40)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(planned_end__gt=models.F("start")), name="rotation_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.from_unit_id}→{self.to_unit_id}"


class ConfidenceVote(TimeStampedModel):
    """The counts of one confidence vote on one person: high / confidence / low."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="confidence_votes")
    unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("Ngày lấy phiếu"))
    voters = models.PositiveIntegerField(_("Số người tham gia"))
    high = models.PositiveIntegerField(_("Tín nhiệm cao"))
    confidence = models.PositiveIntegerField(_("Tín nhiệm"))
    low = models.PositiveIntegerField(_("Tín nhiệm thấp"))
    pack = models.CharField(max_length=40)
    # The consequence the pack gave: "", "out_of_planning" or "dismissal".
    outcome = models.CharField(max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voters__gte=models.F("high") + models.F("confidence") + models.F("low")),
                name="confidence_counts_within_voters",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id}@{self.held_on}"

    @property
    def low_percent(self) -> float:
        """The share of low-confidence ballots among the voters, in percent (one decimal)."""
        return round(100 * self.low / self.voters, 1) if self.voters else 0
