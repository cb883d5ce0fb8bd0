"""``manage.py evaluation_check --cycle CODE [--format text|json]``: the findings of a cycle.

JSON: a list of ``{"rule", "severity", "unit", "person", "message"}`` (non-ASCII kept). Exit 0 even when
there are findings; an unknown cycle or pack is a ``CommandError``.
"""

from __future__ import annotations

import json
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.errors import DomainError
from tochuc.evaluations.models import EvaluationCycle
from tochuc.evaluations.rules import check_cycle

SEVERITY_LABEL = {"block": "CHẶN", "justify": "GIẢI TRÌNH", "info": "THÔNG TIN"}


class Command(BaseCommand):
    help = "Kiểm tra một đợt đánh giá theo bộ quy tắc của đợt và in các phát hiện."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cycle", required=True, help="Mã đợt đánh giá")
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: object, **options: object) -> None:
        code = options["cycle"]
        cycle = EvaluationCycle.objects.select_related("unit").filter(code=code).first()
        if cycle is None:
            raise CommandError(f"Không có đợt đánh giá mã «{code}».")
        try:
            findings = check_cycle(cycle)
        except DomainError as error:
            raise CommandError(error.message) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps([f.as_json() for f in findings], ensure_ascii=False, indent=2))
            return
        counts = Counter(str(f.severity) for f in findings)
        self.stdout.write(
            f"{cycle.code} — {cycle.name} ({cycle.pack}): {len(findings)} phát hiện "
            f"(chặn {counts['block']}, giải trình {counts['justify']}, thông tin {counts['info']})"
        )
        if not findings:
            return
        rows = [
            (
                SEVERITY_LABEL[str(f.severity)] + (" ✓" if f.justified else ""),
                f.rule,
                f.unit,
                f.person or "—",
                f.message,
            )
            for f in findings
        ]
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        header = ("MỨC", "QUY TẮC", "ĐƠN VỊ", "ĐẢNG VIÊN", "NỘI DUNG")
        widths = [max(w, len(h)) for w, h in zip(widths, header, strict=False)]
        for row in (header, *rows):
            cells = [row[i].ljust(widths[i]) for i in range(4)]
            self.stdout.write("  ".join([*cells, row[4]]))
