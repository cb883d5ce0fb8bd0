"""The signals page: what in a unit's subtree deserves an inspector's look, rule by rule."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, can, can_subtree, reaches
from tochuc.core.actors import AuthedRequest
from tochuc.core.dates import today
from tochuc.inspections.forms import SignalUnitForm
from tochuc.inspections.models import Basis, InspectionKind
from tochuc.inspections.rules import Signal, get_pack
from tochuc.inspections.signals import supervision_signals
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for

AUDIT_KINDS = frozenset({"ratings_changed_after_decision", "citizen_id_reveals", "closed_cycle_night_write"})


def _default_unit(request: AuthedRequest) -> OrgUnit | None:
    for reach in reaches(request.user, Action.VIEW):
        if reach.include_subtree:
            return OrgUnit.objects.filter(pk=reach.unit_id).first()
    return None


def start_link(root: OrgUnit, signal: Signal, title: str) -> str:
    """The new-inspection form, filled from the signal (a GET that writes nothing)."""
    params = {
        "unit": root.code,
        "kind": InspectionKind.INSPECTION,
        "basis": Basis.SIGNS_OF_VIOLATION,
        "targets": signal.unit,
        "target_people": signal.person or "",
        "subject": signal.detail,
        "source_signal": f"{title}: {signal.detail}"[:1000],
    }
    return f"{reverse('inspections:new')}?{urlencode(params)}"


@login_required
@require_GET
def signals(request: AuthedRequest) -> HttpResponse:
    form = SignalUnitForm(request.GET or None)
    root = _default_unit(request)
    if form.is_bound and form.is_valid():
        root = get_unit_for(request.user, form.cleaned_data["unit"].strip().upper())
    elif root is not None:
        form = SignalUnitForm(initial={"unit": root.code})
    if root is not None and not can_subtree(request.user, Action.VIEW, root):
        raise Http404
    pack = get_pack()
    found = supervision_signals(root, today=today(), pack=pack) if root is not None else []
    if root is not None and not (
        can(request.user, Action.EDIT, root) or can(request.user, Action.READ_AUDIT, root)
    ):
        # Names of accounts from the audit trail are for inspectors and auditors only.
        found = [s for s in found if s.kind not in AUDIT_KINDS]
    may_start = root is not None and can(request.user, Action.EDIT, root)
    numbers = pack.numbers()
    groups, quiet = [], []
    for rule in pack.rules:
        title = rule.describe(numbers)
        rows = [
            (s, start_link(root, s, title) if may_start and root else "") for s in found if s.rule == rule.id
        ]
        if rows:
            groups.append({"rule": rule, "title": title, "rows": rows})
        else:
            quiet.append(title)
    return render(
        request,
        "inspections/signals.html",
        {"form": form, "root": root, "groups": groups, "quiet": quiet, "total": len(found), "pack": pack},
    )
