"""Dashboards: a unit's tasks by status with escalation, a directive's matrix, on-time rates."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.dates import today
from tochuc.core.documents.charts import Bar, Series, StackedRow, bar_chart, stacked_bar_chart
from tochuc.directives import dashboards, selectors
from tochuc.directives.dashboards import status_label
from tochuc.directives.forms import TaskFilterForm
from tochuc.directives.matrix import directive_matrix
from tochuc.directives.models import TaskStatus
from tochuc.directives.on_time import last_quarters
from tochuc.directives.on_time import on_time as on_time_of
from tochuc.directives.permissions import get_directive_for
from tochuc.directives.status import STATUS_ORDER, stored_status_q
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import breadcrumbs, scope_roots

# The colours every page and chart gives a status (UI.md); the label always goes with them.
STATUS_COLOURS: dict[str, str] = {
    TaskStatus.OVERDUE: "#b42318",
    TaskStatus.AT_RISK: "#a86a00",
    TaskStatus.NOT_STARTED: "#8a929c",
    TaskStatus.ON_TRACK: "#2e7d32",
    TaskStatus.DONE_LATE: "#6f7f99",
    TaskStatus.DONE_ON_TIME: "#4a6a8a",
}
ESCALATED_ON_PAGE = 20
MATRIX_UNITS_ON_PAGE = 40


def _unit_from_request(request: AuthedRequest) -> OrgUnit:
    code = (request.GET.get("unit") or "").strip().upper()
    if code:
        return get_unit_for(request.user, code)
    roots = scope_roots(request.user)
    if not roots:
        raise Http404
    return roots[0]


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    unit = _unit_from_request(request)
    form = TaskFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    day = today()
    counted = dashboards.status_counts(request.user, unit, today=day)
    counts, branches = counted.totals, counted.branches
    # The page is read status by status in deadline order (never the whole scope sorted); the rows
    # before it are skipped by the counts when they were counted live for this page.
    listed = selectors.scoped_tasks(request.user, unit=unit)
    ids = dashboards.TaskIds(
        lambda s: listed.filter(stored_status_q(s, day)),
        [status] if status else [s.value for s in STATUS_ORDER],
        counts.get(status, 0) if status else sum(counts.values()),
        None if counted.as_of else counts,
        day,
    )
    page = Paginator(ids, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    escalated_ids = list(
        selectors.overdue_in_subtree(request.user, unit, today=day)
        .exclude(lead_unit=unit)
        .values_list("pk", flat=True)[: ESCALATED_ON_PAGE + 1]
    )
    rows, escalated = dashboards.task_lists_by_id(
        request.user, list(page.object_list), escalated_ids[:ESCALATED_ON_PAGE]
    )
    order = [s.value for s in STATUS_ORDER]
    summary = [(code, status_label(code), counts.get(code, 0), STATUS_COLOURS[code]) for code in order]
    series = [Series(label, colour) for _code, label, _n, colour in summary]
    chart = bar_chart(
        [Bar(label, n, colour) for _code, label, n, colour in summary],
        chart_id="status-chart",
        title=_("Nhiệm vụ theo tình trạng"),
        description=_("Số nhiệm vụ của %(unit)s theo tình trạng.") % {"unit": unit.name},
    )
    branch_chart = (
        stacked_bar_chart(
            [StackedRow(u.short_name or u.name, [c[code] for code in order]) for u, c in branches[:30]],
            series=series,
            chart_id="branch-chart",
            title=_("Tình trạng nhiệm vụ theo đơn vị trực thuộc"),
            normalise=False,
        )
        if len(branches) > 1
        else None
    )
    params = {k: v for k, v in {"unit": request.GET.get("unit", ""), "status": status}.items() if v}
    return render(
        request,
        "directives/dashboard.html",
        {
            "unit": unit,
            "crumbs": breadcrumbs(request.user, unit),
            "roots": scope_roots(request.user),
            "form": form,
            "status": status,
            "summary": summary,
            "total": counted.total,
            "as_of": counted.as_of,
            "chart": chart,
            "branch_chart": branch_chart,
            "branches": [(u, [c[code] for code in order], sum(c.values())) for u, c in branches],
            "page": page,
            "rows": rows,
            "query": urlencode(params),
            "escalated": escalated,
            "escalated_more": len(escalated_ids) > ESCALATED_ON_PAGE,
            "may_register": has_any(request.user, Action.EDIT),
        },
    )


@login_required
@require_GET
def matrix(request: AuthedRequest, pk: int) -> HttpResponse:
    directive = get_directive_for(request.user, pk)
    found = directive_matrix(request.user, directive)
    page = Paginator(found.rows, MATRIX_UNITS_ON_PAGE).get_page(request.GET.get("page"))
    legend = [(s.value, s.label, STATUS_COLOURS[s.value]) for s in STATUS_ORDER]
    return render(
        request,
        "directives/matrix.html",
        {"directive": directive, "columns": found.columns, "page": page, "legend": legend, "query": ""},
    )


@login_required
@require_GET
def on_time(request: AuthedRequest) -> HttpResponse:
    unit = _unit_from_request(request)
    try:
        n = min(max(int(request.GET.get("n", "4")), 1), 12)
    except ValueError:
        n = 4
    periods = last_quarters(today(), n)
    labels = [p[0] for p in periods]
    found = on_time_of(request.user, unit, periods)
    series = [
        Series(_("Hoàn thành đúng hạn"), STATUS_COLOURS[TaskStatus.DONE_ON_TIME]),
        Series(_("Chưa đúng hạn"), STATUS_COLOURS[TaskStatus.OVERDUE]),
    ]
    unit_chart = stacked_bar_chart(
        [StackedRow(e.unit.short_name or e.unit.name, [e.on_time, e.due - e.on_time]) for e in found.units],
        series=series,
        chart_id="ontime-units",
        title=_("Tỷ lệ hoàn thành đúng hạn theo đơn vị, %(a)s–%(b)s") % {"a": labels[0], "b": labels[-1]},
        description=_("Mỗi thanh là toàn bộ số nhiệm vụ đến hạn của đơn vị trong giai đoạn."),
    )
    trend_chart = stacked_bar_chart(
        [StackedRow(t.label, [t.on_time, t.due - t.on_time]) for t in found.trend],
        series=series,
        chart_id="ontime-trend",
        title=_("Nhiệm vụ đến hạn của %(unit)s theo quý") % {"unit": unit.name},
        description=_("Độ dài thanh là số nhiệm vụ đến hạn trong quý; phần xanh là số hoàn thành đúng hạn."),
        normalise=False,
    )
    return render(
        request,
        "directives/on_time.html",
        {
            "unit": unit,
            "crumbs": breadcrumbs(request.user, unit),
            "periods": labels,
            "units": found.units,
            "trend": found.trend,
            "unit_chart": unit_chart,
            "trend_chart": trend_chart,
            "n": n,
        },
    )
