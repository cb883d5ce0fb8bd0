"""Wall time and peak memory of importing 100,000 people from one xlsx file.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tochuc_bench_import .venv/bin/python bench/people_import.py --fresh

Creates and migrates the database if needed, builds a province of 20 communes and
200 cells, writes a workbook of ``--rows`` members with realistic Vietnamese names
(family names in their real proportions), then runs the import ``--runs`` times,
each in a fresh process on an empty people table (peak RSS is per process). A last
run re-imports the same file over the loaded records (every row matched, nothing
changed). See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tochuc.settings.base")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")

PROVINCE = "BI"
COMMUNES = 20
CELLS_PER_COMMUNE = 10

# Share of the most common family names (per cent), the rest spread over rarer ones.
FAMILY = {
    "Nguyễn": 38.4, "Trần": 11.0, "Lê": 9.5, "Phạm": 7.1, "Hoàng": 4.0, "Huỳnh": 1.5, "Phan": 4.5,
    "Vũ": 2.4, "Võ": 1.5, "Đặng": 2.1, "Bùi": 2.0, "Đỗ": 1.4, "Hồ": 1.3, "Ngô": 1.3, "Dương": 1.0,
    "Lý": 0.5, "Đinh": 0.6, "Trương": 0.6, "Lương": 0.4, "Mai": 0.4, "Tạ": 0.3, "Hà": 0.3, "Cao": 0.3,
    "Lâm": 0.3, "Chu": 0.2, "Đoàn": 0.4, "Vương": 0.2, "Trịnh": 0.4, "Kiều": 0.1, "Quách": 0.1,
}  # fmt: skip
MIDDLE_MALE = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Công", "Thành", "Xuân", "Đình", "Ngọc", "Anh", "Tiến"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim", "Phương", "Thùy", "Mai", "Diệu"]
GIVEN_MALE = [
    "An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Long",
    "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Toàn", "Trung",
    "Tuấn", "Việt", "Vinh", "Vũ",
]  # fmt: skip
GIVEN_FEMALE = [
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Huyền", "Lan", "Linh",
    "Loan", "Mai", "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Thu", "Thủy", "Trang", "Vân", "Yến",
]  # fmt: skip
ETHNICITY = ["Kinh"] * 85 + ["Tày"] * 4 + ["Thái"] * 4 + ["Mường"] * 3 + ["Khmer"] * 2 + ["H'Mông"] * 2
QUALIFICATION = [
    "Cử nhân Luật",
    "Cử nhân Kinh tế",
    "Kỹ sư Nông nghiệp",
    "Thạc sĩ Quản lý công",
    "Trung cấp",
    "",
]
THEORY = ["Sơ cấp"] * 5 + ["Trung cấp"] * 3 + ["Cao cấp"] + ["Cử nhân"] + [""] * 2
POSTS = ["", "", "", "Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên", "Trưởng thôn", "Giáo viên"]


def prepare_database(fresh: bool) -> str:
    import dj_database_url
    import psycopg
    from psycopg import sql

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database whose name contains 'bench'.")
    config = dj_database_url.parse(url)
    name = config["NAME"]
    if "bench" not in name:
        raise SystemExit(f"refusing to use {name!r}: its name lacks 'bench'")
    params = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if fresh:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        version = conn.execute("SHOW server_version").fetchone()
    return f"postgresql {version[0] if version else '?'} database {name}"


def build_units() -> list[str]:
    """The bench province and its cells (created once, through the unit service)."""
    from tochuc.orgunits.models import OrgUnit, UnitKind
    from tochuc.orgunits.services import unit_create

    cells = list(
        OrgUnit.objects.filter(code__startswith=f"{PROVINCE}-", kind=UnitKind.CELL).values_list(
            "code", flat=True
        )
    )
    if cells:
        return sorted(cells)
    centre = OrgUnit.objects.filter(parent=None).first() or unit_create(
        actor=None, parent=None, code="TW", name="Ban Chấp hành Trung ương", kind=UnitKind.CENTRAL
    )
    province = unit_create(
        actor=None, parent=centre, code=PROVINCE, name="Đảng bộ tỉnh Thử nghiệm", kind=UnitKind.PROVINCIAL
    )
    for c in range(1, COMMUNES + 1):
        commune = unit_create(
            actor=None,
            parent=province,
            code=f"{PROVINCE}-X{c:02d}",
            name=f"Đảng bộ xã Số {c}",
            kind=UnitKind.COMMUNE,
        )
        for k in range(1, CELLS_PER_COMMUNE + 1):
            code = f"{PROVINCE}-X{c:02d}-CB{k:02d}"
            unit_create(actor=None, parent=commune, code=code, name=f"Chi bộ thôn {k}", kind=UnitKind.CELL)
            cells.append(code)
    return sorted(cells)


def generate_rows(rows: int, cells: list[str], seed: int) -> list[list[Any]]:
    """Rows in the template's column order: dates of birth as dates, membership dates as text."""
    from tochuc.people.excel.columns import HEADERS

    rng = random.Random(seed)
    families, weights = list(FAMILY), list(FAMILY.values())
    index = {h: i for i, h in enumerate(HEADERS)}
    used: set[tuple[str, dt.date, str]] = set()
    out: list[list[Any]] = []
    while len(out) < rows:
        female = rng.random() < 0.38
        name = " ".join(
            [
                rng.choices(families, weights)[0],
                rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE),
                rng.choice(GIVEN_FEMALE if female else GIVEN_MALE),
            ]
        )
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 53))
        cell = rng.choice(cells)
        if (name, birth, cell) in used:
            continue
        used.add((name, birth, cell))
        row: list[Any] = [None] * len(HEADERS)
        row[index["Mã đơn vị"]] = cell
        row[index["Họ và tên"]] = name
        row[index["Ngày sinh"]] = birth
        row[index["Giới tính"]] = "Nữ" if female else "Nam"
        row[index["Dân tộc"]] = rng.choice(ETHNICITY)
        century = (0 if birth.year < 2000 else 2) + (1 if female else 0)  # sex and century digit
        row[index["Số CCCD"]] = f"042{century}{birth.year % 100:02d}{len(out):06d}"
        row[index["Quê quán"]] = (
            f"Xã {rng.choice(GIVEN_MALE)} {rng.choice(['Đông', 'Tây', 'Nam', 'Bắc'])}, tỉnh Hà Tĩnh"
        )
        row[index["Trình độ chuyên môn"]] = rng.choice(QUALIFICATION) or None
        row[index["Lý luận chính trị"]] = rng.choice(THEORY) or None
        row[index["Chức vụ hiện tại"]] = rng.choice(POSTS) or None
        admitted = birth + dt.timedelta(days=18 * 366 + rng.randrange(0, 365 * 15))
        if admitted < dt.date.today() - dt.timedelta(days=400):
            row[index["Ngày vào Đảng"]] = admitted.strftime("%d/%m/%Y")
            row[index["Ngày chính thức"]] = (admitted + dt.timedelta(days=365)).strftime("%d/%m/%Y")
        out.append(row)
    return out


def write_openpyxl(path: Path, rows: list[list[Any]]) -> None:
    """As openpyxl's streaming writer (and so our own export) lays it out: inline strings, no dimension."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from tochuc.people.excel.columns import HEADERS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Đảng viên")
    sheet.append(list(HEADERS))
    for values in rows:
        row: list[Any] = []
        for value in values:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "dd/mm/yyyy"
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    workbook.save(path)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def write_excel_like(path: Path, rows: list[list[Any]]) -> None:
    """As Excel saves a workbook: a shared-string table, the sheet's dimension, dates as styled serials."""
    import zipfile
    from xml.sax.saxutils import escape

    from openpyxl.utils import get_column_letter

    from tochuc.people.excel.columns import HEADERS

    strings: dict[str, int] = {}
    letters = [get_column_letter(i + 1) for i in range(len(HEADERS))]
    epoch = dt.date(1899, 12, 30)

    def cell(ref: str, value: Any) -> str:
        if isinstance(value, dt.date):
            return f'<c r="{ref}" s="1"><v>{(value - epoch).days}</v></c>'
        index = strings.setdefault(str(value), len(strings))
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">'
                f'<dimension ref="A1:{letters[-1]}{len(rows) + 1}"/><sheetData>'.encode()
            )
            for number, values in enumerate([list(HEADERS), *rows], start=1):
                cells = "".join(
                    cell(f"{letters[i]}{number}", v) for i, v in enumerate(values) if v not in (None, "")
                )
                sheet.write(f'<row r="{number}">{cells}</row>'.encode())
            sheet.write(b"</sheetData></worksheet>")
        shared = "".join(f"<si><t>{escape(text)}</t></si>" for text in strings)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
            f'uniqueCount="{len(strings)}">{shared}</sst>',
        )
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.sharedStrings+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="Đảng viên" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet xmlns="{_MAIN}">'
            '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
            '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        )


def run_once(path: Path) -> None:
    """One import in this (fresh) process; prints its figures as JSON on the last line."""
    import django

    django.setup()
    from tochuc.people.importing import import_people

    started = time.perf_counter()
    result = import_people(actor=None, path=path, file_name=path.name, max_errors=100)
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    if not result.ok:
        raise SystemExit("\n".join(e.line() for e in result.errors[:20]))
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "peak_rss_mb": round(peak_mb),
                "rows": result.rows,
                "created": result.created,
                "unchanged": result.unchanged,
            }
        )
    )


def child(path: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--run-once", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def empty_people() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE people_personcorrection, people_membership, people_person CASCADE")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=20261126)
    parser.add_argument("--fresh", action="store_true", help="drop and re-create the database first")
    parser.add_argument("--run-once", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_once:
        run_once(args.run_once)
        return

    database = prepare_database(args.fresh)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    cells = build_units()
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = generate_rows(args.rows, cells, args.seed)
    files = {
        "excel": RESULTS / f"people-{args.rows}-excel.xlsx",
        "openpyxl": RESULTS / f"people-{args.rows}-openpyxl.xlsx",
    }
    write_excel_like(files["excel"], rows)
    write_openpyxl(files["openpyxl"], rows)
    del rows
    print(f"{database}; workbooks written in {time.perf_counter() - started:.1f} s")

    summary: dict[str, Any] = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPU",
        "database": database,
        "rows": args.rows,
    }
    for layout, path in files.items():
        runs = []
        for number in range(1, args.runs + 1):
            empty_people()
            figures = child(path)
            runs.append(figures)
            print(
                f"{layout} ({path.stat().st_size / 1e6:.1f} MB) run {number}: {figures['seconds']} s, "
                f"peak RSS {figures['peak_rss_mb']} MB, {figures['created']} created"
            )
        median_s = statistics.median(r["seconds"] for r in runs)
        median_mb = statistics.median(r["peak_rss_mb"] for r in runs)
        print(
            f"{layout}: median of {len(runs)}: {median_s:.1f} s (target < 60 s), peak RSS {median_mb:.0f} MB (< 1024 MB)"
        )
        summary[layout] = {
            "file_mb": round(path.stat().st_size / 1e6, 1),
            "runs": runs,
            "median_s": median_s,
            "median_rss_mb": median_mb,
        }
    again = child(files["excel"])
    print(
        f"re-import of the Excel-layout file over the loaded records: {again['seconds']} s, peak RSS {again['peak_rss_mb']} MB, {again['unchanged']} unchanged"
    )
    summary["reimport"] = again
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    (RESULTS / f"people-import-{stamp}.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
