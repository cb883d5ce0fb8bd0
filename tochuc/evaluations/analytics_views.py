"""Pages of the inflation analytics: the unit-by-unit picture, drill-down and the Excel export."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.core.actors import AuthedRequest
from tochuc.core.documents import charts
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.evaluations import analytics as selectors
from tochuc.evaluations.analytics_export import analytics_export as export_service
from tochuc.evaluations.models import RATING_SHORT, EvaluationCycle, Rating
from tochuc.evaluations.permissions import get_analysed_cycle_for
from tochuc.orgunits import selectors as units
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for

UNRATED_COLOUR = "#b8bec6"
# The most cycles offered in the chooser.
CYCLE_CHOICES = 40
# A drawn chart is kept this long, under a key made of everything drawn: other figures, another key.
CHART_CACHE_SECONDS = 600


def _series() -> list[charts.Series]:
    colours: dict[str, str] = {
        Rating.EXCELLENT: charts.EXCELLENT,
        Rating.GOOD: charts.GOOD,
        Rating.COMPLETED: charts.COMPLETED,
        Rating.NOT_COMPLETED: charts.NOT_COMPLETED,
    }
    return [charts.Series(f"{RATING_SHORT[r]}", colours[r]) for r in selectors.RATINGS] + [
        charts.Series(_("Chưa xếp loại"), UNRATED_COLOUR)
    ]


def distribution_chart(data: selectors.Analytics) -> SafeString:
    """The stacked bars of the rows; the figures themselves are in the table below it."""
    rows = [
        charts.StackedRow(
            _("%(name)s (trực tiếp)") % {"name": r.unit.short_name or r.unit.name}
            if r.own
            else (r.unit.short_name or r.unit.name),
            [*(r.dist.count(rating) for rating in selectors.RATINGS), r.dist.unrated],
        )
        for r in data.rows
    ]
    series = _series()
    title = _("Xếp loại cá nhân theo đơn vị trực thuộc — %(unit)s") % {"unit": data.unit.name}
    description = " ".join(
        [
            _("Mỗi thanh là một đơn vị trực thuộc, chia theo mức xếp loại hiện tại của cá nhân."),
            _("Số liệu của từng đơn vị có trong bảng «Từng đơn vị» bên dưới."),
        ]
    )
    drawn = [
        get_language(),
        title,
        description,
        [[s.label, s.colour] for s in series],
        [[r.label, *r.values] for r in rows],
    ]
    digest = hashlib.sha256(json.dumps(drawn, ensure_ascii=False).encode()).hexdigest()
    key = f"evaluations:analytics:chart:1:{digest}"
    svg: str | None = cache.get(key)
    if svg is None:
        svg = str(
            charts.stacked_bar_chart(
                rows,
                series=series,
                chart_id="analytics-distribution",
                title=title,
                description=description,
                width=760,
                summary=False,
            )
        )
        cache.set(key, svg, CHART_CACHE_SECONDS)
    # Only a chart drawn above is kept under this key; every text in it was escaped when drawn.
    return mark_safe(svg)


def _cycles(request: AuthedRequest) -> list[EvaluationCycle]:
    return list(selectors.visible_cycles(request.user)[:CYCLE_CHOICES])


def _cycle(request: AuthedRequest, cycles: list[EvaluationCycle], code: str) -> EvaluationCycle:
    """The cycle ``code`` among those offered, else looked up (404 outside the user's reach)."""
    found = next((c for c in cycles if c.code == code), None)
    return found or get_analysed_cycle_for(request.user, code)


def _render(
    request: AuthedRequest,
    cycle: EvaluationCycle | None,
    unit: OrgUnit | None,
    cycles: list[EvaluationCycle] | None = None,
) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {
        "cycle": cycle,
        "unit": unit,
        "cycles": _cycles(request) if cycles is None else cycles,
        "roots": units.scope_roots(user),
        "rating_labels": [(RATING_SHORT[r], Rating(r).label) for r in selectors.RATINGS],
    }
    if cycle is not None and unit is not None:
        data = selectors.analytics_for(user, cycle, unit)
        context.update(
            data=data,
            chart=distribution_chart(data) if data.rows else None,
            crumbs=units.breadcrumbs(user, unit),
            flag_labels=selectors.FLAG_LABELS,
        )
    return render(request, "evaluations/analytics/index.html", context)


@login_required
@require_GET
def analytics(request: AuthedRequest) -> HttpResponse:
    """The landing page: ``?cycle=`` (default: the latest the user can see) and ``?unit=`` (default: their top unit)."""
    code = request.GET.get("cycle", "").strip()
    cycles = _cycles(request)
    cycle = _cycle(request, cycles, code) if code else (cycles[0] if cycles else None)
    unit_code = request.GET.get("unit", "").strip().upper()
    unit: OrgUnit | None = None
    if unit_code:
        unit = get_unit_for(request.user, unit_code)
    elif cycle is not None:
        unit = selectors.default_unit(request.user, cycle)
    return _render(request, cycle, unit, cycles)


@login_required
@require_GET
def analytics_unit(request: AuthedRequest, cycle: str, unit: str) -> HttpResponse:
    """One unit of one cycle: the drill-down target."""
    cycles = _cycles(request)
    return _render(request, _cycle(request, cycles, cycle), get_unit_for(request.user, unit.upper()), cycles)


@login_required
@require_GET
def analytics_export(request: AuthedRequest, cycle: str, unit: str) -> HttpResponse:
    chosen_cycle = get_analysed_cycle_for(request.user, cycle)
    chosen_unit = get_unit_for(request.user, unit.upper())
    data = selectors.analytics_for(request.user, chosen_cycle, chosen_unit)
    content = export_service(actor=request.user, data=data)
    return xlsx_attachment(content, f"phan-tich-xep-loai-{chosen_cycle.code}-{chosen_unit.code}")
