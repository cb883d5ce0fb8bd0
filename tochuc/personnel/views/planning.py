"""Planning pages: the cycles, one cycle's entries and targets, propose, approve, remove, review."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.personnel import selectors, services
from tochuc.personnel.eligibility import Finding
from tochuc.personnel.forms import CycleOpenForm, EntryProposeForm, EntryRemoveForm
from tochuc.personnel.models import PlanningCycle, PlanningEntry
from tochuc.personnel.permissions import get_planning_cycle_for, get_planning_entry_for
from tochuc.personnel.rules import get_pack
from tochuc.personnel.services.planning import entry_checks
from tochuc.personnel.views.common import find_person
from tochuc.positions.models import Position, Title

POSITIONS_OFFERED = 300


@login_required
def planning_list(request: AuthedRequest) -> HttpResponse:
    """The planning cycles in reach; a specialist opens a new one here (POST)."""
    may_open = has_any(request.user, Action.EDIT)
    form = None
    if may_open:
        units = chooser_units(request.user, Action.EDIT)
        form = CycleOpenForm(request.POST or None, units=units)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            unit = get_unit_for(request.user, data["unit"], Action.EDIT)
            try:
                cycle = services.planning_cycle_open(
                    actor=request.user,
                    code=data["code"],
                    name=data["name"],
                    unit=unit,
                    term=data["term"],
                    pack=data["pack"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã mở đợt quy hoạch «%(name)s».") % {"name": cycle.name})
                return redirect("personnel:planning_detail", pk=cycle.pk)
    elif request.method == "POST":
        raise Http404
    page = Paginator(selectors.planning_cycles_for(request.user), settings.TOCHUC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "personnel/planning_list.html",
        {"page": page, "form": form, "may_open": may_open, "section": "planning"},
    )


def _positions(cycle: PlanningCycle) -> QuerySet[Position]:
    return (
        Position.objects.filter(unit__path__startswith=cycle.unit.path, title__is_leadership=True)
        .select_related("unit")
        .order_by("unit__path", "name")
    )


@dataclass
class TitleGroup:
    title: Title
    entries: list[PlanningEntry] = field(default_factory=list)


def _grouped(entries: Iterable[PlanningEntry]) -> list[TitleGroup]:
    groups: dict[int, TitleGroup] = {}
    for entry in entries:
        groups.setdefault(entry.title_id, TitleGroup(entry.title)).entries.append(entry)
    return list(groups.values())


def _detail(
    request: AuthedRequest,
    cycle: PlanningCycle,
    *,
    form: forms.Form | None = None,
    refused: list[Finding] | None = None,
    to_justify: list[Finding] | None = None,
    status: int = 200,
) -> HttpResponse:
    may_edit = can(request.user, Action.EDIT, cycle.unit)
    may_approve = can(request.user, Action.APPROVE, cycle.unit)
    if may_edit and cycle.is_open and form is None:
        form = EntryProposeForm(positions=_positions(cycle)[:POSITIONS_OFFERED], unit_kind=cycle.unit.kind)
    if form is not None and not to_justify and not form.data.get("justification"):
        form.fields["justification"].widget = forms.HiddenInput()
    everyone = list(selectors.planning_entries(cycle, include_removed=True))
    active = [e for e in everyone if not e.is_removed]
    removed = sorted(
        (e for e in everyone if e.is_removed),
        key=lambda e: e.removed_on or e.added_on,
        reverse=True,
    )
    return render(
        request,
        "personnel/planning_detail.html",
        {
            "cycle": cycle,
            "groups": _grouped(active),
            "removed": removed,
            "targets": selectors.structure_targets(cycle),
            "form": form if may_edit and cycle.is_open else None,
            "refused": refused or [],
            "to_justify": to_justify or [],
            "may_edit": may_edit,
            "may_approve": may_approve,
            "pack": get_pack(cycle.pack),
            "section": "planning",
        },
        status=status,
    )


@login_required
def planning_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    cycle = get_planning_cycle_for(request.user, pk)
    return _detail(request, cycle)


@login_required
@require_POST
def entry_propose(request: AuthedRequest, pk: int) -> HttpResponse:
    cycle = get_planning_cycle_for(request.user, pk)
    if not can(request.user, Action.EDIT, cycle.unit):
        raise Http404
    form = EntryProposeForm(
        request.POST, positions=_positions(cycle)[:POSITIONS_OFFERED], unit_kind=cycle.unit.kind
    )
    refused: list[Finding] = []
    to_justify: list[Finding] = []
    if form.is_valid():
        data = form.cleaned_data
        person = find_person(request.user, data["person"], form, "person")
        position = _positions(cycle).filter(pk=data["position"]).first() if data["position"] else None
        if person is not None:
            try:
                entry = services.planning_entry_propose(
                    actor=request.user,
                    cycle=cycle,
                    person=person,
                    title=data["title"],
                    position=position,
                    justification=data["justification"],
                )
            except services.PlanningRefused as exc:
                refused = exc.checks
            except DomainError as exc:
                show_domain_error(form, exc)
                if exc.field == "justification":
                    to_justify = [
                        check
                        for check in entry_checks(cycle, person, data["title"], position)
                        if check.severity == "justify"
                    ]
            else:
                messages.success(
                    request,
                    _("Đã đề xuất %(person)s vào quy hoạch chức danh «%(title)s».")
                    % {"person": person.full_name, "title": entry.title.name},
                )
                return redirect("personnel:planning_detail", pk=cycle.pk)
    return _detail(request, cycle, form=form, refused=refused, to_justify=to_justify)


@login_required
@require_POST
def entry_approve(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = get_planning_entry_for(request.user, pk)
    if not can(request.user, Action.APPROVE, entry.cycle.unit):
        raise Http404
    try:
        services.planning_entry_approve(actor=request.user, entry=entry)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("Đã phê duyệt %(person)s trong quy hoạch chức danh «%(title)s».")
            % {"person": entry.person.full_name, "title": entry.title.name},
        )
    return redirect("personnel:planning_detail", pk=entry.cycle_id)


@login_required
def entry_remove(request: AuthedRequest, pk: int) -> HttpResponse:
    """Take a person out of the planning: the page says what will change and asks for the reason."""
    entry = get_planning_entry_for(request.user, pk)
    if not can(request.user, Action.EDIT, entry.cycle.unit) or entry.is_removed:
        raise Http404
    form = EntryRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.planning_entry_remove(
                actor=request.user,
                entry=entry,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã đưa %(person)s ra khỏi quy hoạch chức danh «%(title)s».")
                % {"person": entry.person.full_name, "title": entry.title.name},
            )
            return redirect("personnel:planning_detail", pk=entry.cycle_id)
    return render(
        request, "personnel/entry_remove.html", {"entry": entry, "form": form, "section": "planning"}
    )


@login_required
@require_POST
def planning_review(request: AuthedRequest, pk: int) -> HttpResponse:
    """The yearly review: the pack's rules take out who no longer qualifies, each with its reason."""
    cycle = get_planning_cycle_for(request.user, pk)
    if not can(request.user, Action.EDIT, cycle.unit):
        raise Http404
    try:
        removed = services.planning_review(actor=request.user, cycle=cycle)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("personnel:planning_detail", pk=cycle.pk)
    if not removed:
        messages.success(request, _("Đã rà soát quy hoạch: mọi người vẫn đủ điều kiện, không ai bị đưa ra."))
    else:
        messages.warning(
            request,
            _("Đã rà soát quy hoạch: %(n)s người được đưa ra khỏi quy hoạch theo quy định.")
            % {"n": len(removed)},
        )
        for entry in removed:
            messages.warning(
                request,
                _("%(person)s — %(title)s: %(reason)s. %(note)s")
                % {
                    "person": entry.person.full_name,
                    "title": entry.title.name,
                    "reason": entry.get_removal_reason_display(),
                    "note": entry.removal_note,
                },
            )
    return redirect("personnel:planning_detail", pk=cycle.pk)
