"""``manage.py evaluation_import PATH.xlsx --cycle CODE``: proposed results, all-or-nothing.

Headers: ``Mã đơn vị``, ``Mã đảng viên`` (empty on the collective's row), ``Điểm`` (0–100), ``Xếp loại``
(one of the four labels), ``Người đứng đầu`` ("x" on the head's row). On any bad cell nothing is written
and every bad cell is listed as ``dòng N, cột «…»: message``; the command then fails.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tochuc.core.commands import option_path, option_str
from tochuc.core.documents.excel import WorkbookRejected, check_workbook
from tochuc.core.errors import DomainError
from tochuc.evaluations.import_views import MAX_UPLOAD
from tochuc.evaluations.models import EvaluationCycle
from tochuc.evaluations.services import ImportRejected, evaluation_import, read_workbook


class Command(BaseCommand):
    help = "Nhập kết quả đề xuất xếp loại từ tệp Excel vào một đợt đánh giá (có lỗi thì không nhập gì)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Tệp .xlsx")
        parser.add_argument("--cycle", required=True, help="Mã đợt đánh giá")

    def handle(self, *args: object, **options: object) -> None:
        path = option_path(options, "path")
        if not path.is_file():
            raise CommandError(f"Không có tệp «{path}».")
        if path.stat().st_size > MAX_UPLOAD:
            raise CommandError(f"Tệp lớn hơn {MAX_UPLOAD // (1024 * 1024)} MB.")
        try:
            check_workbook(path)  # the file first: a bomb is refused before anything is looked up
        except WorkbookRejected as error:
            raise CommandError(error.message) from error
        code = option_str(options, "cycle").strip().upper()
        cycle = EvaluationCycle.objects.select_related("unit").filter(code=code).first()
        if cycle is None:
            raise CommandError(f"Không có đợt đánh giá mã «{code}».")
        try:
            rows = read_workbook(path)
            result = evaluation_import(actor=None, cycle=cycle, rows=rows, source=path.name)
        except ImportRejected as error:
            for row, column, message in error.errors:
                self.stderr.write(f"dòng {row}, cột «{column}»: {message}")
            raise CommandError(error.message) from error
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result['rows']} dòng vào đợt {cycle.code} ({result['heads']} người đứng đầu)."
            )
        )
