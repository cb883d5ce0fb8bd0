"""Queue the day's jobs once: ``manage.py daily_jobs`` (a systemd timer or cron may call it)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tochuc.schedule.jobs import daily_commands, enqueue_due


class Command(BaseCommand):
    help = "Đưa các công việc hằng ngày vào hàng đợi (mỗi việc một lần một ngày)."

    def handle(self, *args: object, **options: object) -> None:
        queued = enqueue_due()
        skipped = [name for name in daily_commands() if name not in queued]
        self.stdout.write(
            "Đã đưa vào hàng đợi: "
            + (", ".join(queued) or "không có")
            + (f"; đã chạy hôm nay: {', '.join(skipped)}" if skipped else "")
            + "."
        )
