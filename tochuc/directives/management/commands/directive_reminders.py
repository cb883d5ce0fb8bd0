"""Send the day's task reminders: ``manage.py directive_reminders [--today YYYY-MM-DD] [--enqueue]``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_bool, option_today
from tochuc.core.documents.numbers import format_number as n
from tochuc.directives.reminders import run_directive_reminders, send_reminders


class Command(BaseCommand):
    help = "Nhắc việc: nhiệm vụ sắp đến hạn và nhiệm vụ chưa báo cáo định kỳ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Chỉ đếm những thông báo sẽ gửi, không ghi gì vào cơ sở dữ liệu.",
        )
        parser.add_argument(
            "--enqueue", action="store_true", help="Đưa vào hàng đợi công việc nền thay vì chạy ngay."
        )

    def handle(self, *args: object, **options: object) -> None:
        today = option_today(options)
        if option_bool(options, "enqueue"):
            result = run_directive_reminders.enqueue(today.isoformat())
            self.stdout.write(f"Đã đưa vào hàng đợi: {result.id}")
            return
        dry_run = option_bool(options, "dry_run")
        report = send_reminders(today, dry_run=dry_run)
        self.stdout.write(
            f"{today.isoformat()}: {n(report.deadline_tasks)} nhiệm vụ sắp đến hạn, "
            f"{n(report.report_tasks)} nhiệm vụ thiếu báo cáo; "
            + ("sẽ có " if dry_run else "")
            + f"{n(report.notifications)} thông báo mới cho {n(report.users)} người dùng"
            f" ({n(report.summaries)} thông báo tổng hợp cho cấp trên, {n(report.digests)} thông báo gộp;"
            f" nhiều nhất {n(report.most_per_user)} thông báo một người)"
            + (
                f"; {n(report.unreached_tasks)} nhiệm vụ không có người nhận"
                if report.unreached_tasks
                else ""
            )
            + "."
        )
