"""``manage.py restore PATH``: a backup into an empty database, then checked against its manifest."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.backup import BackupError, restore
from tochuc.core.commands import option_path


class Command(BaseCommand):
    help = (
        "Khôi phục bản sao lưu PATH vào một cơ sở dữ liệu RỖNG (từ chối nếu đã có bảng), rồi đối chiếu "
        "số dòng và chuỗi nhật ký với manifest.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Thư mục do lệnh backup tạo.")

    def handle(self, *args: object, **options: object) -> None:
        try:
            manifest = restore(option_path(options, "path"))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"OK: restored {len(manifest.row_counts)} tables as of {manifest.created_at}; "
            f"row counts match; audit chain intact to #{manifest.audit_seq} {manifest.audit_head}"
        )
