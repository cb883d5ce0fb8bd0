"""Pages of the jurors (their sheet, their scores) and of the results (page, Word, Excel)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tochuc.award import documents, judging, selectors
from tochuc.award.forms import ScoreForm
from tochuc.award.models import AwardEntry, AwardRound, Prize
from tochuc.award.permissions import can_view_round, get_results_round_for, get_round_for, juror_seats
from tochuc.award.rules import get_award_pack
from tochuc.core.actors import AuthedRequest
from tochuc.core.documents.downloads import docx_attachment, xlsx_attachment
from tochuc.core.errors import DomainError


@login_required
@require_GET
def sheet(request: AuthedRequest, pk: int) -> HttpResponse:
    """A juror's sheet: only the entries assigned to their panel now, conflicts left out."""
    award_round = get_round_for(request.user, pk)
    seats = juror_seats(request.user, award_round)
    if not seats:
        raise Http404
    current = next((s for s in seats if s.panel == award_round.status), None)
    rows = selectors.juror_sheet(current) if current else []
    return render(
        request,
        "award/sheet.html",
        {
            "round": award_round,
            "seat": current,
            "seats": seats,
            "rows": rows,
            "pack": get_award_pack(award_round.pack),
            "organizer": can_view_round(request.user, award_round),
        },
    )


@login_required
@require_POST
def score(request: AuthedRequest, pk: int, entry_pk: int) -> HttpResponse:
    award_round = get_round_for(request.user, pk)
    entry = (
        AwardEntry.objects.filter(round=award_round, pk=entry_pk).select_related("round__organizer").first()
    )
    if entry is None:
        raise Http404
    form = ScoreForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Điểm phải là số, ví dụ 85 hoặc 85,5."))
        return redirect("award:sheet", pk=award_round.pk)
    try:
        judging.score_record(actor=request.user, entry=entry, **form.cleaned_data)
    except DomainError as exc:
        if exc.kind == "not_found":
            raise Http404 from None
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi điểm tác phẩm số %(n)s.") % {"n": entry.number})
    return redirect("award:sheet", pk=award_round.pk)


@login_required
@require_GET
def results(request: AuthedRequest, pk: int) -> HttpResponse:
    """The published results: the prizes by level, with the ties explained."""
    award_round = get_results_round_for(request.user, pk)
    return render(
        request,
        "award/results.html",
        {
            "round": award_round,
            "levels": _levels(award_round),
            "organizer": can_view_round(request.user, award_round),
        },
    )


@login_required
@require_GET
def results_docx(request: AuthedRequest, pk: int) -> HttpResponse:
    award_round = get_results_round_for(request.user, pk)
    if not award_round.results_out:
        raise Http404
    content = documents.results_docx(actor=request.user, award_round=award_round)
    return docx_attachment(content, f"quyet-dinh-giai-bua-liem-vang-{award_round.year}")


@login_required
@require_GET
def entries_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    award_round = get_round_for(request.user, pk)
    if not can_view_round(request.user, award_round):
        raise Http404
    content = documents.entries_xlsx(actor=request.user, award_round=award_round)
    return xlsx_attachment(content, f"tac-pham-giai-bua-liem-vang-{award_round.year}")


def _levels(award_round: AwardRound) -> list[tuple[str, int, list[AwardEntry]]]:
    winners = selectors.winners(award_round) if award_round.results_out else []
    return [
        (str(Prize(level).label), count, [e for e in winners if e.prize == level])
        for level, count in get_award_pack(award_round.pack).prizes
    ]


@require_GET
def public_results(request: HttpRequest, year: int) -> HttpResponse:
    """The results of a round once published, for anyone; nothing else of the round is shown."""
    award_round = AwardRound.objects.select_related("organizer").filter(year=year).first()
    if award_round is None or not award_round.results_out:
        raise Http404
    return render(
        request, "award/public_results.html", {"round": award_round, "levels": _levels(award_round)}
    )
