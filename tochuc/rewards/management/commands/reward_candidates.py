from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_int, option_str
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards.candidates import reward_candidates, standout_quota


class Command(BaseCommand):
    help = (
        "Đối tượng đề nghị khen thưởng từ kết quả đánh giá, xếp loại của một cây đơn vị trong một năm, "
        "kèm quy tắc làm căn cứ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị gốc của cây.")
        parser.add_argument("--year", required=True, type=int, help="Năm đánh giá.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: object, **options: object) -> None:
        year, code = option_int(options, "year"), option_str(options, "unit")
        if not 1930 <= year <= 2100:
            raise CommandError(f"bad year {year}", returncode=2)
        unit = OrgUnit.objects.filter(code=code.strip().upper()).first()
        if unit is None:
            raise CommandError(f"unknown unit {code}", returncode=2)
        rows = reward_candidates(unit, year=year)
        if option_str(options, "format") == "json":
            self.stdout.write(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(f"{row.code}\t{row.name}\t{row.title}\t{row.rule}\t{row.refused}")
        self.stdout.write(f"standout quota: {standout_quota(unit, year=year)}")
