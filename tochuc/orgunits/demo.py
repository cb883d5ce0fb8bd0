"""Demo data: a small realistic tree with functions, history and demo logins,
and optionally one province at real size.

Everything is keyed on unit codes and usernames, so running again only adds
what is missing. Every write goes through a service, or, for the bulk
province, one transaction with one audit event.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models import Q

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.services import grant_role, user_create
from tochuc.audit.services import record
from tochuc.core.text import fold, nfc
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitFunction, UnitKind, path_segment
from tochuc.orgunits.services import function_create, unit_create, unit_move, unit_rename

DEMO_PASSWORD = "tochuc-demo"
DEFAULT_SEED = 1930
# The day the two-level local government and the merged provinces started.
REORGANIZED_ON = dt.date(2025, 7, 1)


class Spec(NamedTuple):
    code: str
    parent: str | None
    kind: str
    name: str
    valid_from: dt.date = REORGANIZED_ON
    short_name: str = ""


def _commune(
    code: str, name: str, grassroots: Sequence[tuple[str, Sequence[str]]], cells: Sequence[str], parent: str
) -> list[Spec]:
    """A commune, its grassroots organizations (each with its cells) and its own cells."""
    specs = [Spec(code, parent, UnitKind.COMMUNE, name)]
    for g, (g_name, g_cells) in enumerate(grassroots, start=1):
        g_code = f"{code}-CS{g}"
        specs.append(Spec(g_code, code, UnitKind.GRASSROOTS, g_name))
        specs += [Spec(f"{g_code}-CB{c}", g_code, UnitKind.CELL, n) for c, n in enumerate(g_cells, start=1)]
    specs += [Spec(f"{code}-CB{c}", code, UnitKind.CELL, n) for c, n in enumerate(cells, start=1)]
    return specs


# fmt: off
SMALL_TREE: tuple[Spec, ...] = (
    Spec("TW", None, UnitKind.CENTRAL, "Ban Chấp hành Trung ương Đảng", dt.date(1930, 2, 3), "BCHTW"),
    Spec("BTCTW", "TW", UnitKind.AGENCY, "Ban Tổ chức Trung ương", dt.date(1930, 10, 14), "BTCTW"),
    Spec("BTCTW-V1", "BTCTW", UnitKind.DEPARTMENT, "Vụ Tổ chức đảng, đảng viên", dt.date(2025, 3, 1)),
    Spec("BTCTW-V2", "BTCTW", UnitKind.DEPARTMENT, "Vụ Chính sách cán bộ", dt.date(2025, 3, 1)),
    Spec("BTCTW-V3", "BTCTW", UnitKind.DEPARTMENT, "Vụ Tổ chức – Tiền lương", dt.date(2025, 3, 1)),
    Spec("BTCTW-V4", "BTCTW", UnitKind.DEPARTMENT, "Vụ Địa phương I", dt.date(2025, 3, 1)),
    Spec("BTCTW-V1-CB1", "BTCTW-V1", UnitKind.CELL, "Chi bộ Vụ Tổ chức đảng, đảng viên", dt.date(2025, 3, 1)),
    Spec("T01", "TW", UnitKind.PROVINCIAL, "Đảng bộ tỉnh Hà Tĩnh", short_name="Hà Tĩnh"),
    *_commune("T01-X01", "Đảng bộ xã An Bình", [
        ("Đảng bộ Trường Trung học phổ thông An Bình",
         ["Chi bộ Tổ Toán – Tin", "Chi bộ Tổ Ngữ văn – Ngoại ngữ", "Chi bộ Tổ Văn phòng"]),
        ("Đảng bộ Trường Tiểu học An Bình", ["Chi bộ Khối Tiểu học", "Chi bộ Khối Trung học cơ sở"]),
        ("Chi bộ Trạm Y tế xã An Bình", []),
    ], ["Chi bộ thôn Đông Hòa", "Chi bộ thôn Tân Lập", "Chi bộ thôn Trung Thành"], "T01"),
    *_commune("T01-X02", "Đảng bộ xã Đức Thọ", [
        ("Đảng bộ Trường Trung học phổ thông Đức Thọ", ["Chi bộ Tổ Khoa học tự nhiên", "Chi bộ Tổ Khoa học xã hội"]),
        ("Đảng bộ Trung tâm Y tế khu vực Đức Thọ", ["Chi bộ Khoa Khám bệnh", "Chi bộ Khoa Nội – Nhi"]),
    ], ["Chi bộ thôn Yên Hồ", "Chi bộ thôn Trung Lễ"], "T01"),
    # Created under An Bình, then moved to Đức Thọ (see MOVES).
    Spec("T01-X02-CS3", "T01-X01", UnitKind.GRASSROOTS, "Đảng bộ Hợp tác xã Nông nghiệp Đồng Tiến"),
    Spec("T01-X02-CS3-CB1", "T01-X02-CS3", UnitKind.CELL, "Chi bộ Đội sản xuất số 1"),
    Spec("T01-X02-CS3-CB2", "T01-X02-CS3", UnitKind.CELL, "Chi bộ Tổ Dịch vụ thủy lợi"),
    *_commune("T01-X03", "Đảng bộ phường Thành Sen", [
        ("Đảng bộ Trường Trung học cơ sở Lê Văn Thiêm", ["Chi bộ Tổ Toán – Lý", "Chi bộ Tổ Văn – Sử"]),
        ("Đảng bộ Công ty Cổ phần Cấp nước Hà Tĩnh",
         ["Chi bộ Phòng Kế hoạch – Kỹ thuật", "Chi bộ Xí nghiệp Cấp nước Thành Sen"]),
    ], ["Chi bộ Tổ dân phố 1", "Chi bộ Tổ dân phố Tân Giang"], "T01"),
    *_commune("T01-X04", "Đảng bộ xã Thạch Hà", [
        ("Đảng bộ Trường Trung học phổ thông Lý Tự Trọng", ["Chi bộ Tổ Toán – Tin", "Chi bộ Tổ Hóa – Sinh"]),
        ("Chi bộ Trạm Y tế xã Thạch Hà", []),
    ], ["Chi bộ thôn Đông Lạc", "Chi bộ thôn Bắc Phú"], "T01"),
    Spec("T02", "TW", UnitKind.PROVINCIAL, "Đảng bộ tỉnh Quảng Trị", short_name="Quảng Trị"),
    *_commune("T02-X01", "Đảng bộ phường Đồng Hới", [
        ("Đảng bộ Trường Trung học phổ thông Chuyên Võ Nguyên Giáp", ["Chi bộ Tổ Toán – Tin", "Chi bộ Tổ Ngoại ngữ"]),
        ("Chi bộ Trạm Y tế phường Đồng Hới", []),
    ], ["Chi bộ Tổ dân phố 5", "Chi bộ Tổ dân phố Đức Thị"], "T02"),
    *_commune("T02-X02", "Đảng bộ xã Gio Linh", [
        ("Đảng bộ Trường Trung học phổ thông Gio Linh", ["Chi bộ Tổ Ngữ văn", "Chi bộ Tổ Lịch sử – Địa lí"]),
        ("Đảng bộ Hợp tác xã Dịch vụ nông nghiệp Gio Mai", ["Chi bộ Đội sản xuất số 2"]),
    ], ["Chi bộ thôn Hà Thanh", "Chi bộ thôn Lan Đình"], "T02"),
    *_commune("T02-X03", "Đảng bộ xã Vĩnh Linh", [
        ("Đảng bộ Trường Trung học phổ thông Vĩnh Linh", ["Chi bộ Tổ Vật lí – Công nghệ", "Chi bộ Tổ Văn phòng"]),
        ("Chi bộ Trạm Y tế xã Vĩnh Linh", []),
        ("Đảng bộ Công ty Cổ phần Thủy sản Cửa Tùng", ["Chi bộ Phân xưởng Chế biến"]),
    ], ["Chi bộ thôn Tân Mỹ", "Chi bộ thôn Hiền Lương"], "T02"),
)
# fmt: on


class FunctionSpec(NamedTuple):
    lead: str
    title: str
    cooperating: tuple[str, ...] = ()


# Some wordings repeat across lead units on purpose (one with an OCR slip,
# "cán hộ" for "cán bộ"): the overlap report should find them.
# fmt: off
FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("BTCTW-V1", "Tham mưu, hướng dẫn công tác tổ chức đảng, đảng viên", ("BTCTW-V4",)),
    FunctionSpec("BTCTW-V1", "Hướng dẫn công tác kết nạp đảng viên và quản lý hồ sơ đảng viên", ("T01", "T02")),
    FunctionSpec("BTCTW-V2", "Tham mưu công tác tổ chức, cán bộ", ("BTCTW-V3",)),
    FunctionSpec("BTCTW-V2", "Tham mưu chính sách đối với cán bộ, đảng viên", ("BTCTW-V3",)),
    FunctionSpec("BTCTW-V3", "Tham mưu về tổ chức bộ máy, biên chế và tiền lương của hệ thống chính trị",
                 ("BTCTW-V2",)),
    FunctionSpec("BTCTW-V3", "Thẩm định đề án vị trí việc làm của các cơ quan đảng", ("BTCTW-V4",)),
    FunctionSpec("BTCTW-V4", "Theo dõi, hướng dẫn công tác tổ chức xây dựng Đảng ở địa phương",
                 ("BTCTW-V1", "T01", "T02")),
    FunctionSpec("BTCTW-V4", "Tham mưu, hướng dẫn công tác tổ chức đảng và đảng viên", ("BTCTW-V1",)),
    FunctionSpec("T01", "Tham mưu công tác tổ chức, cán bộ", ("T01-X01", "T01-X02")),
    FunctionSpec("T02", "Tham mưu công tác tổ chức, cán hộ", ("T02-X01",)),
    FunctionSpec("T01-X01", "Quản lý hồ sơ đảng viên, chuyển sinh hoạt đảng", ("T01-X01-CS1",)),
    FunctionSpec("T01-X02", "Theo dõi, đôn đốc việc sinh hoạt chi bộ định kỳ"),
    FunctionSpec("T01-X03", "Theo dõi, đôn đốc sinh hoạt chi bộ định kỳ", ("T01-X03-CB1",)),
)

# (unit, new name or new parent, effective date, note)
RENAMES: tuple[tuple[str, str, dt.date, str], ...] = (
    ("T01-X01-CS2", "Đảng bộ Trường Tiểu học và Trung học cơ sở An Bình", dt.date(2025, 9, 5),
     "Sáp nhập Trường Trung học cơ sở An Bình vào Trường Tiểu học An Bình."),
)
MOVES: tuple[tuple[str, str, dt.date, str], ...] = (
    ("T01-X02-CS3", "T01-X02", dt.date(2025, 8, 15),
     "Điều chỉnh địa bàn hoạt động theo sắp xếp đơn vị hành chính cấp xã."),
)
# fmt: on


class DemoLogin(NamedTuple):
    username: str
    full_name: str
    role: str
    unit_code: str


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("demo.tw", "Nguyễn Văn Thành", Role.ADMIN, "TW"),
    DemoLogin("demo.tinh", "Trần Thị Hồng Nhung", Role.SPECIALIST, "T01"),
    DemoLogin("demo.xa", "Lê Minh Tuấn", Role.LEADER, "T01-X01"),
    DemoLogin("demo.kiemtra", "Phạm Thị Thu Hà", Role.AUDITOR, "TW"),
)


@dataclass
class SeedReport:
    units_created: int = 0
    units_existing: int = 0
    functions_created: int = 0
    history_written: int = 0
    users_created: int = 0
    grants_created: int = 0
    province_units_created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[DemoLogin, OrgUnit]] = field(default_factory=list)


def _ensure_units(specs: Sequence[Spec], report: SeedReport) -> dict[str, OrgUnit]:
    codes = {s.code for s in specs} | {s.parent for s in specs if s.parent}
    units = OrgUnit.objects.in_bulk(sorted(codes), field_name="code")
    for spec in specs:
        if spec.code in units:
            report.units_existing += 1
            continue
        units[spec.code] = unit_create(
            actor=None,
            parent=units[spec.parent] if spec.parent else None,
            code=spec.code,
            name=spec.name,
            kind=spec.kind,
            short_name=spec.short_name,
            valid_from=spec.valid_from,
        )
        report.units_created += 1
    return units


def _ensure_functions(units: dict[str, OrgUnit], report: SeedReport) -> None:
    for spec in FUNCTIONS:
        lead = units[spec.lead]
        cooperating = [units[code] for code in spec.cooperating]
        if not all(u.is_active for u in [lead, *cooperating]):
            continue
        if UnitFunction.objects.filter(lead_unit=lead, title_folded=fold(spec.title)).exists():
            continue
        function_create(actor=None, lead_unit=lead, title=spec.title, cooperating_units=cooperating)
        report.functions_created += 1


def _ensure_history(units: dict[str, OrgUnit], report: SeedReport) -> dict[str, OrgUnit]:
    """Write the demo history once; the units come back fresh (a move changes subtree paths)."""
    for code, name, when, note in RENAMES:
        unit = units[code]
        if unit.is_active and not unit.events.filter(kind=UnitEventKind.RENAMED).exists():
            unit_rename(actor=None, unit=unit, name=name, effective_on=when, note=note)
            report.history_written += 1
    for code, parent_code, when, note in MOVES:
        unit, new_parent = units[code], units[parent_code]
        if unit.events.filter(kind=UnitEventKind.MOVED).exists() or unit.parent_id == new_parent.pk:
            continue
        if unit.is_active and new_parent.is_active:
            unit_move(actor=None, unit=unit, new_parent=new_parent, effective_on=when, note=note)
            report.history_written += 1
    return OrgUnit.objects.in_bulk(list(units), field_name="code")


def _ensure_logins(units: dict[str, OrgUnit], report: SeedReport) -> None:
    for login in DEMO_LOGINS:
        user = User.objects.filter(username=login.username).first()
        if user is None:
            user = user_create(
                actor=None, username=login.username, password=DEMO_PASSWORD, full_name=login.full_name
            )
            report.users_created += 1
        unit = units[login.unit_code]
        if not RoleGrant.objects.filter(user=user, role=login.role, unit=unit).exists():
            grant_role(actor=None, user=user, role=login.role, unit=unit, include_subtree=True)
            report.grants_created += 1
        report.logins.append((login, unit))


def seed_small(report: SeedReport) -> dict[str, OrgUnit]:
    with transaction.atomic():
        units = _ensure_units(SMALL_TREE, report)
        units = _ensure_history(units, report)
        _ensure_functions(units, report)
        _ensure_logins(units, report)
    return units


# --- One province at real size ----------------------------------------------

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
        province = _ensure_units([PROVINCE], report)[PROVINCE.code]
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
    report = SeedReport()
    seed_small(report)
    if scale == "province":
        seed_province(size or ProvinceSize(), random.Random(seed), report)
    return report
