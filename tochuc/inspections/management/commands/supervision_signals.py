"""``manage.py supervision_signals --unit UNIT_CODE [--format json|text] [--today YYYY-MM-DD]``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_str, option_today
from tochuc.inspections.signals import supervision_signals
from tochuc.orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Dấu hiệu cần kiểm tra, giám sát trong một cây đơn vị, mỗi dấu hiệu theo một quy tắc có ngưỡng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị gốc của cây.")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument("--today", help="Ngày coi là hôm nay (YYYY-MM-DD); mặc định là hôm nay.")

    def handle(self, *args: object, **options: object) -> None:
        code = option_str(options, "unit").strip().upper()
        unit = OrgUnit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(f"unknown unit {code}", returncode=2)
        found = supervision_signals(unit, today=option_today(options))
        if option_str(options, "format") == "json":
            self.stdout.write(json.dumps([s.as_json() for s in found], ensure_ascii=False))
            return
        for signal in found:
            self.stdout.write(f"{signal.kind}\t{signal.unit}\t{signal.person or ''}\t{signal.detail}")
