from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand, CommandParser

from tochuc.accounts.models import Role
from tochuc.core.commands import option_bool, option_int, option_str
from tochuc.demo import province, units
from tochuc.demo.award import seed_award
from tochuc.demo.directives import seed_directives
from tochuc.demo.evaluations import seed_evaluations
from tochuc.demo.inspections import seed_inspections
from tochuc.demo.people import seed_people
from tochuc.demo.personnel import seed_personnel
from tochuc.demo.positions import seed_positions
from tochuc.demo.reviews import seed_reviews
from tochuc.demo.rewards import seed_rewards
from tochuc.demo.training import seed_training
from tochuc.demo.voices import seed_voices

KIND_WORDS = {"commune": "xã, phường", "grassroots": "tổ chức cơ sở đảng", "cell": "chi bộ"}


class Command(BaseCommand):
    help = (
        "Tạo dữ liệu mẫu: cây đơn vị nhỏ, chức năng, lịch sử và tài khoản demo; "
        "--scale province thêm một tỉnh quy mô thật (≈ 6.100 đơn vị). Chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=["small", "province"], default="small")
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

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        scale, seed = option_str(options, "scale"), option_int(options, "seed")
        report = province.seed(
            scale=scale,
            seed=seed,
            size=province.ProvinceSize(communes=max(1, option_int(options, "communes"))),
        )
        out = self.stdout.write
        if not option_bool(options, "no_people"):
            rng = random.Random(seed)
            seed_people(scale=scale, rng=rng, stdout=self.stdout)
            seed_positions(scale=scale, rng=rng, stdout=self.stdout)
            seed_directives(scale=scale, rng=rng, stdout=self.stdout)
            seed_evaluations(scale=scale, rng=rng, stdout=self.stdout)
            seed_personnel(scale=scale, rng=rng, stdout=self.stdout)
            seed_reviews(scale=scale, rng=rng, stdout=self.stdout)
            seed_voices(scale=scale, rng=rng, stdout=self.stdout)
            seed_rewards(scale=scale, rng=rng, stdout=self.stdout)
            seed_training(scale=scale, rng=rng, stdout=self.stdout)
            seed_award(scale=scale, rng=rng, stdout=self.stdout)
            seed_inspections(scale=scale, rng=rng, stdout=self.stdout)
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
