"""Send the day's re-appointment reminders: ``manage.py personnel_reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tochuc.personnel.reminders import reappointment_reminders


class Command(BaseCommand):
    help = "Nhắc chuẩn bị bổ nhiệm lại: nhiệm kỳ giữ chức vụ kết thúc trong 90 ngày làm việc tới."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("today") or ""
        try:
            today = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {raw!r} (cần YYYY-MM-DD).") from exc
        sent = reappointment_reminders(today)
        self.stdout.write(f"{today.isoformat()}: {sent} thông báo nhắc bổ nhiệm lại mới.")
