from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_bool, option_path, option_str
from tochuc.orgunits.models import OrgUnit
from tochuc.people.excel.writing import export_subtree, write_template


class Command(BaseCommand):
    help = (
        "Xuất đảng viên của một cây đơn vị (cả cây nếu không có --unit) ra Excel theo đúng mẫu nhập, "
        "kèm số CCCD; --template chỉ ghi mẫu trống."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Tệp .xlsx sẽ ghi")
        parser.add_argument("--template", action="store_true", help="Ghi mẫu trống kèm trang Hướng dẫn.")
        parser.add_argument("--unit", default="", help="Mã đơn vị: chỉ xuất cây đơn vị này.")

    def handle(self, *args: object, **options: object) -> None:
        path = option_path(options, "path")
        code = option_str(options, "unit")
        if option_bool(options, "template"):
            if code:
                raise CommandError("--template and --unit cannot be combined")
            write_template(path)
            self.stdout.write(f"template written to {path}")
            return
        unit = None
        if code:
            unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
            if unit is None:
                raise CommandError(f"unknown unit {code}")
        count = export_subtree(path, unit=unit)
        self.stdout.write(f"{count} exported to {path}")
