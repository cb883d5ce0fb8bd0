from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser

from tochuc.core.commands import option_bool
from tochuc.figures import services

STEP_NAMES = {
    "people_person": "đảng viên",
    "evaluations_evaluation": "đánh giá, xếp loại",
    "directives_task": "nhiệm vụ",
    "raw": "tính lại từ bảng gốc",
    "compare": "so sánh với số liệu lưu sẵn",
}


class Command(BaseCommand):
    help = (
        "Tính lại số liệu tổng hợp lưu sẵn từ các bảng gốc. Với --check: không thay đổi gì, so sánh; "
        "exit 1 và in chỗ lệch đầu tiên, exit 0 khi khớp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="Chỉ so sánh số liệu lưu sẵn với bảng gốc, không sửa."
        )

    def _progress(self, done: int, total: int, step: str) -> None:
        name = STEP_NAMES.get(step, step)
        elapsed = time.monotonic() - self._started
        if name:
            self.stdout.write(f"[{done}/{total}] {name}… ({elapsed:.1f} giây)")
        else:
            self.stdout.write(f"[{done}/{total}] xong ({elapsed:.1f} giây)")
        self.stdout.flush()

    def handle(self, *args: object, **options: object) -> None:
        self._started = time.monotonic()
        if option_bool(options, "check"):
            mismatch = services.check(progress=self._progress)
            if mismatch is None:
                self.stdout.write("khớp")
                return
            figure = mismatch.topic + (f" (đợt {mismatch.cycle_pk})" if mismatch.cycle_pk else "")
            self.stderr.write(
                f"lệch: đơn vị {mismatch.unit_code}, số liệu {figure} «{mismatch.item}»: "
                f"lưu sẵn {mismatch.kept}, bảng gốc {mismatch.raw}"
            )
            raise SystemExit(1)
        rows = services.rebuild_all(progress=self._progress)
        self.stdout.write(f"Đã tính lại số liệu tổng hợp: {rows} dòng.")
