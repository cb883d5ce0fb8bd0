"""The overview, rotation, confidence votes and the transparency view."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.policy import Action, can, has_any
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error
from tochuc.orgunits.models import OrgUnit
from tochuc.orgunits.permissions import get_unit_for
from tochuc.orgunits.selectors import chooser_units
from tochuc.personnel import selectors, services
from tochuc.personnel.forms import RotationEndForm, RotationForm, UnitPickForm, VoteForm
from tochuc.personnel.models import ConfidenceVote, ProcedureStatus
from tochuc.personnel.permissions import get_rotation_for
from tochuc.personnel.rules import get_pack
from tochuc.personnel.views.common import find_person, top_unit, unit_from


@login_required
@require_GET
def home(request: AuthedRequest) -> HttpResponse:
    """Where cadre work stands in the user's reach, and where to go next."""
    counts = selectors.procedure_counts(request.user)
    cycles = selectors.planning_cycles_for(request.user)
    return render(
        request,
        "personnel/home.html",
        {
            "open_cycles": cycles.filter(is_open=True).count(),
            "cycles": list(cycles.filter(is_open=True)[:5]),
            "running": counts.get(ProcedureStatus.OPEN, 0) + counts.get(ProcedureStatus.PASSED, 0),
            "blocked": counts.get(ProcedureStatus.BLOCKED, 0),
            "decided": counts.get(ProcedureStatus.DECIDED, 0),
            "failed": counts.get(ProcedureStatus.FAILED, 0),
            "open_rotations": selectors.rotations_for(request.user, open_only=True).count(),
            "votes": selectors.confidence_votes_for(request.user).count(),
            "may_edit": has_any(request.user, Action.EDIT),
            "section": "home",
        },
    )


def _picked_unit(request: AuthedRequest) -> tuple[UnitPickForm, OrgUnit | None]:
    """The unit chosen in ``?unit=`` (404 outside reach), defaulting to the user's top unit."""
    units = chooser_units(request.user)
    code = request.GET.get("unit", "").strip()
    unit = unit_from(request.user, code) if code else top_unit(request.user)
    return UnitPickForm(initial={"unit": unit.code if unit else ""}, units=units), unit


def _rotation_page(
    request: AuthedRequest, *, form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    pick, unit = _picked_unit(request)
    may_edit = has_any(request.user, Action.EDIT)
    if may_edit and form is None:
        form = RotationForm(units=chooser_units(request.user))
    rotations = list(selectors.rotations_for(request.user, unit=unit, open_only=True))
    ended = Paginator(
        selectors.rotations_for(request.user, unit=unit)
        .filter(ended_on__isnull=False)
        .order_by("-ended_on", "id"),
        settings.TOCHUC_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    endable = {rotation.pk for rotation in rotations if can(request.user, Action.EDIT, rotation.from_unit)}
    return render(
        request,
        "personnel/rotation_list.html",
        {
            "pick": pick,
            "unit": unit,
            "rotations": rotations,
            "endable": endable,
            "page": ended,
            "query": urlencode({"unit": unit.code}) if unit else "",
            "heads": selectors.heads_near_term_limit(request.user, unit) if unit else [],
            "locals": selectors.local_in_non_local_posts(request.user, unit) if unit else [],
            "form": form if may_edit else None,
            "pack": get_pack(None),
            "section": "rotations",
        },
        status=status,
    )


@login_required
@require_GET
def rotation_list(request: AuthedRequest) -> HttpResponse:
    return _rotation_page(request)


@login_required
@require_POST
def rotation_new(request: AuthedRequest) -> HttpResponse:
    if not has_any(request.user, Action.EDIT):
        raise Http404
    form = RotationForm(request.POST, units=chooser_units(request.user))
    if form.is_valid():
        data = form.cleaned_data
        person = find_person(request.user, data["person"], form, "person")
        if person is not None:
            try:
                rotation = services.rotation_create(
                    actor=request.user,
                    person=person,
                    to_unit=get_unit_for(request.user, data["to_unit"]),
                    to_title=data["to_title"],
                    purpose=data["purpose"],
                    start=data["start"],
                    planned_end=data["planned_end"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(
                    request,
                    _("Đã lập kế hoạch luân chuyển %(person)s đến %(unit)s, dự kiến đến %(end)s.")
                    % {
                        "person": person.full_name,
                        "unit": rotation.to_unit.name,
                        "end": rotation.planned_end.strftime("%d/%m/%Y"),
                    },
                )
                return redirect("personnel:rotation_list")
    return _rotation_page(request, form=form)


@login_required
def rotation_end(request: AuthedRequest, pk: int) -> HttpResponse:
    rotation = get_rotation_for(request.user, pk)
    if rotation.ended_on is not None or not can(request.user, Action.EDIT, rotation.from_unit):
        raise Http404
    pack = get_pack(rotation.pack)
    form = RotationEndForm(request.POST or None, min_months=pack.rotation_min_months)
    if request.method == "POST" and form.is_valid():
        try:
            services.rotation_end(
                actor=request.user,
                rotation=rotation,
                ended_on=form.cleaned_data["ended_on"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Đã kết thúc đợt luân chuyển của %(person)s.") % {"person": rotation.person.full_name},
            )
            return redirect("personnel:rotation_list")
    return render(
        request,
        "personnel/rotation_end.html",
        {"rotation": rotation, "form": form, "pack": pack, "section": "rotations"},
    )


def outcome_text(outcome: str, pack: str | None = None) -> str:
    """The consequence of a vote in words, with the numbers of the pack it was recorded under."""
    rules = get_pack(pack)
    rule = rules.rule(outcome) if outcome else None
    return rules.rule_title(rule) if rule else _("Không có hệ quả theo quy định")


@dataclass(frozen=True)
class VoteRow:
    vote: ConfidenceVote
    outcome_text: str


@login_required
def vote_list(request: AuthedRequest) -> HttpResponse:
    may_edit = has_any(request.user, Action.EDIT)
    form = None
    if may_edit:
        form = VoteForm(request.POST or None, units=chooser_units(request.user, Action.EDIT))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            person = find_person(request.user, data["person"], form, "person")
            if person is not None:
                try:
                    vote = services.confidence_vote_record(
                        actor=request.user,
                        person=person,
                        unit=get_unit_for(request.user, data["unit"], Action.EDIT),
                        held_on=data["held_on"],
                        voters=data["voters"],
                        high=data["high"],
                        confidence=data["confidence"],
                        low=data["low"],
                    )
                except DomainError as exc:
                    show_domain_error(form, exc)
                else:
                    messages.success(
                        request,
                        _("Đã ghi kết quả lấy phiếu tín nhiệm của %(person)s: %(outcome)s.")
                        % {"person": person.full_name, "outcome": outcome_text(vote.outcome, vote.pack)},
                    )
                    return redirect("personnel:vote_list")
    elif request.method == "POST":
        raise Http404
    page = Paginator(selectors.confidence_votes_for(request.user), settings.TOCHUC_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [VoteRow(vote, outcome_text(vote.outcome, vote.pack)) for vote in page.object_list]
    return render(
        request, "personnel/vote_list.html", {"page": page, "rows": rows, "form": form, "section": "votes"}
    )


@login_required
@require_GET
def transparency(request: AuthedRequest) -> HttpResponse:
    """Procedures of a subtree: how long each took, meetings repeated, findings overridden and by whom."""
    pick, unit = _picked_unit(request)
    page = None
    rows: list[selectors.Timed] = []
    if unit is not None:
        page = Paginator(selectors.transparency(request.user, unit), settings.TOCHUC_PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        rows = [selectors.Timed.of(procedure) for procedure in page.object_list]
    return render(
        request,
        "personnel/transparency.html",
        {
            "pick": pick,
            "unit": unit,
            "page": page,
            "rows": rows,
            "query": urlencode({"unit": unit.code}) if unit else "",
            "numbers": get_pack(None).numbers(),
            "section": "transparency",
        },
    )
