"""``manage.py backup PATH``: a consistent copy of the database, taken while the app runs."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.backup import BackupError, backup
from tochuc.core.commands import option_path


class Command(BaseCommand):
    help = (
        "Sao lưu cơ sở dữ liệu vào thư mục PATH (mới hoặc rỗng) khi ứng dụng vẫn chạy: bản sao nhất quán "
        "và manifest.json (thời điểm, đầu chuỗi nhật ký, số dòng từng bảng)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Thư mục sao lưu (chưa có, hoặc rỗng).")

    def handle(self, *args: object, **options: object) -> None:
        try:
            manifest = backup(option_path(options, "path"))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest.row_counts.values())
        self.stdout.write(
            f"OK: {option_path(options, 'path')} ({manifest.vendor}, {len(manifest.row_counts)} tables, {rows} rows, "
            f"audit head #{manifest.audit_seq} {manifest.audit_head})"
        )
