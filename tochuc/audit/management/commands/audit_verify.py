from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from tochuc.audit.chain import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra chuỗi nhật ký: exit 0 khi nguyên vẹn, 1 và tên sự kiện hỏng đầu tiên khi bị sửa."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--expect-head", default="", help="Mã băm đầu chuỗi đã ghi lại trước đó.")

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain(options["expect_head"])
        if result.ok:
            self.stdout.write(f"OK: {result.checked} events intact.")
            self.stdout.write(f"head {result.head_hash}")
            return
        where = f"event #{result.bad_event_id}" if result.bad_event_id else "chain head"
        self.stderr.write(f"BROKEN at {where}: {result.reason} (after {result.checked} intact events).")
        self.stdout.write(f"head {result.head_hash}")
        raise SystemExit(1)
