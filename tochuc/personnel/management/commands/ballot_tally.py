from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.errors import DomainError
from tochuc.personnel.ballots import parse_votes, tally
from tochuc.personnel.rules import DEFAULT_PACK, get_pack


class Command(BaseCommand):
    help = "Kiểm phiếu: kiểm tra số người có mặt, số phiếu cần đạt và người trúng cử theo bộ quy tắc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pack", default=DEFAULT_PACK, help=f"Bộ quy tắc (mặc định {DEFAULT_PACK}).")
        parser.add_argument("--convened", type=int, required=True, help="Số người được triệu tập.")
        parser.add_argument("--present", type=int, required=True, help="Số người có mặt.")
        parser.add_argument("--seats", type=int, default=1, help="Số người cần chọn.")
        parser.add_argument("--votes", required=True, help='Số phiếu đồng ý: "Tên A=16,Tên B=9".')
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pack = get_pack(options["pack"])
            result = tally(
                pack,
                convened=options["convened"],
                present=options["present"],
                seats=options["seats"],
                votes=parse_votes(options["votes"]),
            )
        except DomainError as error:
            self.stderr.write(error.message)
            raise SystemExit(2) from None
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(
            f"Hội nghị hợp lệ: {'có' if result.quorum else 'không'}; cần {result.needed} phiếu."
        )
        self.stdout.write(f"Trúng cử: {', '.join(result.elected) or '—'}")
        self.stdout.write(f"Không trúng cử: {', '.join(result.not_elected) or '—'}")
        for reason in result.reasons:
            self.stdout.write(f"- {reason}")
