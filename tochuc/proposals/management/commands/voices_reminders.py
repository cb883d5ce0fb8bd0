"""Remind the answering units of proposals and feedback due soon:
``manage.py voices_reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_today
from tochuc.proposals.reminders import send_due_soon


class Command(BaseCommand):
    help = "Nhắc đơn vị trả lời các kiến nghị, phản ánh sắp đến hạn trả lời."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        report = send_due_soon(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.proposals} kiến nghị, {report.feedback} phản ánh sắp đến hạn; "
            f"{report.notifications} thông báo mới."
        )
