from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tochuc.core.models import TimeStampedModel

# One path segment per level: the unit's id, zero-padded, then a dot. Fixed
# width keeps "all descendants" a single prefix condition on an indexed column.
PATH_SEGMENT_WIDTH = 8
PATH_STEP = PATH_SEGMENT_WIDTH + 1


def path_segment(unit_id: int) -> str:
    return f"{unit_id:0{PATH_SEGMENT_WIDTH}d}."


class UnitKind(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    PROVINCIAL = "provincial", _("Đảng bộ trực thuộc Trung ương")
    COMMUNE = "commune", _("Đảng bộ xã, phường, đặc khu")
    GRASSROOTS = "grassroots", _("Tổ chức cơ sở đảng")
    CELL = "cell", _("Chi bộ")
    AGENCY = "agency", _("Cơ quan")
    DEPARTMENT = "department", _("Phòng, vụ, đơn vị thuộc cơ quan")


# Which kinds may stand directly under which. A cell is the bottom of the tree.
ALLOWED_CHILD_KINDS: dict[str, frozenset[str]] = {
    UnitKind.CENTRAL: frozenset({UnitKind.PROVINCIAL, UnitKind.AGENCY}),
    UnitKind.PROVINCIAL: frozenset({UnitKind.COMMUNE, UnitKind.GRASSROOTS, UnitKind.AGENCY}),
    UnitKind.COMMUNE: frozenset({UnitKind.GRASSROOTS, UnitKind.CELL, UnitKind.AGENCY}),
    UnitKind.GRASSROOTS: frozenset({UnitKind.GRASSROOTS, UnitKind.CELL}),
    UnitKind.CELL: frozenset(),
    UnitKind.AGENCY: frozenset({UnitKind.AGENCY, UnitKind.DEPARTMENT, UnitKind.CELL}),
    UnitKind.DEPARTMENT: frozenset({UnitKind.DEPARTMENT, UnitKind.CELL}),
}


class OrgUnit(TimeStampedModel):
    code = models.CharField(_("Mã đơn vị"), max_length=40, unique=True)
    name = models.CharField(_("Tên đơn vị"), max_length=255)
    short_name = models.CharField(_("Tên viết tắt"), max_length=100, blank=True)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("Loại đơn vị"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("Đơn vị cấp trên"),
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    sort_order = models.IntegerField(_("Thứ tự"), default=0)
    valid_from = models.DateField(_("Hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("Hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        indexes = [
            # LIKE 'prefix%' uses this on PostgreSQL whatever the collation.
            models.Index(fields=["path"], name="orgunit_path_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "sort_order", "name"], name="orgunit_children"),
            models.Index(fields=["kind"], name="orgunit_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.valid_to is None

    def is_descendant_of(self, other: OrgUnit) -> bool:
        return self.path.startswith(other.path) and self.path != other.path

    def ancestor_paths(self) -> list[str]:
        """Paths of every ancestor, root first (not including this unit)."""
        return [self.path[:end] for end in range(PATH_STEP, len(self.path), PATH_STEP)]


class UnitEventKind(models.TextChoices):
    CREATED = "created", pgettext_lazy("unit history", "Thành lập")
    RENAMED = "renamed", pgettext_lazy("unit history", "Đổi tên")
    MOVED = "moved", pgettext_lazy("unit history", "Chuyển đơn vị cấp trên")
    MERGED_INTO = "merged_into", pgettext_lazy("unit history", "Hợp nhất vào đơn vị khác")
    ABSORBED = "absorbed", pgettext_lazy("unit history", "Tiếp nhận đơn vị hợp nhất")
    SPLIT_INTO = "split_into", pgettext_lazy("unit history", "Chia tách thành các đơn vị mới")
    SPLIT_FROM = "split_from", pgettext_lazy("unit history", "Thành lập do chia tách")
    DISSOLVED = "dissolved", pgettext_lazy("unit history", "Giải thể")


class OrgUnitEvent(models.Model):
    """One line of a unit's history. Never edited; the audit trail mirrors it."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=20, choices=UnitEventKind.choices)
    effective_on = models.DateField()
    related_unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_on", "-id"]
        indexes = [models.Index(fields=["unit", "effective_on"], name="orgunitevent_unit_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class UnitFunction(TimeStampedModel):
    """A function of the apparatus. Exactly one lead unit: it is a required column."""

    title = models.CharField(_("Chức năng, nhiệm vụ"), max_length=500)
    title_folded = models.CharField(max_length=500, editable=False, db_index=True)
    description = models.TextField(_("Mô tả"), blank=True)
    lead_unit = models.ForeignKey(
        OrgUnit,
        on_delete=models.PROTECT,
        related_name="led_functions",
        verbose_name=_("Cơ quan chủ trì"),
    )
    cooperating_units = models.ManyToManyField(
        OrgUnit,
        blank=True,
        related_name="cooperating_functions",
        verbose_name=_("Cơ quan phối hợp"),
    )

    class Meta:
        ordering = ["lead_unit__path", "title"]

    def __str__(self) -> str:
        return self.title
