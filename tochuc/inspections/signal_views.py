"""The signals page: what in a unit's subtree deserves an inspector's look, rule by rule.

Who sees which signals: names of accounts read from the audit trail only for inspectors (EDIT) and
auditors (READ_AUDIT); feedback found right only for the roles that handle feedback and inspections
(EDIT or APPROVE on the unit, as ``feedback.services.may_handle``). The link that starts an inspection
from a signal carries only the unit, the signal's kind and a reference; the new-inspection page
re-derives the signal on the server (``signal_initial``), so no detail travels in the address.
"""

from __future__ import annotations

import hashlib
import json
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from tochuc.accounts.policy import Action, can, can_subtree, reaches
from tochuc.core.actors import Actor, AuthedRequest
from tochuc.core.dates import today
from tochuc.inspections.forms import SignalUnitForm
from tochuc.inspections.models import Basis, InspectionKind
from tochuc.inspections.rules import Signal, get_pack
from tochuc.inspections.signals import supervision_signals
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for

AUDIT_KINDS = frozenset({"ratings_changed_after_decision", "citizen_id_reveals", "closed_cycle_night_write"})
FEEDBACK_KINDS = frozenset({"feedback_right"})


def _default_unit(request: AuthedRequest) -> OrgUnit | None:
    for reach in reaches(request.user, Action.VIEW):
        if reach.include_subtree:
            return OrgUnit.objects.filter(pk=reach.unit_id).first()
    return None


def visible_signals(user: Actor, root: OrgUnit, found: list[Signal]) -> list[Signal]:
    """The signals of ``root``'s subtree that ``user`` may see (the caller has checked the reach)."""
    inspector = can(user, Action.EDIT, root)
    if not (inspector or can(user, Action.READ_AUDIT, root)):
        found = [s for s in found if s.kind not in AUDIT_KINDS]
    if not (inspector or can(user, Action.APPROVE, root)):
        found = [s for s in found if s.kind not in FEEDBACK_KINDS]
    return found


def signal_ref(signal: Signal) -> str:
    """A short reference of one signal, stable while the facts behind it stay the same."""
    raw = json.dumps(signal.as_json(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def start_link(root: OrgUnit, signal: Signal) -> str:
    """The new-inspection form for this signal (a GET that writes nothing); no detail in the address."""
    params = {"unit": root.code, "signal": signal.rule, "ref": signal_ref(signal)}
    return f"{reverse('inspections:new')}?{urlencode(params)}"


def signal_initial(user: Actor, unit_code: str, kind: str, ref: str) -> dict[str, str] | None:
    """The new-inspection form filled from the signal the server finds again, or None when the user
    may not start an inspection there or the signal is gone."""
    root = OrgUnit.objects.filter(code=unit_code.strip().upper()).first()
    if root is None or not can(user, Action.EDIT, root) or not can_subtree(user, Action.VIEW, root):
        return None
    pack = get_pack()
    rule = next((r for r in pack.rules if r.id == kind), None)
    if rule is None:
        return None
    found = visible_signals(user, root, supervision_signals(root, today=today(), pack=pack))
    signal = next((s for s in found if s.rule == kind and signal_ref(s) == ref), None)
    if signal is None:
        return None
    return {
        "unit": root.code,
        "kind": InspectionKind.INSPECTION,
        "basis": Basis.SIGNS_OF_VIOLATION,
        "targets": signal.unit,
        "target_people": signal.person or "",
        "subject": signal.detail,
        "source_signal": f"{rule.describe(pack.numbers())}: {signal.detail}"[:1000],
    }


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
    if root is not None:
        found = visible_signals(request.user, root, found)
    may_start = root is not None and can(request.user, Action.EDIT, root)
    numbers = pack.numbers()
    groups, quiet = [], []
    for rule in pack.rules:
        title = rule.describe(numbers)
        rows = [(s, start_link(root, s) if may_start and root else "") for s in found if s.rule == rule.id]
        if rows:
            groups.append({"rule": rule, "title": title, "rows": rows})
        else:
            quiet.append(title)
    return render(
        request,
        "inspections/signals.html",
        {"form": form, "root": root, "groups": groups, "quiet": quiet, "total": len(found), "pack": pack},
    )
