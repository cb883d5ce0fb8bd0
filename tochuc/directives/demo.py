"""Demo directives: the founding Conclusion 03-KL/BTCTW with its 8 tasks, and two provincial documents.

- **03-KL/BTCTW** (Ban Tổ chức Trung ương, 16/3/2017), read from the seed
  document (kept in ``seed/`` beside this module, or the file named by
  ``TOCHUC_SEED_DOCUMENT``). Its 8 tasks go to the Commission's departments and
  to the two demo provinces; the provinces break two of them down to their
  communes ("cụ thể hóa").
- **12-KH/TU** of the Hà Tĩnh Provincial Committee (T01): a plan with one task
  for each of its communes.
- **08-CT/TU** of the Quảng Trị Provincial Committee (T02): a directive with two
  tasks for communes.
- With ``scale="province"``, **15-KH/TU** of the big province (T03): one task
  for every commune.

Deadlines, reports and completion dates are placed relative to today, so the
demo always shows every status: some tasks are overdue, some at risk, some done
late. Keyed on (issuer code, type, number, term): running again adds only the
directives that are missing. Rows are written directly, with the same derived
fields the services set (``lead_path``, ``assigned_by``, the latest percent on
the task), in one transaction with one ``directive.bulk_seed`` audit event.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from tochuc.audit.services import record
from tochuc.directives.models import (
    Directive,
    ProductKind,
    ProgressReport,
    Quality,
    ReportPeriod,
    Task,
)
from tochuc.directives.terms import term_for
from tochuc.orgunits.models import OrgUnit, UnitKind

SEED_FILENAME = "ket-luan-03-KL-BTCTW-2017.md"
# The founding document, kept with the app so the demo works on a machine with nothing else.
SEED_DOCUMENT = Path(__file__).resolve().parent / "seed" / SEED_FILENAME


def seed_document_path() -> Path | None:
    """Where the founding document is: ``TOCHUC_SEED_DOCUMENT``, else the copy kept with the app."""
    candidates = [os.environ.get("TOCHUC_SEED_DOCUMENT", ""), str(SEED_DOCUMENT)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


# --- Reading the seed ---------------------------------------------------------

_NUMBER_SYMBOL = re.compile(r"Số\s*(\d+)\s*-\s*([A-ZĐ]+)\s*/\s*([A-ZĐ]+)")
_PLACE_DATE = re.compile(r"([A-ZĐ][\wÀ-ỹ ]*?),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_TASK_START = re.compile(r"^\**(\d+)\.\**\s+(.*)")
_ROMAN = re.compile(r"^[#*\s]*(I{1,3}|IV|V)\.\s")
_TYPE_NAMES = {
    "KẾT LUẬN": ("KL", "Kết luận"),
    "NGHỊ QUYẾT": ("NQ", "Nghị quyết"),
    "KẾ HOẠCH": ("KH", "Kế hoạch"),
}


def _plain(line: str) -> str:
    return re.sub(r"[#*\\]", "", line).strip()


def read_minimal(text: str) -> dict[str, Any]:
    """A small stand-in for the reader, used only when ``parse_document`` is not importable.

    It understands the clean layout of the seed (number-symbol, place-date, type
    and subject headings, the numbered tasks of section II, recipients and the
    signer) and returns the same keys as ``ParsedDirective.as_json()``; a field
    it does not find is left empty.
    """
    lines = text.splitlines()
    result: dict[str, Any] = {
        "doc_type": None,
        "number": None,
        "symbol": None,
        "number_symbol": None,
        "issuer": None,
        "place": None,
        "date": None,
        "title": "",
        "tasks": [],
        "report_periods": [],
        "recipients": [],
        "signer": {"capacity": None, "position": None, "name": None},
        "warnings": ["Đọc bằng bộ đọc tối giản của dữ liệu mẫu."],
    }
    if match := _NUMBER_SYMBOL.search(text):
        number, doc_type, issuer_code = match.groups()
        result.update(
            number=number,
            doc_type=doc_type,
            symbol=f"{doc_type}/{issuer_code}",
            number_symbol=f"{number}-{doc_type}/{issuer_code}",
        )
    if match := _PLACE_DATE.search(text):
        place, day, month, year = match.groups()
        result["place"] = place.strip()
        result["date"] = dt.date(int(year), int(month), int(day)).isoformat()
    plain = [_plain(line) for line in lines]
    for index, line in enumerate(plain):
        if line in _TYPE_NAMES:
            result["doc_type_name"] = _TYPE_NAMES[line][1]
            following = [p for p in plain[index + 1 :] if p]
            result["title"] = following[0] if following else ""
            break
    # Tasks: the numbered paragraphs of section II; a paragraph that does not start
    # with a number continues the task before it (a page break split it).
    section = 0
    tasks: list[dict[str, Any]] = []
    signer_lines: list[str] = []
    in_recipients = False
    for raw, line in zip(lines, plain, strict=True):
        if _ROMAN.match(raw):
            section += 1
            continue
        if line.startswith("Nơi nhận"):
            in_recipients = True
            continue
        if in_recipients:
            if raw.strip().startswith("- "):
                result["recipients"].append(line.lstrip("- ").strip().rstrip(";,."))
            elif line:
                signer_lines.append(line)
            continue
        if section == 2 and line:
            if match := _TASK_START.match(raw.strip()):
                tasks.append({"no": match.group(1), "text": _plain(match.group(2)), "deadline": None})
            elif tasks and not line.startswith("Năm"):
                joiner = " " if not tasks[-1]["text"].endswith(("-", " ")) else ""
                tasks[-1]["text"] = f"{tasks[-1]['text']}{joiner}{line}".strip()
        if "định kỳ" in line:
            found = re.findall(r"(\d+)\s*tháng", line.split("định kỳ", 1)[1])
            result["report_periods"] = [f"{n} tháng" for n in found]
    result["tasks"] = tasks
    if signer_lines:
        capacity = signer_lines[0] if re.match(r"^(K/T|T/M|T/L|T/U)\b", signer_lines[0]) else None
        rest = signer_lines[1:] if capacity else signer_lines
        result["signer"] = {
            "capacity": capacity,
            "position": rest[0] if len(rest) > 1 else None,
            "name": rest[-1] if rest else None,
        }
    return result


def read_seed(text: str) -> dict[str, Any]:
    """The seed as the reader sees it (``parse_document``), or the minimal reader above if it is absent."""
    try:
        from tochuc.directives.parsing import parse_document
    except ImportError:
        return read_minimal(text)
    parsed: dict[str, Any] = parse_document(text).as_json()
    return parsed


# --- What to create -----------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """How one task is assigned and how far it has got, relative to today."""

    lead: str
    cooperating: tuple[str, ...] = ()
    product_kind: str = ProductKind.REPORT
    product: str = ""
    deadline: int | None = None  # days from today
    period: str = ReportPeriod.NONE
    percent: int = 0
    reported: int | None = None  # days from today of the latest report
    completed: int | None = None  # days from today
    quality: str = ""
    children: tuple[Plan, ...] = ()
    text: str = ""  # for child tasks and the hand-written directives


# fmt: off
SEED_PLANS: tuple[Plan, ...] = (
    Plan("BTCTW-V1", ("BTCTW-V4",), ProductKind.REPORT, "Báo cáo sơ kết 6 tháng, tổng kết năm",
         period=ReportPeriod.QUARTERLY, percent=50, reported=-20),
    Plan("BTCTW-V4", ("T01", "T02"), ProductKind.PLAN, "Kế hoạch cụ thể hóa Nghị quyết Đại hội XII",
         deadline=-40, percent=60, reported=-55),
    Plan("BTCTW-V3", ("BTCTW-V2",), ProductKind.SCHEME, "02 đề án trình Hội nghị Trung ương 6 và 7",
         deadline=90, percent=40, reported=-10),
    Plan("BTCTW-V2", ("BTCTW-V3",), ProductKind.REGULATION, "Quy định về đánh giá cán bộ",
         deadline=-60, percent=100, reported=-75, completed=-75, quality=Quality.EXCEEDING),
    Plan("T02", ("BTCTW-V3",), ProductKind.SCHEME, "Đề án vị trí việc làm của cơ quan tổ chức cấp ủy",
         deadline=10, percent=20, reported=-15, children=(
             Plan("T02-X01", (), ProductKind.REPORT, "Danh mục vị trí việc làm của Đảng ủy xã",
                  deadline=5, percent=90, reported=-3,
                  text="Rà soát, xây dựng danh mục vị trí việc làm của cơ quan Đảng ủy phường."),
             Plan("T02-X02", (), ProductKind.REPORT, "Bản mô tả vị trí việc làm",
                  deadline=-12, percent=30, reported=-30,
                  text="Xây dựng bản mô tả công việc, khung năng lực từng vị trí việc làm."),
             Plan("T02-X03", (), ProductKind.REPORT, "Báo cáo biên chế hiện có",
                  deadline=-20, percent=100, reported=-8, completed=-8, quality=Quality.MET,
                  text="Báo cáo biên chế, số lượng cán bộ hiện có theo từng vị trí."),
         )),
    Plan("BTCTW-V2", (), ProductKind.REPORT, "Báo cáo tổng kết thực tiễn, nghiên cứu lý luận",
         deadline=-10, percent=100, reported=-3, completed=-3, quality=Quality.MET),
    Plan("T01", (), ProductKind.OTHER, "Tác phẩm tham gia Giải Búa liềm vàng", deadline=120),
    Plan("T01", ("BTCTW-V4",), ProductKind.REPORT, "Báo cáo kết quả kiểm tra, giám sát",
         deadline=45, percent=50, reported=-7, children=(
             Plan("T01-X01", (), ProductKind.REPORT, "Báo cáo kết quả tự kiểm tra",
                  deadline=-15, percent=100, reported=-18, completed=-18, quality=Quality.MET,
                  text="Tự kiểm tra việc thực hiện Điều lệ Đảng và nghị quyết đại hội đảng bộ xã."),
             Plan("T01-X02", ("T01-X01",), ProductKind.REPORT, "Báo cáo kết quả giám sát chuyên đề",
                  deadline=-5, percent=70, reported=-9,
                  text="Giám sát chuyên đề việc sinh hoạt chi bộ định kỳ ở các chi bộ thôn."),
             Plan("T01-X03", (), ProductKind.REPORT, "Báo cáo kết quả kiểm tra",
                  deadline=40, percent=35, reported=-6,
                  text="Kiểm tra tổ chức đảng và đảng viên khi có dấu hiệu vi phạm."),
             Plan("T01-X04", (), ProductKind.REPORT, "Báo cáo kết quả kiểm tra",
                  deadline=60,
                  text="Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ trực thuộc."),
         )),
)
# fmt: on


@dataclass(frozen=True)
class OtherDirective:
    unit: str
    doc_type: str
    number: str
    issuer: str
    issuer_code: str
    place: str
    issued_on: dt.date
    title: str
    recipients: tuple[str, ...]
    signing_capacity: str
    signer_position: str
    signer_name: str
    report_periods: tuple[str, ...]
    plans: tuple[Plan, ...] = field(default_factory=tuple)
    # Local committees held their congresses in late 2025: their 2026 documents
    # belong to 2025-2030 although the national term started on 19/01/2026.
    term: str = "2025-2030"


# fmt: off
OTHER_DIRECTIVES: tuple[OtherDirective, ...] = (
    OtherDirective(
        "T01", "KH", "12", "Tỉnh ủy Hà Tĩnh", "TU", "Hà Tĩnh", dt.date(2026, 1, 5),
        "rà soát, kiện toàn tổ chức cơ sở đảng và nâng cao chất lượng sinh hoạt chi bộ năm 2026",
        ("Ban Tổ chức Trung ương (để báo cáo)", "Các đảng ủy xã, phường", "Lưu Văn phòng Tỉnh ủy"),
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Trần Văn Hòa", ("3 tháng", "6 tháng", "năm"),
        (
            Plan("T01-X01", ("T01-X02",), ProductKind.REPORT, "Báo cáo kết quả rà soát chi bộ",
                 deadline=30, percent=60, reported=-12, period=ReportPeriod.QUARTERLY,
                 text="Rà soát, kiện toàn các chi bộ thôn sau sắp xếp đơn vị hành chính cấp xã."),
            Plan("T01-X02", (), ProductKind.PLAN, "Kế hoạch nâng cao chất lượng sinh hoạt chi bộ",
                 deadline=-25, percent=40, reported=-40,
                 text="Xây dựng kế hoạch nâng cao chất lượng sinh hoạt chi bộ định kỳ và chuyên đề."),
            Plan("T01-X03", (), ProductKind.REPORT, "Báo cáo cập nhật hồ sơ đảng viên",
                 deadline=-30, percent=100, reported=-45, completed=-45, quality=Quality.MET,
                 text="Cập nhật, số hóa hồ sơ đảng viên của các chi bộ trực thuộc."),
            Plan("T01-X04", (), ProductKind.REPORT, "Báo cáo sơ kết 6 tháng",
                 deadline=8, percent=10, reported=-50,
                 text="Sơ kết 6 tháng việc sinh hoạt chi bộ ở thôn, tổ dân phố."),
        ),
    ),
    OtherDirective(
        "T02", "CT", "08", "Tỉnh ủy Quảng Trị", "TU", "Quảng Trị", dt.date(2026, 3, 10),
        "tăng cường công tác quản lý đảng viên đi làm ăn xa nơi cư trú",
        ("Các đảng ủy xã, phường", "Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"),
        "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Thị Minh", ("6 tháng",),
        (
            Plan("T02-X01", (), ProductKind.REPORT, "Danh sách đảng viên đi làm ăn xa",
                 period=ReportPeriod.HALF_YEAR, percent=30, reported=-25,
                 text="Lập danh sách, nắm tình hình đảng viên đi làm ăn xa nơi cư trú."),
            Plan("T02-X02", ("T02-X03",), ProductKind.REGULATION, "Quy chế phối hợp quản lý đảng viên",
                 deadline=-3, percent=80, reported=-14,
                 text="Xây dựng quy chế phối hợp quản lý đảng viên với cấp ủy nơi đảng viên đến làm ăn."),
        ),
    ),
)
# fmt: on

PROVINCE_DIRECTIVE = OtherDirective(
    "T03", "KH", "15", "Tỉnh ủy Nghệ An", "TU", "Nghệ An", dt.date(2026, 2, 20),
    "kiện toàn tổ chức cơ sở đảng sau sắp xếp đơn vị hành chính",
    ("Ban Tổ chức Trung ương (để báo cáo)", "Các đảng ủy xã, phường", "Lưu Văn phòng Tỉnh ủy"),
    "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Sơn", ("3 tháng",),
)  # fmt: skip

NARRATIVES = (
    "Đã quán triệt, triển khai đến các chi bộ trực thuộc; thành lập tổ giúp việc và phân công cán bộ theo dõi.",
    "Đã xây dựng dự thảo, lấy ý kiến các cơ quan phối hợp; đang tiếp thu, hoàn chỉnh.",
    "Hoàn thành khảo sát tại cơ sở; tổng hợp số liệu, xây dựng báo cáo đánh giá thực trạng.",
    "Tổ chức hội nghị chuyên đề; kết quả bước đầu được cấp ủy đánh giá cao.",
    "Tiến độ chậm do thay đổi nhân sự sau sắp xếp bộ máy; đã bổ sung cán bộ phụ trách.",
)
FINAL_NARRATIVE = "Đã hoàn thành, trình sản phẩm; cấp ủy đã thông qua."


# --- Writing -------------------------------------------------------------------


@dataclass
class Counts:
    directives: int = 0
    tasks: int = 0
    reports: int = 0
    skipped: list[str] = field(default_factory=list)


def _day(today: dt.date, offset: int | None) -> dt.date | None:
    return None if offset is None else today + dt.timedelta(days=offset)


def _create_task(
    *,
    directive: Directive,
    plan: Plan,
    no: str,
    text: str,
    assigned_by: OrgUnit,
    units: dict[str, OrgUnit],
    parent: Task | None,
    today: dt.date,
    rng: random.Random,
    counts: Counts,
) -> Task:
    lead = units[plan.lead]
    completed = _day(today, plan.completed)
    reported = _day(today, plan.reported)
    task = Task.objects.create(
        directive=directive,
        parent=parent,
        no=no,
        text=text,
        assigned_by=assigned_by,
        lead_unit=lead,
        lead_path=lead.path,
        deadline=_day(today, plan.deadline),
        report_period=plan.period,
        product_kind=plan.product_kind,
        product=plan.product,
        percent=plan.percent,
        last_report_on=reported,
        started_on=(reported - dt.timedelta(days=30)) if reported else None,
        completed_on=completed,
        quality=plan.quality,
    )
    task.cooperating_units.set([units[code] for code in plan.cooperating if code in units])
    counts.tasks += 1
    if reported is not None:
        _reports(task, plan, reported, rng, counts)
    return task


def _reports(task: Task, plan: Plan, last: dt.date, rng: random.Random, counts: Counts) -> None:
    """One to three reports ending on ``last`` with the task's percent; a final one if completed."""
    steps = rng.randint(1, 3)
    rows = []
    for step in range(steps):
        on = last - dt.timedelta(days=30 * (steps - 1 - step))
        percent = max(0, plan.percent - 20 * (steps - 1 - step)) if plan.percent else 0
        is_final = plan.completed is not None and step == steps - 1
        rows.append(
            ProgressReport(
                task=task,
                period_end=on,
                reported_on=on,
                percent=100 if is_final else percent,
                narrative=FINAL_NARRATIVE if is_final else rng.choice(NARRATIVES),
                is_final=is_final,
            )
        )
    ProgressReport.objects.bulk_create(rows)
    counts.reports += len(rows)


def _exists(doc_type: str, number: str, issuer_code: str, term: str) -> bool:
    return Directive.objects.filter(
        doc_type=doc_type, number=number, issuer_code=issuer_code, term=term
    ).exists()


def _seed_conclusion(
    units: dict[str, OrgUnit], today: dt.date, rng: random.Random, counts: Counts, stdout: Any
) -> Directive | None:
    path = seed_document_path()
    if path is None:
        counts.skipped.append("03-KL/BTCTW (không tìm thấy tệp văn bản gốc)")
        return None
    text = path.read_text(encoding="utf-8")
    parsed = read_seed(text)
    if not parsed.get("number") or not parsed.get("doc_type") or not parsed.get("symbol"):
        counts.skipped.append("03-KL/BTCTW (không đọc được số và ký hiệu)")
        return None
    issuer_code = str(parsed["symbol"]).split("/", 1)[-1]
    issued_on = dt.date.fromisoformat(parsed["date"]) if parsed.get("date") else None
    term = term_for(issued_on or today)
    if _exists(parsed["doc_type"], parsed["number"], issuer_code, term):
        return None
    unit = units["BTCTW"]
    signer = parsed.get("signer") or {}
    directive = Directive.objects.create(
        doc_type=parsed["doc_type"],
        number=parsed["number"],
        symbol=parsed["symbol"],
        number_symbol=parsed["number_symbol"],
        issuer=parsed.get("issuer") or unit.name,
        issuer_code=issuer_code,
        term=term,
        place=parsed.get("place") or "",
        issued_on=issued_on,
        title=parsed.get("title") or "",
        body=text,
        recipients=list(parsed.get("recipients") or []),
        report_periods=list(parsed.get("report_periods") or []),
        signing_capacity=signer.get("capacity") or "",
        signer_position=signer.get("position") or "",
        signer_name=signer.get("name") or "",
        source_name=path.name,
        unit=unit,
    )
    counts.directives += 1
    for index, parsed_task in enumerate(parsed.get("tasks") or []):
        plan = SEED_PLANS[index % len(SEED_PLANS)]
        top = _create_task(
            directive=directive,
            plan=plan,
            no=str(parsed_task.get("no") or index + 1),
            text=str(parsed_task["text"]),
            assigned_by=unit,
            units=units,
            parent=None,
            today=today,
            rng=rng,
            counts=counts,
        )
        for child_index, child in enumerate(plan.children, start=1):
            _create_task(
                directive=directive,
                plan=child,
                no=f"{top.no}.{child_index}",
                text=child.text,
                assigned_by=units[plan.lead],
                units=units,
                parent=top,
                today=today,
                rng=rng,
                counts=counts,
            )
    return directive


def _seed_other(
    spec: OtherDirective,
    plans: Sequence[Plan],
    units: dict[str, OrgUnit],
    today: dt.date,
    rng: random.Random,
    counts: Counts,
) -> Directive | None:
    term = spec.term or term_for(spec.issued_on)
    if _exists(spec.doc_type, spec.number, spec.issuer_code, term):
        return None
    unit = units[spec.unit]
    directive = Directive.objects.create(
        doc_type=spec.doc_type,
        number=spec.number,
        symbol=f"{spec.doc_type}/{spec.issuer_code}",
        number_symbol=f"{spec.number}-{spec.doc_type}/{spec.issuer_code}",
        issuer=spec.issuer,
        issuer_code=spec.issuer_code,
        term=term,
        place=spec.place,
        issued_on=spec.issued_on,
        title=spec.title,
        recipients=list(spec.recipients),
        report_periods=list(spec.report_periods),
        signing_capacity=spec.signing_capacity,
        signer_position=spec.signer_position,
        signer_name=spec.signer_name,
        unit=unit,
    )
    counts.directives += 1
    for index, plan in enumerate(plans, start=1):
        _create_task(
            directive=directive,
            plan=plan,
            no=str(index),
            text=plan.text,
            assigned_by=unit,
            units=units,
            parent=None,
            today=today,
            rng=rng,
            counts=counts,
        )
    return directive


def _province_plans(province: OrgUnit, rng: random.Random) -> list[Plan]:
    """One task per commune of the big province, with a spread of deadlines and progress."""
    communes = OrgUnit.objects.filter(parent=province, kind=UnitKind.COMMUNE, valid_to__isnull=True).order_by(
        "sort_order", "code"
    )
    plans = []
    for commune in communes:
        deadline = rng.randint(-60, 120)
        percent = rng.choice((0, 20, 40, 60, 80, 100))
        done = percent == 100
        plans.append(
            Plan(
                commune.code,
                (),
                ProductKind.REPORT,
                "Báo cáo kết quả kiện toàn",
                deadline=deadline,
                percent=percent,
                reported=(min(deadline, 0) - rng.randint(1, 20)) if percent else None,
                completed=(deadline + rng.randint(-20, 15)) if done and deadline + 15 < 0 else None,
                quality=Quality.MET if done and deadline + 15 < 0 else "",
                text=f"Kiện toàn tổ chức cơ sở đảng và chi bộ trực thuộc {commune.name}.",
            )
        )
    return plans


def seed_directives(*, scale: str, rng: random.Random, stdout: Any) -> None:
    """Create the demo directives that are missing (see the module docstring)."""
    today = timezone.localdate()
    counts = Counts()
    codes = {p.lead for p in SEED_PLANS} | {c for p in SEED_PLANS for c in p.cooperating} | {"BTCTW", "TW"}
    codes |= {c.lead for p in SEED_PLANS for c in p.children} | {
        c for p in SEED_PLANS for ch in p.children for c in ch.cooperating
    }
    for spec in OTHER_DIRECTIVES:
        codes |= {spec.unit} | {p.lead for p in spec.plans} | {c for p in spec.plans for c in p.cooperating}
    units = OrgUnit.objects.in_bulk(sorted(codes), field_name="code")
    missing = sorted(codes - set(units))
    if missing:
        raise ValueError(f"The demo unit tree is missing {', '.join(missing)}: seed the units first.")
    with transaction.atomic():
        first = _seed_conclusion(units, today, rng, counts, stdout)
        for spec in OTHER_DIRECTIVES:
            created = _seed_other(spec, spec.plans, units, today, rng, counts)
            first = first or created
        if scale == "province":
            province = OrgUnit.objects.filter(code=PROVINCE_DIRECTIVE.unit).first()
            if province is not None:
                plans = _province_plans(province, rng)
                all_units = {**units, province.code: province}
                all_units.update(OrgUnit.objects.in_bulk([p.lead for p in plans], field_name="code"))
                created = _seed_other(PROVINCE_DIRECTIVE, plans, all_units, today, rng, counts)
                first = first or created
        if first is not None:
            record(
                actor=None,
                action="directive.bulk_seed",
                target=first,
                unit_path=units["TW"].path,
                summary={"directives": counts.directives, "tasks": counts.tasks, "reports": counts.reports},
                object_label="Dữ liệu mẫu văn bản chỉ đạo",
            )
    stdout.write(
        f"Văn bản chỉ đạo ({scale}): tạo mới {counts.directives} văn bản, {counts.tasks} nhiệm vụ, "
        f"{counts.reports} báo cáo tiến độ."
    )
    for skipped in counts.skipped:
        stdout.write(f"Bỏ qua: {skipped}")
