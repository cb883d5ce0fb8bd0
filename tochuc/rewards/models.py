"""Party badges and the periods a member spent outside the Party."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class GapReason(models.TextChoices):
    EXPELLED = "expelled", _("Bị khai trừ")
    STRUCK_OFF = "struck_off", _("Bị xóa tên")
    LOST_CONTACT = "lost_contact", _("Mất liên lạc")
    TRANSFER = "transfer", _("Gián đoạn khi chuyển sinh hoạt")
    OTHER = "other", _("Khác")


class PartyGap(models.Model):
    """A period outside Party activity; it does not count towards party age."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="party_gaps")
    start = models.DateField(_("Từ ngày"))
    end = models.DateField(_("Đến ngày"), null=True, blank=True)
    reason = models.CharField(_("Lý do"), max_length=20, choices=GapReason.choices)
    note = models.CharField(_("Ghi chú"), max_length=255, blank=True)

    class Meta:
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="party_gap_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.start}–{self.end or ''}"


class BadgeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    AWARDED = "awarded", _("Đã quyết định tặng")


class EarlyReason(models.TextChoices):
    NONE = "", _("Đủ tuổi đảng")
    ILLNESS = "illness", _("Ốm nặng (tặng sớm)")
    POSTHUMOUS = "posthumous", _("Truy tặng")


class PartyBadge(TimeStampedModel):
    """One badge milestone of one member: proposed by the grassroots committee, then decided.

    A member is never proposed twice for the same milestone (a unique constraint).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="party_badges")
    years = models.PositiveSmallIntegerField(_("Mốc tuổi đảng"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=BadgeStatus.choices, default=BadgeStatus.PROPOSED
    )
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    ceremony_on = models.DateField(_("Ngày trao"))
    occasion = models.CharField(_("Dịp trao"), max_length=255, blank=True)
    early_reason = models.CharField(
        _("Trường hợp đặc biệt"), max_length=20, choices=EarlyReason.choices, blank=True, default=""
    )
    reason = models.TextField(_("Lý do"), blank=True)
    admitted_on = models.DateField(_("Ngày vào Đảng"))
    proposed_by = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp đề nghị")
    )
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cấp quyết định"),
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    badge_number = models.CharField(_("Số huy hiệu"), max_length=50, blank=True)

    class Meta:
        ordering = ["ceremony_on", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(fields=["person", "years"], name="party_badge_once_per_milestone")
        ]
        indexes = [models.Index(fields=["status", "ceremony_on"], name="party_badge_status_day")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.years}"

    @property
    def is_awarded(self) -> bool:
        return self.status == BadgeStatus.AWARDED

    @property
    def title(self) -> str:
        return str(_("Huy hiệu %(years)s năm tuổi Đảng")) % {"years": self.years}


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    REMOVAL = "removal", _("Cách chức")
    EXPULSION = "expulsion", _("Khai trừ")
    DISSOLUTION = "dissolution", _("Giải tán")


MEMBER_FORMS = (
    DisciplineForm.REPRIMAND,
    DisciplineForm.WARNING,
    DisciplineForm.REMOVAL,
    DisciplineForm.EXPULSION,
)
PROBATIONARY_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING)
ORGANIZATION_FORMS = (DisciplineForm.REPRIMAND, DisciplineForm.WARNING, DisciplineForm.DISSOLUTION)


class DisciplineStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    DECIDED = "decided", _("Đã quyết định")
    ANNULLED = "annulled", _("Đã xóa bỏ (sau khiếu nại)")


class Discipline(TimeStampedModel):
    """A discipline of a member (``person``) or a Party organization (``unit``): proposed, then decided.

    Only a decided discipline has effects (evaluation, planning and appointment, badges), from its
    decision date; an appeal that annuls it ends them.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="party_disciplines"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="disciplines"
    )
    subject_path = models.CharField(max_length=255, editable=False, db_index=True)
    form = models.CharField(_("Hình thức kỷ luật"), max_length=20, choices=DisciplineForm.choices)
    violation = models.TextField(_("Nội dung vi phạm"))
    violation_on = models.DateField(_("Ngày vi phạm"))
    no_time_limit = models.BooleanField(
        _("Vi phạm không áp dụng thời hiệu"),
        default=False,
        help_text=_(
            "Chính trị nội bộ, quốc phòng, an ninh, đối ngoại xâm hại lợi ích quốc gia; sử dụng văn bằng bất hợp pháp."
        ),
    )
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=DisciplineStatus.choices, default=DisciplineStatus.DECIDED
    )
    proposed_by = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp đề nghị")
    )
    proposed_on = models.DateField(_("Ngày đề nghị"), null=True, blank=True)
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cấp quyết định"),
    )
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    line = models.OneToOneField(
        "people.PersonDiscipline", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)

    class Meta:
        ordering = [models.F("decided_on").desc(nulls_first=True), "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="discipline_one_subject",
            )
        ]
        indexes = [models.Index(fields=["decided_on"], name="discipline_decided_on")]

    def __str__(self) -> str:
        return f"{self.form} {self.decision_number}"

    @property
    def is_organization(self) -> bool:
        return self.unit_id is not None

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""


class AppealOutcome(models.TextChoices):
    PENDING = "", _("Đang giải quyết")
    UPHELD = "upheld", _("Giữ nguyên hình thức kỷ luật")
    CHANGED = "changed", _("Thay đổi hình thức kỷ luật")
    ANNULLED = "annulled", _("Xóa bỏ kỷ luật")


class DisciplineAppeal(TimeStampedModel):
    """An appeal against a discipline decision, filed within the time the Party Charter allows."""

    discipline = models.ForeignKey(Discipline, on_delete=models.CASCADE, related_name="appeals")
    received_on = models.DateField(_("Ngày nhận quyết định kỷ luật"))
    filed_on = models.DateField(_("Ngày khiếu nại"))
    content = models.TextField(_("Nội dung khiếu nại"))
    answer_due = models.DateField(_("Hạn giải quyết"))
    outcome = models.CharField(
        _("Kết quả"), max_length=20, choices=AppealOutcome.choices, blank=True, default=AppealOutcome.PENDING
    )
    answered_on = models.DateField(_("Ngày trả lời"), null=True, blank=True)
    answer = models.TextField(_("Nội dung trả lời"), blank=True)
    changed_form = models.CharField(
        _("Hình thức mới"), max_length=20, choices=DisciplineForm.choices, blank=True, default=""
    )
    answered_by = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cấp giải quyết"),
    )

    class Meta:
        ordering = ["-filed_on"]

    def __str__(self) -> str:
        return f"{self.discipline_id}: {self.filed_on}"


class Certificate(models.TextChoices):
    GRASSROOTS = "grassroots_certificate", _("Giấy khen của cấp ủy cơ sở")
    UPPER = "upper_certificate", _("Khen thưởng 5 năm liền hoàn thành xuất sắc nhiệm vụ")
    STANDOUT = "standout_organization", _("Tổ chức đảng tiêu biểu")


class CertificateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    APPROVED = "approved", _("Đã quyết định khen thưởng")


class RewardProposal(TimeStampedModel):
    """A certificate or title proposed from evaluation results for a member or an organization.

    Approved by a level that may approve, never by the user who proposed it; once approved a
    member's reward is also written on the 2C.
    """

    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="reward_proposals"
    )
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="reward_proposals"
    )
    subject_path = models.CharField(max_length=255, editable=False, db_index=True)
    year = models.PositiveSmallIntegerField(_("Năm đánh giá"))
    title = models.CharField(_("Hình thức khen thưởng"), max_length=40, choices=Certificate.choices)
    rule = models.CharField(_("Căn cứ"), max_length=40)
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=CertificateStatus.choices, default=CertificateStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cấp đề nghị")
    )
    proposed_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        "orgunits.OrgUnit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cấp quyết định"),
    )
    decided_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=50, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)

    class Meta:
        ordering = ["year", "subject_path", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(person__isnull=False) & models.Q(unit__isnull=True))
                | (models.Q(person__isnull=True) & models.Q(unit__isnull=False)),
                name="reward_proposal_one_subject",
            ),
            models.UniqueConstraint(
                fields=["person", "year", "title"],
                condition=models.Q(person__isnull=False),
                name="reward_proposal_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                condition=models.Q(unit__isnull=False),
                name="reward_proposal_once_per_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.year}"

    @property
    def subject_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return self.unit.name if self.unit is not None else ""

    @property
    def subject_code(self) -> str:
        if self.person is not None:
            return self.person.code
        return self.unit.code if self.unit is not None else ""
