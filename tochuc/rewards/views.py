from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment, xlsx_attachment
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import scope_roots
from tochuc.people.models import Person
from tochuc.rewards import selectors, services
from tochuc.rewards.forms import BadgeDecideForm, BadgeDueForm, BadgeProposeForm
from tochuc.rewards.permissions import can_propose_badges, deciding_level, get_badge_for
from tochuc.rewards.rules import get_badge_pack


def _next_ceremony(today: dt.date) -> dt.date:
    pack = get_badge_pack()
    days = [dt.date(today.year + k, m, d) for k in (0, 1) for m, d in pack.ceremony_days]
    return min(day for day in days if day >= today)


def _on_param(request: AuthedRequest) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        raise Http404 from None


@login_required
@require_GET
def badge_list(request: AuthedRequest) -> HttpResponse:
    """Members due a badge at a ceremony in a unit's subtree; the proposals waiting for a decision."""
    pack = get_badge_pack()
    roots = scope_roots(request.user)
    initial = {"on": _next_ceremony(timezone.localdate()), "unit": roots[0].code if roots else ""}
    form = BadgeDueForm(request.GET or None, initial=initial)
    unit, on, rows, propose_form = None, None, [], None
    if form.is_valid():
        unit = get_unit_for(request.user, form.cleaned_data["unit"].strip().upper())
        on = form.cleaned_data["on"]
        rows = selectors.badges_due_for(request.user, unit, on=on)
        if can_propose_badges(request.user, unit):
            propose_form = BadgeProposeForm(
                initial={"unit": unit.code, "on": on},
                people=[(r.code, r.name) for r in rows if not r.proposed],
            )
    waiting = list(selectors.waiting_badges(request.user, unit) if unit else [])
    awarded = list(selectors.awarded_badges(request.user, unit, on=on) if unit and on else [])
    decidable = {b.pk for b in waiting if deciding_level(request.user, b) is not None}
    return render(
        request,
        "rewards/badges.html",
        {
            "form": form,
            "unit": unit,
            "on": on,
            "rows": rows,
            "propose_form": propose_form,
            "waiting": waiting,
            "awarded": awarded,
            "decidable": decidable,
            "pack": pack,
            "numbers": pack.numbers(),
            "query": urlencode({"on": on.isoformat()}) if on else "",
        },
    )


@login_required
@require_POST
def badge_propose(request: AuthedRequest) -> HttpResponse:
    """The committee proposes the members ticked on the list; each refusal is said with its reason."""
    committee = get_unit_for(request.user, request.POST.get("unit", "").strip().upper(), Action.EDIT)
    codes = request.POST.getlist("people")
    form = BadgeProposeForm(request.POST, people=[(c, c) for c in codes])
    if not form.is_valid():
        messages.error(request, _("Hãy chọn ít nhất một đảng viên và nhập ngày trao dạng dd/mm/yyyy."))
        return redirect("rewards:badges")
    on = form.cleaned_data["on"]
    due = {r.code: r for r in selectors.badges_due_for(request.user, committee, on=on)}
    people = {p.code: p for p in Person.objects.filter(code__in=codes).select_related("unit")}
    done = 0
    for code in codes:
        person, row = people.get(code), due.get(code)
        if person is None or row is None:
            messages.error(request, _("%(code)s chưa đến hạn Huy hiệu Đảng vào ngày này.") % {"code": code})
            continue
        try:
            services.badge_propose(
                actor=request.user,
                person=person,
                committee=committee,
                years=row.years,
                ceremony_on=on,
                early_reason=form.cleaned_data["early_reason"] or "",
                reason=form.cleaned_data["reason"],
                occasion=form.cleaned_data["occasion"],
            )
        except DomainError as exc:
            messages.error(request, f"{person.full_name}: {exc.message}")
        else:
            done += 1
    if done:
        messages.success(request, _("Đã đề nghị tặng Huy hiệu Đảng cho %(n)s đảng viên.") % {"n": done})
    return redirect(f"{_badges_url()}?{urlencode({'unit': committee.code, 'on': on.strftime('%d/%m/%Y')})}")


def _badges_url() -> str:
    from django.urls import reverse

    return reverse("rewards:badges")


@login_required
def badge_decide(request: AuthedRequest, pk: int) -> HttpResponse:
    """The competent level records its decision and the badge number; the badge shows on the 2C."""
    badge = get_badge_for(request.user, pk, Action.APPROVE)
    level = deciding_level(request.user, badge)
    if level is None or badge.is_awarded:
        raise Http404
    form = BadgeDecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.badge_decide(actor=request.user, badge=badge, level=level, **form.cleaned_data)
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã quyết định tặng %(title)s cho %(name)s.")
                % {"title": badge.title, "name": badge.person.full_name},
            )
            query = urlencode({"unit": level.code, "on": badge.ceremony_on.strftime("%d/%m/%Y")})
            return redirect(f"{_badges_url()}?{query}")
    return render(request, "rewards/badge_decide.html", {"form": form, "badge": badge, "level": level})


@login_required
@require_GET
def badges_export(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    on = _on_param(request)
    content = services.badges_due_export(actor=request.user, unit=unit, on=on)
    return xlsx_attachment(content, f"huy-hieu-dang-{unit.code}-{on.isoformat()}")


@login_required
@require_GET
def badge_proposal_docx(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    on = _on_param(request)
    content = services.badge_proposal_document(
        actor=request.user, committee=unit, on=on, today=timezone.localdate()
    )
    return docx_attachment(content, f"de-nghi-huy-hieu-dang-{unit.code}-{on.isoformat()}")


@login_required
@require_GET
def badge_decision_docx(request: AuthedRequest, code: str) -> HttpResponse:
    unit = get_unit_for(request.user, code)
    number = request.GET.get("number", "").strip()
    if not number:
        raise Http404
    content = services.badge_decision_document(actor=request.user, level=unit, decision_number=number)
    return docx_attachment(content, f"quyet-dinh-huy-hieu-dang-{unit.code}")
