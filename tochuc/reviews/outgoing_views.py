"""Issuing and dispatching a period's consolidated report, and the recipients' incoming documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews import dispatch, documents, register
from tochuc.reviews.forms import DispatchForm, IssueForm
from tochuc.reviews.models import Dispatch
from tochuc.reviews.permissions import can_manage_period, get_period_for
from tochuc.reviews.selectors import PeriodStatus, period_status


def recipient_candidates(status: PeriodStatus) -> list[OrgUnit]:
    """Where a consolidated report goes: the committee above, and the units that were asked."""
    parent = status.period.unit.parent
    return ([parent] if parent is not None else []) + status.expected


def _choices(units: list[OrgUnit]) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in units]


def outgoing_context(request: AuthedRequest, status: PeriodStatus) -> dict[str, object]:
    """The register number, the component check, the dispatch list and the proposals handed over."""
    period = status.period
    issued = register.period_number(period)
    document = documents.issued_document(status, issued, timezone.localdate())
    sent = list(issued.dispatches.select_related("unit")) if issued else []
    sent_ids = {d.unit_id for d in sent}
    to_send = [u for u in recipient_candidates(status) if u.pk not in sent_ids]
    return {
        "issued": issued,
        "issue_form": IssueForm(),
        "components": dispatch.components(document),
        "dispatches": sent,
        "not_acknowledged": [d for d in sent if not d.is_acknowledged],
        "dispatch_form": DispatchForm(units=_choices(to_send)) if issued and to_send else None,
        "proposals": [r for r in status.sent_reports if r.proposals.strip()],
    }


@login_required
@require_POST
def period_dispatch(request: AuthedRequest, code: str) -> HttpResponse:
    period = get_period_for(request.user, code)
    if not can_manage_period(request.user, period):
        raise Http404
    issued = register.period_number(period)
    status = period_status(period)
    candidates = {u.code: u for u in recipient_candidates(status)}
    form = DispatchForm(request.POST, units=_choices(list(candidates.values())))
    try:
        if issued is None:
            raise DomainError(_("Cần lấy số văn bản đi trước khi gửi."))
        if not form.is_valid():
            raise DomainError(_("Cần chọn ít nhất một nơi nhận."))
        sent = dispatch.dispatch_send(
            actor=request.user,
            issued=issued,
            document=documents.issued_document(status, issued, timezone.localdate()),
            units=[candidates[c] for c in form.cleaned_data["units"]],
            link=dispatch.incoming_link(),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi văn bản đến %(n)d đơn vị.") % {"n": len(sent)})
    return redirect("reviews:detail", period.code)


@login_required
@require_GET
def incoming(request: AuthedRequest) -> HttpResponse:
    """Documents sent to the units the user sees, the unacknowledged first."""
    rows = (
        Dispatch.objects.filter(scope_q(request.user, Action.VIEW, "unit__path"))
        .select_related("unit", "number", "number__register__issuer", "number__period")
        .order_by("acknowledged_at", "-sent_at", "pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    lines = [(row, dispatch.can_acknowledge(request.user, row)) for row in page.object_list]
    return render(request, "reviews/incoming.html", {"page": page, "lines": lines})


@login_required
@require_POST
def acknowledge(request: AuthedRequest, pk: int) -> HttpResponse:
    row = (
        Dispatch.objects.filter(scope_q(request.user, Action.VIEW, "unit__path"), pk=pk)
        .select_related("unit", "number")
        .first()
    )
    if row is None:
        raise Http404
    try:
        dispatch.dispatch_acknowledge(actor=request.user, dispatch=row)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xác nhận nhận văn bản %(n)s.") % {"n": row.number.number_symbol})
    return redirect("reviews:incoming")
