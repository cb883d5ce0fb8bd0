"""Demo data: one province at real size (about 6,100 units), created in bulk.

The same seed gives the same names; units are keyed on their codes, so running
again only adds what is missing. One transaction, one audit event.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q

from tochuc.audit.services import record
from tochuc.core.text import fold, nfc
from tochuc.demo.units import DEFAULT_SEED, REORGANIZED_ON, SeedReport, Spec, ensure_units, seed_small
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitKind, path_segment

PROVINCE = Spec("T03", "TW", UnitKind.PROVINCIAL, "Đảng bộ tỉnh Nghệ An", short_name="Nghệ An")


@dataclass(frozen=True)
class ProvinceSize:
    communes: int = 100
    grassroots_per_commune: int = 10
    cells_per_grassroots: int = 4
    cells_per_commune: int = 10


# Name pools for the generated province.
# fmt: off
_PLACE_FIRST = (
    "An", "Bình", "Cát", "Châu", "Diễn", "Đông", "Đô", "Đức", "Hải", "Hòa", "Hồng", "Hưng", "Kim", "Lạc",
    "Long", "Minh", "Mỹ", "Nam", "Nghi", "Phúc", "Phú", "Quang", "Quỳnh", "Sơn", "Tân", "Thái", "Thanh",
    "Thịnh", "Tiên", "Trung", "Văn", "Vân", "Vĩnh", "Xuân", "Yên",
)
_PLACE_SECOND = (
    "An", "Bình", "Châu", "Đàn", "Điền", "Đông", "Giang", "Hà", "Hải", "Hòa", "Hợp", "Hưng", "Khánh", "Lâm",
    "Lĩnh", "Lộc", "Lương", "Lưu", "Mai", "Minh", "Mỹ", "Nguyên", "Phong", "Phúc", "Phượng", "Sơn", "Thành",
    "Thắng", "Thịnh", "Thọ", "Thủy", "Tiến", "Trường", "Tường", "Xuân", "Yên",
)
_VILLAGES = (
    "Đông", "Tây", "Nam", "Bắc", "Trung", "Thượng", "Hạ", "Tân Lập", "Tân Sơn", "Yên Thịnh", "Phú Thọ",
    "Đồng Tâm", "Đoàn Kết", "Quyết Thắng", "Hòa Bình", "Thống Nhất", "Trung Tiến", "Bắc Sơn", "Nam Sơn",
    "Khánh Thành", "Liên Sơn", "Xuân Hòa", "Mỹ Hòa", "Cầu Đông", "Bàu Sen", "Phú Lợi", "Kim Liên",
    "Hoàng Trù", "Làng Sen", "Văn Trường",
)
_PEOPLE = (
    "Nguyễn Du", "Phan Bội Châu", "Nguyễn Trãi", "Lê Lợi", "Trần Phú", "Lê Hồng Phong", "Nguyễn Văn Trỗi",
    "Huỳnh Thúc Kháng", "Nguyễn Đức Cảnh", "Đặng Thai Mai", "Phan Đăng Lưu", "Lê Quý Đôn", "Hồ Tùng Mậu",
    "Cù Chính Lan", "Nguyễn Thị Minh Khai", "Võ Thị Sáu",
)
_SCHOOL_CELLS = (
    "Tổ Toán – Tin", "Tổ Ngữ văn", "Tổ Ngoại ngữ", "Tổ Vật lí – Công nghệ", "Tổ Hóa – Sinh",
    "Tổ Lịch sử – Địa lí", "Tổ Giáo dục thể chất – Quốc phòng", "Tổ Văn phòng",
)
# (name pattern, cell names): {person} a famous name, {place} a place, {commune} the commune's own name.
_GRASSROOTS = (
    ("Đảng bộ Trường Trung học phổ thông {person}", _SCHOOL_CELLS),
    ("Đảng bộ Trường Trung học cơ sở {place}", _SCHOOL_CELLS),
    ("Đảng bộ Trường Tiểu học {place}",
     ("Khối 1 – 2", "Khối 3", "Khối 4 – 5", "Tổ Văn phòng", "Tổ Chuyên biệt")),
    ("Đảng bộ Trường Mầm non {place}",
     ("Khối Nhà trẻ", "Khối Mẫu giáo bé", "Khối Mẫu giáo lớn", "Tổ Văn phòng", "Tổ Nuôi dưỡng")),
    ("Đảng bộ Trung tâm Y tế khu vực {commune}",
     ("Khoa Khám bệnh", "Khoa Nội – Nhi", "Khoa Ngoại – Sản", "Khoa Dược", "Phòng Hành chính – Tổng hợp")),
    ("Đảng bộ Hợp tác xã Nông nghiệp {place}",
     ("Đội sản xuất số 1", "Đội sản xuất số 2", "Đội sản xuất số 3", "Tổ Dịch vụ thủy lợi", "Tổ Vật tư")),
    ("Đảng bộ Công ty Cổ phần Xây dựng {place}",
     ("Phòng Kế toán", "Phòng Kỹ thuật", "Đội Thi công số 1", "Đội Thi công số 2", "Tổ Vật tư")),
    ("Đảng bộ Công ty Cổ phần Chế biến nông sản {place}",
     ("Phòng Kế toán", "Phân xưởng Sơ chế", "Phân xưởng Đóng gói", "Tổ Kinh doanh", "Tổ Bảo vệ")),
)
# fmt: on


class Planned(NamedTuple):
    code: str
    parent: str
    kind: str
    name: str
    sort_order: int


def _unique(taken: set[str], make: Iterator[str]) -> str:
    for candidate in make:
        if candidate not in taken:
            taken.add(candidate)
            return candidate
    raise AssertionError("name generator ran dry")  # the generators below never end


def _places(rng: random.Random) -> Iterator[str]:
    while True:
        first, second = rng.choice(_PLACE_FIRST), rng.choice(_PLACE_SECOND)
        if first != second:
            yield f"{first} {second}"


def _numbered(base: str) -> Iterator[str]:
    yield base
    number = 2
    while True:
        yield f"{base} số {number}"
        number += 1


def plan_province(size: ProvinceSize, rng: random.Random) -> list[list[Planned]]:
    """Every unit below the province, level by level; the same seed gives the same names."""
    communes: list[Planned] = []
    grassroots: list[Planned] = []
    cells: list[Planned] = []
    # "An Bình" stays the one commune of that name (the small tree's, in T01).
    commune_names: set[str] = {"An Bình"}
    for x in range(1, size.communes + 1):
        x_code = f"{PROVINCE.code}-X{x:03d}"
        place = _unique(commune_names, _places(rng))
        ward = rng.random() < 0.15
        communes.append(
            Planned(
                x_code,
                PROVINCE.code,
                UnitKind.COMMUNE,
                f"Đảng bộ {'phường' if ward else 'xã'} {place}",
                x * 10,
            )
        )
        taken: set[str] = set()
        # A commune has one health centre; the other kinds may repeat.
        kinds = list(_GRASSROOTS)
        for g in range(1, size.grassroots_per_commune + 1):
            pattern, cell_names = kinds[rng.randrange(len(kinds))]
            if "{commune}" in pattern:
                kinds.remove((pattern, cell_names))
            base = pattern.format(person=rng.choice(_PEOPLE), place=next(_places(rng)), commune=place)
            g_code = f"{x_code}-CS{g:02d}"
            grassroots.append(
                Planned(g_code, x_code, UnitKind.GRASSROOTS, _unique(taken, _numbered(base)), g * 10)
            )
            picked = rng.sample(cell_names, min(size.cells_per_grassroots, len(cell_names)))
            picked += [f"Tổ số {n}" for n in range(len(picked) + 1, size.cells_per_grassroots + 1)]
            cells += [
                Planned(f"{g_code}-CB{c}", g_code, UnitKind.CELL, f"Chi bộ {name}", c * 10)
                for c, name in enumerate(picked, start=1)
            ]
        if ward:
            local = [f"Tổ dân phố {n}" for n in range(1, size.cells_per_commune + 1)]
        else:
            villages = rng.sample(_VILLAGES, min(size.cells_per_commune, len(_VILLAGES)))
            villages += [str(n) for n in range(len(villages) + 1, size.cells_per_commune + 1)]
            local = [f"{rng.choice(('thôn', 'xóm'))} {v}" for v in villages]
        cells += [
            Planned(f"{x_code}-CB{c:02d}", x_code, UnitKind.CELL, f"Chi bộ {name}", 1000 + c * 10)
            for c, name in enumerate(local, start=1)
        ]
    return [communes, grassroots, cells]


def seed_province(size: ProvinceSize, rng: random.Random, report: SeedReport) -> OrgUnit:
    """Create the big province in bulk, level by level: one transaction, one audit event."""
    levels = plan_province(size, rng)
    with transaction.atomic():
        province = ensure_units([PROVINCE], report)[PROVINCE.code]
        # Keyed on codes: whatever already exists (even if moved since) is not created again.
        existing = OrgUnit.objects.filter(Q(code__startswith=f"{PROVINCE.code}-") | Q(pk=province.pk))
        known = {
            code: (pk, path, depth)
            for code, pk, path, depth in existing.values_list("code", "pk", "path", "depth")
        }
        created: dict[str, int] = {}
        for level in levels:
            new = []
            for planned in level:
                if planned.code in known:
                    continue
                name = nfc(planned.name)
                new.append(
                    OrgUnit(
                        code=planned.code,
                        name=name,
                        name_folded=fold(name),
                        kind=planned.kind,
                        parent_id=known[planned.parent][0],
                        path=f"seed:{planned.code}",  # unique placeholder until the id is known
                        depth=known[planned.parent][2] + 1,
                        sort_order=planned.sort_order,
                        valid_from=REORGANIZED_ON,
                    )
                )
            OrgUnit.objects.bulk_create(new, batch_size=1000)
            parents = {planned.code: planned.parent for planned in level}
            for unit in new:
                unit.path = known[parents[unit.code]][1] + path_segment(unit.pk)
                known[unit.code] = (unit.pk, unit.path, unit.depth)
            OrgUnit.objects.bulk_update(new, ["path"], batch_size=1000)
            OrgUnitEvent.objects.bulk_create(
                [OrgUnitEvent(unit=u, kind=UnitEventKind.CREATED, effective_on=REORGANIZED_ON) for u in new],
                batch_size=1000,
            )
            for unit in new:
                created[unit.kind] = created.get(unit.kind, 0) + 1
        if created:
            record(
                actor=None,
                action="orgunit.bulk_seed",
                target=province,
                unit_path=province.path,
                summary={"units": sum(created.values()), **created},
            )
    report.province_units_created = created
    if created:
        _refresh_planner_statistics()
    return province


def _refresh_planner_statistics() -> None:
    """After a bulk load, let PostgreSQL's planner see the new rows now rather than at the next autovacuum.

    Without it the planner takes the fresh subtree for a handful of rows and joins
    every row of it before keeping the first page.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {OrgUnit._meta.db_table}, {OrgUnitEvent._meta.db_table}")


def seed(*, scale: str = "small", seed: int = DEFAULT_SEED, size: ProvinceSize | None = None) -> SeedReport:
    """The small tree, and with ``scale="province"`` the province at real size too."""
    report = SeedReport()
    seed_small(report)
    if scale == "province":
        seed_province(size or ProvinceSize(), random.Random(seed), report)
    return report
