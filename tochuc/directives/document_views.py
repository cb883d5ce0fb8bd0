"""Downloads of a directive's outgoing Word documents for one unit (thin: documents.py does the work).

The user must be able to VIEW the unit; a unit with no part in the directive,
or outside the user's reach, answers 404 like everything else outside scope.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tochuc.accounts.policy import Action, require
from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment
from tochuc.directives import documents
from tochuc.directives.models import Directive
from tochuc.orgunits.models import OrgUnit


def _scoped(request: AuthedRequest, pk: int, unit_code: str) -> tuple[Directive, OrgUnit]:
    unit = get_object_or_404(OrgUnit, code=unit_code)
    require(request.user, Action.VIEW, unit)
    directive = get_object_or_404(Directive.objects.select_related("unit"), pk=pk)
    if not documents.unit_has_part(directive, unit):
        raise Http404
    return directive, unit


def _day(value: str | None, default: dt.date) -> dt.date:
    if not value:
        return default
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return default  # a mistyped date falls back to the default period


def _record(request: AuthedRequest, directive: Directive, unit: OrgUnit, kind: str) -> None:
    export_record(
        actor=request.user,
        kind="directive.document_export",
        target=directive,
        unit_path=unit.path,
        details={"kind": kind, "unit": unit.code},
        label=f"{directive.number_symbol} — {unit.name}",
    )


@login_required
def plan_docx(request: AuthedRequest, pk: int, unit_code: str) -> HttpResponse:
    directive, unit = _scoped(request, pk, unit_code)
    content = documents.plan_docx(directive, unit, today=timezone.localdate())
    _record(request, directive, unit, "plan")
    return docx_attachment(content, documents.file_stem("plan", directive, unit))


@login_required
def progress_docx(request: AuthedRequest, pk: int, unit_code: str) -> HttpResponse:
    """``?start=YYYY-MM-DD&end=YYYY-MM-DD``; by default 1 January of this year (or the issue date) to today."""
    directive, unit = _scoped(request, pk, unit_code)
    today = timezone.localdate()
    default_start = dt.date(today.year, 1, 1)
    if directive.issued_on and directive.issued_on > default_start:
        default_start = directive.issued_on
    end = _day(request.GET.get("end"), today)
    start = _day(request.GET.get("start"), min(default_start, end))
    start, end = min(start, end), max(start, end)
    content = documents.progress_docx(directive, unit, start=start, end=end, today=today)
    _record(request, directive, unit, "progress")
    return docx_attachment(content, documents.file_stem("progress", directive, unit))
