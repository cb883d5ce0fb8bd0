"""Dashboards: a unit's tasks by status with escalation, a directive's matrix, on-time rates."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, CharField, Count, Value, When
from django.db.models.functions import Substr
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, has_any
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.directives import selectors
from tochuc.directives.forms import TaskFilterForm
from tochuc.directives.models import Task, TaskStatus
from tochuc.directives.status import STATUS_ORDER
from tochuc.directives.views.common import decorate, status_label, today
from tochuc.orgunits.models import PATH_STEP, OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import breadcrumbs, scope_roots
from tochuc.reports.charts import Bar, Series, StackedRow, bar_chart, stacked_bar_chart

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


def _counts_and_branches(
    qs: Any, unit: OrgUnit
) -> tuple[dict[str, int], list[tuple[OrgUnit, dict[str, int]]]]:
    """Counts by status of all of ``qs``, and per child unit of ``unit`` (tasks the unit leads
    itself on its own row), from one grouped query."""
    width = len(unit.path) + PATH_STEP
    rows = (
        qs.order_by()
        .annotate(
            branch=Case(
                When(lead_path__startswith=unit.path, then=Substr("lead_path", 1, width)),
                default=Value(""),
                output_field=CharField(),
            )
        )
        .values("branch", "status")
        .annotate(n=Count("id"))
    )
    totals = {s.value: 0 for s in TaskStatus}
    by_branch: dict[str, dict[str, int]] = defaultdict(lambda: {s.value: 0 for s in TaskStatus})
    for row in rows:
        totals[row["status"]] += row["n"]
        if row["branch"]:
            branch = row["branch"] if len(row["branch"]) == width else unit.path
            by_branch[branch][row["status"]] += row["n"]
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(by_branch))}
    return totals, [(units[p], by_branch[p]) for p in sorted(by_branch) if p in units]


def _rows(user: Actor, ids: list[int]) -> list[Task]:
    """The tasks with these ids, in this order, with what the lists show (a second, narrow query:
    sorting ids alone is much cheaper than sorting whole rows)."""
    found = {
        t.pk: t
        for t in selectors.tasks_for(user)
        .filter(pk__in=ids)
        .select_related("assigned_by")
        .defer("directive__body", "directive__recipients")
    }
    return decorate(found[pk] for pk in ids if pk in found)


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    unit = _unit_from_request(request)
    form = TaskFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    base = selectors.tasks_for(request.user, unit=unit)
    counts, branches = _counts_and_branches(base, unit)
    listed = selectors.tasks_for(request.user, unit=unit, status=status or None)
    paginator = Paginator(listed.values_list("pk", flat=True), settings.TOCHUC_PAGE_SIZE)
    # The total is already known from the counts: no COUNT query.
    paginator.__dict__["count"] = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = cast(Any, _rows(request.user, list(page.object_list)))
    escalated_ids = list(
        selectors.overdue_in_subtree(request.user, unit)
        .exclude(lead_unit=unit)
        .values_list("pk", flat=True)[: ESCALATED_ON_PAGE + 1]
    )
    escalated = _rows(request.user, escalated_ids[:ESCALATED_ON_PAGE])
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
            "total": sum(counts.values()),
            "chart": chart,
            "branch_chart": branch_chart,
            "branches": [(u, [c[code] for code in order], sum(c.values())) for u, c in branches],
            "page": page,
            "query": urlencode(params),
            "escalated": escalated,
            "escalated_more": len(escalated_ids) > ESCALATED_ON_PAGE,
            "may_register": has_any(request.user, Action.EDIT),
        },
    )


@dataclass
class Cell:
    status: str = ""
    label: str = ""
    percent: int | None = None
    role: str = ""  # "lead", "child" (leads a part), "coop"
    task_id: int | None = None
    count: int = 0


@dataclass
class MatrixRow:
    unit: OrgUnit
    cells: list[Cell] = field(default_factory=list)


def _worse(a: str, b: str) -> bool:
    rank = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    return rank.get(a, 99) < rank.get(b, 99)


@login_required
@require_GET
def matrix(request: AuthedRequest, pk: int) -> HttpResponse:
    directive = selectors.get_directive_for(request.user, pk)
    visible = decorate(
        selectors.tasks_for(request.user, directive=directive)
        .prefetch_related("cooperating_units")
        .order_by("pk")
    )
    parents = dict(Task.objects.filter(directive=directive).values_list("pk", "parent_id"))

    def top_of(pk: int) -> int:
        seen = 0
        while parents.get(pk) is not None and seen < 50:
            pk, seen = parents[pk], seen + 1
        return pk

    columns = [t for t in visible if t.parent_id is None]
    index = {t.pk: i for i, t in enumerate(columns)}
    rows: dict[int, MatrixRow] = {}
    for task in visible:
        column = index.get(top_of(task.pk))
        if column is None:
            continue
        role = "lead" if task.parent_id is None else "child"
        units = [(task.lead_unit, role)] if task.lead_unit else []
        units += [(u, "coop") for u in task.cooperating_units.all()]
        for unit, unit_role in units:
            row = rows.setdefault(unit.pk, MatrixRow(unit, [Cell() for _ in columns]))
            cell = row.cells[column]
            code = task.status_code  # type: ignore[attr-defined]
            if unit_role == "coop":
                if not cell.role:
                    cell.role, cell.task_id = "coop", task.pk
                continue
            cell.count += 1
            if (
                cell.role in ("", "coop")
                or _worse(code, cell.status)
                or (unit_role == "lead" and cell.role != "lead")
            ):
                cell.status, cell.label, cell.percent = code, status_label(code), task.percent
                cell.role, cell.task_id = unit_role, task.pk
    ordered = sorted(rows.values(), key=lambda r: r.unit.path)
    page = Paginator(ordered, MATRIX_UNITS_ON_PAGE).get_page(request.GET.get("page"))
    legend = [(s.value, s.label, STATUS_COLOURS[s.value]) for s in STATUS_ORDER]
    return render(
        request,
        "directives/matrix.html",
        {"directive": directive, "columns": columns, "page": page, "legend": legend, "query": ""},
    )


def last_quarters(day: dt.date, n: int = 4) -> list[tuple[str, dt.date, dt.date]]:
    """The ``n`` quarters ending with the one ``day`` falls in, oldest first."""
    year, quarter = day.year, (day.month - 1) // 3 + 1
    found = []
    for _i in range(n):
        start = dt.date(year, 3 * quarter - 2, 1)
        end = dt.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - dt.timedelta(days=1)
        found.append((f"Q{quarter}/{year}", start, end))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return list(reversed(found))


@login_required
@require_GET
def on_time(request: AuthedRequest) -> HttpResponse:
    unit = _unit_from_request(request)
    try:
        n = min(max(int(request.GET.get("n", "4")), 1), 12)
    except ValueError:
        n = 4
    periods = last_quarters(today(), n)
    rows = selectors.on_time_rate_by_unit(request.user, unit, periods)
    table: dict[int, dict[str, Any]] = {}
    totals = [[0, 0] for _ in periods]
    labels = [p[0] for p in periods]
    for row in rows:
        entry = table.setdefault(row["unit"].pk, {"unit": row["unit"], "cells": [], "due": 0, "on_time": 0})
        entry["cells"].append(row)
        entry["due"] += row["due"]
        entry["on_time"] += row["on_time"]
        i = labels.index(row["period"])
        totals[i][0] += row["due"]
        totals[i][1] += row["on_time"]
    units = [e for e in table.values()]
    for e in units:
        e["rate"] = round(100 * e["on_time"] / e["due"], 1) if e["due"] else None
    series = [
        Series(_("Hoàn thành đúng hạn"), STATUS_COLOURS[TaskStatus.DONE_ON_TIME]),
        Series(_("Chưa đúng hạn"), STATUS_COLOURS[TaskStatus.OVERDUE]),
    ]
    unit_chart = stacked_bar_chart(
        [
            StackedRow(e["unit"].short_name or e["unit"].name, [e["on_time"], e["due"] - e["on_time"]])
            for e in units
        ],
        series=series,
        chart_id="ontime-units",
        title=_("Tỷ lệ hoàn thành đúng hạn theo đơn vị, %(a)s–%(b)s") % {"a": labels[0], "b": labels[-1]},
        description=_("Mỗi thanh là toàn bộ số nhiệm vụ đến hạn của đơn vị trong giai đoạn."),
    )
    trend = [
        (label, due, done, round(100 * done / due, 1) if due else None)
        for label, (due, done) in zip(labels, totals, strict=True)
    ]
    trend_chart = stacked_bar_chart(
        [StackedRow(label, [done, due - done]) for label, due, done, _rate in trend],
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
            "units": units,
            "trend": trend,
            "unit_chart": unit_chart,
            "trend_chart": trend_chart,
            "n": n,
        },
    )
