"""Demo directives: the founding Conclusion 03-KL/BTCTW with its 8 tasks, and two provincial documents.

- **03-KL/BTCTW** (Ban Tổ chức Trung ương, 16/3/2017), read from the seed
  document (kept in ``tochuc/directives/seed/``, or the file named by
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
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import TextIOBase

from django.db import transaction
from django.utils import timezone

from tochuc.audit.services import record
from tochuc.demo.directive_plans import (
    FINAL_NARRATIVE,
    NARRATIVES,
    OTHER_DIRECTIVES,
    PROVINCE_DIRECTIVE,
    SEED_PLANS,
    OtherDirective,
    Plan,
)
from tochuc.demo.founding import (
    SEED_DOCUMENT,
    SEED_FILENAME,
    read_minimal,
    read_seed,
    seed_document_path,
)
from tochuc.directives.models import Directive, ProductKind, ProgressReport, Quality, Task
from tochuc.directives.terms import term_for
from tochuc.orgunits.models import OrgUnit, UnitKind

__all__ = [
    "FINAL_NARRATIVE",
    "NARRATIVES",
    "OTHER_DIRECTIVES",
    "PROVINCE_DIRECTIVE",
    "SEED_DOCUMENT",
    "SEED_FILENAME",
    "SEED_PLANS",
    "Counts",
    "OtherDirective",
    "Plan",
    "read_minimal",
    "read_seed",
    "seed_directives",
    "seed_document_path",
]


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
        assigned_path=assigned_by.path,
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
    units: dict[str, OrgUnit], today: dt.date, rng: random.Random, counts: Counts, stdout: TextIOBase
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


def seed_directives(*, scale: str, rng: random.Random, stdout: TextIOBase) -> None:
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
