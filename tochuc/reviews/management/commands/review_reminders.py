"""Remind the units missing their period report: ``manage.py review_reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_today
from tochuc.reviews.reminders import send_reminders


class Command(BaseCommand):
    help = "Nhắc các đơn vị chưa gửi báo cáo sơ kết, tổng kết trước và sau hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        report = send_reminders(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.periods} kỳ báo cáo cần nhắc; {report.notifications} thông báo mới."
        )
