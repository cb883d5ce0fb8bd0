from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

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

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if options["template"]:
            if options["unit"]:
                raise CommandError("--template and --unit cannot be combined")
            write_template(path)
            self.stdout.write(f"template written to {path}")
            return
        unit = None
        if options["unit"]:
            unit = OrgUnit.objects.filter(code=options["unit"].strip().upper()).first()
            if unit is None:
                raise CommandError(f"unknown unit {options['unit']}")
        count = export_subtree(path, unit=unit)
        self.stdout.write(f"{count} exported to {path}")
