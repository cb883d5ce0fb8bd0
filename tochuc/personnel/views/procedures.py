"""Procedure pages: the register, a new procedure, one procedure with its meetings and decision."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.personnel import selectors, services
from tochuc.personnel.eligibility import Finding
from tochuc.personnel.forms import (
    OTHER_CANDIDATES,
    ApproverForm,
    DecideForm,
    ProcedureFilterForm,
    ProcedureForm,
    StepCorrectForm,
    StepForm,
    WithdrawForm,
)
from tochuc.personnel.models import (
    Participant,
    ParticipantRole,
    Procedure,
    ProcedureStatus,
    ProcedureStep,
)
from tochuc.personnel.permissions import get_procedure_for
from tochuc.personnel.rules import get_pack
from tochuc.personnel.views.common import find_person, unit_from

POSITIONS_OFFERED = 300
# A meeting's counts can be corrected until the decision (or while the procedure is failed by them).
CORRECTABLE = (ProcedureStatus.OPEN, ProcedureStatus.PASSED, ProcedureStatus.FAILED)
SEVERITY_ORDER = {"block": 0, "justify": 1, "info": 2}


@login_required
@require_GET
def procedure_list(request: AuthedRequest) -> HttpResponse:
    form = ProcedureFilterForm(request.GET or None, units=chooser_units(request.user))
    status = request.GET.get("status", "")
    if status not in ProcedureStatus.values:
        status = ""
    # Deeper units than the chooser lists may come in the address; outside the reach → 404.
    unit_code = request.GET.get("unit", "").strip().upper()
    unit = unit_from(request.user, unit_code)
    rows = selectors.procedures_for(request.user, unit=unit, status=status).annotate(meetings=Count("steps"))
    page = Paginator(rows, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in {"status": status, "unit": unit_code}.items() if v})
    return render(
        request,
        "personnel/procedure_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "unit": unit,
            "may_open": has_any(request.user, Action.EDIT),
            "section": "procedures",
        },
    )


@login_required
def procedure_new(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = ProcedureForm(
        request.POST or None,
        units=chooser_units(request.user, Action.EDIT),
        positions=selectors.leadership_positions(request.user)[:POSITIONS_OFFERED],
        initial={
            "unit": request.GET.get("unit", ""),
            "candidate": request.GET.get("candidate", ""),
            "title": request.GET.get("title", ""),
        },
    )
    checks: list[Finding] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = get_unit_for(request.user, data["unit"], Action.EDIT)
        candidate = find_person(request.user, data["candidate"], form, "candidate")
        approver = find_person(request.user, data["approver"], form, "approver") if data["approver"] else None
        position = (
            selectors.leadership_positions(request.user).filter(pk=data["position"]).first()
            if data["position"]
            else None
        )
        if candidate is not None and not form.errors:
            try:
                procedure = services.procedure_open(
                    actor=request.user,
                    kind=data["kind"],
                    unit=unit,
                    title=data["title"],
                    candidate=candidate,
                    file_received_on=data["file_received_on"],
                    position=position,
                    term_months=data["term_months"],
                    approver=approver,
                    justification=data["justification"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
                if exc.field == "justification":
                    checks = selectors.appointment_preview(
                        kind=data["kind"],
                        unit=unit,
                        title=data["title"],
                        candidate=candidate,
                        received_on=data["file_received_on"],
                        position=position,
                        term_months=data["term_months"],
                    )
            else:
                if procedure.is_blocked:
                    messages.warning(
                        request,
                        _("Đã nhận hồ sơ nhưng thủ tục bị chặn: %(reason)s")
                        % {"reason": procedure.blocked_reason},
                    )
                else:
                    messages.success(
                        request,
                        _("Đã mở thủ tục %(kind)s %(person)s.")
                        % {"kind": procedure.get_kind_display().lower(), "person": candidate.full_name},
                    )
                return redirect("personnel:procedure_detail", pk=procedure.pk)
    return render(
        request,
        "personnel/procedure_form.html",
        {"form": form, "checks": checks, "section": "procedures"},
    )


def _decision_link(procedure: Procedure) -> str | None:
    if not procedure.is_decided:
        return None
    try:
        return reverse("personnel:decision_docx", args=[procedure.pk])
    except NoReverseMatch:
        return None


def _sorted_checks(checks: list[dict[str, object]]) -> list[dict[str, object]]:
    return sorted(checks, key=lambda check: SEVERITY_ORDER.get(str(check.get("severity", "")), 3))


def _page(
    request: AuthedRequest,
    procedure: Procedure,
    *,
    step_form: forms.Form | None = None,
    approver_form: forms.Form | None = None,
    decide_form: forms.Form | None = None,
    correct_form: forms.Form | None = None,
) -> HttpResponse:
    progress = selectors.procedure_progress(procedure)
    timeline, upcoming = progress.timeline, progress.upcoming
    may_edit = can(request.user, Action.EDIT, procedure.unit)
    may_approve = can(request.user, Action.APPROVE, procedure.unit)
    if may_edit and upcoming is not None and step_form is None:
        last = timeline[-1].step if timeline else None
        step_form = StepForm(
            candidate=procedure.candidate.full_name,
            initial={"convened": last.convened if last and last.order == upcoming[0] else None},
        )
    latest = timeline[-1].step if timeline else None
    may_correct = may_edit and latest is not None and procedure.status in CORRECTABLE
    if may_correct and correct_form is None and latest is not None:
        correct_form = StepCorrectForm(candidate=procedure.candidate.full_name, initial=_counts_of(latest))
    if may_approve and procedure.is_passed and decide_form is None:
        decide_form = DecideForm()
    if may_edit and procedure.is_in_progress and approver_form is None:
        approver_form = ApproverForm()
    approver = (
        Participant.objects.filter(procedure=procedure, role=ParticipantRole.APPROVER)
        .select_related("person")
        .first()
    )
    return render(
        request,
        "personnel/procedure_detail.html",
        {
            "procedure": procedure,
            "checks": _sorted_checks(list(procedure.eligibility)),
            "blocked_lines": [line for line in procedure.blocked_reason.splitlines() if line.strip()],
            "overrides": list(procedure.overrides.select_related("actor")),
            "timeline": timeline,
            "plan": progress.plan,
            "upcoming": upcoming,
            "approver": approver,
            "step_form": step_form if may_edit and upcoming is not None else None,
            "approver_form": approver_form if may_edit and procedure.is_in_progress else None,
            "decide_form": decide_form if may_approve and procedure.is_passed else None,
            "correct_form": correct_form if may_correct else None,
            "may_edit": may_edit,
            "may_approve": may_approve,
            "may_withdraw": may_edit and not procedure.is_finished,
            "decision_url": _decision_link(procedure),
            "duration": selectors.duration_days(procedure),
            "numbers": get_pack(procedure.pack).numbers(),
            "section": "procedures",
        },
    )


@login_required
@require_GET
def procedure_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _page(request, get_procedure_for(request.user, pk))


def _editable(request: AuthedRequest, pk: int, action: Action = Action.EDIT) -> Procedure:
    procedure = get_procedure_for(request.user, pk)
    if not can(request.user, action, procedure.unit):
        raise Http404
    return procedure


@login_required
@require_POST
def step_record(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = _editable(request, pk)
    form = StepForm(request.POST, candidate=procedure.candidate.full_name)
    if form.is_valid():
        data = form.cleaned_data
        try:
            step = services.step_record(
                actor=request.user,
                procedure=procedure,
                held_on=data["held_on"],
                convened=data["convened"],
                present=data["present"],
                votes=data["votes"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            label = selectors.step_labels(procedure).get(step.order, step.key)
            text = _("Đã ghi kết quả %(step)s (lần %(attempt)s): %(outcome)s.") % {
                "step": label,
                "attempt": step.attempt,
                "outcome": step.get_outcome_display(),
            }
            (messages.success if step.outcome == "passed" else messages.warning)(request, text)
            return redirect("personnel:procedure_detail", pk=procedure.pk)
    return _page(request, procedure, step_form=form)


def _counts_of(step: ProcedureStep) -> dict[str, object]:
    ballots = list(step.ballots.all())
    counts: dict[str, object] = {
        "held_on": step.held_on,
        "convened": step.convened,
        "present": step.present,
        "candidate_votes": next((b.votes_for for b in ballots if b.candidate_id is not None), None),
    }
    others = [b for b in ballots if b.candidate_id is None]
    for n, ballot in enumerate(others[:OTHER_CANDIDATES], start=1):
        counts[f"other_name_{n}"], counts[f"other_votes_{n}"] = ballot.candidate_name, ballot.votes_for
    return counts


@login_required
@require_POST
def step_correct(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = _editable(request, pk)
    latest = procedure.steps.order_by("-order", "-attempt").first()
    if latest is None:
        raise Http404
    form = StepCorrectForm(request.POST, candidate=procedure.candidate.full_name)
    if form.is_valid():
        data = form.cleaned_data
        try:
            step = services.step_correct(
                actor=request.user,
                step=latest,
                held_on=data["held_on"],
                convened=data["convened"],
                present=data["present"],
                votes=data["votes"],
                reason=data["reason"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã sửa kết quả cuộc họp ngày %(day)s: %(outcome)s.")
                % {"day": step.held_on.strftime("%d/%m/%Y"), "outcome": step.get_outcome_display()},
            )
            return redirect("personnel:procedure_detail", pk=procedure.pk)
    return _page(request, procedure, correct_form=form)


@login_required
@require_POST
def set_approver(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = _editable(request, pk)
    form = ApproverForm(request.POST)
    if form.is_valid():
        person = find_person(request.user, form.cleaned_data["approver"], form, "approver")
        if person is not None:
            try:
                services.procedure_set_approver(actor=request.user, procedure=procedure, approver=person)
            except DomainError as exc:
                form.add_error("approver", exc.message)
            else:
                messages.success(request, _("Đã giao %(person)s quyết định.") % {"person": person.full_name})
                return redirect("personnel:procedure_detail", pk=procedure.pk)
    return _page(request, procedure, approver_form=form)


@login_required
@require_POST
def decide(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = _editable(request, pk, Action.APPROVE)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.procedure_decide(
                actor=request.user,
                procedure=procedure,
                decision_number=data["decision_number"],
                decided_on=data["decided_on"],
                term_start=data["term_start"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã ghi Quyết định số %(number)s: %(kind)s %(person)s giữ chức danh «%(title)s».")
                % {
                    "number": data["decision_number"],
                    "kind": procedure.get_kind_display().lower(),
                    "person": procedure.candidate.full_name,
                    "title": procedure.title.name,
                },
            )
            return redirect("personnel:procedure_detail", pk=procedure.pk)
    return _page(request, procedure, decide_form=form)


@login_required
def withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    """Stop a procedure: the page says what will change and asks for the reason."""
    procedure = _editable(request, pk)
    if procedure.is_finished:
        raise Http404
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.procedure_withdraw(
                actor=request.user, procedure=procedure, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã dừng thủ tục."))
            return redirect("personnel:procedure_detail", pk=procedure.pk)
    return render(
        request,
        "personnel/procedure_withdraw.html",
        {"procedure": procedure, "form": form, "section": "procedures"},
    )
