"""Pages of training needs and the reports (needs by unit and kind, people lacking a post standard)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.charts import Bar, bar_chart
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import scope_roots
from tochuc.training import selectors
from tochuc.training.documents import report_xlsx
from tochuc.training.forms import NeedsFilterForm, ReportForm, RequestForm
from tochuc.training.models import CourseKind
from tochuc.training.needs import TrainingNeed, people_per_kind
from tochuc.training.permissions import can_manage_courses
from tochuc.training.rules import get_pack


def _initial_unit(request: AuthedRequest) -> dict[str, str]:
    roots = scope_roots(request.user)
    return {"unit": roots[0].code if roots else ""}


def kind_chart(needs: list[TrainingNeed], chart_id: str = "needs-by-kind") -> str:
    counts = people_per_kind(needs)
    return bar_chart(
        [Bar(str(CourseKind(k).label), counts[k]) for k in CourseKind.values if counts[k]],
        chart_id=chart_id,
        title=_("Số người cần đào tạo, bồi dưỡng theo loại lớp"),
        description=_("Mỗi người được đếm một lần cho mỗi loại lớp."),
    )


def _with_unit_names(needs: list[TrainingNeed]) -> list[tuple[TrainingNeed, str]]:
    names = selectors.unit_names(needs)
    return [(need, names.get(need.unit_id, "")) for need in needs]


@login_required
@require_GET
def needs_list(request: AuthedRequest) -> HttpResponse:
    """The needs of a unit's subtree, person by person, each with its reason."""
    form = NeedsFilterForm(request.GET or None, initial=_initial_unit(request))
    unit: OrgUnit | None = None
    needs: list[TrainingNeed] = []
    if form.is_valid():
        unit = get_unit_for(request.user, form.cleaned_data["unit"].strip().upper())
        needs = selectors.needs_for(
            request.user, unit, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"]
        )
    page = Paginator(needs, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = {k: str(v) for k, v in request.GET.items() if k != "page"}
    return render(
        request,
        "training/needs.html",
        {
            "form": form,
            "unit": unit,
            "needs": needs,
            "page": page,
            "rows": _with_unit_names(list(page.object_list)),
            "query": urlencode(query),
            "may_manage": unit is not None and can_manage_courses(request.user, unit),
            "chart": kind_chart(needs) if needs else "",
            "request_form": RequestForm(),
            "pack": get_pack(),
        },
    )


@login_required
@require_GET
def reports(request: AuthedRequest) -> HttpResponse:
    """Needs by unit and kind, people lacking a standard of their post, with a chart and Excel."""
    form = ReportForm(request.GET or None, initial=_initial_unit(request))
    unit: OrgUnit | None = None
    needs: list[TrainingNeed] = []
    if form.is_valid():
        unit = get_unit_for(request.user, form.cleaned_data["unit"].strip().upper())
        needs = selectors.needs_for(request.user, unit)
    by_unit = selectors.needs_by_child(unit, needs) if unit else []
    lacking = selectors.lacking_post_standard(needs)
    page = Paginator(lacking, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = [k for k in CourseKind.values if any(row.by_kind[k] for row in by_unit)]
    return render(
        request,
        "training/reports.html",
        {
            "form": form,
            "unit": unit,
            "kinds": [(k, CourseKind(k).label) for k in kinds],
            "rows": [(row, [row.by_kind[k] for k in kinds]) for row in by_unit],
            "lacking_rows": _with_unit_names(list(page.object_list)),
            "chart": kind_chart(needs, "report-by-kind") if needs else "",
            "query": urlencode({"unit": unit.code}) if unit else "",
            "page": page,
        },
    )


@login_required
@require_GET
def report_export(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    needs = selectors.needs_for(request.user, unit)
    content = report_xlsx(unit, selectors.needs_by_child(unit, needs), needs, selectors.unit_names(needs))
    export_record(
        actor=request.user,
        kind="training.report_export",
        target=unit,
        unit_path=unit.path,
        rows=len(needs),
        details={"unit": unit.code},
        label=unit.name,
    )
    return xlsx_attachment(content, f"nhu-cau-dao-tao-{unit.code}")
