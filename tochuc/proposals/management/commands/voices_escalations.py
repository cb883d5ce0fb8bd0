"""Escalate overdue proposals and feedback: ``manage.py voices_escalations [--today YYYY-MM-DD]``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from tochuc.proposals.escalation import send_overdue


class Command(BaseCommand):
    help = "Báo kiến nghị, phản ánh quá hạn trả lời cho đơn vị trả lời và lãnh đạo các cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: Any, **options: Any) -> None:
        raw = options.get("today") or ""
        try:
            today = dt.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {raw!r} (cần YYYY-MM-DD).") from exc
        report = send_overdue(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.overdue_proposals} kiến nghị, {report.overdue_feedback} phản ánh "
            f"quá hạn; {report.notifications} thông báo mới."
        )
