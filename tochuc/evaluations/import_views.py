"""Importing proposed results from Excel into a cycle: the template, the upload, every bad cell listed."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, reaches
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.evaluations.models import EvaluationCycle
from tochuc.evaluations.permissions import get_cycle_for
from tochuc.evaluations.services import ImportRejected, evaluation_import, read_workbook
from tochuc.evaluations.services.importing import HEADERS, template_workbook

MAX_UPLOAD = 10 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        help_text=gettext_lazy("Theo mẫu: mỗi dòng một tập thể hoặc một đảng viên; tối đa 10 MB."),
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Chỉ nhận tệp Excel .xlsx."))
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Tệp lớn hơn 10 MB."))
        return upload


def may_import(user: object, cycle: EvaluationCycle) -> bool:
    """Whether the user may enter data somewhere inside the cycle's subtree."""
    root = cycle.unit.path
    return cycle.is_open and any(
        r.path.startswith(root) or (r.include_subtree and root.startswith(r.path))
        for r in reaches(user, Action.EDIT)  # type: ignore[arg-type]
    )


@login_required
def cycle_import(request: AuthedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for(request.user, code)
    if not may_import(request.user, cycle):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[tuple[int, str, str]] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "upload.xlsx"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            try:
                result = evaluation_import(
                    actor=request.user, cycle=cycle, rows=read_workbook(path), source=upload.name
                )
            except ImportRejected as rejected:
                errors = rejected.errors
            except DomainError as exc:
                form.add_error("file", exc.message)
            else:
                messages.success(
                    request,
                    _("Đã nhập %(rows)d dòng kết quả đề xuất (%(heads)d người đứng đầu).")
                    % {"rows": result["rows"], "heads": result["heads"]},
                )
                return redirect("evaluations:cycle", code=cycle.code)
    return render(
        request,
        "evaluations/cycle_import.html",
        {"cycle": cycle, "form": form, "errors": errors, "headers": HEADERS},
    )


@login_required
@require_GET
def import_template(request: AuthedRequest, code: str) -> HttpResponse:
    """An empty workbook with the five headers and the four ratings offered in a list."""
    cycle = get_cycle_for(request.user, code)
    return xlsx_attachment(template_workbook(), f"Mẫu nhập kết quả đánh giá - {cycle.code}")
