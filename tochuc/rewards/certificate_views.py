"""Certificates and titles from results: the candidates of a year with the proposal form, the
proposals waiting for approval, the approvals, and the files (Excel, Word list and decision)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, can
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment, xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import scope_roots
from tochuc.people.models import Person
from tochuc.rewards import certificate_services, result_exports, selectors
from tochuc.rewards.forms import CertificateApproveForm, CertificatesForm
from tochuc.rewards.models import CertificateStatus, RewardProposal
from tochuc.rewards.permissions import approvable_levels, get_results_unit_for, get_reward_proposal_for
from tochuc.rewards.results import proposals_from_results
from tochuc.rewards.rules import get_reward_pack


def _year_param(request: AuthedRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _page_url(unit: OrgUnit, year: int) -> str:
    return f"{reverse('rewards:certificates')}?{urlencode({'unit': unit.code, 'year': str(year)})}"


@login_required
@require_GET
def certificate_list(request: AuthedRequest) -> HttpResponse:
    """The candidates of a year's results, what is proposed and approved, and the discipline list."""
    pack = get_reward_pack()
    roots = scope_roots(request.user)
    initial = {"unit": roots[0].code if roots else "", "year": timezone.localdate().year - 1}
    form = CertificatesForm(request.GET or None, initial=initial)
    context: dict[str, object] = {"form": form, "pack": pack, "numbers": pack.numbers()}
    if form.is_valid():
        unit = get_results_unit_for(request.user, form.cleaned_data["unit"])
        year = form.cleaned_data["year"]
        results = proposals_from_results(unit, year=year)
        proposals = list(selectors.reward_proposals_in(request.user, unit, year=year))
        taken = {(p.subject_code, p.title) for p in proposals}
        waiting = [p for p in proposals if p.status == CertificateStatus.PROPOSED]
        decidable = {
            p.pk
            for p in waiting
            if p.proposed_by_user_id != request.user.pk
            and approvable_levels(request.user, p.proposed_by.path)
        }
        context.update(
            unit=unit,
            year=year,
            results=results,
            candidates=[(c, (c.code, c.title) in taken) for c in results.rewards],
            waiting=waiting,
            decidable=decidable,
            approved=[p for p in proposals if p.status == CertificateStatus.APPROVED],
            may_propose=can(request.user, Action.EDIT, unit),
            query=urlencode({"year": year}),
        )
    return render(request, "rewards/certificates.html", context)


@login_required
@require_POST
def certificate_propose(request: AuthedRequest) -> HttpResponse:
    """The unit proposes the candidates ticked; each refusal is said with its reason."""
    proposer = get_unit_for(request.user, request.POST.get("unit", "").strip().upper(), Action.EDIT)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    done = 0
    for item in request.POST.getlist("items"):
        kind, _sep, rest = item.partition(":")
        code, _sep, title = rest.partition(":")
        person = (
            Person.objects.filter(code=code, unit__path__startswith=proposer.path)
            .select_related("unit")
            .first()
            if kind == "member"
            else None
        )
        unit = (
            OrgUnit.objects.filter(code=code, path__startswith=proposer.path).first()
            if kind == "organization"
            else None
        )
        if person is None and unit is None:
            messages.error(request, _("%(code)s không thuộc đơn vị đề nghị.") % {"code": code})
            continue
        try:
            certificate_services.certificate_propose(
                actor=request.user, person=person, unit=unit, year=year, title=title, proposed_by=proposer
            )
        except DomainError as exc:
            messages.error(request, f"{code}: {exc.message}")
        else:
            done += 1
    if done:
        messages.success(request, _("Đã đề nghị khen thưởng %(n)s trường hợp.") % {"n": done})
    return redirect(_page_url(proposer, year))


@login_required
def certificate_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    """A user of the competent level, not the proposer, approves; the reward goes on the 2C."""
    proposal = get_reward_proposal_for(request.user, pk, Action.APPROVE)
    levels = approvable_levels(request.user, proposal.proposed_by.path)
    if (
        not levels
        or proposal.status != CertificateStatus.PROPOSED
        or proposal.proposed_by_user_id == request.user.pk
    ):
        raise Http404
    form = CertificateApproveForm(
        request.POST or None,
        levels=[(u.code, u.name) for u in levels],
        initial={"decided_on": timezone.localdate(), "level": levels[-1].code},
    )
    if request.method == "POST" and form.is_valid():
        level = next(u for u in levels if u.code == form.cleaned_data["level"])
        try:
            certificate_services.certificate_approve(
                actor=request.user,
                proposal=proposal,
                level=level,
                decision_number=form.cleaned_data["decision_number"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request, _("Đã quyết định khen thưởng %(name)s.") % {"name": proposal.subject_name}
            )
            return redirect(_page_url(level, proposal.year))
    return render(request, "rewards/certificate_approve.html", {"form": form, "proposal": proposal})


@login_required
@require_GET
def certificates_xlsx(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    year = _year_param(request)
    content = result_exports.candidates_export(actor=request.user, unit=unit, year=year)
    return xlsx_attachment(content, f"khen-thuong-{unit.code}-{year}")


@login_required
@require_GET
def certificate_list_docx(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    year = _year_param(request)
    content = result_exports.certificate_list_document(
        actor=request.user, unit=unit, year=year, today=timezone.localdate()
    )
    return docx_attachment(content, f"de-nghi-khen-thuong-{unit.code}-{year}")


@login_required
@require_GET
def certificate_decision_docx(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    number = request.GET.get("number", "").strip()
    if not number or not RewardProposal.objects.filter(decided_by=unit, decision_number=number).exists():
        raise Http404
    content = result_exports.certificate_decision_document(
        actor=request.user, level=unit, decision_number=number
    )
    return docx_attachment(content, f"quyet-dinh-khen-thuong-{unit.code}")
