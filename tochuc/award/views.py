"""Pages of the organizers: the rounds, a round's entries, panels and stages."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.accounts.models import User
from tochuc.award import judging, selectors, services
from tochuc.award.forms import EntryForm, JurorForm, PublishForm, RelationForm, RoundForm
from tochuc.award.models import AwardJuror, Prize, RoundStatus
from tochuc.award.permissions import (
    can_manage_round,
    can_view_round,
    get_entry_for,
    get_managed_round_for,
    get_round_for,
    juror_seats,
    organizer_units,
)
from tochuc.award.rules import get_award_pack
from tochuc.core.actors import AuthedRequest
from tochuc.core.attachments import uploads_from
from tochuc.core.errors import DomainError
from tochuc.core.forms import show_domain_error


@login_required
@require_GET
def round_list(request: AuthedRequest) -> HttpResponse:
    """The rounds the user organizes, judges in, or whose results are out."""
    rounds = list(selectors.rounds_for(request.user))
    seats = {j.round_id for j in AwardJuror.objects.filter(user=request.user)}
    return render(
        request,
        "award/rounds.html",
        {"rounds": rounds, "seats": seats, "may_organize": bool(organizer_units(request.user))},
    )


@login_required
def round_new(request: AuthedRequest) -> HttpResponse:
    """Open a yearly round: organizer, year, rules pack, publication window."""
    units = organizer_units(request.user)
    if not units:
        raise Http404
    year = timezone.localdate().year
    form = RoundForm(
        request.POST or None,
        organizers=[(u.code, u.name) for u in units],
        initial={"year": year + 1 if timezone.localdate().month >= 11 else year},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organizer = next(u for u in units if u.code == data["organizer"])
        try:
            award_round = services.round_open(
                actor=request.user,
                organizer=organizer,
                year=data["year"],
                name=data["name"],
                pack=data["pack"],
                window_start=data["window_start"],
                window_end=data["window_end"],
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            messages.success(request, _("Đã mở %(name)s.") % {"name": award_round.name})
            return redirect("award:round", pk=award_round.pk)
    return render(request, "award/round_new.html", {"form": form})


@login_required
@require_GET
def round_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """A round as its organizers see it; a juror who is not an organizer goes to their sheet."""
    award_round = get_round_for(request.user, pk)
    if not can_view_round(request.user, award_round):
        return redirect("award:sheet", pk=award_round.pk)
    pack = get_award_pack(award_round.pack)
    manage = can_manage_round(request.user, award_round) and not award_round.is_closed
    judging_open = manage and not award_round.results_out
    return render(
        request,
        "award/round.html",
        {
            "round": award_round,
            "pack": pack,
            "prize_levels": [(Prize(level).label, count) for level, count in pack.prizes],
            "sources": sorted(pack.sources.items()),
            "standings": selectors.standings(award_round),
            "panels": selectors.panels(award_round),
            "manage": manage,
            "judging_open": judging_open,
            "seats": juror_seats(request.user, award_round),
            "relation_form": RelationForm(),
            "publish_form": PublishForm(initial={"published_on": timezone.localdate()}),
        },
    )


def _author_inputs(user: User, text: str) -> list[services.AuthorInput]:
    """Authors one per line, "Name | PERSON_CODE" linking a person the user may see."""
    found: list[services.AuthorInput] = []
    for raw in text.splitlines():
        name, _sep, code = raw.partition("|")
        if not name.strip():
            continue
        found.append(services.AuthorInput(name.strip(), selectors.author_person(user, code)))
    return found


@login_required
def entry_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Record a work sent to the round; the eligibility check shows its reason at once."""
    award_round = get_managed_round_for(request.user, pk)
    pack = get_award_pack(award_round.pack)
    form = EntryForm(request.POST or None, request.FILES or None, topics=list(pack.topics))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            scan = uploads_from([data["scan"]])[0] if data["scan"] else None
            entry = services.entry_record(
                actor=request.user,
                award_round=award_round,
                title=data["title"],
                outlet=data["outlet"],
                form=data["form"],
                published_on=data["published_on"],
                topic=data["topic"],
                authors=_author_inputs(request.user, data["authors"]),
                link=data["link"],
                scan=scan,
            )
        except DomainError as exc:
            show_domain_error(form, exc)
        else:
            if entry.eligible:
                messages.success(request, _("Đã ghi tác phẩm số %(n)s: đủ điều kiện.") % {"n": entry.number})
            else:
                messages.warning(
                    request,
                    _("Đã ghi tác phẩm số %(n)s, không đủ điều kiện: %(reason)s")
                    % {"n": entry.number, "reason": entry.ineligible_reason},
                )
            if "again" in request.POST:
                return redirect("award:entry_new", pk=award_round.pk)
            return redirect("award:round", pk=award_round.pk)
    return render(request, "award/entry_new.html", {"form": form, "round": award_round, "pack": pack})


@login_required
@require_GET
def entry_scan(request: AuthedRequest, pk: int, entry_pk: int) -> HttpResponse:
    award_round = get_round_for(request.user, pk)
    entry = get_entry_for(request.user, award_round, entry_pk)
    if not entry.scan_data:
        raise Http404
    response = HttpResponse(
        bytes(entry.scan_data), content_type=entry.scan_content_type or "application/octet-stream"
    )
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def juror_new(request: AuthedRequest, pk: int) -> HttpResponse:
    """Name a juror on a panel; their conflicts follow from their outlet, file and declared relatives."""
    award_round = get_managed_round_for(request.user, pk)
    form = JurorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = User.objects.filter(Q(username=data["username"].strip()), is_active=True).first()
        if user is None:
            form.add_error("username", _("Không có tài khoản này."))
        else:
            try:
                person = selectors.author_person(request.user, data["person"])
                juror = services.juror_add(
                    actor=request.user,
                    award_round=award_round,
                    panel=data["panel"],
                    user=user,
                    outlet=data["outlet"],
                    person=person,
                    full_name=data["full_name"],
                )
            except DomainError as exc:
                show_domain_error(form, exc)
            else:
                messages.success(request, _("Đã thêm giám khảo %(name)s.") % {"name": juror.full_name})
                return redirect("award:round", pk=award_round.pk)
    return render(request, "award/juror_new.html", {"form": form, "round": award_round})


@login_required
@require_POST
def relation_new(request: AuthedRequest, pk: int, juror_pk: int) -> HttpResponse:
    award_round = get_managed_round_for(request.user, pk)
    juror = AwardJuror.objects.filter(round=award_round, pk=juror_pk).first()
    if juror is None:
        raise Http404
    form = RelationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nhập quan hệ và họ tên người thân."))
    else:
        try:
            services.relation_declare(actor=request.user, juror=juror, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("Đã ghi người thân của giám khảo %(name)s.") % {"name": juror.full_name}
            )
    return redirect("award:round", pk=award_round.pk)


@login_required
@require_POST
def step(request: AuthedRequest, pk: int) -> HttpResponse:
    """Move the round on: preliminary, final, publication of the results, archive."""
    award_round = get_managed_round_for(request.user, pk)
    which = request.POST.get("step", "")
    try:
        if which == RoundStatus.PRELIMINARY:
            judging.preliminary_start(actor=request.user, award_round=award_round)
            messages.success(request, _("Đã chuyển sang vòng sơ khảo."))
        elif which == RoundStatus.FINAL:
            advanced = judging.final_start(actor=request.user, award_round=award_round)
            messages.success(request, _("%(n)s tác phẩm vào vòng chung khảo.") % {"n": len(advanced)})
        elif which == RoundStatus.PUBLISHED:
            form = PublishForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Nhập số quyết định và ngày công bố dạng dd/mm/yyyy."))
                return redirect("award:round", pk=award_round.pk)
            winners = judging.results_publish(
                actor=request.user, award_round=award_round, **form.cleaned_data
            )
            messages.success(request, _("Đã công bố kết quả: %(n)s tác phẩm đạt giải.") % {"n": len(winners)})
            return redirect("award:results", pk=award_round.pk)
        elif which == RoundStatus.CLOSED:
            judging.round_close(actor=request.user, award_round=award_round)
            messages.success(request, _("Đã lưu trữ đợt giải; từ nay chỉ được xem."))
        else:
            raise Http404
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("award:round", pk=award_round.pk)
