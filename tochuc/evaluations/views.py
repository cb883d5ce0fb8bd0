"""Pages of the evaluation workflow: thin over selectors, permissions and services."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.evaluations import selectors, services
from tochuc.evaluations.forms import (
    AppraisalForm,
    CommentsForm,
    CycleOpenForm,
    DecisionForm,
    JustificationForm,
    ProgressFilterForm,
    SelfReviewForm,
)
from tochuc.evaluations.import_views import may_import
from tochuc.evaluations.models import Evaluation, EvaluationCycle
from tochuc.evaluations.permissions import (
    can_justify_unit,
    can_self_review_evaluation,
    get_cycle_for,
    get_evaluation_for,
    is_own,
)
from tochuc.evaluations.rules import Criterion, Severity, get_pack
from tochuc.evaluations.services.common import criteria_of
from tochuc.evaluations.steps import Step, open_steps, step_initial
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person

EXTRA_CSS = "tochuc/evaluations.css"


@login_required
@require_GET
def cycle_list(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "evaluations/cycle_list.html",
        {
            "cycles": selectors.cycle_list(request.user),
            "mine": selectors.my_evaluations(request.user),
            "may_open": has_any(request.user, Action.EDIT),
        },
    )


@login_required
def cycle_create(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            unit = get_unit_for(request.user, form.cleaned_data["unit_code"].strip().upper(), Action.EDIT)
        except Http404:
            form.add_error("unit_code", _("Không tìm thấy đơn vị trong phạm vi của bạn."))
        else:
            try:
                cycle = services.cycle_open(actor=request.user, unit=unit, **form.service_values())
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã mở đợt đánh giá «%(name)s».") % {"name": cycle.name})
                return redirect("evaluations:cycle", code=cycle.code)
    return render(request, "evaluations/cycle_form.html", {"form": form})


@login_required
@require_GET
def cycle_detail(request: AuthedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for(request.user, code)
    form = ProgressFilterForm(request.GET or None)
    unit_code, unfinished = "", False
    if form.is_valid():
        unit_code, unfinished = form.cleaned_data["unit"].strip().upper(), form.cleaned_data["unfinished"]
    unit = get_unit_for(request.user, unit_code) if unit_code else None
    page = selectors.unit_progress_page(
        request.user,
        cycle,
        selectors.ProgressFilter(unit=unit, unfinished=unfinished),
        request.GET.get("page"),
        settings.TOCHUC_PAGE_SIZE,
    )
    query = urlencode(
        {k: v for k, v in {"unit": unit_code, "unfinished": "on" if unfinished else ""}.items() if v}
    )
    return render(
        request,
        "evaluations/cycle_detail.html",
        {
            "cycle": cycle,
            "pack": get_pack(cycle.pack),
            "form": form,
            "page": page,
            "query": query,
            "totals": selectors.cycle_totals(request.user, cycle),
            "mine": selectors.my_evaluations(request.user).filter(cycle=cycle),
            "may_close": cycle.is_open and can(request.user, Action.EDIT, cycle.unit),
            "may_import": may_import(request.user, cycle),
        },
    )


@login_required
@require_POST
def cycle_close(request: AuthedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for(request.user, code)
    if not can(request.user, Action.EDIT, cycle.unit):
        raise Http404
    try:
        services.cycle_close(actor=request.user, cycle=cycle)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã kết thúc đợt đánh giá."))
    return redirect("evaluations:cycle", code=cycle.code)


def _unit_in_cycle(request: AuthedRequest, cycle: EvaluationCycle, unit_code: str) -> OrgUnit:
    unit = get_unit_for(request.user, unit_code.strip().upper())
    if not unit.path.startswith(cycle.unit.path):
        raise Http404
    return unit


@login_required
@require_POST
def unit_refresh_tasks(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    """Fill the task figures of a unit's open evaluations from the tracked directive tasks."""
    cycle = get_cycle_for(request.user, code)
    unit = _unit_in_cycle(request, cycle, unit_code)
    if not can(request.user, Action.EDIT, unit):
        raise Http404
    try:
        updated = services.evaluation_refresh_tasks(actor=request.user, cycle=cycle, unit=unit)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã cập nhật số liệu nhiệm vụ cho %(n)d phiếu đánh giá.") % {"n": updated}
        )
    return redirect("evaluations:cycle_unit", code=cycle.code, unit_code=unit.code)


@login_required
def cycle_unit(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    cycle = get_cycle_for(request.user, code)
    unit = _unit_in_cycle(request, cycle, unit_code)
    sheet = selectors.unit_sheet(cycle, unit, request.GET.get("page"), settings.TOCHUC_PAGE_SIZE)
    return render(
        request,
        "evaluations/cycle_unit.html",
        {
            "cycle": cycle,
            "unit": unit,
            "sheet": sheet,
            "page": sheet.page,
            "query": "",
            "may_justify": cycle.is_open and can_justify_unit(request.user, unit),
            "may_refresh_tasks": cycle.is_open and can(request.user, Action.EDIT, unit),
            "may_decide": cycle.is_open and can(request.user, Action.APPROVE, unit),
            "justify": Severity.JUSTIFY,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide_unit(request: AuthedRequest, code: str, unit_code: str) -> HttpResponse:
    """Decide the unit's appraised members at once; GET shows who would be decided, POST decides."""
    cycle = get_cycle_for(request.user, code)
    unit = _unit_in_cycle(request, cycle, unit_code)
    if not (cycle.is_open and can(request.user, Action.APPROVE, unit)):
        raise Http404
    result = None
    if request.method == "POST":
        try:
            result = services.decisions_for_unit(actor=request.user, cycle=cycle, unit=unit)
        except DomainError as exc:
            messages.error(request, exc.message)
    return render(
        request,
        "evaluations/decide_unit.html",
        {
            "cycle": cycle,
            "unit": unit,
            "ready": services.ready_to_decide(cycle, unit) if result is None else [],
            "result": result,
        },
    )


@login_required
@require_POST
def justify(request: AuthedRequest, code: str) -> HttpResponse:
    cycle = get_cycle_for(request.user, code)
    # Who may write here is settled before the form is read: a reader learns nothing from it.
    unit = _unit_in_cycle(request, cycle, str(request.POST.get("unit_code", ""))[:40])
    if not can_justify_unit(request.user, unit):
        raise Http404
    form = JustificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Cần ghi nội dung giải trình."))
        return redirect("evaluations:cycle_unit", code=cycle.code, unit_code=unit.code)
    person = None
    if form.cleaned_data["person_code"]:
        person = Person.objects.filter(code=form.cleaned_data["person_code"].strip().upper()).first()
        if person is None:
            raise Http404
    try:
        services.justification_write(
            actor=request.user,
            cycle=cycle,
            rule=form.cleaned_data["rule"],
            unit=unit,
            person=person,
            text=form.cleaned_data["text"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi giải trình."))
    return redirect("evaluations:cycle_unit", code=cycle.code, unit_code=unit.code)


def _criteria(evaluation: Evaluation) -> list[Criterion]:
    return criteria_of(evaluation.cycle.pack, evaluation.frame)


_FORM_CLASSES: dict[Step, type[forms.Form]] = {
    Step.COMMENTS: CommentsForm,
    Step.APPRAISAL: AppraisalForm,
    Step.DECISION: DecisionForm,
}


def _forms(
    request: AuthedRequest, evaluation: Evaluation, bound: dict[str, forms.Form]
) -> dict[str, forms.Form]:
    """The form of each step the user may take now; a form sent back with an error is shown whatever
    the stage, so its error is seen."""
    found: dict[str, forms.Form] = {}
    for step in open_steps(request.user, evaluation):
        initial = step_initial(step, evaluation)
        if step is Step.SELF:
            unbound: forms.Form = SelfReviewForm(criteria=_criteria(evaluation), initial=initial)
        else:
            unbound = _FORM_CLASSES[step](initial=initial)
        found[f"{step}_form"] = bound.get(step) or unbound
    for step in Step:
        if step in bound:
            found[f"{step}_form"] = bound[step]
    return found


def _render_evaluation(
    request: AuthedRequest,
    evaluation: Evaluation,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    criteria = _criteria(evaluation)
    points = evaluation.self_criteria or {}
    return render(
        request,
        "evaluations/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "cycle": evaluation.cycle,
            "criteria": [(c, points.get(c.key)) for c in criteria],
            "findings": selectors.evaluation_findings(evaluation)
            if not is_own_only(request, evaluation)
            else [],
            "timeline": selectors.timeline(evaluation),
            "may_view_unit": selectors.may_view_unit(request.user, evaluation.unit),
            **_forms(request, evaluation, bound or {}),
        },
        status=status,
    )


def is_own_only(request: AuthedRequest, evaluation: Evaluation) -> bool:
    """The cadre looking at their own file without any grant on the unit."""
    return is_own(request.user, evaluation) and not selectors.may_view_unit(request.user, evaluation.unit)


@login_required
@require_GET
def evaluation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_evaluation(request, get_evaluation_for(request.user, pk))


def _done(request: AuthedRequest, evaluation: Evaluation, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("evaluations:evaluation", pk=evaluation.pk)


@login_required
@require_POST
def self_review(request: AuthedRequest, pk: int) -> HttpResponse:
    evaluation = get_evaluation_for(request.user, pk)
    if not can_self_review_evaluation(request.user, evaluation):
        raise Http404
    form = SelfReviewForm(request.POST, criteria=_criteria(evaluation))
    if form.is_valid():
        try:
            services.self_review_submit(
                actor=request.user,
                evaluation=evaluation,
                criteria=form.criteria_values(),
                self_review=form.cleaned_data["self_review"],
                evidence=form.cleaned_data["evidence"],
                rating=form.cleaned_data["rating"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            return _done(request, evaluation, _("Đã ghi bản tự kiểm điểm."))
    return _render_evaluation(request, evaluation, {"self": form}, status=400)


def _record_step(
    request: AuthedRequest,
    pk: int,
    action: Action,
    form_class: type[forms.Form],
    record: Callable[..., object],
    form_key: str,
    done: str,
) -> HttpResponse:
    """One workflow step taken from a form: the service records it, the page shows what went wrong."""
    evaluation = get_evaluation_for(request.user, pk, action)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            record(actor=request.user, evaluation=evaluation, **form.cleaned_data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            return _done(request, evaluation, done)
    return _render_evaluation(request, evaluation, {form_key: form}, status=400)


@login_required
@require_POST
def comments(request: AuthedRequest, pk: int) -> HttpResponse:
    return _record_step(
        request,
        pk,
        Action.EDIT,
        CommentsForm,
        services.comments_record,
        "comments",
        _("Đã ghi ý kiến của tập thể."),
    )


@login_required
@require_POST
def appraisal(request: AuthedRequest, pk: int) -> HttpResponse:
    return _record_step(
        request,
        pk,
        Action.EDIT,
        AppraisalForm,
        services.appraisal_record,
        "appraisal",
        _("Đã ghi kết quả thẩm định, đề xuất."),
    )


@login_required
@require_POST
def decision(request: AuthedRequest, pk: int) -> HttpResponse:
    return _record_step(
        request,
        pk,
        Action.APPROVE,
        DecisionForm,
        services.decision_record,
        "decision",
        _("Đã ghi quyết định xếp loại."),
    )
