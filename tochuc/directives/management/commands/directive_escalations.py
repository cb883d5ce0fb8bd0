"""Escalate overdue tasks: ``manage.py directive_escalations [--today YYYY-MM-DD]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_bool, option_today
from tochuc.core.documents.numbers import format_number as n
from tochuc.directives.escalation import send_overdue


class Command(BaseCommand):
    help = "Báo nhiệm vụ quá hạn cho đơn vị chủ trì và lãnh đạo các cấp."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ đếm những thông báo sẽ gửi, không ghi gì vào cơ sở dữ liệu.",
        )

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        dry_run = option_bool(options, "dry_run")
        report = send_overdue(today, dry_run=dry_run)
        self.stdout.write(
            f"{today.isoformat()}: {n(report.overdue_tasks)} nhiệm vụ quá hạn; "
            + ("sẽ có " if dry_run else "")
            + f"{n(report.notifications)} thông báo mới cho {n(report.users)} người dùng"
            f" ({n(report.summaries)} thông báo tổng hợp cho cấp trên, {n(report.digests)} thông báo gộp;"
            f" nhiều nhất {n(report.most_per_user)} thông báo một người)."
        )
