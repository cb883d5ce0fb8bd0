"""``manage.py audit_anchor [--file PATH]``: write the head of the audit chain down outside the database."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from tochuc.audit.anchors import append_anchor
from tochuc.core.commands import option_str


class Command(BaseCommand):
    help = (
        "Ghi đầu chuỗi nhật ký (số thứ tự và mã băm) vào tệp mốc bên ngoài cơ sở dữ liệu "
        "(TOCHUC_AUDIT_ANCHORS); chạy hằng ngày. Kiểm tra: audit_verify --anchors TỆP."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", default="", help="Tệp mốc (mặc định: TOCHUC_AUDIT_ANCHORS trong cấu hình)."
        )

    def handle(self, *args: object, **options: object) -> None:
        file = option_str(options, "file")
        path = Path(file) if file else Path(settings.TOCHUC_AUDIT_ANCHORS)
        anchor = append_anchor(path)
        self.stdout.write(anchor.line())
