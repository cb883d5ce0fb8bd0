from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_int, option_str
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

    def handle(self, *args: object, **options: object) -> None:
        try:
            pack = get_pack(option_str(options, "pack"))
            result = tally(
                pack,
                convened=option_int(options, "convened"),
                present=option_int(options, "present"),
                seats=option_int(options, "seats"),
                votes=parse_votes(option_str(options, "votes")),
            )
        except DomainError as error:
            self.stderr.write(error.message)
            raise SystemExit(2) from None
        if option_str(options, "format") == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
            return
        self.stdout.write(
            f"Hội nghị hợp lệ: {'có' if result.quorum else 'không'}; cần {result.needed} phiếu."
        )
        self.stdout.write(f"Trúng cử: {', '.join(result.elected) or '—'}")
        self.stdout.write(f"Không trúng cử: {', '.join(result.not_elected) or '—'}")
        for reason in result.reasons:
            self.stdout.write(f"- {reason}")
