"""Pages of courses (create, nominate, results), yearly plans and requested courses."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.charts import GOOD, Series, StackedRow, stacked_bar_chart
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import scope_roots
from tochuc.people.models import Person
from tochuc.people.permissions import get_person_for
from tochuc.training import selectors, services
from tochuc.training.forms import RESULT_CHOICES, CourseForm, PlanForm, RequestForm
from tochuc.training.models import Attendance, AttendanceResult
from tochuc.training.permissions import can_manage_courses, get_course_for, get_plan_for


@login_required
@require_GET
def course_list(request: AuthedRequest) -> HttpResponse:
    roots = scope_roots(request.user, Action.EDIT)
    page = Paginator(
        selectors.courses_for(request.user).order_by("-start", "code"), settings.TOCHUC_PAGE_SIZE
    )
    return render(
        request,
        "training/courses.html",
        {"page": page.get_page(request.GET.get("page")), "may_create": bool(roots)},
    )


@login_required
def course_create(request: AuthedRequest) -> HttpResponse:
    """The organization department opens a course for the people of its subtree."""
    roots = scope_roots(request.user, Action.EDIT)
    if not roots:
        raise Http404
    initial = {"unit": request.GET.get("unit") or roots[0].code, "kind": request.GET.get("kind", "")}
    form = CourseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = get_unit_for(request.user, data.pop("unit").strip().upper(), Action.EDIT)
        try:
            course = services.course_create(actor=request.user, unit=unit, **data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã mở lớp %(code)s.") % {"code": course.code})
            return redirect("training:course", code=course.code)
    return render(request, "training/course_create.html", {"form": form})


@login_required
@require_GET
def course_detail(request: AuthedRequest, code: str) -> HttpResponse:
    course = get_course_for(request.user, code)
    may_manage = can_manage_courses(request.user, course.unit)
    return render(
        request,
        "training/course.html",
        {
            "course": course,
            "attendances": selectors.attendances_of(request.user, course),
            "candidates": selectors.candidates_for(request.user, course) if may_manage else [],
            "may_manage": may_manage,
            "results": RESULT_CHOICES,
            "passed": AttendanceResult.PASSED,
        },
    )


@login_required
@require_POST
def course_nominate(request: AuthedRequest, code: str) -> HttpResponse:
    """Put the people ticked on the needs list on the course; each refusal is said with its reason."""
    course = get_course_for(request.user, code, Action.EDIT)
    codes = request.POST.getlist("people")
    if not codes:
        messages.error(request, _("Hãy chọn ít nhất một người."))
    people = {
        p.code: p
        for p in Person.objects.filter(scope_q(request.user, Action.VIEW, "unit__path"), code__in=codes)
    }
    done = 0
    for person_code in codes:
        person = people.get(person_code)
        if person is None:
            continue
        try:
            services.nominate(actor=request.user, course=course, person=person)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            done += 1
    if done:
        messages.success(request, _("Đã cử %(n)s người đi học.") % {"n": done})
    return redirect("training:course", code=course.code)


@login_required
@require_POST
def course_results(request: AuthedRequest, code: str) -> HttpResponse:
    """Record the results chosen on the list; a pass updates the 2C and the levels."""
    course = get_course_for(request.user, code, Action.EDIT)
    allowed = {value for value, _label in RESULT_CHOICES}
    done = 0
    for attendance in Attendance.objects.filter(course=course).select_related("person"):
        result = request.POST.get(f"result-{attendance.pk}", "")
        if result not in allowed or result == attendance.result:
            continue
        try:
            services.record_result(actor=request.user, attendance=attendance, result=result)
        except DomainError as exc:
            messages.error(request, f"{attendance.person.full_name}: {exc.message}")
        else:
            done += 1
    if done:
        messages.success(request, _("Đã ghi kết quả của %(n)s người.") % {"n": done})
    else:
        messages.info(request, _("Chưa có kết quả nào thay đổi."))
    return redirect("training:course", code=course.code)


@login_required
@require_GET
def plan_list(request: AuthedRequest) -> HttpResponse:
    roots = scope_roots(request.user, Action.EDIT)
    form = PlanForm(initial={"unit": roots[0].code if roots else ""})
    return render(
        request,
        "training/plans.html",
        {"plans": selectors.plans_for(request.user), "form": form if roots else None},
    )


@login_required
@require_POST
def plan_create(request: AuthedRequest) -> HttpResponse:
    """Adopt the yearly plan: today's needs of the unit's subtree, counted by kind of course."""
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập mã đơn vị và năm của kế hoạch."))
        return redirect("training:plans")
    unit = get_unit_for(request.user, form.cleaned_data["unit"].strip().upper(), Action.EDIT)
    try:
        plan = services.plan_create(
            actor=request.user, unit=unit, year=form.cleaned_data["year"], name=form.cleaned_data["name"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("training:plans")
    messages.success(request, _("Đã lập %(name)s.") % {"name": plan.name})
    return redirect("training:plan", pk=plan.pk)


@login_required
@require_GET
def plan_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The plan against the results: planned, nominated and passed for each kind of course."""
    plan = get_plan_for(request.user, pk)
    rows = selectors.plan_rows(plan)
    chart = stacked_bar_chart(
        [StackedRow(r.label, [r.passed, max(r.planned - r.passed, 0)]) for r in rows],
        series=[Series(_("Đã hoàn thành"), GOOD), Series(_("Còn lại theo kế hoạch"), "#c8ced6")],
        chart_id="plan-results",
        title=_("Kế hoạch và kết quả đào tạo, bồi dưỡng"),
        normalise=False,
    )
    return render(request, "training/plan.html", {"plan": plan, "rows": rows, "chart": chart if rows else ""})


@login_required
@require_POST
def request_create(request: AuthedRequest) -> HttpResponse:
    """Record a course the evaluation asked a person to take."""
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập mã đảng viên, loại lớp và nội dung đề nghị."))
        return redirect("training:needs")
    person = get_person_for(request.user, form.cleaned_data["person"].strip(), Action.EDIT)
    try:
        services.request_create(
            actor=request.user, person=person, kind=form.cleaned_data["kind"], note=form.cleaned_data["note"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã ghi đề nghị đào tạo, bồi dưỡng cho %(name)s.") % {"name": person.full_name}
        )
    return redirect(f"{reverse('training:needs')}?{urlencode({'unit': person.unit.code})}")
