from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One write, chained to the one before it by SHA-256.

    Append-only: on PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE.
    ``summary`` holds field names and non-sensitive values; sensitive values
    are stored as hashes by the service that records them.
    """

    seq = models.BigIntegerField(unique=True)
    created_at = models.DateTimeField(_("Thời gian"), db_index=True)
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("Người thực hiện"), max_length=150)
    action = models.CharField(_("Thao tác"), max_length=80, db_index=True)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    object_label = models.CharField(max_length=255, blank=True)
    unit_path = models.CharField(max_length=255, db_index=True)
    summary = models.JSONField(default=dict)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-seq"]
        indexes = [
            models.Index(
                fields=["unit_path"], name="auditevent_path_prefix", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.action}"


class AuditLock(models.Model):
    """A single row every append updates first, so appends queue on SQLite."""

    head_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return "audit lock"
