from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from tochuc.accounts.policy import Action, has_any
from tochuc.audit import selectors
from tochuc.audit.chain import verify_chain
from tochuc.audit.display import names_for
from tochuc.audit.labels import ACTION_LABELS
from tochuc.audit.models import AuditEvent
from tochuc.core.actors import AuthedRequest
from tochuc.core.forms import date_field
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("Người thực hiện"), required=False)
    action = forms.CharField(label=_("Thao tác"), required=False)
    unit = forms.CharField(label=_("Mã đơn vị"), required=False)
    date_from = date_field(_("Từ ngày"))
    date_to = date_field(_("Đến ngày"))


def _require_auditor(request: AuthedRequest) -> None:
    if not has_any(request.user, Action.READ_AUDIT):
        raise Http404


def _filtered(request: AuthedRequest, form: AuditFilterForm) -> QuerySet[AuditEvent]:
    data = form.cleaned_data
    unit: OrgUnit | None = None
    if data["unit"]:
        try:
            unit = get_unit_for(request.user, data["unit"].strip().upper(), Action.READ_AUDIT)
        except Http404:
            form.add_error("unit", _("Không có đơn vị này trong phạm vi của bạn."))
            return AuditEvent.objects.none()
    return selectors.events_for(
        request.user,
        actor=data["actor"].strip(),
        action=data["action"].strip(),
        unit_path=unit.path if unit else "",
        date_from=data["date_from"],
        date_to=data["date_to"],
    )


@login_required
def event_list(request: AuthedRequest) -> HttpResponse:
    _require_auditor(request)
    form = AuditFilterForm(request.GET or None)
    events = selectors.events_for(request.user)
    if form.is_bound:
        events = _filtered(request, form) if form.is_valid() else events.none()
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    names = names_for(request.user, (e.summary for e in page.object_list))
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "actions": list(ACTION_LABELS),
            "names": names,
        },
    )


@login_required
@require_POST
def verify(request: AuthedRequest) -> HttpResponse:
    """Check the whole chain; the head hash can be compared with one written down earlier."""
    _require_auditor(request)
    result = verify_chain(request.POST.get("expected_head", "").strip())
    template = "audit/_verify_result.html" if request.htmx else "audit/verify.html"
    return render(request, template, {"result": result})
