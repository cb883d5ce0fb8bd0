"""Send the day's re-appointment reminders: ``manage.py personnel_reminders [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_today
from tochuc.personnel.reminders import reappointment_reminders


class Command(BaseCommand):
    help = "Nhắc chuẩn bị bổ nhiệm lại: nhiệm kỳ giữ chức vụ kết thúc trong 90 ngày làm việc tới."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        sent = reappointment_reminders(today)
        self.stdout.write(f"{today.isoformat()}: {sent} thông báo nhắc bổ nhiệm lại mới.")
