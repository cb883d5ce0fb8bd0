from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.orgunits import selectors as units
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.reports import services
from tochuc.reports.figures import structure_figures
from tochuc.reports.selectors import structure


def _chosen_unit(request: AuthedRequest, roots: Sequence[OrgUnit] | None = None) -> OrgUnit | None:
    """The unit named by ``?unit=`` (404 outside scope), else the first unit of the user's scope."""
    code = request.GET.get("unit", "").strip().upper()
    if code:
        return get_unit_for(request.user, code)
    roots = units.scope_roots(request.user) if roots is None else roots
    return roots[0] if roots else None


@login_required
def index(request: AuthedRequest) -> HttpResponse:
    return render(request, "reports/index.html")


@login_required
def structure_report(request: AuthedRequest) -> HttpResponse:
    roots = units.scope_roots(request.user)
    unit = _chosen_unit(request, roots)
    context: dict[str, object] = {"roots": roots, "unit": unit}
    if unit is not None:
        data = structure(request.user, unit)
        context.update(
            data=data,
            figures=structure_figures(data),
            crumbs=units.breadcrumbs(request.user, unit),
            children=units.children_of(request.user, unit),
        )
    return render(request, "reports/structure.html", context)


@login_required
def structure_export(request: AuthedRequest) -> HttpResponse:
    unit = _chosen_unit(request)
    if unit is None:
        return structure_report(request)
    content = services.structure_export(actor=request.user, unit=unit)
    return xlsx_attachment(content, f"co-cau-doi-ngu-{unit.code}")
