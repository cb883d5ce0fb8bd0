"""Escalate overdue proposals and feedback: ``manage.py voices_escalations [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_today
from tochuc.proposals.escalation import send_overdue


class Command(BaseCommand):
    help = "Báo kiến nghị, phản ánh quá hạn trả lời cho đơn vị trả lời và lãnh đạo các cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        report = send_overdue(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.overdue_proposals} kiến nghị, {report.overdue_feedback} phản ánh "
            f"quá hạn; {report.notifications} thông báo mới."
        )
