"""Cadres and Party members: the 2C curriculum vitae as data."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tochuc.core.models import TimeStampedModel


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class TheoryLevel(models.TextChoices):
    NONE = "none", _("Chưa qua đào tạo")
    ELEMENTARY = "elementary", _("Sơ cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ADVANCED = "advanced", _("Cao cấp")
    BACHELOR = "bachelor", _("Cử nhân")


class MembershipStatus(models.TextChoices):
    PROBATIONARY = "probationary", _("Dự bị")
    FULL = "full", _("Chính thức")
    EXEMPT = "exempt", _("Miễn sinh hoạt")
    SUSPENDED = "suspended", _("Đình chỉ sinh hoạt")
    LEFT = "left", _("Không còn sinh hoạt")


class Person(TimeStampedModel):
    """A cadre or Party member. ``unit`` is where they belong (usually a Party cell)."""

    code = models.CharField(_("Mã đảng viên"), max_length=40, unique=True)
    unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="people", verbose_name=_("Đơn vị")
    )
    full_name = models.CharField(_("Họ và tên"), max_length=150)
    family_name = models.CharField(max_length=50, editable=False)
    middle_name = models.CharField(max_length=100, editable=False, blank=True)
    given_name = models.CharField(max_length=50, editable=False)
    name_folded = models.CharField(max_length=150, editable=False, db_index=True)
    sort_key = models.CharField(max_length=255, editable=False, db_index=True)
    other_names = models.CharField(_("Tên gọi khác"), max_length=150, blank=True)
    birth_date = models.DateField(_("Ngày sinh"))
    gender = models.CharField(_("Giới tính"), max_length=10, choices=Gender.choices)
    ethnicity = models.CharField(_("Dân tộc"), max_length=50, default="Kinh")
    religion = models.CharField(_("Tôn giáo"), max_length=50, blank=True)
    place_of_birth = models.CharField(_("Nơi sinh"), max_length=255, blank=True)
    hometown = models.CharField(_("Quê quán"), max_length=255, blank=True)
    residence = models.CharField(_("Nơi ở hiện nay"), max_length=255, blank=True)
    # Sensitive: shown masked, revealed only with permission and an audit event.
    citizen_id = models.CharField(_("Số CCCD"), max_length=12, blank=True)
    citizen_id_hash = models.CharField(max_length=64, blank=True, editable=False)
    general_education = models.CharField(_("Giáo dục phổ thông"), max_length=20, blank=True, default="12/12")
    professional_qualification = models.CharField(_("Trình độ chuyên môn"), max_length=255, blank=True)
    political_theory_level = models.CharField(
        _("Lý luận chính trị"), max_length=20, choices=TheoryLevel.choices, default=TheoryLevel.NONE
    )
    foreign_language = models.CharField(_("Ngoại ngữ"), max_length=100, blank=True)
    it_level = models.CharField(_("Tin học"), max_length=100, blank=True)
    current_post = models.CharField(_("Chức vụ hiện tại"), max_length=255, blank=True)
    workplace = models.CharField(_("Cơ quan công tác"), max_length=255, blank=True)
    recruited_on = models.DateField(_("Ngày tuyển dụng"), null=True, blank=True)
    # Item "Ngạch công chức, viên chức … bậc lương, hệ số, từ tháng năm" of the 2C.
    civil_grade = models.CharField(_("Ngạch công chức, viên chức"), max_length=150, blank=True)
    civil_grade_code = models.CharField(_("Mã ngạch"), max_length=20, blank=True)
    salary_step = models.PositiveSmallIntegerField(_("Bậc lương"), null=True, blank=True)
    salary_coefficient = models.DecimalField(
        _("Hệ số lương"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    salary_since = models.DateField(_("Hưởng lương từ ngày"), null=True, blank=True)
    # Item "Ngày nhập ngũ, ngày xuất ngũ, quân hàm, chức vụ cao nhất" of the 2C.
    enlisted_on = models.DateField(_("Ngày nhập ngũ"), null=True, blank=True)
    discharged_on = models.DateField(_("Ngày xuất ngũ"), null=True, blank=True)
    military_rank = models.CharField(_("Quân hàm, chức vụ cao nhất"), max_length=150, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["unit", "sort_key"], name="person_unit_sort"),
            models.Index(fields=["birth_date"], name="person_birth_date"),
            models.Index(fields=["gender"], name="person_gender"),
            models.Index(fields=["ethnicity"], name="person_ethnicity"),
            models.Index(fields=["political_theory_level"], name="person_theory"),
            models.Index(fields=["citizen_id_hash"], name="person_citizen_hash"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen_id_hash"],
                condition=~models.Q(citizen_id_hash=""),
                name="person_unique_citizen_id",
            )
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def citizen_id_masked(self) -> str:
        if not self.citizen_id:
            return ""
        return "•" * (len(self.citizen_id) - 4) + self.citizen_id[-4:]


class Membership(models.Model):
    """Party membership of a person (one per person)."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="membership"
    )
    status = models.CharField(
        _("Tình trạng đảng viên"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.FULL,
    )
    admitted_on = models.DateField(_("Ngày vào Đảng"), null=True, blank=True)
    full_member_on = models.DateField(_("Ngày chính thức"), null=True, blank=True)
    card_number = models.CharField(_("Số thẻ đảng viên"), max_length=20, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status"], name="membership_status")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.status}"


class MembershipEventKind(models.TextChoices):
    TRANSFER = "transfer", _("Chuyển sinh hoạt đảng")
    DEATH = "death", _("Từ trần")
    EXCLUSION = "exclusion", _("Khai trừ, xóa tên")


class MembershipEvent(models.Model):
    """A dated change in a member's standing: a transfer, a death, an exclusion.

    ``from_unit`` is where the member belonged at the time (it stays when the person moves on);
    a transfer names ``to_unit`` when the new cell is in the system, none when it is outside.
    Review figures count these per subtree and period.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="membership_events")
    kind = models.CharField(_("Loại biến động"), max_length=12, choices=MembershipEventKind.choices)
    on = models.DateField(_("Ngày"))
    from_unit = models.ForeignKey("orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("Lý do"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["kind", "on"], name="membershipevent_kind_on")]

    def __str__(self) -> str:
        return f"{self.person_id}: {self.kind} {self.on}"

    @property
    def ends_membership(self) -> bool:
        """Death, exclusion, or a transfer out of the system: the member leaves the rolls."""
        return self.kind != MembershipEventKind.TRANSFER or self.to_unit_id is None


class CareerEntry(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="career")
    start = models.DateField(_("Từ"))
    end = models.DateField(_("Đến"), null=True, blank=True)
    description = models.CharField(_("Chức danh, chức vụ, đơn vị công tác"), max_length=500)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return self.description


class Training(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="trainings")
    start = models.DateField(_("Từ"))
    end = models.DateField(_("Đến"), null=True, blank=True)
    institution = models.CharField(_("Tên trường"), max_length=255)
    field = models.CharField(_("Ngành học hoặc tên lớp"), max_length=255)
    form = models.CharField(_("Hình thức học"), max_length=100, blank=True)
    qualification = models.CharField(_("Văn bằng, chứng chỉ"), max_length=255, blank=True)

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return self.field


class PersonReward(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rewards")
    decided_on = models.DateField(_("Ngày quyết định"))
    title = models.CharField(_("Hình thức khen thưởng"), max_length=255)
    decided_by = models.CharField(_("Cấp quyết định"), max_length=255, blank=True)

    class Meta:
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return self.title


class PersonDiscipline(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    decided_on = models.DateField(_("Ngày quyết định"))
    form = models.CharField(_("Hình thức kỷ luật"), max_length=100)
    reason = models.CharField(_("Lý do"), max_length=500, blank=True)
    decided_by = models.CharField(_("Cấp quyết định"), max_length=255, blank=True)

    class Meta:
        ordering = ["decided_on"]

    def __str__(self) -> str:
        return self.form


class Relative(models.Model):
    """Family and relatives; a relative who is in the register is linked, to block conflicts of interest."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relatives")
    relation = models.CharField(_("Quan hệ"), max_length=50)
    full_name = models.CharField(_("Họ và tên"), max_length=150)
    birth_year = models.PositiveSmallIntegerField(_("Năm sinh"), null=True, blank=True)
    occupation = models.CharField(_("Nghề nghiệp, nơi công tác"), max_length=500, blank=True)
    linked_person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="related_as"
    )

    def __str__(self) -> str:
        return f"{self.relation}: {self.full_name}"


class PersonPhoto(models.Model):
    """The photo of the 2C (4×6), kept in the database like every other file and served only in scope."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, primary_key=True, related_name="photo")
    content_type = models.CharField(max_length=20)
    data = models.BinaryField()
    size = models.PositiveIntegerField()
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.person_id} ({self.content_type})"


class PersonCorrection(models.Model):
    """One correction of a record: who, when, why, and which values changed."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="corrections")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    reason = models.CharField(_("Lý do sửa"), max_length=500)
    changes = models.JSONField(default=dict)
    corrected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-corrected_at"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.corrected_at:%d/%m/%Y}"


class ImportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ xử lý")
    CHECKING = "checking", _("Đang kiểm tra")
    WRITING = "writing", _("Đang ghi dữ liệu")
    DONE = "done", _("Hoàn thành")
    REJECTED = "rejected", _("Có lỗi, không nhập")
    FAILED = "failed", _("Lỗi hệ thống")


class ImportJob(TimeStampedModel):
    """One upload of the people workbook, checked and imported in the background.

    Only its creator sees it. ``errors`` holds ``[row, column, message]`` triples
    (at most ``MAX_STORED_ERRORS``); ``error_count`` counts them all.
    """

    MAX_STORED_ERRORS = 10_000

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="people_import_jobs"
    )
    file_name = models.CharField(_("Tên tệp"), max_length=255)
    stored_path = models.CharField(max_length=500, blank=True)
    dry_run = models.BooleanField(_("Chỉ kiểm tra"), default=False)
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.QUEUED
    )
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_checked = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    # Rows imported but worth a second look (``[row, column, message]``), and the codes created.
    warnings = models.JSONField(default=list, blank=True)
    warning_count = models.PositiveIntegerField(default=0)
    created_codes = models.JSONField(default=list, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["created_by", "-created_at"], name="importjob_owner_recent")]

    def __str__(self) -> str:
        return self.file_name

    @property
    def is_running(self) -> bool:
        return self.status in {ImportJobStatus.QUEUED, ImportJobStatus.CHECKING, ImportJobStatus.WRITING}

    @property
    def rows_imported(self) -> int:
        return self.created_count + self.updated_count + self.unchanged_count

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, self.rows_checked * 100 // self.rows_total)


class PersonToken(models.Model):
    """One word of a person's folded name, with what a name search filters and sorts on.

    Kept by database triggers (migration 0008) in the same statement as every
    write of ``Person`` — ``save``, ``bulk_create``, ``update``, ``COPY`` — and of
    ``OrgUnit.path``; never written by Python. A typed word matches a person when
    it starts one of these tokens, which a prefix index finds without scanning
    the country (see ``tochuc.people.search``).
    """

    pk = models.CompositePrimaryKey("person", "token")
    person = models.ForeignKey(
        Person, on_delete=models.DO_NOTHING, db_constraint=False, db_index=False, related_name="+"
    )
    token = models.CharField(max_length=150)
    name_folded = models.CharField(max_length=150)
    sort_key = models.CharField(max_length=255)
    birth_year = models.SmallIntegerField()
    unit_path = models.CharField(max_length=255)

    def __str__(self) -> str:
        return f"{self.person_id}: {self.token}"
