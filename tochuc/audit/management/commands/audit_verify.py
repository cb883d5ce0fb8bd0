from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from tochuc.audit.anchors import AnchorFileError, read_anchors
from tochuc.audit.chain import verify_chain
from tochuc.core.commands import option_str


class Command(BaseCommand):
    help = "Kiểm tra chuỗi nhật ký: exit 0 khi nguyên vẹn, 1 và tên sự kiện hỏng đầu tiên khi bị sửa."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--expect-head", default="", help="Mã băm đầu chuỗi đã ghi lại trước đó.")
        parser.add_argument(
            "--anchors", default="", help="Tệp mốc do audit_anchor ghi: mọi mốc phải còn trong chuỗi."
        )

    def handle(self, *args: object, **options: object) -> None:
        anchors = []
        if file := option_str(options, "anchors"):
            try:
                anchors = read_anchors(Path(file))
            except AnchorFileError as exc:
                self.stderr.write(f"BROKEN: {exc}")
                raise SystemExit(1) from exc
        result = verify_chain(option_str(options, "expect_head"), anchors)
        if result.ok:
            self.stdout.write(f"OK: {result.checked} events intact.")
            if anchors:
                self.stdout.write(f"OK: {len(anchors)} anchors in the chain.")
            self.stdout.write(f"head {result.head_hash}")
            return
        where = f"event #{result.bad_event_id}" if result.bad_event_id else "chain head"
        self.stderr.write(f"BROKEN at {where}: {result.reason} (after {result.checked} intact events).")
        self.stdout.write(f"head {result.head_hash}")
        raise SystemExit(1)
