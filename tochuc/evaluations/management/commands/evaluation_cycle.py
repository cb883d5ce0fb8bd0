"""``manage.py evaluation_cycle CODE --unit UNIT_CODE --kind annual --year 2025 [--pack qd366-2025]``.

Creates the cycle over the unit's subtree (one evaluation per collective and per person), or shows it
when a cycle with that code already exists.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from tochuc.core.commands import Options, option_int_or_none, option_str
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import CycleKind, EvaluationCycle, Stage
from tochuc.evaluations.rules import DEFAULT_PACK
from tochuc.evaluations.services import cycle_open
from tochuc.orgunits.models import OrgUnit


class Command(BaseCommand):
    help = "Mở (hoặc xem) một đợt đánh giá, xếp loại chất lượng cho một đơn vị và các đơn vị trực thuộc."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="Mã đợt, ví dụ T01-2025")
        parser.add_argument("--unit", help="Mã đơn vị")
        parser.add_argument("--kind", choices=CycleKind.values, default=CycleKind.ANNUAL)
        parser.add_argument("--year", type=int)
        parser.add_argument("--quarter", type=int)
        parser.add_argument("--pack", default=DEFAULT_PACK, help="Bộ quy tắc, mặc định " + DEFAULT_PACK)
        parser.add_argument("--name", default="", help="Tên đợt (mặc định tự đặt)")

    def handle(self, *args: object, **options: object) -> None:
        code = option_str(options, "code").strip().upper()
        cycle = EvaluationCycle.objects.select_related("unit").filter(code=code).first()
        if cycle is None:
            cycle = self._create(code, options)
            self.stdout.write(self.style.SUCCESS(f"Đã mở đợt đánh giá {cycle.code}."))
        else:
            self.stdout.write(f"Đợt đánh giá {cycle.code} đã có.")
        self._show(cycle)

    def _create(self, code: str, options: Options) -> EvaluationCycle:
        unit_code, year = option_str(options, "unit"), option_int_or_none(options, "year")
        if not unit_code or not year:
            raise CommandError("Đợt mới cần --unit và --year.")
        unit = OrgUnit.objects.filter(code=unit_code.strip().upper()).first()
        if unit is None:
            raise CommandError(f"Không có đơn vị mã «{unit_code}».")
        kind = option_str(options, "kind")
        name = option_str(options, "name") or (
            f"Đánh giá, xếp loại chất lượng {CycleKind(kind).label.lower()} năm {year} — {unit.name}"
        )
        try:
            return cycle_open(
                actor=None,
                code=code,
                name=name,
                unit=unit,
                kind=kind,
                year=year,
                quarter=option_int_or_none(options, "quarter"),
                pack=option_str(options, "pack"),
            )
        except DomainError as error:
            raise CommandError(error.message) from error

    def _show(self, cycle: EvaluationCycle) -> None:
        counts = cycle.evaluations.aggregate(
            collectives=Count("pk", filter=Q(person__isnull=True)),
            individuals=Count("pk", filter=Q(person__isnull=False)),
            not_reviewed=Count("pk", filter=Q(stage=Stage.NOT_REVIEWED)),
            decided=Count("pk", filter=Q(stage=Stage.DECIDED)),
        )
        self.stdout.write(
            f"{cycle.code} — {cycle.name}\n"
            f"Đơn vị: {cycle.unit.code} {cycle.unit.name}; loại: {cycle.get_kind_display()}; năm {cycle.year}"
            + (f", quý {cycle.quarter}" if cycle.quarter else "")
            + f"; bộ quy tắc: {cycle.pack}; trạng thái: {cycle.get_status_display()}\n"
            f"Tập thể: {counts['collectives']}; cá nhân: {counts['individuals']} "
            f"(không đánh giá: {counts['not_reviewed']}); đã quyết định: {counts['decided']}"
        )
