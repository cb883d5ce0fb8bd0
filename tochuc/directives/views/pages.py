"""Directive and task pages: the register, one directive, one task and the forms acting on it."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.core.text import fold
from tochuc.directives import selectors, services
from tochuc.directives.dashboards import TaskRow, parts_of, status_label, status_of, task_rows
from tochuc.directives.forms import (
    AssignForm,
    BaseBreakDownRows,
    BreakDownRows,
    DirectiveSearchForm,
    ProgressForm,
    QualityForm,
)
from tochuc.directives.models import Directive, Task
from tochuc.directives.permissions import (
    can_assign_task,
    can_break_down_task,
    can_edit_directive,
    can_rate_task,
    can_report_task,
    get_directive_for,
    get_task_for,
    why_not_report,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.people.models import Person
from tochuc.people.permissions import get_person_for


def search_directives(user: Actor, query: str) -> QuerySet[Directive]:
    """The user's directives whose number-symbol or title contains every word typed, diacritics ignored."""
    qs = selectors.directive_list_for(user)
    terms = fold(query).split()
    if not terms:
        return qs
    ids = [
        pk
        for pk, number_symbol, title in qs.values_list("pk", "number_symbol", "title")
        if all(t in fold(f"{number_symbol} {title}") for t in terms)
    ]
    return qs.filter(pk__in=ids)


@login_required
@require_GET
def directive_list(request: AuthedRequest) -> HttpResponse:
    form = DirectiveSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    qs = search_directives(request.user, query).select_related("unit")
    page = Paginator(qs, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "directives/list.html",
        {
            "form": form,
            "page": page,
            "q": query,
            "query": urlencode({"q": query}) if query else "",
            "may_register": has_any(request.user, Action.EDIT),
        },
    )


def _task_rows(tasks: QuerySet[Task], user: Actor | None = None) -> list[TaskRow]:
    # Whether the reader may assign a task is decided on its assigning unit, read with it.
    related = (
        ("lead_unit", "responsible_person", "assigned_by")
        if user is not None
        else ("lead_unit", "responsible_person")
    )
    return task_rows(tasks.select_related(*related).prefetch_related("cooperating_units"), user=user)


@login_required
@require_GET
def directive_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    directive = get_directive_for(request.user, pk)
    tasks = _task_rows(
        selectors.tasks_for(request.user, directive=directive).filter(parent__isnull=True).order_by("pk"),
        request.user,
    )
    return render(
        request,
        "directives/detail.html",
        {
            "directive": directive,
            "tasks": tasks,
            "may_edit": can_edit_directive(request.user, directive),
        },
    )


@login_required
def task_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    return _task_page(request, task)


def _task_page(
    request: AuthedRequest,
    task: Task,
    *,
    progress_form: ProgressForm | None = None,
    quality_form: QualityForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    code = status_of(task)
    parts = parts_of(user, task)
    reporting = can_report_task(user, task)
    rating = can_rate_task(user, task)
    return render(
        request,
        "directives/task.html",
        {
            "task": task,
            "directive": task.directive,
            "status_code": code,
            "status_text": status_label(code),
            "reports": list(task.reports.select_related("submitted_by")),
            "children": parts.children,
            "rollup": parts.rollup,
            "may_assign": can_assign_task(user, task),
            "may_break_down": can_break_down_task(user, task),
            # The dashboard link names the lead unit only for a reader who may open its dashboard.
            "dashboard_unit": task.lead_unit
            if task.lead_unit is not None and can(user, Action.VIEW, task.lead_unit)
            else None,
            "progress_form": progress_form or (ProgressForm() if reporting else None),
            "why_not_report": None if reporting else why_not_report(user, task),
            "quality_form": quality_form
            or (
                QualityForm(initial={"quality": task.quality, "note": task.quality_note}) if rating else None
            ),
        },
        status=status,
    )


def _assign_initial(task: Task) -> dict[str, object]:
    return {
        "lead_unit": task.lead_unit_id,
        "cooperating_units": [u.pk for u in task.cooperating_units.all()],
        "responsible_person": task.responsible_person.code if task.responsible_person else "",
        "deadline": task.deadline,
        "report_period": task.report_period,
        "product_kind": task.product_kind,
        "product": task.product,
    }


@login_required
def task_assign(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    if not can_assign_task(request.user, task):
        raise Http404
    units = chooser_units(request.user, Action.VIEW, within=task.assigned_by)
    form = AssignForm(request.POST or None, initial=_assign_initial(task), units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        lead: OrgUnit | None = data["lead_unit"]
        person: Person | None = None
        if data["lead_unit_code"].strip():
            try:
                lead = get_unit_for(request.user, data["lead_unit_code"].strip().upper())
            except Http404:
                form.add_error("lead_unit_code", _("Không tìm thấy đơn vị có mã này trong phạm vi của bạn."))
        if data["responsible_person"].strip():
            try:
                person = get_person_for(request.user, data["responsible_person"].strip().upper())
            except Http404:
                form.add_error(
                    "responsible_person", _("Không tìm thấy người có mã này trong phạm vi của bạn.")
                )
        if not form.errors:
            try:
                services.task_assign(
                    actor=request.user,
                    task=task,
                    lead_unit=lead,  # type: ignore[arg-type]
                    cooperating_units=list(data["cooperating_units"]),
                    responsible_person=person,
                    deadline=data["deadline"],
                    report_period=data["report_period"],
                    product_kind=data["product_kind"],
                    product=data["product"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                assert lead is not None
                messages.success(
                    request,
                    _("Đã giao nhiệm vụ %(no)s cho %(unit)s chủ trì.") % {"no": task.no, "unit": lead.name},
                )
                return redirect("directives:detail", pk=task.directive_id)
    return render(
        request, "directives/assign.html", {"form": form, "task": task, "directive": task.directive}
    )


@login_required
def task_break_down(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    if not can_break_down_task(request.user, task) or task.lead_unit is None:
        raise Http404
    units = chooser_units(request.user, Action.VIEW, within=task.lead_unit)
    rows = BreakDownRows(request.POST or None, prefix="items", form_kwargs={"units": units})
    if request.method == "POST" and rows.is_valid():
        items = cast(BaseBreakDownRows, rows).items()
        missing = [i for i, item in enumerate(items, start=1) if item["lead_unit"] is None]
        if missing:
            rows._non_form_errors = rows.error_class(  # type: ignore[attr-defined]
                [_("Chọn đơn vị chủ trì cho mỗi nhiệm vụ cụ thể.")]
            )
        else:
            try:
                created = services.task_break_down(actor=request.user, task=task, items=items)
            except DomainError as exc:
                rows._non_form_errors = rows.error_class([exc.message])  # type: ignore[attr-defined]
            else:
                messages.success(
                    request,
                    _("Đã cụ thể hóa nhiệm vụ %(no)s thành %(n)s nhiệm vụ.")
                    % {"no": task.no, "n": len(created)},
                )
                return redirect("directives:task", pk=task.pk)
    return render(
        request, "directives/break_down.html", {"rows": rows, "task": task, "directive": task.directive}
    )


@login_required
@require_POST
def progress_submit(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    if not can_report_task(request.user, task):
        raise Http404
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_report_submit(
                actor=request.user,
                task=task,
                percent=data["percent"],
                narrative=data["narrative"],
                reported_on=data["reported_on"],
                period_end=data["period_end"],
                attachment=data["attachment"],
                is_final=data["is_final"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã gửi báo cáo tiến độ %(p)s%% cho nhiệm vụ %(no)s.")
                % {"p": data["percent"], "no": task.no},
            )
            return redirect("directives:task", pk=task.pk)
    return _task_page(request, task, progress_form=form, status=400)


@login_required
@require_POST
def task_rate(request: AuthedRequest, pk: int) -> HttpResponse:
    task = get_task_for(request.user, pk)
    if not can_rate_task(request.user, task):
        raise Http404
    form = QualityForm(request.POST)
    if form.is_valid():
        try:
            services.task_rate_quality(
                actor=request.user,
                task=task,
                quality=form.cleaned_data["quality"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã đánh giá chất lượng nhiệm vụ %(no)s.") % {"no": task.no})
            return redirect("directives:task", pk=task.pk)
    return _task_page(request, task, quality_form=form, status=400)
