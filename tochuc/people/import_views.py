"""Pages of the Excel import: the template, the upload, and each job's progress and result."""

from __future__ import annotations

import io
import uuid

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, has_any, scope_q
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.core.documents.excel import XLSX
from tochuc.core.errors import DomainError
from tochuc.people.excel.writing import write_template
from tochuc.people.models import ImportJob, Person
from tochuc.people.permissions import get_job_for
from tochuc.people.tasks import import_job_submit, max_upload_bytes

CREATED_SHOWN = 200  # created records linked from the job page
ERRORS_PER_PAGE = 50
RECENT_JOBS = 20


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Điền theo mẫu tải ở trên. Tối đa 50 MB và 200.000 dòng."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX}),
    )
    dry_run = forms.BooleanField(
        label=_("Chỉ kiểm tra, chưa nhập"),
        required=False,
        help_text=_("Hệ thống kiểm tra toàn bộ tệp và báo lỗi nếu có, nhưng không ghi hồ sơ nào."),
    )


def _require_importer(request: AuthedRequest) -> None:
    if not has_any(request.user, Action.EDIT):
        raise Http404


def jobs_for(user: Actor) -> QuerySet[ImportJob]:
    """Import jobs are seen by the one who started them, nobody else."""
    return ImportJob.objects.filter(created_by=user).defer("errors")


@login_required
def import_home(request: AuthedRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_submit(
                actor=request.user, upload=form.cleaned_data["file"], dry_run=form.cleaned_data["dry_run"]
            )
        except DomainError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("people:import_job", job_id=job.pk)
    context = {
        "form": form,
        "jobs": jobs_for(request.user)[:RECENT_JOBS],
        "max_mb": max_upload_bytes() // (1024 * 1024),
    }
    return render(request, "people/import/home.html", context)


@login_required
@require_GET
def import_template(request: AuthedRequest) -> HttpResponse:
    _require_importer(request)
    buffer = io.BytesIO()
    write_template(buffer)
    return xlsx_attachment(buffer.getvalue(), "mau-nhap-dang-vien")


@login_required
@require_GET
def import_job(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    job = get_job_for(request.user, job_id)
    errors = Paginator(job.errors, ERRORS_PER_PAGE).get_page(request.GET.get("page"))
    created = Person.objects.filter(
        scope_q(request.user, Action.VIEW, "unit__path"), code__in=job.created_codes[:CREATED_SHOWN]
    ).order_by("sort_key")
    context = {"job": job, "page": errors, "created": list(created.only("code", "full_name"))}
    return render(request, "people/import/job.html", context)


@login_required
@require_GET
def import_job_status(request: AuthedRequest, job_id: uuid.UUID) -> HttpResponse:
    """The progress block, polled every second while the job runs; a finished job reloads the page."""
    job = get_job_for(request.user, job_id)
    response = render(request, "people/import/_status.html", {"job": job})
    if not job.is_running and request.htmx:
        response["HX-Refresh"] = "true"
    return response
