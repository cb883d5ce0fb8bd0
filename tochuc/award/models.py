"""The Golden Hammer and Sickle award: a yearly round, its entries, its jurors and their scores.

Everything of a round stays with the round; a closed round is an archive nobody writes to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tochuc.core.models import TimeStampedModel


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận tác phẩm")
    PRELIMINARY = "preliminary", _("Vòng sơ khảo")
    FINAL = "final", _("Vòng chung khảo")
    PUBLISHED = "published", _("Đã công bố kết quả")
    CLOSED = "closed", _("Đã lưu trữ")


class AwardForm(models.TextChoices):
    PRINT = "print", _("Báo in")
    ONLINE = "online", _("Báo điện tử")
    RADIO = "radio", _("Phát thanh")
    TELEVISION = "television", _("Truyền hình")
    PHOTO = "photo", _("Ảnh báo chí")


class Prize(models.TextChoices):
    NONE = "", _("Không đạt giải")
    SPECIAL = "special", _("Giải Đặc biệt")
    A = "A", _("Giải A")
    B = "B", _("Giải B")
    C = "C", _("Giải C")
    ENCOURAGEMENT = "encouragement", _("Giải Khuyến khích")


class Panel(models.TextChoices):
    PRELIMINARY = "preliminary", pgettext_lazy("award panel", "Hội đồng sơ khảo")
    FINAL = "final", pgettext_lazy("award panel", "Hội đồng chung khảo")


class AwardRound(TimeStampedModel):
    """One yearly round, organized by a central-level body, under one pack of rules."""

    year = models.PositiveSmallIntegerField(_("Năm"), unique=True)
    name = models.CharField(_("Tên đợt giải"), max_length=255)
    organizer = models.ForeignKey(
        "orgunits.OrgUnit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Cơ quan tổ chức")
    )
    pack = models.CharField(_("Bộ quy tắc"), max_length=40)
    window_start = models.DateField(_("Đăng, phát từ ngày"))
    window_end = models.DateField(_("Đăng, phát đến ngày"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    published_on = models.DateField(_("Ngày công bố"), null=True, blank=True)
    decision_number = models.CharField(_("Số quyết định"), max_length=50, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(window_end__gte=models.F("window_start")), name="award_round_window"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_closed(self) -> bool:
        return self.status == RoundStatus.CLOSED

    @property
    def results_out(self) -> bool:
        return self.status in (RoundStatus.PUBLISHED, RoundStatus.CLOSED)


class AwardEntry(TimeStampedModel):
    """One work sent to a round; its eligibility, averages and prize are kept with it."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(_("Số thứ tự"))
    title = models.CharField(_("Tên tác phẩm"), max_length=500)
    outlet = models.CharField(_("Cơ quan báo chí"), max_length=255)
    form = models.CharField(_("Loại hình"), max_length=20, choices=AwardForm.choices)
    published_on = models.DateField(_("Ngày đăng, phát"))
    link = models.URLField(_("Đường dẫn"), max_length=500, blank=True)
    scan_name = models.CharField(_("Bản chụp"), max_length=255, blank=True)
    scan_content_type = models.CharField(max_length=100, blank=True)
    scan_data = models.BinaryField(null=True, blank=True, editable=False)
    topic = models.CharField(_("Chủ đề"), max_length=40)
    eligible = models.BooleanField(_("Đủ điều kiện"), default=True)
    ineligible_reason = models.TextField(_("Lý do không đủ điều kiện"), blank=True)
    advanced = models.BooleanField(_("Vào chung khảo"), default=False)
    preliminary_average = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    final_average = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    prize = models.CharField(_("Giải"), max_length=20, choices=Prize.choices, blank=True, default=Prize.NONE)
    prize_note = models.TextField(_("Ghi chú xếp giải"), blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="award_entry_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def author_names(self) -> str:
        return ", ".join(a.full_name for a in self.authors.all())


class AwardAuthor(models.Model):
    """An author of an entry; linked to the register when the author is a person in it."""

    entry = models.ForeignKey(AwardEntry, on_delete=models.CASCADE, related_name="authors")
    position = models.PositiveSmallIntegerField(default=1)
    full_name = models.CharField(_("Họ và tên"), max_length=150)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["entry", "position"]

    def __str__(self) -> str:
        return self.full_name


class AwardJuror(TimeStampedModel):
    """A member of one panel of a round: a user of the system, with their outlet and relatives."""

    round = models.ForeignKey(AwardRound, on_delete=models.PROTECT, related_name="jurors")
    panel = models.CharField(_("Hội đồng"), max_length=20, choices=Panel.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="award_jurors")
    full_name = models.CharField(_("Họ và tên"), max_length=150)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outlet = models.CharField(_("Cơ quan công tác"), max_length=255, blank=True)

    class Meta:
        ordering = ["round", "panel", "full_name"]
        constraints = [models.UniqueConstraint(fields=["round", "panel", "user"], name="award_juror_once")]

    def __str__(self) -> str:
        return self.full_name


class DeclaredRelation(models.Model):
    """A relative a juror declares for the round, when the two are not both in the register."""

    juror = models.ForeignKey(AwardJuror, on_delete=models.CASCADE, related_name="declared_relations")
    relation = models.CharField(_("Quan hệ"), max_length=50)
    full_name = models.CharField(_("Họ và tên người thân"), max_length=150)

    class Meta:
        ordering = ["juror", "full_name"]

    def __str__(self) -> str:
        return f"{self.relation}: {self.full_name}"


class AwardScore(TimeStampedModel):
    """One juror's score of one entry, in the round of the juror's panel."""

    juror = models.ForeignKey(AwardJuror, on_delete=models.PROTECT, related_name="scores")
    entry = models.ForeignKey(AwardEntry, on_delete=models.PROTECT, related_name="scores")
    score = models.DecimalField(_("Điểm"), max_digits=5, decimal_places=2)
    comment = models.CharField(_("Nhận xét"), max_length=500, blank=True)

    class Meta:
        ordering = ["entry", "juror"]
        constraints = [models.UniqueConstraint(fields=["juror", "entry"], name="award_score_once")]

    def __str__(self) -> str:
        return f"{self.juror_id}/{self.entry_id}: {self.score}"
