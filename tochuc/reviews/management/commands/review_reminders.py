"""Remind the units missing their period report: ``manage.py review_reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tochuc.reviews.reminders import send_reminders


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo sơ kết, tổng kết trước và sau hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("today") or ""
        try:
            today = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {raw!r} (cần YYYY-MM-DD).") from exc
        report = send_reminders(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.periods} kỳ báo cáo cần nhắc; {report.notifications} thông báo mới."
        )
