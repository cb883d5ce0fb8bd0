"""Demo data: a small realistic tree with functions, history and demo logins.

Everything is keyed on unit codes and usernames, so running again only adds
what is missing. Every write goes through a service. The province at real
size is in ``tochuc.demo.province``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction

from tochuc.accounts.models import Role, RoleGrant, User
from tochuc.accounts.services import grant_role, user_create
from tochuc.core.text import fold
from tochuc.orgunits.models import OrgUnit, UnitEventKind, UnitFunction, UnitKind
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


def ensure_units(specs: Sequence[Spec], report: SeedReport) -> dict[str, OrgUnit]:
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
        units = ensure_units(SMALL_TREE, report)
        units = _ensure_history(units, report)
        _ensure_functions(units, report)
        _ensure_logins(units, report)
    return units
