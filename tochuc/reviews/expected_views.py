"""Who reports in a period (add or excuse a unit, with the reason) and the files of a unit's report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.accounts.policy import Action
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.reviews import expected, files
from tochuc.reviews.forms import ExpectedChangeForm
from tochuc.reviews.models import ReportFile, ReviewPeriod
from tochuc.reviews.permissions import can_manage_period, get_period_for, get_report_for

SAFE_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".txt": "text/plain; charset=utf-8",
}


def _addable(request: AuthedRequest, period: ReviewPeriod) -> list[tuple[str, str]]:
    asked = set(period.expected.filter(removed_at__isnull=True).values_list("unit_id", flat=True))
    return [
        (u.code, f"{'— ' * (u.depth - period.unit.depth - 1)}{u.name}")
        for u in chooser_units(request.user, Action.EDIT, within=period.unit)
        if u.pk != period.unit.pk and u.pk not in asked
    ]


@login_required
@require_http_methods(["GET", "POST"])
def expected_page(request: AuthedRequest, code: str) -> HttpResponse:
    """The opener adds a unit of the subtree to the period, or excuses one; both with the reason."""
    period = get_period_for(request.user, code)
    if not can_manage_period(request.user, period):
        raise Http404
    form = ExpectedChangeForm(units=_addable(request, period))
    if request.method == "POST":
        if "remove" in request.POST:
            unit = get_unit_for(request.user, request.POST.get("unit", ""), Action.VIEW)
            try:
                expected.expected_remove(
                    actor=request.user, period=period, unit=unit, reason=request.POST.get("reason", "")
                )
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("%(unit)s không phải báo cáo trong kỳ này.") % {"unit": unit.name}
                )
            return redirect("reviews:expected", period.code)
        form = ExpectedChangeForm(request.POST, units=_addable(request, period))
        if form.is_valid():
            unit = get_unit_for(request.user, form.cleaned_data["unit"], Action.EDIT)
            try:
                expected.expected_add(
                    actor=request.user, period=period, unit=unit, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã bổ sung %(unit)s vào diện báo cáo.") % {"unit": unit.name})
                return redirect("reviews:expected", period.code)
    lines = list(period.expected.select_related("unit").order_by("unit__path"))
    return render(
        request,
        "reviews/expected.html",
        {
            "period": period,
            "active": [line for line in lines if line.is_active],
            "removed": [line for line in lines if not line.is_active],
            "form": form,
        },
    )


def _report_file(request: AuthedRequest, code: str, unit_code: str, file_id: int) -> ReportFile:
    period = get_period_for(request.user, code)
    _unit, report = get_report_for(request.user, period, unit_code)
    found = (
        report.files.filter(pk=file_id).select_related("report__unit", "report__period").first()
        if report
        else None
    )
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def report_file(request: AuthedRequest, code: str, unit_code: str, file_id: int) -> HttpResponse:
    """A file of a report, for whoever may read the report."""
    found = _report_file(request, code, unit_code, file_id)
    files.file_read(actor=request.user, file=found)
    stem, dot, extension = found.name.rpartition(".")
    suffix = f".{extension.lower()}" if dot else ""
    content_type = SAFE_TYPES.get(suffix, "application/octet-stream")
    return attachment(
        bytes(found.data), stem or found.name, extension.lower() if dot else "bin", content_type
    )


@login_required
@require_POST
def report_file_remove(request: AuthedRequest, code: str, unit_code: str, file_id: int) -> HttpResponse:
    found = _report_file(request, code, unit_code, file_id)
    try:
        files.file_remove(actor=request.user, file=found)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gỡ tệp %(name)s.") % {"name": found.name})
    return redirect("reviews:report", code, unit_code)
