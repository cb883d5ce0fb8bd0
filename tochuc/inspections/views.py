"""Inspection pages: the list and the programmes, a new inspection (from a signal or not), one
inspection with its team, steps, conclusion and follow-up progress, and the conclusion in Word."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.audit.exports import export_record
from tochuc.core.actors import AuthedRequest
from tochuc.core.dates import today
from tochuc.core.documents.downloads import docx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.inspections import documents, selectors, services
from tochuc.inspections.forms import (
    ConclusionForm,
    DisciplineFormSet,
    FollowUpFormSet,
    InspectionForm,
    MemberForm,
    ProgrammeForm,
    StepForm,
    split_codes,
)
from tochuc.inspections.models import Inspection, Programme
from tochuc.inspections.signal_views import signal_initial
from tochuc.orgunits.permissions import get_unit_for
from tochuc.people.models import Person

STEP_LABELS = {
    "plan": _("Kế hoạch"),
    "self_report": _("Báo cáo tự kiểm tra của đối tượng"),
    "findings": _("Kết quả thẩm tra, xác minh"),
    "draft_report": _("Dự thảo báo cáo kết quả"),
}


@login_required
@require_GET
def inspection_list(request: AuthedRequest) -> HttpResponse:
    page = Paginator(
        selectors.inspections_for(request.user).order_by("-start", "-id"), settings.TOCHUC_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    rows = [(i, selectors.status_of(i)) for i in page.object_list]
    return render(
        request,
        "inspections/list.html",
        {
            "page": page,
            "rows": [(i, status, selectors.status_label(status)) for i, status in rows],
            "programmes": selectors.programmes_for(request.user)[:50],
            "programme_form": ProgrammeForm(initial={"year": today().year}),
            "may_edit": has_any(request.user, Action.EDIT),
        },
    )


@login_required
@require_POST
def programme_new(request: AuthedRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            unit = get_unit_for(request.user, data["unit"].strip().upper(), Action.EDIT)
            services.programme_create(
                actor=request.user, unit=unit, year=data["year"], title=data["title"], notes=data["notes"]
            )
        except Http404:
            messages.error(request, _("Bạn không có quyền lập chương trình cho đơn vị này."))
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã lập chương trình kiểm tra, giám sát."))
    else:
        messages.error(request, _("Vui lòng nhập đủ cấp ủy, năm và tên chương trình."))
    return redirect("inspections:list")


# What the address may prefill on the new-inspection form; a signal's detail never travels in it.
PREFILL = ("unit", "kind", "basis", "targets", "target_people")


def _initial(request: AuthedRequest) -> dict[str, str]:
    if request.GET.get("signal"):
        found = signal_initial(
            request.user, request.GET.get("unit", ""), request.GET["signal"], request.GET.get("ref", "")
        )
        if found is not None:
            return found
    return {key: request.GET[key] for key in PREFILL if key in request.GET}


@login_required
@require_http_methods(["GET", "POST"])
def inspection_new(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = InspectionForm(
        request.POST or None, initial=_initial(request) if request.method == "GET" else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = get_unit_for(request.user, data["unit"].strip().upper(), Action.EDIT)
        except Http404:
            form.add_error("unit", _("Bạn không có quyền quyết định kiểm tra, giám sát thay đơn vị này."))
        else:
            try:
                inspection = services.inspection_create(
                    actor=request.user,
                    code=data["code"],
                    kind=data["kind"],
                    basis=data["basis"],
                    unit=unit,
                    targets=selectors.units_in(unit, split_codes(data["targets"]), "targets"),
                    target_people=selectors.people_in(
                        unit, split_codes(data["target_people"]), "target_people"
                    ),
                    subject=data["subject"],
                    start=data["start"],
                    end=data["end"],
                    programme=Programme.objects.filter(unit=unit, year=data["start"].year).first(),
                    decision_number=data["decision_number"],
                    source_signal=data["source_signal"],
                    created_by=request.user,
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã ghi quyết định %(code)s.") % {"code": inspection.code})
                return redirect("inspections:detail", code=inspection.code)
    return render(request, "inspections/new.html", {"form": form}, status=400 if form.errors else 200)


def _context(request: AuthedRequest, inspection: Inspection, **forms: object) -> dict[str, object]:
    view = selectors.view_for(request.user, inspection)
    may_edit = can(request.user, Action.EDIT, inspection.unit) and not inspection.is_concluded
    steps = [
        {
            "key": key,
            "label": label,
            "text": getattr(inspection, key),
            "form": forms.get(f"step_{key}")
            or (
                StepForm(initial={"text": getattr(inspection, key)}, prefix=key)
                if services.can_record_step(request.user, inspection, key) and not inspection.is_concluded
                else None
            ),
        }
        for key, label in STEP_LABELS.items()
        if view.shows_step(key)
    ]
    return {
        "inspection": inspection,
        "inspecting": view.inspecting,
        "status": view.status,
        "status_label": selectors.status_label(view.status),
        "progress": view.progress,
        "members": inspection.members.select_related("person__unit"),
        "targets": view.targets,
        "target_people": view.target_people,
        "steps": steps,
        "may_edit": may_edit,
        "member_form": forms.get("member_form") or MemberForm(),
    }


@login_required
@require_GET
def inspection_detail(request: AuthedRequest, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    return render(request, "inspections/detail.html", _context(request, inspection))


@login_required
@require_POST
def member_add(request: AuthedRequest, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    if not can(request.user, Action.EDIT, inspection.unit):
        raise Http404
    form = MemberForm(request.POST)
    if form.is_valid():
        person = (
            Person.objects.filter(code=form.cleaned_data["person"].strip()).select_related("unit").first()
        )
        if person is None or not can(request.user, Action.VIEW, person.unit):
            form.add_error("person", _("Không có đảng viên này trong phạm vi của bạn."))
        else:
            try:
                services.member_add(
                    actor=request.user, inspection=inspection, person=person, role=form.cleaned_data["role"]
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã thêm %(p)s vào đoàn.") % {"p": person.full_name})
                return redirect("inspections:detail", code=inspection.code)
    return render(
        request, "inspections/detail.html", _context(request, inspection, member_form=form), status=400
    )


@login_required
@require_POST
def step_record(request: AuthedRequest, code: str, step: str) -> HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    if step not in STEP_LABELS or not services.can_record_step(request.user, inspection, step):
        raise Http404
    form = StepForm(request.POST, prefix=step)
    if form.is_valid():
        try:
            services.step_record(
                actor=request.user, inspection=inspection, step=step, text=form.cleaned_data["text"]
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã lưu: %(s)s.") % {"s": STEP_LABELS[step]})
            return redirect("inspections:detail", code=inspection.code)
    return render(
        request,
        "inspections/detail.html",
        _context(request, inspection, **{f"step_{step}": form}),
        status=400,
    )


@login_required
@require_http_methods(["GET", "POST"])
def conclude(request: AuthedRequest, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    if not can(request.user, Action.EDIT, inspection.unit) or inspection.is_concluded:
        raise Http404
    post = request.POST if request.method == "POST" else None
    initial_targets = [{"lead_unit": u.code} for u in inspection.targets.all()[:3]]
    form = ConclusionForm(post, initial={"text": inspection.draft_report})
    follow_ups = FollowUpFormSet(post, prefix="fu", initial=initial_targets)
    discipline = DisciplineFormSet(post, prefix="kl")
    if post is not None and form.is_valid() and follow_ups.is_valid() and discipline.is_valid():
        try:
            items = [
                services.FollowUp(
                    text=row["text"],
                    lead_unit=selectors.units_in(inspection.unit, [row["lead_unit"]], "follow_ups")[0],
                    deadline=row["deadline"],
                )
                for row in follow_ups.cleaned_data
                if row.get("text")
            ]
            proposed = [
                services.ProposedDiscipline(
                    person=selectors.people_in(inspection.unit, [row["person"]], "discipline")[0],
                    form=row["form"],
                    reason=row["reason"],
                    violation_on=row["violation_on"],
                )
                for row in discipline.cleaned_data
                if row.get("person")
            ]
            services.conclude(
                actor=request.user,
                inspection=inspection,
                text=form.cleaned_data["text"],
                follow_ups=items,
                discipline=proposed,
                today=today(),
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request, _("Đã ghi kết luận; các yêu cầu khắc phục đã được giao thành nhiệm vụ.")
            )
            return redirect("inspections:detail", code=inspection.code)
    return render(
        request,
        "inspections/conclude.html",
        {"inspection": inspection, "form": form, "follow_ups": follow_ups, "discipline": discipline},
        status=400 if post is not None else 200,
    )


@login_required
@require_GET
def conclusion_docx(request: AuthedRequest, code: str) -> HttpResponse:
    inspection = selectors.get_inspection_for(request.user, code)
    if not inspection.is_concluded:
        raise Http404
    content = documents.conclusion_docx(selectors.view_for(request.user, inspection))
    export_record(
        actor=request.user,
        kind="inspection.conclusion_export",
        target=inspection,
        unit_path=inspection.unit.path,
        details={"format": "docx"},
        label=inspection.code,
    )
    return docx_attachment(content, f"ket-luan-{inspection.code}")
