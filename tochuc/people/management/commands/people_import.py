from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_bool, option_path
from tochuc.people.importing import import_people
from tochuc.people.tasks import max_upload_bytes

MAX_LINES = 100_000


class Command(BaseCommand):
    help = (
        "Nhập đảng viên từ tệp Excel theo mẫu (people_export --template). Kiểm tra toàn bộ tệp trước: "
        "có ô sai thì in mỗi ô sai một dòng, không nhập gì và thoát với mã 1. Nhập lại cùng tệp không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Tệp .xlsx")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không ghi gì.")

    def handle(self, *args: object, **options: object) -> None:
        path = option_path(options, "path")
        if not path.is_file():
            raise CommandError(f"{path}: no such file", returncode=1)
        if path.stat().st_size > max_upload_bytes():
            limit = max_upload_bytes() // (1024 * 1024)
            raise CommandError(f"Tệp lớn hơn {limit} MB; hãy chia thành nhiều tệp.", returncode=1)
        result = import_people(
            actor=None,
            path=path,
            file_name=path.name,
            dry_run=option_bool(options, "dry_run"),
            max_errors=MAX_LINES,
        )
        if not result.ok:
            for error in result.errors:
                self.stderr.write(error.line())
            if result.error_count > len(result.errors):
                self.stderr.write(f"... {result.error_count - len(result.errors)} more")
            raise CommandError(f"{result.error_count} errors, nothing imported", returncode=1)
        for warning in result.warnings:
            self.stderr.write("To check: " + warning.line())
        counts = f"{result.created} new, {result.updated} updated, {result.unchanged} unchanged"
        if result.dry_run:
            self.stdout.write(f"{result.rows} imported (dry run, nothing written: {counts})")
        else:
            self.stdout.write(f"{result.rows} imported ({counts})")
