from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person
from tochuc.people.permissions import get_person_for
from tochuc.positions import reports, selectors, services
from tochuc.positions.forms import (
    AssignConfirmForm,
    AssignmentEndForm,
    DutyHolderForm,
    ManyPostsForm,
    PositionCreateForm,
    PositionFilterForm,
    PositionForm,
)
from tochuc.positions.permissions import (
    can_edit_position,
    get_assignment_for,
    get_duty_for,
    get_position_for,
)
from tochuc.positions.requirements import RequirementsNotMet, Shortfall


def _unit_or_404(request: AuthedRequest, code: str) -> OrgUnit | None:
    return get_unit_for(request.user, code.strip().upper()) if code.strip() else None


@login_required
@require_GET
def position_list(request: AuthedRequest) -> HttpResponse:
    form = PositionFilterForm(request.GET or None)
    unit_code, group = "", ""
    if form.is_valid():
        unit_code, group = form.cleaned_data["unit"], form.cleaned_data["group"]
    unit = _unit_or_404(request, unit_code)
    page = selectors.position_page(
        request.user,
        selectors.PositionFilter(unit=unit, group=group),
        request.GET.get("page"),
        settings.TOCHUC_PAGE_SIZE,
    )
    query = urlencode({k: v for k, v in {"unit": unit_code, "group": group}.items() if v})
    return render(
        request,
        "positions/list.html",
        {
            "form": form,
            "page": page.page,
            "rows": page.rows,
            "unit": unit,
            "query": query,
            "may_create": has_any(request.user, Action.EDIT),
        },
    )


@login_required
def position_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    position = get_position_for(request.user, pk)
    return render(
        request,
        "positions/detail.html",
        {
            "detail": selectors.position_detail(position),
            "position": position,
            "may_edit": can_edit_position(request.user, position),
        },
    )


@login_required
def position_create(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = PositionCreateForm(request.POST or None, initial={"unit_code": request.GET.get("unit", "")})
    if request.method == "POST" and form.is_valid():
        try:
            unit = get_unit_for(request.user, form.cleaned_data["unit_code"].strip().upper(), Action.EDIT)
        except Http404:
            form.add_error("unit_code", _("Không tìm thấy đơn vị trong phạm vi của bạn."))
        else:
            try:
                position = services.position_create(actor=request.user, unit=unit, **form.service_values())
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã tạo vị trí việc làm «%(name)s».") % {"name": position.name})
                return redirect("positions:detail", pk=position.pk)
    return render(request, "positions/form.html", {"form": form, "title": _("Thêm vị trí việc làm")})


@login_required
def position_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    position = get_position_for(request.user, pk, Action.EDIT)
    initial = {
        "name": position.name,
        "group": position.group,
        "title": position.title_id,
        "duties": "\n".join(d.text for d in position.duties.filter(retired_on__isnull=True)),
        "headcount_quota": position.headcount_quota,
        "min_degree": position.min_degree,
        "min_theory_level": position.min_theory_level,
        "min_experience_years": position.min_experience_years,
        "min_age": position.min_age,
        "max_age": position.max_age,
    }
    form = PositionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(actor=request.user, position=position, **form.service_values())
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã lưu vị trí việc làm."))
            return redirect("positions:detail", pk=position.pk)
    return render(
        request,
        "positions/form.html",
        {"form": form, "title": _("Sửa vị trí việc làm"), "position": position},
    )


def _person_by_code(request: AuthedRequest, code: str) -> Person | None:
    try:
        return get_person_for(request.user, code.strip().upper())
    except Http404:
        return None


@login_required
def assign(request: AuthedRequest, pk: int) -> HttpResponse:
    """Assign a person; unmet requirements are shown and need a confirmation with a justification."""
    position = get_position_for(request.user, pk, Action.EDIT)
    form = AssignConfirmForm(request.POST or None, initial={"person_code": request.GET.get("person", "")})
    warnings: list[Shortfall] = []
    person: Person | None = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = _person_by_code(request, data["person_code"])
        if person is None:
            form.add_error("person_code", _("Không tìm thấy người có mã này trong phạm vi của bạn."))
        else:
            try:
                services.assignment_create(
                    actor=request.user,
                    position=position,
                    person=person,
                    kind=data["kind"],
                    start=data["start"],
                    note=data["note"],
                    accept_warnings=data["accept_warnings"],
                    justification=data["justification"],
                )
            except RequirementsNotMet as exc:
                warnings = exc.warnings
            except DomainError as exc:
                show_domain_error(form, exc)
                if exc.field == "justification":
                    warnings = selectors.assignment_warnings(
                        position=position,
                        person=person,
                        kind=data["kind"],
                        on=data["start"] or timezone.localdate(),
                    )
            else:
                messages.success(
                    request,
                    _("Đã bố trí %(person)s vào vị trí «%(position)s».")
                    % {"person": person.full_name, "position": position.name},
                )
                return redirect("positions:detail", pk=position.pk)
    return render(
        request,
        "positions/assign.html",
        {"form": form, "position": position, "warnings": warnings, "person": person},
    )


@login_required
def assignment_end(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = get_assignment_for(request.user, pk, Action.EDIT)
    if assignment.end is not None:
        raise Http404
    form = AssignmentEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_end(
                actor=request.user,
                assignment=assignment,
                end=form.cleaned_data["end"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã kết thúc việc bố trí %(person)s ở vị trí «%(position)s».")
                % {"person": assignment.person.full_name, "position": assignment.position.name},
            )
            return redirect("positions:detail", pk=assignment.position_id)
    return render(request, "positions/end.html", {"form": form, "assignment": assignment})


@login_required
def duty_holder(request: AuthedRequest, pk: int) -> HttpResponse:
    duty = get_duty_for(request.user, pk, Action.EDIT)
    detail = selectors.position_detail(duty.position)
    choices = [
        (a.person.pk, f"{a.person.full_name} ({a.get_kind_display()})")
        for a in detail.holders + detail.acting
    ]
    form = DutyHolderForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        person = next(
            a.person for a in detail.holders + detail.acting if a.person.pk == form.cleaned_data["person"]
        )
        try:
            services.duty_holder_set(
                actor=request.user, duty=duty, person=person, start=form.cleaned_data["start"]
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("%(person)s chịu trách nhiệm nhiệm vụ «%(duty)s».")
                % {"person": person.full_name, "duty": duty.text},
            )
            return redirect("positions:detail", pk=duty.position_id)
    current = next((d.responsible for d in detail.duties if d.duty.pk == duty.pk), None)
    return render(
        request,
        "positions/duty_holder.html",
        {"form": form, "duty": duty, "position": duty.position, "current": current},
    )


def _report_params(request: AuthedRequest) -> tuple[ManyPostsForm, OrgUnit | None, int]:
    form = ManyPostsForm(request.GET or None)
    more_than, unit_code = 2, ""
    if form.is_valid():
        if form.cleaned_data["n"] is not None:
            more_than = form.cleaned_data["n"]
        unit_code = form.cleaned_data["unit"]
    return form, _unit_or_404(request, unit_code), more_than


REPORT_ROWS_ON_PAGE = 200


@login_required
@require_GET
def report_page(request: AuthedRequest) -> HttpResponse:
    form, root, more_than = _report_params(request)
    staffing = selectors.staffing_by_unit(request.user, root)
    vacant = selectors.vacancies(request.user, root)
    many = selectors.people_with_many_posts(request.user, more_than, root)
    unmet = selectors.unmet_requirements(request.user, root)
    params: dict[str, str] = {"n": str(more_than)}
    if root is not None:
        params["unit"] = root.code
    query = urlencode(params)
    return render(
        request,
        "positions/reports.html",
        {
            "form": form,
            "root": root,
            "more_than": more_than,
            "query": query,
            "limit": REPORT_ROWS_ON_PAGE,
            "staffing": staffing[:REPORT_ROWS_ON_PAGE],
            "staffing_total": len(staffing),
            "chart": reports.staffing_chart(staffing),
            "vacancies": vacant[:REPORT_ROWS_ON_PAGE],
            "vacancies_total": len(vacant),
            "many": many[:REPORT_ROWS_ON_PAGE],
            "many_total": len(many),
            "unmet": unmet[:REPORT_ROWS_ON_PAGE],
            "unmet_total": len(unmet),
            "may_create": has_any(request.user, Action.EDIT),
        },
    )


@login_required
@require_GET
def report_export(request: AuthedRequest, table: str) -> HttpResponse:
    if table not in reports.TABLES:
        raise Http404
    _form, root, more_than = _report_params(request)
    content = reports.report_export(actor=request.user, table=table, root=root, more_than=more_than)
    suffix = f"-{root.code}" if root else ""
    return xlsx_attachment(content, f"vi-tri-viec-lam-{table}{suffix}")
