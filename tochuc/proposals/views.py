"""Proposal pages: the register, sending, one proposal with its trail and the forms acting on it,
and the dashboard of proposals and feedback (counts by unit and kind, overdue, on-time rate)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tochuc.accounts.policy import Action, reaches
from tochuc.core.actors import AuthedRequest
from tochuc.core.attachments import Upload, attached_files
from tochuc.core.documents.downloads import file_attachment, xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import run_form, show_domain_error
from tochuc.feedback.models import FeedbackKind
from tochuc.feedback.selectors import counts_by_unit, feedback_board
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.proposals import charts, exports, selectors, services
from tochuc.proposals.forms import (
    AnswerForm,
    ForwardForm,
    OpinionAskForm,
    OpinionForm,
    ProposalFilterForm,
    ProposalForm,
    PublishForm,
)
from tochuc.proposals.models import HopKind, Proposal, ProposalKind
from tochuc.proposals.permissions import (
    can_answer_proposal,
    can_approve_proposal,
    can_publish_proposal,
    can_send_proposal,
    get_proposal_for,
    opinion_units,
    visible_files,
)
from tochuc.proposals.rules import get_pack


def _filtered(request: AuthedRequest) -> tuple[ProposalFilterForm, QuerySet[Proposal], dict[str, str]]:
    """The register as the filters of the page ask: the form, the scoped items and the filters used."""
    form = ProposalFilterForm(request.GET or None)
    box = status = ""
    if form.is_valid():
        box, status = form.cleaned_data["box"], form.cleaned_data["status"]
    received = {"received": True, "sent": False}.get(box)
    qs = selectors.proposals_for(request.user, status=status or None, received=received)
    return form, qs, {k: v for k, v in (("box", box), ("status", status)) if v}


@login_required
@require_GET
def proposal_list(request: AuthedRequest) -> HttpResponse:
    form, qs, filters = _filtered(request)
    page = Paginator(qs, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "proposals/list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(filters),
            "today": timezone.localdate(),
            "may_send": can_send_proposal(request.user),
        },
    )


@login_required
@require_GET
def proposal_export(request: AuthedRequest) -> HttpResponse:
    _form, qs, filters = _filtered(request)
    content = exports.proposals_export(actor=request.user, proposals=list(qs), filters=filters)
    return xlsx_attachment(content, "kien-nghi")


def _first_edit_unit_code(request: AuthedRequest) -> str:
    found = reaches(request.user, Action.EDIT)
    if not found:
        return ""
    unit = OrgUnit.objects.filter(pk=found[0].unit_id).first()
    return unit.code if unit else ""


@login_required
@require_http_methods(["GET", "POST"])
def proposal_new(request: AuthedRequest) -> HttpResponse:
    if not can_send_proposal(request.user):
        raise Http404
    form = ProposalForm(
        request.POST or None, request.FILES or None, initial={"from_unit": _first_edit_unit_code(request)}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            from_unit = get_unit_for(request.user, data["from_unit"].strip().upper(), Action.EDIT)
        except Http404:
            form.add_error("from_unit", _("Bạn không có quyền gửi kiến nghị thay đơn vị này."))
        else:
            try:
                to_unit = (
                    selectors.unit_by_code(data["to_unit"], field="to_unit") if data["to_unit"] else None
                )
                proposal = services.proposal_send(
                    actor=request.user,
                    from_unit=from_unit,
                    to_unit=to_unit,
                    kind=data["kind"],
                    subject=data["subject"],
                    content=data["content"],
                    files=_files(request),
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã gửi kiến nghị đến %(unit)s; hạn trả lời %(due)s.")
                    % {"unit": proposal.to_unit.name, "due": proposal.answer_due.strftime("%d/%m/%Y")},
                )
                return redirect("proposals:detail", pk=proposal.pk)
    pack = get_pack()
    deadlines = [(label, pack.proposal_days(value)) for value, label in ProposalKind.choices]
    return render(request, "proposals/new.html", {"form": form, "pack": pack, "deadlines": deadlines})


def _detail_context(request: AuthedRequest, proposal: Proposal) -> dict[str, object]:
    user = request.user
    duplicates = [(p.pk, f"{p.from_unit.name}: {p.subject}") for p in selectors.open_duplicates_of(proposal)]
    units = opinion_units(user, proposal)
    return {
        "proposal": proposal,
        "hops": proposal.hops.select_related("from_unit", "to_unit", "by"),
        "timeliness": proposal.timeliness(timezone.localdate()),
        "may_answer": can_answer_proposal(user, proposal),
        "may_approve": can_approve_proposal(user, proposal),
        "may_publish": can_publish_proposal(user, proposal),
        "opinion_units": units,
        "answer_form": AnswerForm(initial={"answer": proposal.answer}),
        "files": visible_files(user, proposal).only("id", "stage", "name", "size"),
        "forward_form": ForwardForm(),
        "opinion_ask_form": OpinionAskForm(),
        "opinion_form": OpinionForm(initial={"unit": units[0].code}) if units else None,
        "publish_form": PublishForm(choices=duplicates),
        "hop_kinds": HopKind,
    }


@login_required
@require_GET
def proposal_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    return render(request, "proposals/detail.html", _detail_context(request, proposal))


def _act(
    request: AuthedRequest,
    proposal: Proposal,
    form_key: str,
    form: forms.Form,
    action: Callable[[dict[str, Any]], str],
) -> HttpResponse:
    """Run ``action`` (a service, returning the message of success) from a posted form: the page again
    with the form's errors (400), or back to the proposal with the message."""
    done = run_form(form, action)
    if done is not None:
        messages.success(request, done)
        return redirect("proposals:detail", pk=proposal.pk)
    context = _detail_context(request, proposal)
    context[form_key] = form
    return render(request, "proposals/detail.html", context, status=400)


def _files(request: AuthedRequest) -> list[Upload]:
    return attached_files(request, int(settings.TOCHUC_PROPOSAL_MAX_FILES))


@login_required
@require_POST
def proposal_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)

    def answer(data: dict[str, Any]) -> str:
        services.proposal_answer_write(
            actor=request.user, proposal=proposal, answer=data["answer"], files=_files(request)
        )
        return _("Đã lưu dự thảo trả lời; chờ lãnh đạo đơn vị duyệt.")

    return _act(request, proposal, "answer_form", AnswerForm(request.POST, request.FILES), answer)


@login_required
@require_POST
def proposal_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    try:
        services.proposal_answer_approve(actor=request.user, proposal=proposal)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Đã duyệt và gửi câu trả lời đến %(unit)s.") % {"unit": proposal.from_unit.name}
        )
    return redirect("proposals:detail", pk=pk)


@login_required
@require_POST
def proposal_publish(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)
    open_duplicates = selectors.open_duplicates_of(proposal)
    form = PublishForm(request.POST, choices=[(p.pk, p.subject) for p in open_duplicates])

    def publish(data: dict[str, Any]) -> str:
        duplicates = list(open_duplicates.filter(pk__in=data["duplicates"]))
        services.proposal_publish(actor=request.user, proposal=proposal, duplicates=duplicates)
        return _("Đã công khai câu trả lời; %(n)d kiến nghị cùng nội dung được đóng.") % {
            "n": len(duplicates)
        }

    return _act(request, proposal, "publish_form", form, publish)


@login_required
@require_POST
def proposal_forward(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)

    def forward(data: dict[str, Any]) -> str:
        unit = selectors.unit_by_code(data["to_unit"], field="to_unit")
        services.proposal_forward(actor=request.user, proposal=proposal, to_unit=unit, note=data["note"])
        return _("Đã chuyển kiến nghị đến %(unit)s.") % {"unit": unit.name}

    return _act(request, proposal, "forward_form", ForwardForm(request.POST), forward)


@login_required
@require_POST
def proposal_opinion_ask(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)

    def ask(data: dict[str, Any]) -> str:
        unit = selectors.unit_by_code(data["unit"], field="unit")
        services.proposal_opinion_ask(actor=request.user, proposal=proposal, unit=unit, note=data["note"])
        return _("Đã xin ý kiến %(unit)s.") % {"unit": unit.name}

    return _act(request, proposal, "opinion_ask_form", OpinionAskForm(request.POST), ask)


@login_required
@require_POST
def proposal_opinion_give(request: AuthedRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for(request.user, pk)

    def give(data: dict[str, Any]) -> str:
        unit = selectors.unit_by_code(data["unit"], field="unit")
        services.proposal_opinion_give(
            actor=request.user, proposal=proposal, unit=unit, opinion=data["opinion"]
        )
        return _("Đã gửi ý kiến.")

    return _act(request, proposal, "opinion_form", OpinionForm(request.POST), give)


@login_required
@require_GET
def proposal_file(request: AuthedRequest, pk: int, file_id: int) -> HttpResponse:
    """A file of the proposal, for whoever sees the proposal; a file of an answer not yet sent back
    only for the answering unit."""
    proposal = get_proposal_for(request.user, pk)
    found = visible_files(request.user, proposal).filter(pk=file_id).first()
    if found is None:
        raise Http404
    services.proposal_file_read(actor=request.user, proposal=proposal, file=found)
    return file_attachment(bytes(found.data), found.name)


# Units listed on the page (most overdue first); the Excel export lists them all.
DASHBOARD_ROWS = 30


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)}%"


@login_required
@require_GET
def dashboard(request: AuthedRequest) -> HttpResponse:
    proposals = selectors.answering_board(request.user, DASHBOARD_ROWS)
    feedback = feedback_board(request.user, DASHBOARD_ROWS)
    return render(
        request,
        "proposals/dashboard.html",
        {
            "proposal_rows": [
                (r, _rate(r.on_time_rate), [r.by_kind[k] for k in ProposalKind.values])
                for r in proposals.rows
            ],
            "feedback_rows": [
                (r, _rate(r.on_time_rate), [r.by_kind[k] for k in FeedbackKind.values]) for r in feedback.rows
            ],
            "proposal_more": proposals.units - len(proposals.rows),
            "feedback_more": feedback.units - len(feedback.rows),
            "proposal_kinds": ProposalKind.choices,
            "feedback_kinds": FeedbackKind.choices,
            "overdue_proposals": proposals.overdue,
            "overdue_feedback": feedback.overdue,
            "chart": charts.on_time_chart(
                proposals.rows, "proposals-on-time", _("Tỷ lệ trả lời kiến nghị đúng hạn theo đơn vị (%)")
            ),
            "kinds_chart": charts.kinds_chart(
                proposals.rows, ProposalKind.choices, "proposals-by-kind", _("Kiến nghị theo đơn vị và loại")
            ),
            "feedback_chart": charts.on_time_chart(
                feedback.rows, "feedback-on-time", _("Tỷ lệ trả lời phản ánh đúng hạn theo đơn vị (%)")
            ),
            "feedback_kinds_chart": charts.kinds_chart(
                feedback.rows, FeedbackKind.choices, "feedback-by-kind", _("Phản ánh theo đơn vị và loại")
            ),
            "pack": get_pack(),
        },
    )


@login_required
@require_GET
def dashboard_export(request: AuthedRequest) -> HttpResponse:
    content = exports.dashboard_export(
        actor=request.user,
        proposal_rows=selectors.counts_by_answering_unit(request.user),
        feedback_rows=counts_by_unit(request.user),
    )
    return xlsx_attachment(content, "theo-doi-tra-loi-kien-nghi-phan-anh")
