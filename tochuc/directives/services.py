"""Writes to directives and tasks. Each service is one transaction with one audit event.

Decisions (issue 5):

- ``directive_register`` needs EDIT on the registering unit; the number-symbol is
  checked with the reader's ``validate_number_symbol``; the term defaults to
  ``term_for(issued_on)`` (see ``terms.py``).
- ``task_assign``: the assigning unit is the directive's unit (top tasks) or the
  parent task's lead unit (child tasks); the actor needs EDIT on it, and the lead
  and cooperating units must lie in its subtree. A finished task is not reassigned.
- ``task_break_down``: EDIT on the task's lead unit; children are led inside its
  subtree, with deadlines no later than the parent's.
- ``progress_report_submit``: EDIT on the lead unit; the percent never goes down;
  100 % or ``is_final`` completes the task (``completed_on`` = the report date).
- ``task_rate_quality``: APPROVE on the assigning unit (a leader's judgement), only
  when the task is done, never by the lead unit itself nor by the responsible person
  or a recorded relative of theirs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can
from tochuc.audit.services import record
from tochuc.core.errors import DomainError, ErrorCode
from tochuc.core.text import nfc
from tochuc.directives.models import Directive, ProductKind, ProgressReport, Quality, ReportPeriod, Task
from tochuc.directives.parsing import validate_number_symbol
from tochuc.directives.terms import term_for
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.relations import related_person_ids

MAX_TASKS = 500


def _not_found() -> DomainError:
    return DomainError(_("Không tìm thấy."), code=ErrorCode.NOT_FOUND)


def _require(actor: Any, action: Action, unit: OrgUnit) -> None:
    # ``actor=None`` is the system itself (demo data, imports run by the integrator).
    if actor is not None and not can(actor, action, unit):
        raise _not_found()


def _today() -> dt.date:
    return timezone.localdate()


def _within(unit: OrgUnit, root: OrgUnit) -> bool:
    return unit.path.startswith(root.path)


def _clean_text(value: str, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise DomainError(_("Cần nhập %(label)s.") % {"label": label}, field=field)
    if len(text) > max_length:
        raise DomainError(
            _("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": max_length}, field=field
        )
    return text


def _str_list(values: Iterable[str], *, field: str) -> list[str]:
    items = [nfc(str(v)).strip() for v in values]
    return [v for v in items if v]


# --- directives -----------------------------------------------------------------------------------


def directive_register(
    *,
    actor: Any,
    unit: OrgUnit,
    doc_type: str,
    number: str,
    issuer_code: str,
    issuer: str,
    term: str,
    title: str,
    place: str = "",
    issued_on: dt.date | None = None,
    body: str = "",
    recipients: Sequence[str] = (),
    report_periods: Sequence[str] = (),
    signing_capacity: str = "",
    signer_position: str = "",
    signer_name: str = "",
    source_name: str = "",
    tasks: Sequence[Mapping[str, Any]] = (),
) -> Directive:
    """Register a Party document and its numbered tasks (not yet assigned) for ``unit``."""
    _require(actor, Action.EDIT, unit)
    number, doc_type, issuer_code = validate_number_symbol(
        f"{(number or '').strip()}-{(doc_type or '').strip()}/{(issuer_code or '').strip()}"
    )
    if issued_on is not None and issued_on > _today():
        raise DomainError(_("Ngày ban hành không được sau hôm nay."), field="issued_on")
    term = (term or "").strip() or (term_for(issued_on) if issued_on else "")
    if not term:
        raise DomainError(_("Cần nhập nhiệm kỳ hoặc ngày ban hành."), field="term")
    if len(term) > 20:
        raise DomainError(_("Nhiệm kỳ dài quá 20 ký tự."), field="term")
    symbol = f"{doc_type}/{issuer_code}"
    number_symbol = f"{number}-{symbol}"
    if len(tasks) > MAX_TASKS:
        raise DomainError(_("Văn bản có quá %(n)d nhiệm vụ.") % {"n": MAX_TASKS}, field="tasks")
    task_rows = _task_rows(tasks)
    with transaction.atomic():
        existing = (
            Directive.objects.select_for_update()
            .filter(issuer_code=issuer_code, doc_type=doc_type, number=number, term=term)
            .first()
        )
        if existing is not None:
            raise DomainError(
                _("Đã có văn bản số %(ns)s trong nhiệm kỳ %(term)s (đăng ký ngày %(day)s).")
                % {
                    "ns": number_symbol,
                    "term": term,
                    "day": date_format(timezone.localtime(existing.created_at).date(), "d/m/Y"),
                },
                code=ErrorCode.CONFLICT,
                field="number_symbol",
            )
        directive = Directive.objects.create(
            doc_type=doc_type,
            number=number,
            symbol=symbol,
            number_symbol=number_symbol,
            issuer=_clean_text(
                issuer, field="issuer", label=_("cơ quan ban hành"), max_length=255, required=True
            ),
            issuer_code=issuer_code,
            term=term,
            place=_clean_text(place, field="place", label=_("địa danh"), max_length=100),
            issued_on=issued_on,
            title=_clean_text(title, field="title", label=_("trích yếu"), max_length=1000, required=True),
            body=nfc(body or ""),
            recipients=_str_list(recipients, field="recipients"),
            report_periods=_str_list(report_periods, field="report_periods"),
            signing_capacity=_clean_text(
                signing_capacity, field="signing_capacity", label=_("thẩm quyền ký"), max_length=100
            ),
            signer_position=_clean_text(
                signer_position, field="signer_position", label=_("chức vụ người ký"), max_length=150
            ),
            signer_name=_clean_text(signer_name, field="signer_name", label=_("người ký"), max_length=150),
            source_name=(source_name or "")[:255],
            unit=unit,
            registered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        Task.objects.bulk_create(
            Task(directive=directive, assigned_by=unit, no=no, text=text, deadline=deadline)
            for no, text, deadline in task_rows
        )
        record(
            actor=actor,
            action="directive.register",
            target=directive,
            unit_path=unit.path,
            summary={"number_symbol": number_symbol, "term": term, "tasks": len(task_rows)},
            object_label=number_symbol,
        )
    return directive


def _task_rows(tasks: Sequence[Mapping[str, Any]]) -> list[tuple[str, str, dt.date | None]]:
    rows = []
    for index, item in enumerate(tasks, start=1):
        text = nfc(str(item.get("text") or "")).strip()
        if not text:
            raise DomainError(_("Nhiệm vụ thứ %(n)d chưa có nội dung.") % {"n": index}, field="tasks")
        no = str(item.get("no") or index).strip()[:20]
        deadline = item.get("deadline")
        if isinstance(deadline, str):
            try:
                deadline = dt.date.fromisoformat(deadline) if deadline else None
            except ValueError as exc:
                raise DomainError(
                    _("Thời hạn của nhiệm vụ %(no)s không hợp lệ.") % {"no": no}, field="tasks"
                ) from exc
        rows.append((no, text, deadline))
    return rows


# --- tasks ----------------------------------------------------------------------------------------


def _check_units(
    assigner: OrgUnit, lead_unit: OrgUnit | None, cooperating_units: Sequence[OrgUnit]
) -> list[OrgUnit]:
    if lead_unit is None:
        raise DomainError(_("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì."), field="lead_unit")
    if not _within(lead_unit, assigner):
        raise DomainError(
            _("Cơ quan chủ trì phải là %(unit)s hoặc đơn vị trực thuộc.") % {"unit": assigner.name},
            field="lead_unit",
        )
    if not lead_unit.is_active:
        raise DomainError(_("Cơ quan chủ trì đã giải thể hoặc hợp nhất."), field="lead_unit")
    cooperating = list({u.pk: u for u in cooperating_units}.values())
    if any(u.pk == lead_unit.pk for u in cooperating):
        raise DomainError(
            _("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."), field="cooperating_units"
        )
    for unit in cooperating:
        if not _within(unit, assigner):
            raise DomainError(
                _("Cơ quan phối hợp %(name)s nằm ngoài %(unit)s.")
                % {"name": unit.name, "unit": assigner.name},
                field="cooperating_units",
            )
    return cooperating


def _check_choice(value: str, choices: Any, field: str) -> str:
    if value and value not in choices.values:
        raise DomainError(_("Giá trị không hợp lệ."), field=field)
    return value


def task_assign(
    *,
    actor: Any,
    task: Task,
    lead_unit: OrgUnit,
    cooperating_units: Sequence[OrgUnit] = (),
    responsible_person: Person | None = None,
    deadline: dt.date | None = None,
    report_period: str = "",
    product_kind: str = "",
    product: str = "",
) -> Task:
    """Give ``task`` exactly one lead unit (and its cooperating units, person, deadline, product)."""
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("assigned_by", "parent")
            .get(pk=task.pk)
        )
        assigner = task.assigned_by
        _require(actor, Action.EDIT, assigner)
        if task.completed_on is not None:
            raise DomainError(_("Nhiệm vụ đã hoàn thành, không giao lại."), code=ErrorCode.CONFLICT)
        cooperating = _check_units(assigner, lead_unit, cooperating_units)
        parent_deadline = task.parent.deadline if task.parent is not None else None
        if deadline is not None and parent_deadline is not None and deadline > parent_deadline:
            raise DomainError(
                _("Thời hạn không được sau thời hạn của nhiệm vụ cấp trên (%(d)s).")
                % {"d": date_format(parent_deadline, "d/m/Y")},
                field="deadline",
            )
        if responsible_person is not None and not _within(responsible_person.unit, lead_unit):
            raise DomainError(
                _("Người chịu trách nhiệm phải thuộc cơ quan chủ trì."), field="responsible_person"
            )
        previous_lead = task.lead_unit_id
        task.lead_unit = lead_unit
        task.lead_path = lead_unit.path
        task.responsible_person = responsible_person
        task.deadline = deadline
        task.report_period = _check_choice(report_period, ReportPeriod, "report_period")
        task.product_kind = _check_choice(product_kind, ProductKind, "product_kind")
        task.product = _clean_text(product, field="product", label=_("sản phẩm"), max_length=500)
        task.save()
        task.cooperating_units.set(cooperating)
        record(
            actor=actor,
            action="task.assign",
            target=task,
            unit_path=lead_unit.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "lead_unit": lead_unit.code,
                "previous_lead_unit_id": previous_lead,
                "cooperating": [u.code for u in cooperating],
                "deadline": deadline.isoformat() if deadline else None,
                "report_period": task.report_period,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return task


def task_break_down(*, actor: Any, task: Task, items: Sequence[Mapping[str, Any]]) -> list[Task]:
    """The lead unit of ``task`` makes it concrete for its own subtree: one child task per item.

    Each item: ``text``, ``lead_unit`` and optionally ``no``, ``deadline`` (≤ the parent's),
    ``cooperating_units``, ``responsible_person``, ``report_period``, ``product_kind``, ``product``.
    """
    if not items:
        raise DomainError(_("Cần ít nhất một nhiệm vụ cụ thể hóa."), field="items")
    if len(items) > MAX_TASKS:
        raise DomainError(_("Quá %(n)d nhiệm vụ.") % {"n": MAX_TASKS}, field="items")
    with transaction.atomic():
        parent = (
            Task.objects.select_for_update(of=("self",))
            .select_related("lead_unit", "directive")
            .get(pk=task.pk)
        )
        if parent.lead_unit is None:
            raise DomainError(_("Nhiệm vụ chưa có cơ quan chủ trì."), code=ErrorCode.CONFLICT)
        _require(actor, Action.EDIT, parent.lead_unit)
        if parent.completed_on is not None:
            raise DomainError(_("Nhiệm vụ đã hoàn thành."), code=ErrorCode.CONFLICT)
        base = parent.children.count()
        created: list[Task] = []
        for index, item in enumerate(items, start=1):
            text = nfc(str(item.get("text") or "")).strip()
            if not text:
                raise DomainError(_("Nhiệm vụ thứ %(n)d chưa có nội dung.") % {"n": index}, field="items")
            lead = item.get("lead_unit")
            if not isinstance(lead, OrgUnit):
                raise DomainError(_("Mỗi nhiệm vụ cần đúng một cơ quan chủ trì."), field="items")
            cooperating = _check_units(parent.lead_unit, lead, item.get("cooperating_units") or ())
            deadline = item.get("deadline") or parent.deadline
            if parent.deadline is not None and deadline is not None and deadline > parent.deadline:
                raise DomainError(
                    _("Thời hạn của nhiệm vụ thứ %(n)d sau thời hạn của nhiệm vụ cấp trên (%(d)s).")
                    % {"n": index, "d": date_format(parent.deadline, "d/m/Y")},
                    field="items",
                )
            person = item.get("responsible_person")
            if person is not None and not _within(person.unit, lead):
                raise DomainError(_("Người chịu trách nhiệm phải thuộc cơ quan chủ trì."), field="items")
            child = Task.objects.create(
                directive=parent.directive,
                parent=parent,
                no=str(item.get("no") or f"{parent.no}.{base + index}")[:20],
                text=text,
                assigned_by=parent.lead_unit,
                lead_unit=lead,
                lead_path=lead.path,
                responsible_person=person,
                deadline=deadline,
                report_period=_check_choice(
                    item.get("report_period") or parent.report_period, ReportPeriod, "items"
                ),
                product_kind=_check_choice(item.get("product_kind") or "", ProductKind, "items"),
                product=_clean_text(
                    item.get("product") or "", field="items", label=_("sản phẩm"), max_length=500
                ),
            )
            if cooperating:
                child.cooperating_units.set(cooperating)
            created.append(child)
        record(
            actor=actor,
            action="task.break_down",
            target=parent,
            unit_path=parent.lead_unit.path,
            summary={
                "directive": parent.directive.number_symbol,
                "no": parent.no,
                "children": [
                    {"no": c.no, "lead_unit": c.lead_unit.code if c.lead_unit else ""} for c in created
                ],
            },
            object_label=f"{parent.directive.number_symbol} – {parent.no}",
        )
    return created


def progress_report_submit(
    *,
    actor: Any,
    task: Task,
    percent: int,
    narrative: str,
    reported_on: dt.date | None = None,
    period_end: dt.date | None = None,
    attachment: Any = None,
    is_final: bool = False,
) -> ProgressReport:
    """The lead unit reports progress; 100 % (or ``is_final``) completes the task on ``reported_on``."""
    today = _today()
    reported_on = reported_on or today
    if reported_on > today:
        raise DomainError(_("Ngày báo cáo không được sau hôm nay."), field="reported_on")
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise DomainError(_("Tiến độ phải là số nguyên từ 0 đến 100."), field="percent")
    if is_final and percent != 100:
        raise DomainError(_("Báo cáo hoàn thành phải ghi tiến độ 100%."), field="percent")
    narrative = nfc(narrative or "").strip()
    if not narrative:
        raise DomainError(_("Cần nêu kết quả thực hiện."), field="narrative")
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("lead_unit", "directive")
            .get(pk=task.pk)
        )
        if task.lead_unit is None:
            raise DomainError(_("Nhiệm vụ chưa có cơ quan chủ trì."), code=ErrorCode.CONFLICT)
        _require(actor, Action.EDIT, task.lead_unit)
        if task.completed_on is not None:
            raise DomainError(_("Nhiệm vụ đã hoàn thành; không báo cáo thêm."), code=ErrorCode.CONFLICT)
        if percent < task.percent:
            raise DomainError(
                _("Tiến độ không được thấp hơn lần báo cáo trước (%(p)d%%).") % {"p": task.percent},
                field="percent",
            )
        if task.last_report_on is not None and reported_on < task.last_report_on:
            raise DomainError(
                _("Ngày báo cáo không được trước lần báo cáo trước (%(d)s).")
                % {"d": date_format(task.last_report_on, "d/m/Y")},
                field="reported_on",
            )
        done = is_final or percent == 100
        report = ProgressReport(
            task=task,
            period_end=period_end,
            reported_on=reported_on,
            percent=percent,
            narrative=narrative,
            is_final=done,
            submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if attachment is not None:
            report.attachment = attachment
        report.save()
        task.percent = percent
        task.last_report_on = reported_on
        task.started_on = task.started_on or reported_on
        if done:
            task.completed_on = reported_on
        task.save(update_fields=["percent", "last_report_on", "started_on", "completed_on", "updated_at"])
        record(
            actor=actor,
            action="task.report",
            target=task,
            unit_path=task.lead_unit.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "percent": percent,
                "reported_on": reported_on.isoformat(),
                "final": done,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return report


def task_rate_quality(*, actor: Any, task: Task, quality: str, note: str = "") -> Task:
    """The assigning unit rates a finished task (exceeding / met / not met)."""
    if quality not in Quality.values:
        raise DomainError(_("Mức chất lượng không hợp lệ."), field="quality")
    with transaction.atomic():
        task = (
            Task.objects.select_for_update(of=("self",))
            .select_related("assigned_by", "lead_unit", "directive")
            .get(pk=task.pk)
        )
        _require(actor, Action.APPROVE, task.assigned_by)
        if task.completed_on is None:
            raise DomainError(
                _("Chỉ đánh giá chất lượng khi nhiệm vụ đã hoàn thành."), code=ErrorCode.CONFLICT
            )
        if task.lead_unit_id == task.assigned_by_id:
            raise DomainError(
                _(
                    "Cơ quan chủ trì không tự đánh giá chất lượng nhiệm vụ của mình; cấp giao nhiệm vụ đánh giá."
                ),
                code=ErrorCode.FORBIDDEN,
            )
        own = getattr(actor, "person_id", None)
        responsible = task.responsible_person_id
        if (
            own is not None
            and responsible is not None
            and (own == responsible or responsible in related_person_ids(own))
        ):
            raise DomainError(
                _("Không đánh giá nhiệm vụ do chính mình hoặc người thân phụ trách."),
                code=ErrorCode.FORBIDDEN,
            )
        previous = task.quality
        task.quality = quality
        task.quality_note = nfc(note or "").strip()
        task.rated_by = actor if getattr(actor, "is_authenticated", False) else None
        task.save(update_fields=["quality", "quality_note", "rated_by", "updated_at"])
        record(
            actor=actor,
            action="task.rate",
            target=task,
            unit_path=task.assigned_by.path,
            summary={
                "directive": task.directive.number_symbol,
                "no": task.no,
                "quality": quality,
                "previous": previous,
            },
            object_label=f"{task.directive.number_symbol} – {task.no}",
        )
    return task
