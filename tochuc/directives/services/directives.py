"""Registering a Party document and its numbered tasks (``directive_register``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today as _today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.models import Directive, Task
from tochuc.directives.parsing import validate_number_symbol
from tochuc.directives.services.common import MAX_TASKS, _clean_text, _str_list
from tochuc.directives.services.tasks import _check_units
from tochuc.directives.terms import term_for
from tochuc.orgunits.models import OrgUnit


def directive_register(
    *,
    actor: Actor | None,
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
    tasks: Sequence[Mapping[str, object]] = (),
) -> Directive:
    """Register a Party document and its numbered tasks for ``unit``.

    A task may come with its ``lead_unit`` (confirmed from the suggestions when the document was read):
    it must be ``unit`` or below it, and active, as when a task is assigned.
    """
    enforce(actor, Action.EDIT, unit)
    number, doc_type, issuer_code = validate_number_symbol(
        f"{(number or '').strip()}-{(doc_type or '').strip()}/{(issuer_code or '').strip()}"
    )
    if issued_on is not None and issued_on > _today():
        raise DomainError(
            _("Ngày ban hành không được sau hôm nay."),
            field="issued_on",
            code=DirectivesErrorCode.ISSUED_IN_FUTURE,
        )
    term = (term or "").strip() or (term_for(issued_on) if issued_on else "")
    if not term:
        raise DomainError(
            _("Cần nhập nhiệm kỳ hoặc ngày ban hành."), field="term", code=DirectivesErrorCode.TERM_REQUIRED
        )
    if len(term) > 20:
        raise DomainError(
            _("Nhiệm kỳ dài quá 20 ký tự."), field="term", code=DirectivesErrorCode.TERM_TOO_LONG
        )
    symbol = f"{doc_type}/{issuer_code}"
    number_symbol = f"{number}-{symbol}"
    if len(tasks) > MAX_TASKS:
        raise DomainError(
            _("Văn bản có quá %(n)d nhiệm vụ.") % {"n": MAX_TASKS},
            field="tasks",
            code=DirectivesErrorCode.TOO_MANY_TASKS,
        )
    task_rows = _task_rows(tasks)
    for no, _text, _deadline, lead in task_rows:
        if lead is None:
            continue
        try:
            _check_units(unit, lead, ())
        except DomainError as exc:
            raise DomainError(
                _("Nhiệm vụ %(no)s: %(reason)s") % {"no": no, "reason": exc.message},
                field="tasks",
                code=exc.code,
            ) from exc
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
                code=DirectivesErrorCode.DOCUMENT_EXISTS,
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
            Task(
                directive=directive,
                assigned_by=unit,
                assigned_path=unit.path,
                no=no,
                text=text,
                deadline=deadline,
                lead_unit=lead,
                lead_path=lead.path if lead else "",
            )
            for no, text, deadline, lead in task_rows
        )
        record(
            actor=actor,
            action="directive.register",
            target=directive,
            unit_path=unit.path,
            summary={
                "number_symbol": number_symbol,
                "term": term,
                "tasks": len(task_rows),
                "lead_units": {no: lead.code for no, _text, _deadline, lead in task_rows if lead},
            },
            object_label=number_symbol,
        )
    return directive


def _task_rows(
    tasks: Sequence[Mapping[str, object]],
) -> list[tuple[str, str, dt.date | None, OrgUnit | None]]:
    rows = []
    for index, item in enumerate(tasks, start=1):
        text = nfc(str(item.get("text") or "")).strip()
        if not text:
            raise DomainError(
                _("Nhiệm vụ thứ %(n)d chưa có nội dung.") % {"n": index},
                field="tasks",
                code=DirectivesErrorCode.TASK_TEXT_REQUIRED,
            )
        no = str(item.get("no") or index).strip()[:20]
        invalid = DomainError(
            _("Thời hạn của nhiệm vụ %(no)s không hợp lệ.") % {"no": no},
            field="tasks",
            code=DirectivesErrorCode.INVALID_TASK_DEADLINE,
        )
        deadline = item.get("deadline")
        if isinstance(deadline, str):
            try:
                deadline = dt.date.fromisoformat(deadline) if deadline else None
            except ValueError as exc:
                raise invalid from exc
        if deadline is not None and not isinstance(deadline, dt.date):
            raise invalid
        lead = item.get("lead_unit")
        rows.append((no, text, deadline, lead if isinstance(lead, OrgUnit) else None))
    return rows
