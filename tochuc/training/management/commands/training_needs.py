from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_str
from tochuc.orgunits.models import OrgUnit
from tochuc.training.needs import training_needs


class Command(BaseCommand):
    help = (
        "Nhu cầu đào tạo, bồi dưỡng của cán bộ, đảng viên một cây đơn vị: mỗi dòng một người, một loại lớp "
        "và lý do (vị trí đang giữ, chức danh quy hoạch, đảng viên dự bị chưa học lớp đảng viên mới, "
        "đề nghị của đánh giá)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="Mã đơn vị gốc của cây.")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: object, **options: object) -> None:
        code = option_str(options, "unit").strip().upper()
        unit = OrgUnit.objects.filter(code=code).first() if code else None
        if unit is None:
            raise CommandError(f"unknown unit {code!r}", returncode=2)
        needs = training_needs(unit)
        if option_str(options, "format") == "json":
            self.stdout.write(json.dumps([need.as_json() for need in needs], ensure_ascii=False))
            return
        for need in needs:
            self.stdout.write(f"{need.person_code}\t{need.need}\t{need.message}")
