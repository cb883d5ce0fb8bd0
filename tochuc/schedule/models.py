"""The record of the daily jobs put in the queue: one row per job and day, so nothing runs twice."""

from __future__ import annotations

from django.db import models


class DailyRun(models.Model):
    job = models.CharField(max_length=100)  # the management command's name
    day = models.DateField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_result_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="dailyrun_once_per_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day.isoformat()}"
