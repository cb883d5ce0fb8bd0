"""Outgoing Word documents of a directive, for one unit: its implementation plan and a progress report.

Both are drafts in the Party layout (``tochuc.core.documents.word``): the number is
left for the clerk ("Số    -KH/TU"), the date is the day the file is made,
and the signer's name is left blank for the unit to fill. Everything else is
worded from the registered directive, its tasks and their progress reports;
statuses come from ``status.task_status`` on the report's end date.

Which tasks a unit's documents cover:

- the plan: the tasks the unit leads or cooperates on, plus the tasks it
  assigns itself (the directive's own unit assigns the top-level tasks; a unit
  that broke a task down assigns the child tasks), each child under its parent;
- the progress report: the same tasks and every task led inside the unit's
  subtree (what it must consolidate before reporting upward).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q

from tochuc.core.documents.word import Block, Heading, PartyDocument, TableBlock, render_party_document
from tochuc.core.text import fold
from tochuc.directives.models import Directive, ProgressReport, ReportPeriod, Task, TaskStatus
from tochuc.directives.status import STATUS_ORDER, task_status
from tochuc.orgunits.models import OrgUnit, UnitKind

# How the period of a task reads in the plan's deadline column.
PERIOD_WORDS = {
    ReportPeriod.MONTHLY: "Định kỳ hằng tháng",
    ReportPeriod.QUARTERLY: "Định kỳ 3 tháng",
    ReportPeriod.HALF_YEAR: "Định kỳ 6 tháng",
    ReportPeriod.ANNUAL: "Định kỳ hằng năm",
}


@dataclass(frozen=True)
class IssuingBody:
    """How a unit signs its own documents."""

    superior: str  # upper case, "" when the body stands alone
    label: str  # in running text: "Tỉnh ủy Hà Tĩnh", "Đảng ủy xã An Bình"
    code: str  # the part after the slash: "TU", "ĐU", "CB", "BTCTW"
    capacity: str
    position: str
    place: str

    @property
    def name(self) -> str:
        return self.label.upper()


def _tail(name: str, prefix: str) -> str | None:
    return name[len(prefix) :].strip() if fold(name).startswith(fold(prefix) + " ") else None


def _place_of(unit: OrgUnit) -> str:
    """The place name a unit writes in its place-date line: its province, "Hà Nội" for central bodies."""
    province = unit
    while province.parent_id is not None and province.kind != UnitKind.PROVINCIAL:
        province = province.parent  # type: ignore[assignment]
    if province.kind == UnitKind.PROVINCIAL:
        if province.short_name:
            return province.short_name
        for prefix in ("Đảng bộ tỉnh", "Đảng bộ thành phố"):
            rest = _tail(province.name, prefix)
            if rest:
                return rest
        return province.name
    return "Hà Nội"


def issuing_body(unit: OrgUnit) -> IssuingBody:
    """The header, symbol and signing capacity a unit uses, derived from its kind and name.

    A Party organization issues through its committee: "Đảng bộ tỉnh Hà Tĩnh"
    → "TỈNH ỦY HÀ TĨNH" (symbol TU); "Đảng bộ xã An Bình" under the province →
    "ĐẢNG BỘ TỈNH HÀ TĨNH / ĐẢNG ỦY XÃ AN BÌNH" (ĐU); a cell → "CHI BỘ …" (CB).
    A defaults only: the unit corrects a wording by hand in the file.
    """
    place = _place_of(unit)
    parent = unit.parent
    superior = parent.name.upper() if parent is not None else ""
    if unit.kind == UnitKind.CENTRAL:
        return IssuingBody("", "Ban Chấp hành Trung ương", "TW", "T/M BAN BÍ THƯ", "", place)
    if unit.kind == UnitKind.PROVINCIAL:
        for prefix, committee in (("Đảng bộ tỉnh", "Tỉnh ủy"), ("Đảng bộ thành phố", "Thành ủy")):
            rest = _tail(unit.name, prefix)
            if rest:
                return IssuingBody("", f"{committee} {rest}", "TU", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", place)
        return IssuingBody("", unit.name, "ĐU", "T/M BAN THƯỜNG VỤ", "BÍ THƯ", place)
    if unit.kind in (UnitKind.AGENCY, UnitKind.DEPARTMENT):
        code = unit.short_name or unit.code.rsplit("-", 1)[-1]
        head = "TRƯỞNG BAN" if unit.kind == UnitKind.AGENCY else "VỤ TRƯỞNG"
        return IssuingBody(superior, unit.name, code, "", head, place)
    rest = _tail(unit.name, "Đảng bộ")
    if rest is not None:
        capacity = "T/M BAN THƯỜNG VỤ" if unit.kind == UnitKind.COMMUNE else "T/M ĐẢNG ỦY"
        return IssuingBody(superior, f"Đảng ủy {rest}", "ĐU", capacity, "BÍ THƯ", place)
    if _tail(unit.name, "Chi bộ") is not None:
        return IssuingBody(superior, unit.name, "CB", "T/M CHI BỘ", "BÍ THƯ", place)
    return IssuingBody(superior, unit.name, unit.code, "", "", place)


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _type_word(directive: Directive) -> str:
    """ "Kết luận", "Nghị quyết"… ("Quyết định" and "Quy định" share QĐ: the title tells them apart)."""
    label = str(directive.get_doc_type_display())
    if directive.doc_type == "QĐ":
        return "Quyết định" if fold(directive.title).startswith("ve viec") else "Quy định"
    return label


def directive_reference(directive: Directive) -> str:
    """ "Kết luận số 03-KL/BTCTW, ngày 16/3/2017 của Ban Tổ chức Trung ương" (short date, as texts cite)."""
    text = f"{_type_word(directive)} số {directive.number_symbol}"
    if directive.issued_on:
        d = directive.issued_on
        text += f", ngày {d.day}/{d.month}/{d.year}"
    if directive.issuer:
        text += f" của {directive.issuer}"
    return text


def _subject(directive: Directive) -> str:
    title = directive.title.strip()
    if not title:
        return ""
    return title if fold(title).startswith("ve ") else f"về {title}"


def _deadline_text(task: Task) -> str:
    if task.deadline:
        return _date(task.deadline)
    return (
        PERIOD_WORDS.get(ReportPeriod(task.report_period), "Thường xuyên")
        if task.report_period
        else "Thường xuyên"
    )


def _product_text(task: Task) -> str:
    return task.product or (str(task.get_product_kind_display()) if task.product_kind else "")


def _ordered(tasks: Iterable[Task]) -> list[tuple[str, Task]]:
    """Tasks as numbered rows, each child right after its parent ("2", "2.1", "2.2")."""
    tasks = list(tasks)
    ids = {t.pk for t in tasks}
    children: dict[int, list[Task]] = {}
    roots: list[Task] = []
    for task in tasks:
        if task.parent_id in ids:
            children.setdefault(task.parent_id, []).append(task)
        else:
            roots.append(task)
    rows: list[tuple[str, Task]] = []

    def walk(task: Task, number: str) -> None:
        rows.append((number, task))
        for index, child in enumerate(children.get(task.pk, []), start=1):
            walk(child, f"{number}.{index}")

    for index, root in enumerate(roots, start=1):
        walk(root, str(index))
    return rows


def _task_queryset(directive: Directive) -> Q:
    return Q(directive=directive)


def plan_tasks(directive: Directive, unit: OrgUnit) -> list[Task]:
    """The tasks a unit's plan lists: those it leads and those it assigns, in tree order."""
    cooperating = Task.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values("task_id")
    condition = Q(lead_unit=unit) | Q(assigned_by=unit) | Q(pk__in=cooperating)
    return list(
        Task.objects.filter(_task_queryset(directive), condition)
        .select_related("lead_unit", "parent")
        .prefetch_related("cooperating_units")
        .order_by("id")
    )


def report_tasks(directive: Directive, unit: OrgUnit) -> list[Task]:
    """The tasks a unit's progress report covers: its plan's tasks and everything led in its subtree."""
    cooperating = Task.cooperating_units.through.objects.filter(orgunit_id=unit.pk).values("task_id")
    condition = (
        Q(lead_unit=unit) | Q(assigned_by=unit) | Q(lead_path__startswith=unit.path) | Q(pk__in=cooperating)
    )
    return list(
        Task.objects.filter(_task_queryset(directive), condition)
        .select_related("lead_unit", "parent")
        .prefetch_related("cooperating_units")
        .order_by("id")
    )


def unit_has_part(directive: Directive, unit: OrgUnit) -> bool:
    """Whether a unit has anything to plan or report on for this directive."""
    if directive.unit_id == unit.pk:
        return True
    return Task.objects.filter(
        Q(directive=directive)
        & (
            Q(lead_unit=unit)
            | Q(assigned_by=unit)
            | Q(lead_path__startswith=unit.path)
            | Q(cooperating_units=unit)
        )
    ).exists()


def _unit_name(unit: OrgUnit | None) -> str:
    # No brackets: the name is often written inside brackets ("Nhiệm vụ 2 (…)").
    return unit.name if unit is not None else "chưa giao đơn vị chủ trì"


def _code_part(number_symbol: str) -> str:
    return re.sub(r"[^0-9A-Za-zĐđ]+", "-", number_symbol).strip("-")


def _recipients(directive: Directive, unit: OrgUnit, tasks: Sequence[Task], *, upward: str) -> list[str]:
    """ "Nơi nhận": the body that issued the directive (else the level above), the units that act, the file copy."""
    found: list[str] = []
    issuer = directive.issuer or (directive.unit.name if directive.unit_id != unit.pk else "")
    if issuer and fold(issuer) != fold(issuing_body(unit).name):
        found.append(f"{issuer} ({upward})")
    elif unit.parent is not None:
        found.append(f"{unit.parent.name} ({upward})")
    seen: set[int] = {unit.pk}
    for task in tasks:
        for other in [task.lead_unit, *task.cooperating_units.all()]:
            if other is not None and other.pk not in seen:
                seen.add(other.pk)
                found.append(f"{other.name} (để thực hiện)")
    found.append("Lưu Văn phòng")
    return found


def implementation_plan(directive: Directive, unit: OrgUnit, *, today: dt.date) -> PartyDocument:
    """ "KẾ HOẠCH thực hiện Kết luận số … của …" for ``unit`` (see the module docstring)."""
    body = issuing_body(unit)
    tasks = plan_tasks(directive, unit)
    reference = directive_reference(directive)
    issuer_words = body.label
    periods = ", ".join(p[:1].lower() + p[1:] for p in directive.report_periods if p)
    rows = [
        [
            number,
            task.text,
            _unit_name(task.lead_unit),
            ", ".join(u.name for u in task.cooperating_units.all()),
            _deadline_text(task),
            _product_text(task),
        ]
        for number, task in _ordered(tasks)
    ]
    paragraphs: list[Block] = [
        f"Thực hiện {reference}{(' ' + _subject(directive)) if _subject(directive) else ''}, "
        f"{issuer_words} xây dựng Kế hoạch thực hiện như sau:",
        Heading("I. MỤC ĐÍCH, YÊU CẦU"),
        f"1. Quán triệt đầy đủ, cụ thể hóa nội dung của {_type_word(directive)} phù hợp với tình hình, "
        f"đặc điểm của {unit.name}; tạo chuyển biến rõ nét trong tổ chức thực hiện.",
        "2. Mỗi nhiệm vụ chỉ giao một cơ quan chủ trì; xác định rõ người, rõ việc, rõ thời gian, "
        "rõ trách nhiệm, rõ thẩm quyền và rõ sản phẩm; thường xuyên theo dõi, đôn đốc, kiểm tra.",
        Heading("II. NHIỆM VỤ VÀ PHÂN CÔNG THỰC HIỆN"),
    ]
    if rows:
        paragraphs += [
            f"{len(rows)} nhiệm vụ được phân công cơ quan chủ trì, cơ quan phối hợp, thời hạn và sản phẩm như sau:",
            TableBlock(
                ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Sản phẩm"],
                rows,
                widths_mm=(12, 58, 28, 25, 20, 22),
            ),
        ]
    else:
        paragraphs.append("Chưa có nhiệm vụ nào được giao cho đơn vị hoặc do đơn vị phân công.")
    report_to = (
        directive.issuer if directive.unit_id != unit.pk else (unit.parent.name if unit.parent else "")
    )
    paragraphs += [
        Heading("III. TỔ CHỨC THỰC HIỆN"),
        "1. Các cơ quan được giao chủ trì chủ động xây dựng kế hoạch cụ thể, tổ chức thực hiện đúng thời hạn; "
        "các cơ quan phối hợp có trách nhiệm phối hợp chặt chẽ với cơ quan chủ trì.",
        "2. Các cơ quan chủ trì báo cáo tiến độ, kết quả thực hiện"
        + (f" theo định kỳ {periods}" if periods else " theo định kỳ")
        + f" về {unit.name} để tổng hợp"
        + (f", báo cáo {report_to}." if report_to else "."),
        "3. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan kịp thời phản ánh để xem xét, "
        "giải quyết.",
    ]
    return PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=f"     -KH/{body.code}",
        place=body.place,
        date=today,
        doc_type_name="KẾ HOẠCH",
        title=f"thực hiện {reference}",
        paragraphs=paragraphs,
        signing_capacity=body.capacity,
        signer_position=body.position,
        signer_name="",
        recipients=_recipients(directive, unit, tasks, upward="để báo cáo"),
    )


def _latest_reports(tasks: Sequence[Task], start: dt.date, end: dt.date) -> dict[int, ProgressReport]:
    latest: dict[int, ProgressReport] = {}
    reports = ProgressReport.objects.filter(
        task__in=[t.pk for t in tasks], reported_on__gte=start, reported_on__lte=end
    ).order_by("task_id", "-reported_on", "-id")
    for report in reports:
        latest.setdefault(report.task_id, report)
    return latest


def _percent_on(task: Task, latest: ProgressReport | None, end: dt.date) -> int:
    if task.completed_on and task.completed_on <= end:
        return 100
    return (
        latest.percent
        if latest
        else (task.percent if task.last_report_on and task.last_report_on <= end else 0)
    )


def progress_report(
    directive: Directive, unit: OrgUnit, *, start: dt.date, end: dt.date, today: dt.date
) -> PartyDocument:
    """ "BÁO CÁO kết quả thực hiện …" for ``unit`` over [start, end]; statuses as of ``end``."""
    body = issuing_body(unit)
    tasks = report_tasks(directive, unit)
    reference = directive_reference(directive)
    latest = _latest_reports(tasks, start, end)
    statuses = {t.pk: task_status(t, end) for t in tasks}
    counts = Counter(statuses.values())
    total = len(tasks)
    period = f"từ ngày {_date(start)} đến ngày {_date(end)}"
    issuer_words = body.label

    figures = [
        [
            str(status.label),
            str(counts.get(status, 0)),
            f"{100 * counts.get(status, 0) / total:.0f}%" if total else "—",
        ]
        for status in STATUS_ORDER
    ]
    figures.append(["Tổng số", str(total), "100%" if total else "—"])
    ordered = _ordered(tasks)
    progress_rows = [
        [
            number,
            task.text,
            _unit_name(task.lead_unit),
            _deadline_text(task),
            f"{_percent_on(task, latest.get(task.pk), end)}%",
            str(TaskStatus(statuses[task.pk]).label),
        ]
        for number, task in ordered
    ]
    done = counts.get(TaskStatus.DONE_ON_TIME, 0) + counts.get(TaskStatus.DONE_LATE, 0)
    paragraphs: list[Block] = [
        f"Thực hiện {reference}{(' ' + _subject(directive)) if _subject(directive) else ''}, "
        f"{issuer_words} báo cáo kết quả thực hiện {period} như sau:",
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Heading("1. Kết quả chung", level=2),
        f"Tổng số {total} nhiệm vụ; đã hoàn thành {done} nhiệm vụ "
        f"({counts.get(TaskStatus.DONE_ON_TIME, 0)} đúng hạn, {counts.get(TaskStatus.DONE_LATE, 0)} chậm); "
        f"{counts.get(TaskStatus.OVERDUE, 0)} nhiệm vụ quá hạn; {counts.get(TaskStatus.AT_RISK, 0)} nhiệm vụ "
        f"có nguy cơ chậm.",
        TableBlock(["Tình trạng", "Số nhiệm vụ", "Tỷ lệ"], figures, widths_mm=(85, 40, 40)),
        Heading("2. Tiến độ từng nhiệm vụ", level=2),
    ]
    if progress_rows:
        paragraphs.append(
            TableBlock(
                ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tiến độ", "Tình trạng"],
                progress_rows,
                widths_mm=(12, 63, 30, 20, 15, 25),
            )
        )
    else:
        paragraphs.append("Không có nhiệm vụ trong phạm vi báo cáo.")
    paragraphs.append(Heading("3. Kết quả nổi bật theo báo cáo của các cơ quan chủ trì", level=2))
    narratives = [
        f"- Nhiệm vụ {number} ({_unit_name(task.lead_unit)}, báo cáo ngày {_date(latest[task.pk].reported_on)}): "
        f"{latest[task.pk].narrative.strip()}"
        for number, task in ordered
        if task.pk in latest
    ]
    paragraphs += narratives or [f"Chưa có báo cáo tiến độ nào {period}."]
    paragraphs.append(Heading("II. KHÓ KHĂN, VƯỚNG MẮC"))
    troubles = [
        (
            f"- Nhiệm vụ {number} ({_unit_name(task.lead_unit)}) quá hạn "
            f"{(end - task.deadline).days} ngày (thời hạn {_date(task.deadline)})."
            if statuses[task.pk] == TaskStatus.OVERDUE and task.deadline
            else f"- Nhiệm vụ {number} ({_unit_name(task.lead_unit)}) có nguy cơ chậm tiến độ."
        )
        for number, task in ordered
        if statuses[task.pk] in (TaskStatus.OVERDUE, TaskStatus.AT_RISK)
    ]
    paragraphs += troubles or ["Không có nhiệm vụ quá hạn hoặc có nguy cơ chậm tiến độ."]
    paragraphs.append(Heading("III. NHIỆM VỤ THỜI GIAN TỚI"))
    pending = [
        f"- Tiếp tục thực hiện nhiệm vụ {number} ({_unit_name(task.lead_unit)})"
        + (f", thời hạn {_date(task.deadline)}." if task.deadline else ".")
        for number, task in ordered
        if statuses[task.pk] not in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE)
    ]
    paragraphs += pending or ["Các nhiệm vụ đã hoàn thành; tiếp tục duy trì kết quả đạt được."]
    return PartyDocument(
        issuer_superior=body.superior,
        issuer=body.name,
        number_symbol=f"     -BC/{body.code}",
        place=body.place,
        date=today,
        doc_type_name="BÁO CÁO",
        title=f"kết quả thực hiện {reference} ({period})",
        paragraphs=paragraphs,
        signing_capacity=body.capacity,
        signer_position=body.position,
        signer_name="",
        recipients=_recipients(directive, unit, tasks, upward="để báo cáo"),
    )


def plan_docx(directive: Directive, unit: OrgUnit, *, today: dt.date) -> bytes:
    return render_party_document(implementation_plan(directive, unit, today=today))


def progress_docx(
    directive: Directive, unit: OrgUnit, *, start: dt.date, end: dt.date, today: dt.date
) -> bytes:
    return render_party_document(progress_report(directive, unit, start=start, end=end, today=today))


def file_stem(kind: str, directive: Directive, unit: OrgUnit) -> str:
    """ "Ke-hoach-03-KL-BTCTW-T01" — the name part common to both filenames."""
    word = {"plan": "Kế hoạch", "progress": "Báo cáo"}[kind]
    return f"{word} {_code_part(directive.number_symbol)} {unit.code}"
