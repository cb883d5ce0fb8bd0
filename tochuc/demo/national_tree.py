"""National demo: the 31 other provinces (T04–T34) and their units, planned in Python, written by COPY.

With the small demo's T01 (Hà Tĩnh), T02 (Quảng Trị) and the province-scale T03 (Nghệ An)
they make the 34 provinces of 2025. Commune counts are the real ones (≈ 3,200 here);
each commune has 10–22 grassroots organizations with 2–6 cells each and 8–18 cells of
its own (villages, residential groups), ≈ 52,000 grassroots organizations and ≈ 250,000
cells in all. Ids come from the sequence, so paths are written with the rows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import NamedTuple

from tochuc.core.text import fold, nfc
from tochuc.demo.national_copy import CopyTable, allocate_ids, text
from tochuc.demo.people_names import _PROFILE_WORDS
from tochuc.demo.province import (
    _GRASSROOTS,
    _PEOPLE,
    _VILLAGES,
    Planned,
    _numbered,
    _places,
    _unique,
)
from tochuc.demo.units import REORGANIZED_ON
from tochuc.orgunits.models import OrgUnit, OrgUnitEvent, UnitEventKind, UnitKind, path_segment


@dataclass(frozen=True)
class NationalProvince:
    code: str
    name: str  # "Lào Cai"
    id_prefix: str  # first three digits of the citizen ID
    communes: int
    ethnicities: tuple[tuple[str, float], ...]
    city: bool = False

    @property
    def unit_name(self) -> str:
        return f"Đảng bộ {'thành phố' if self.city else 'tỉnh'} {self.name}"

    @property
    def label(self) -> str:
        return f"{'thành phố' if self.city else 'tỉnh'} {self.name}"


KINH = (("Kinh", 98.0), ("Tày", 0.5), ("Mường", 0.5), ("Hoa", 0.5), ("Khmer", 0.5))
# fmt: off
_P = NationalProvince
PROVINCES: tuple[NationalProvince, ...] = (
    _P("T04", "Hà Nội", "001", 126, (("Kinh", 98.5), ("Mường", 1.0), ("Tày", 0.5)), city=True),
    _P("T05", "Hồ Chí Minh", "079", 168, (("Kinh", 96.0), ("Hoa", 3.0), ("Khmer", 1.0)), city=True),
    _P("T06", "Hải Phòng", "031", 114, KINH, city=True),
    _P("T07", "Đà Nẵng", "048", 94, (("Kinh", 97.0), ("Cơ Tu", 2.0), ("Xơ Đăng", 1.0)), city=True),
    _P("T08", "Huế", "046", 40, (("Kinh", 96.0), ("Tà Ôi", 2.5), ("Cơ Tu", 1.5)), city=True),
    _P("T09", "Cần Thơ", "092", 103, (("Kinh", 88.0), ("Khmer", 11.0), ("Hoa", 1.0)), city=True),
    _P("T10", "Lai Châu", "012", 38, (("Kinh", 25.0), ("Thái", 30.0), ("Hmông", 25.0), ("Dao", 12.0), ("Giáy", 8.0))),
    _P("T11", "Điện Biên", "011", 45, (("Kinh", 25.0), ("Thái", 45.0), ("Hmông", 25.0), ("Khơ Mú", 5.0))),
    _P("T12", "Sơn La", "014", 75, (("Kinh", 20.0), ("Thái", 60.0), ("Mường", 10.0), ("Hmông", 10.0))),
    _P("T13", "Lạng Sơn", "020", 65, (("Kinh", 15.0), ("Nùng", 45.0), ("Tày", 37.0), ("Dao", 3.0))),
    _P("T14", "Quảng Ninh", "022", 54, (("Kinh", 90.0), ("Dao", 5.0), ("Tày", 3.0), ("Sán Dìu", 2.0))),
    _P("T15", "Thanh Hóa", "038", 166, (("Kinh", 85.0), ("Mường", 9.0), ("Thái", 6.0))),
    _P("T16", "Cao Bằng", "004", 56, (("Kinh", 8.0), ("Tày", 50.0), ("Nùng", 35.0), ("Hmông", 4.0), ("Dao", 3.0))),
    _P("T17", "Tuyên Quang", "008", 124, (("Kinh", 40.0), ("Tày", 30.0), ("Hmông", 15.0), ("Dao", 10.0), ("Nùng", 5.0))),
    _P("T18", "Lào Cai", "015", 99, (("Kinh", 50.0), ("Tày", 15.0), ("Hmông", 15.0), ("Dao", 10.0), ("Thái", 5.0), ("Nùng", 5.0))),
    _P("T19", "Thái Nguyên", "019", 92, (("Kinh", 65.0), ("Tày", 25.0), ("Nùng", 6.0), ("Dao", 4.0))),
    _P("T20", "Phú Thọ", "025", 148, (("Kinh", 80.0), ("Mường", 18.0), ("Dao", 2.0))),
    _P("T21", "Bắc Ninh", "024", 99, (("Kinh", 95.0), ("Nùng", 2.0), ("Tày", 2.0), ("Sán Dìu", 1.0))),
    _P("T22", "Hưng Yên", "033", 104, KINH),
    _P("T23", "Ninh Bình", "037", 129, (("Kinh", 98.0), ("Mường", 2.0))),
    _P("T24", "Quảng Ngãi", "051", 96, (("Kinh", 85.0), ("Xơ Đăng", 8.0), ("Hrê", 5.0), ("Ba Na", 2.0))),
    _P("T25", "Gia Lai", "064", 135, (("Kinh", 80.0), ("Gia Rai", 12.0), ("Ba Na", 8.0))),
    _P("T26", "Khánh Hòa", "056", 65, (("Kinh", 93.0), ("Chăm", 4.0), ("Raglai", 3.0))),
    _P("T27", "Lâm Đồng", "068", 124, (("Kinh", 88.0), ("Cơ Ho", 8.0), ("Mạ", 4.0))),
    _P("T28", "Đắk Lắk", "066", 102, (("Kinh", 80.0), ("Ê Đê", 15.0), ("Nùng", 3.0), ("Tày", 2.0))),
    _P("T29", "Đồng Nai", "075", 95, (("Kinh", 94.0), ("Hoa", 3.0), ("Xtiêng", 2.0), ("Nùng", 1.0))),
    _P("T30", "Tây Ninh", "072", 96, (("Kinh", 98.0), ("Khmer", 1.0), ("Chăm", 1.0))),
    _P("T31", "Vĩnh Long", "086", 124, (("Kinh", 90.0), ("Khmer", 10.0))),
    _P("T32", "Đồng Tháp", "087", 102, KINH),
    _P("T33", "Cà Mau", "096", 64, (("Kinh", 95.0), ("Khmer", 5.0))),
    _P("T34", "An Giang", "089", 102, (("Kinh", 93.0), ("Khmer", 6.0), ("Chăm", 1.0))),
)
# fmt: on

UNIT_COLUMNS = [
    "id", "code", "name", "short_name", "name_folded", "kind", "parent_id", "path", "depth", "sort_order",
    "valid_from",
]  # fmt: skip


class Unit(NamedTuple):
    id: int
    code: str
    parent_id: int
    kind: str
    name: str
    path: str
    depth: int
    commune: int  # index of its commune in the province (-1 for the province itself)
    profile: str  # what its people are like (cells)


def _profile(name: str, parent_name: str) -> str:
    names = f"{name} {parent_name}"
    for word, key in _PROFILE_WORDS:
        if word in names:
            return key
    return "residents"


def plan_province(spec: NationalProvince, communes: int, rng: random.Random) -> list[Planned]:
    """The province and every unit below it, parents before children; the same seed, the same names."""
    planned = [Planned(spec.code, "TW", UnitKind.PROVINCIAL, spec.unit_name, int(spec.code[1:]) * 10)]
    commune_names: set[str] = set()
    for x in range(1, communes + 1):
        x_code = f"{spec.code}-X{x:03d}"
        place = _unique(commune_names, _places(rng))
        ward = rng.random() < (0.45 if spec.city else 0.12)
        planned.append(
            Planned(
                x_code, spec.code, UnitKind.COMMUNE, f"Đảng bộ {'phường' if ward else 'xã'} {place}", x * 10
            )
        )
        taken: set[str] = set()
        kinds = list(_GRASSROOTS)
        for g in range(1, rng.randint(10, 22) + 1):
            pattern, cell_names = kinds[rng.randrange(len(kinds))]
            if "{commune}" in pattern:
                kinds.remove((pattern, cell_names))
            base = pattern.format(person=rng.choice(_PEOPLE), place=next(_places(rng)), commune=place)
            g_code = f"{x_code}-CS{g:02d}"
            planned.append(
                Planned(g_code, x_code, UnitKind.GRASSROOTS, _unique(taken, _numbered(base)), g * 10)
            )
            size = rng.randint(2, 6)
            picked = rng.sample(cell_names, min(size, len(cell_names)))
            picked += [f"Tổ số {n}" for n in range(len(picked) + 1, size + 1)]
            planned += [
                Planned(f"{g_code}-CB{c}", g_code, UnitKind.CELL, f"Chi bộ {name}", c * 10)
                for c, name in enumerate(picked, start=1)
            ]
        own = rng.randint(8, 18)
        if ward:
            local = [f"Tổ dân phố {n}" for n in range(1, own + 1)]
        else:
            villages = rng.sample(_VILLAGES, min(own, len(_VILLAGES)))
            villages += [str(n) for n in range(len(villages) + 1, own + 1)]
            local = [
                f"{rng.choice(('thôn', 'xóm', 'bản' if spec.ethnicities[0][1] < 60 else 'ấp'))} {v}"
                for v in villages
            ]
        planned += [
            Planned(f"{x_code}-CB{c:02d}", x_code, UnitKind.CELL, f"Chi bộ {name}", 1000 + c * 10)
            for c, name in enumerate(local, start=1)
        ]
    return planned


def write_units(spec: NationalProvince, planned: list[Planned], centre: OrgUnit) -> list[Unit]:
    """COPY the planned units (with their history line) under ``centre``; return them with ids and paths."""
    ids = allocate_ids(OrgUnit, len(planned))
    known: dict[str, tuple[int, str, int, str, int]] = {
        centre.code: (centre.pk, centre.path, centre.depth, "", -1)
    }
    units: list[Unit] = []
    folded: dict[str, str] = {}
    commune = -1
    for pk, p in zip(ids, planned, strict=True):
        parent_id, parent_path, parent_depth, parent_name, _ = known[p.parent]
        if p.kind == UnitKind.COMMUNE:
            commune += 1
        here = commune if p.kind != UnitKind.PROVINCIAL else -1
        name = nfc(p.name)
        unit = Unit(
            pk,
            p.code,
            parent_id,
            p.kind,
            name,
            parent_path + path_segment(pk),
            parent_depth + 1,
            here,
            _profile(name, parent_name) if p.kind == UnitKind.CELL else "",
        )
        known[p.code] = (pk, unit.path, unit.depth, name, here)
        units.append(unit)
    sort_of = {p.code: p.sort_order for p in planned}
    valid_from = REORGANIZED_ON.isoformat()

    def lines() -> list[str]:
        rows = []
        for u in units:
            if u.name not in folded:
                folded[u.name] = text(fold(u.name))
            short = text(spec.name) if u.kind == UnitKind.PROVINCIAL else ""
            rows.append(
                f"{u.id}\t{u.code}\t{text(u.name)}\t{short}\t{folded[u.name]}\t{u.kind}\t{u.parent_id}\t"
                f"{u.path}\t{u.depth}\t{sort_of[u.code]}\t{valid_from}"
            )
        return rows

    CopyTable(OrgUnit, UNIT_COLUMNS).write(lines())
    CopyTable(OrgUnitEvent, ["unit_id", "kind", "effective_on"]).write(
        f"{u.id}\t{UnitEventKind.CREATED}\t{valid_from}" for u in units
    )
    return units


def place(name: str) -> str:
    for prefix in ("Đảng bộ ", "Chi bộ "):
        name = name.removeprefix(prefix)
    return name
