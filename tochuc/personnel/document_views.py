"""Download of a decided procedure's decision (Quyết định) in Word (thin: documents.py does the work).

The user must be able to VIEW the procedure's unit; outside that, and for a
procedure not decided yet, the answer is 404 like everything else out of reach.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment
from tochuc.personnel import documents
from tochuc.personnel.models import ProcedureStatus
from tochuc.personnel.permissions import get_procedure_for


@login_required
@require_GET
def decision_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = get_procedure_for(request.user, pk)
    if procedure.status != ProcedureStatus.DECIDED:
        raise Http404
    content = documents.decision_docx(procedure)
    export_record(
        actor=request.user,
        kind="procedure.decision_export",
        target=procedure,
        unit_path=procedure.unit.path,
        details={"decision": procedure.decision_number, "candidate": procedure.candidate.code},
        label=f"Quyết định số {procedure.decision_number}: {procedure.candidate.full_name} — "
        f"{procedure.title.name}",
    )
    return docx_attachment(content, documents.file_stem(procedure))
