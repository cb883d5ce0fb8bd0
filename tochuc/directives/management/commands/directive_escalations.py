"""Escalate overdue tasks: ``manage.py directive_escalations [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_today
from tochuc.directives.escalation import send_overdue


class Command(BaseCommand):
    help = "Báo nhiệm vụ quá hạn cho đơn vị chủ trì và lãnh đạo các cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        report = send_overdue(today)
        self.stdout.write(
            f"{today.isoformat()}: {report.overdue_tasks} nhiệm vụ quá hạn; "
            f"{report.notifications} thông báo mới cho {report.users} người dùng."
        )
