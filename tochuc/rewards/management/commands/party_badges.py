from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_str
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.selectors import badges_due


class Command(BaseCommand):
    help = (
        "Danh sách đảng viên của một cây đơn vị đến hạn Huy hiệu Đảng vào một ngày: mốc cao nhất đã đạt "
        "và chưa được tặng (đảng viên dự bị không bao giờ có trong danh sách)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị gốc của cây.")
        parser.add_argument("--on", required=True, help="Ngày trao, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: object, **options: object) -> None:
        raw_on, code = option_str(options, "on"), option_str(options, "unit")
        try:
            on = dt.date.fromisoformat(raw_on)
        except ValueError:
            raise CommandError(f"bad date {raw_on!r}, expected YYYY-MM-DD", returncode=2) from None
        unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
        if unit is None:
            raise CommandError(f"unknown unit {code}", returncode=2)
        rows = badges_due(unit, on=on)
        if option_str(options, "format") == "json":
            self.stdout.write(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row.code}\t{row.name}\t{row.years}\t{row.admitted_on:%d/%m/%Y}")
