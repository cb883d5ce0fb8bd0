"""Downloads of the Word documents of an evaluation cycle.

Each view checks VIEW on the unit concerned (404 outside the user's reach),
builds the document, records one ``evaluation.document_export`` audit event and
sends the file with an ASCII file name plus its Vietnamese UTF-8 form.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, require
from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment
from tochuc.evaluations import documents
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.orgunits.models import OrgUnit


def _cycle(code: str) -> EvaluationCycle:
    return get_object_or_404(EvaluationCycle.objects.select_related("unit"), code=code)


def _record(
    request: AuthedRequest, document: str, target: object, unit: OrgUnit, cycle: EvaluationCycle
) -> None:
    """The download of ``document`` (``2A``, ``01``, ``summary``…) of ``target`` is an audit event."""
    export_record(
        actor=request.user,
        kind="evaluation.document_export",
        target=target,
        unit_path=unit.path,
        details={"document": document, "cycle": cycle.code, "unit": unit.code},
        label=f"{document} — {cycle.code} — {unit.code}",
    )


@login_required
@require_GET
def self_review_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = get_object_or_404(
        Evaluation.objects.select_related("cycle", "cycle__unit", "unit", "unit__parent", "person"), pk=pk
    )
    require(request.user, Action.VIEW, evaluation.unit)
    if evaluation.person is None:
        raise Http404  # a collective has the report Mẫu 01, not a personal form
    form = documents.form_number(evaluation.frame)
    content = documents.self_review_docx(evaluation, today=timezone.localdate())
    _record(request, form, evaluation, evaluation.unit, evaluation.cycle)
    person = evaluation.person
    name = f"Bản kiểm điểm {form} - {person.full_name} - {person.code} - {evaluation.cycle.code}"
    return docx_attachment(content, name)


@login_required
@require_GET
def collective_report_docx(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    cycle = _cycle(code)
    unit = get_object_or_404(OrgUnit.objects.select_related("parent"), code=unit_code)
    require(request.user, Action.VIEW, unit)
    if not unit.path.startswith(cycle.unit.path):
        raise Http404
    data = documents.collective_data(cycle, unit)
    content = documents.collective_report_docx(data, today=timezone.localdate())
    _record(request, "01", data.collective or unit, unit, cycle)
    return docx_attachment(content, f"Báo cáo kiểm điểm tập thể - {unit.name} - {cycle.code}")


@login_required
@require_GET
def cycle_summary_docx(request: AuthedRequest, code: str) -> HttpResponse:
    cycle = _cycle(code)
    require(request.user, Action.VIEW, cycle.unit)
    content = documents.cycle_summary_docx(documents.summary_data(cycle), today=timezone.localdate())
    _record(request, "summary", cycle, cycle.unit, cycle)
    return docx_attachment(content, f"Tổng hợp xếp loại - {cycle.code}")
