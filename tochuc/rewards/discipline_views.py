"""Discipline pages: the list of a unit's subtree with the proposal form, one discipline with its
decision, appeals and answers, and the decision in Word."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import scope_roots
from tochuc.people.models import Person
from tochuc.rewards import discipline_services, result_exports, selectors, services
from tochuc.rewards.forms import AppealAnswerForm, AppealFileForm, DisciplineDecideForm, DisciplineProposeForm
from tochuc.rewards.models import AppealOutcome, Discipline, DisciplineStatus
from tochuc.rewards.permissions import approvable_levels, get_appeal_for, get_discipline_for
from tochuc.rewards.rules import get_discipline_pack


def _render_list(
    request: AuthedRequest, unit: OrgUnit | None, propose_form: DisciplineProposeForm | None = None
) -> HttpResponse:
    pack = get_discipline_pack()
    may_propose = unit is not None and can(request.user, Action.EDIT, unit)
    if may_propose and propose_form is None:
        propose_form = DisciplineProposeForm(initial={"subject": request.GET.get("subject", "")})
    # Proposals first (no decision date), so one page may hold the end of one table and the start of
    # the other.
    page = (
        Paginator(selectors.disciplines_in(request.user, unit), settings.TOCHUC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        if unit
        else None
    )
    rows = list(page.object_list) if page else []
    return render(
        request,
        "rewards/disciplines.html",
        {
            "page": page,
            "query": urlencode({"unit": unit.code}) if unit else "",
            "unit": unit,
            "unit_code": unit.code if unit else request.GET.get("unit", ""),
            "proposed": [d for d in rows if d.status == DisciplineStatus.PROPOSED],
            "decided": [d for d in rows if d.status != DisciplineStatus.PROPOSED],
            "propose_form": propose_form if may_propose else None,
            "pack": pack,
            "numbers": pack.numbers(),
        },
    )


@login_required
@require_GET
def discipline_list(request: AuthedRequest) -> HttpResponse:
    """The disciplines of a unit's subtree: proposals waiting for a decision, then decisions."""
    code = request.GET.get("unit", "").strip().upper()
    if not code:
        roots = scope_roots(request.user)
        code = roots[0].code if roots else ""
    unit = get_unit_for(request.user, code) if code else None
    return _render_list(request, unit)


def _subject(proposer: OrgUnit, code: str) -> tuple[Person | None, OrgUnit | None]:
    """The member or the organization named by ``code`` inside the proposer's subtree."""
    person = (
        Person.objects.filter(code=code, unit__path__startswith=proposer.path).select_related("unit").first()
    )
    if person is not None:
        return person, None
    unit = OrgUnit.objects.filter(code=code, path__startswith=proposer.path).first()
    return None, unit


@login_required
@require_POST
def discipline_propose(request: AuthedRequest) -> HttpResponse:
    proposer = get_unit_for(request.user, request.POST.get("unit", "").strip().upper(), Action.EDIT)
    form = DisciplineProposeForm(request.POST)
    if form.is_valid():
        person, unit = _subject(proposer, form.cleaned_data["subject"].strip().upper())
        if person is None and unit is None:
            form.add_error("subject", _("Không có đảng viên hay tổ chức đảng có mã này trong đơn vị."))
        else:
            try:
                discipline = discipline_services.discipline_propose(
                    actor=request.user,
                    person=person,
                    unit=unit,
                    form=form.cleaned_data["form"],
                    violation=form.cleaned_data["violation"],
                    violation_on=form.cleaned_data["violation_on"],
                    proposed_by=proposer,
                    proposed_on=timezone.localdate(),
                    no_time_limit=form.cleaned_data["no_time_limit"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã đề nghị kỷ luật %(name)s.") % {"name": discipline.subject_name},
                )
                return redirect("rewards:discipline_detail", pk=discipline.pk)
    return _render_list(request, proposer, form)


def _decide_form(request: AuthedRequest, d: Discipline, data: object = None) -> DisciplineDecideForm | None:
    if d.status != DisciplineStatus.PROPOSED or d.proposed_by_user_id == request.user.pk:
        return None
    levels = approvable_levels(request.user, d.subject_path)
    if not levels:
        return None
    return DisciplineDecideForm(
        data,
        levels=[(u.code, u.name) for u in levels],
        initial={"form": d.form, "decided_on": timezone.localdate(), "level": levels[-1].code},
    )


def _answer_levels(request: AuthedRequest, d: Discipline) -> list[OrgUnit]:
    if d.decided_by is None:
        return []
    return approvable_levels(request.user, d.decided_by.path, include_self=False)


def _render_detail(
    request: AuthedRequest,
    d: Discipline,
    *,
    decide_form: DisciplineDecideForm | None = None,
    appeal_form: AppealFileForm | None = None,
    answer_form: AppealAnswerForm | None = None,
) -> HttpResponse:
    appeals = list(d.appeals.select_related("answered_by"))
    pending = next((a for a in appeals if a.outcome == AppealOutcome.PENDING), None)
    may_appeal = (
        d.status == DisciplineStatus.DECIDED
        and pending is None
        and can(request.user, Action.EDIT, d.person.unit if d.person else d.unit)  # type: ignore[arg-type]
    )
    answer_levels = _answer_levels(request, d) if pending else []
    if answer_form is None and answer_levels:
        answer_form = AppealAnswerForm(
            levels=[(u.code, u.name) for u in answer_levels],
            initial={"answered_on": timezone.localdate(), "level": answer_levels[-1].code},
        )
    return render(
        request,
        "rewards/discipline_detail.html",
        {
            "d": d,
            "appeals": appeals,
            "pending": pending,
            "decide_form": decide_form or _decide_form(request, d),
            "appeal_form": (appeal_form or AppealFileForm()) if may_appeal else None,
            "answer_form": answer_form if answer_levels else None,
            "pack": get_discipline_pack(d.pack),
            "limit_years": get_discipline_pack(d.pack).limit_years(d.form),
        },
    )


@login_required
@require_GET
def discipline_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, get_discipline_for(request.user, pk))


@login_required
@require_POST
def discipline_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_discipline_for(request.user, pk, Action.APPROVE)
    form = _decide_form(request, d, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        level = next(
            u for u in approvable_levels(request.user, d.subject_path) if u.code == form.cleaned_data["level"]
        )
        try:
            discipline_services.discipline_decide(
                actor=request.user,
                discipline=d,
                level=level,
                decision_number=form.cleaned_data["decision_number"],
                decided_on=form.cleaned_data["decided_on"],
                form=form.cleaned_data["form"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi quyết định kỷ luật %(name)s.") % {"name": d.subject_name})
            return redirect("rewards:discipline_detail", pk=d.pk)
    return _render_detail(request, d, decide_form=form)


@login_required
@require_POST
def discipline_appeal(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_discipline_for(request.user, pk, Action.EDIT)
    form = AppealFileForm(request.POST)
    if form.is_valid():
        try:
            services.discipline_appeal_file(actor=request.user, discipline=d, **form.cleaned_data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi đơn khiếu nại."))
            return redirect("rewards:discipline_detail", pk=d.pk)
    return _render_detail(request, d, appeal_form=form)


@login_required
@require_POST
def appeal_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    appeal = get_appeal_for(request.user, pk, Action.APPROVE)
    d = get_discipline_for(request.user, appeal.discipline_id)
    levels = _answer_levels(request, d)
    if not levels:
        raise Http404
    form = AppealAnswerForm(request.POST, levels=[(u.code, u.name) for u in levels])
    if form.is_valid():
        data = dict(form.cleaned_data)
        level = next(u for u in levels if u.code == data.pop("level"))
        try:
            discipline_services.appeal_answer(actor=request.user, appeal=appeal, level=level, **data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã ghi kết quả giải quyết khiếu nại."))
            return redirect("rewards:discipline_detail", pk=d.pk)
    return _render_detail(request, d, answer_form=form)


@login_required
@require_GET
def discipline_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    d = get_discipline_for(request.user, pk)
    try:
        content = result_exports.discipline_document(actor=request.user, discipline=d)
    except DomainError:
        raise Http404 from None
    return docx_attachment(content, f"quyet-dinh-ky-luat-{d.decision_number}")
