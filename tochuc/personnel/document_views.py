"""Download of a decided procedure's decision (Quyết định) in Word (thin: documents.py does the work).

The user must be able to VIEW the procedure's unit; outside that, and for a
procedure not decided yet, the answer is 404 like everything else out of reach.
"""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from tochuc.core.text import fold
from tochuc.personnel import documents
from tochuc.personnel.models import ProcedureStatus
from tochuc.personnel.permissions import get_procedure_for


def content_disposition(stem: str, extension: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987)."""
    ascii_name = slugify(fold(stem)) or "quyet-dinh"
    utf8_name = quote(f"{stem}.{extension}", safe="")
    return f"attachment; filename=\"{ascii_name}.{extension}\"; filename*=UTF-8''{utf8_name}"


@login_required
@require_GET
def decision_docx(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_procedure_for(request.user, pk)
    if procedure.status != ProcedureStatus.DECIDED:
        raise Http404
    content = documents.decision_docx(procedure)
    documents.decision_export_log(actor=request.user, procedure=procedure)
    response = HttpResponse(content, content_type=documents.DOCX)
    response["Content-Disposition"] = content_disposition(documents.file_stem(procedure), "docx")
    response["Cache-Control"] = "no-store"
    return response
