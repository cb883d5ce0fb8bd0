from __future__ import annotations

import random
import sys
import time
from typing import TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from tochuc.accounts.models import Role
from tochuc.core.commands import option_bool, option_int, option_str
from tochuc.demo import national, province, units
from tochuc.demo.award import seed_award
from tochuc.demo.directives import seed_directives
from tochuc.demo.evaluations import seed_evaluations
from tochuc.demo.inspections import seed_inspections
from tochuc.demo.national_copy import indexes_set_aside
from tochuc.demo.people import seed_people
from tochuc.demo.personnel import seed_personnel
from tochuc.demo.positions import seed_positions
from tochuc.demo.reviews import seed_reviews
from tochuc.demo.rewards import seed_rewards
from tochuc.demo.training import seed_training
from tochuc.demo.voices import seed_voices
from tochuc.orgunits.models import OrgUnit

KIND_WORDS = {"commune": "xã, phường", "grassroots": "tổ chức cơ sở đảng", "cell": "chi bộ"}


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: cây đơn vị nhỏ, chức năng, lịch sử và tài khoản demo; "
        "--scale province thêm một tỉnh quy mô thật (≈ 6.100 đơn vị); --scale national (chỉ PostgreSQL) "
        "thêm 31 tỉnh, thành còn lại với ≈ 5,6 triệu đảng viên. Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["small", "province", "national"], default="small")
        parser.add_argument(
            "--seed", type=int, default=units.DEFAULT_SEED, help="Cùng một số cho cùng một bộ tên (tỉnh lớn)."
        )
        parser.add_argument(
            "--communes",
            type=int,
            default=province.ProvinceSize().communes,
            help="Số xã, phường của tỉnh lớn (mỗi xã 10 tổ chức cơ sở đảng, 50 chi bộ).",
        )
        parser.add_argument(
            "--no-people",
            action="store_true",
            help="Chỉ tạo cây đơn vị, không tạo đảng viên và vị trí việc làm.",
        )

        parser.add_argument(
            "--national-fraction",
            type=float,
            default=1.0,
            help="Toàn quốc: tỷ lệ số xã của mỗi tỉnh được tạo (1 = đủ ≈ 3.200 xã; 0,01 = mỗi tỉnh 1–2 xã).",
        )
        parser.add_argument(
            "--national-provinces",
            type=int,
            default=len(national.PROVINCES),
            help="Toàn quốc: chỉ tạo bấy nhiêu tỉnh, thành đầu tiên (T04, T05, …).",
        )

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        scale, seed = option_str(options, "scale"), option_int(options, "seed")
        if scale == "national" and connection.vendor != "postgresql":
            raise CommandError(
                "Dữ liệu mẫu toàn quốc (--scale national) chỉ chạy trên PostgreSQL: SQLite không nạp nổi "
                "5,6 triệu đảng viên. Đặt DATABASE_URL=postgres://… rồi chạy lại."
            )
        fraction = options.get("national_fraction")
        if not isinstance(fraction, float) or not 0 < fraction <= 1:
            raise CommandError("--national-fraction phải lớn hơn 0 và không quá 1.")
        national_size = national.NationalSize(fraction, option_int(options, "national_provinces"))
        base_scale = "small" if scale == "national" else scale
        report = province.seed(
            scale=base_scale,
            seed=seed,
            size=province.ProvinceSize(communes=max(1, option_int(options, "communes"))),
        )
        out = self.stdout.write
        # Once the national load has begun, the small demo was complete before it, and its builders
        # would now read millions of rows (or scan them: an interrupted load leaves the big tables
        # without their secondary indexes until it is resumed).
        resuming = scale == "national" and (
            indexes_set_aside()
            or OrgUnit.objects.filter(code__in=[p.code for p in national.PROVINCES]).exists()
        )
        if resuming:
            out("Đã có dữ liệu toàn quốc: dữ liệu mẫu nhỏ đã đủ, không kiểm tra lại.")
        if not option_bool(options, "no_people") and not resuming:
            rng = random.Random(seed)
            for builder in (
                seed_people,
                seed_positions,
                seed_directives,
                seed_evaluations,
                seed_personnel,
                seed_reviews,
                seed_voices,
                seed_rewards,
                seed_training,
                seed_award,
                seed_inspections,
            ):
                builder(scale=base_scale, rng=rng, stdout=self.stdout)
        if scale == "national":
            self._national(seed, national_size, report)
        elapsed = time.perf_counter() - started
        out(
            f"Cây đơn vị mẫu: tạo mới {report.units_created} đơn vị, đã có {report.units_existing}; "
            f"{report.functions_created} chức năng, nhiệm vụ; {report.history_written} sự kiện lịch sử; "
            f"{report.users_created} tài khoản, {report.grants_created} quyền mới."
        )
        if scale == "province":
            created = report.province_units_created
            if created:
                parts = "; ".join(f"{n} {KIND_WORDS.get(kind, kind)}" for kind, n in created.items())
                out(
                    f"Tỉnh quy mô thật ({province.PROVINCE.code}): tạo mới {sum(created.values())} đơn vị ({parts})."
                )
            else:
                out(f"Tỉnh quy mô thật ({province.PROVINCE.code}): đã có đủ, không tạo thêm.")
        out(f"Xong trong {elapsed:.1f} giây.")
        if scale == "national":
            self._national_summary()
        out("")
        out(self.style.MIGRATE_HEADING("Tài khoản demo"))
        rows = [
            (
                login.username,
                units.DEMO_PASSWORD,
                str(Role(login.role).label),
                f"{unit.code} — {unit.name} và cấp dưới",
            )
            for login, unit in report.logins
        ]
        header = ("Tên đăng nhập", "Mật khẩu", "Vai trò", "Phạm vi")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
        for row in [header, *rows]:
            padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
            out("  " + "  ".join([*padded, row[-1]]))

    def _national(self, seed: int, size: national.NationalSize, report: units.SeedReport) -> None:
        self.national = national.seed_national(
            seed=seed, size=size, seed_report=report, stdout=self.stdout, progress=self._progress_stream()
        )

    def _progress_stream(self) -> TextIO:
        """Where the progress bar goes: standard error, as given to the command (no line ending added)."""
        stream = getattr(self.stderr, "_out", None)
        return stream if stream is not None else sys.stderr

    def _national_summary(self) -> None:
        done, out = self.national, self.stdout.write
        out(
            f"Toàn quốc: nạp {len(done.provinces_loaded)} tỉnh, thành"
            f"{' (' + ', '.join(done.provinces_loaded) + ')' if done.provinces_loaded else ''}; "
            f"đã có sẵn {len(done.provinces_skipped)}."
        )
        for phase in (*national.PHASES, "procedures"):
            if phase in done.counts:
                seconds = done.seconds.get(phase)
                timing = f" trong {seconds:.1f} giây" if seconds is not None else ""
                out(f"  {phase:12} {done.counts[phase]:>10,} dòng{timing}")
        for step in ("load", "indexes", "analyze", "aggregates_rebuild", "people_search_rebuild", "vacuum"):
            if step in done.seconds:
                out(f"  {step:22} {done.seconds[step]:8.1f} giây")
        if {
            "aggregates_rebuild",
            "people_search_rebuild",
        } <= done.seconds.keys() and "vacuum" in done.seconds:
            out("  (aggregates_rebuild và people_search_rebuild chạy song song)")
        if done.provinces_loaded and not done.triggers_quiet:
            out("  (vai trò không phải superuser: trigger vẫn chạy trong lúc nạp)")
