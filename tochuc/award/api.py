"""The award over the API: rounds, entries and scores, through the same permissions and services.

Bad input answers 422 here (naming the field), as the schema validation of the framework does.

(No ``from __future__ import annotations`` here: django-ninja reads the
parameter annotations at import time.)
"""

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status

from tochuc.api.schemas import ErrorOut
from tochuc.award import judging, selectors, services
from tochuc.award.models import AwardEntry, AwardRound
from tochuc.award.permissions import can_view_round, get_round_for, juror_seats, organizer_units
from tochuc.core.actors import AuthedRequest
from tochuc.core.errors import DomainError, ErrorCode

router = Router(tags=["award"])

BAD_INPUT = 422


class RoundOut(Schema):
    id: int
    year: int
    name: str
    organizer: str
    pack: str
    window_start: dt.date
    window_end: dt.date
    status: str
    published_on: dt.date | None
    decision_number: str


class RoundIn(Schema):
    organizer: str = Field(..., max_length=40)
    year: int = Field(..., ge=2016, le=2100)
    name: str = Field("", max_length=255)
    pack: str = Field("", max_length=40)
    window_start: dt.date | None = None
    window_end: dt.date | None = None


class AuthorIO(Schema):
    full_name: str = Field(..., max_length=150)
    person: str = Field("", max_length=40)


class EntryOut(Schema):
    id: int
    number: int
    title: str
    authors: list[AuthorIO]
    outlet: str
    form: str
    published_on: dt.date
    topic: str
    link: str
    eligible: bool
    ineligible_reason: str
    advanced: bool
    preliminary_average: Decimal | None
    final_average: Decimal | None
    prize: str
    prize_note: str


class EntryIn(Schema):
    title: str = Field(..., max_length=500)
    authors: list[AuthorIO] = Field(..., max_length=20)
    outlet: str = Field(..., max_length=255)
    form: str = Field(..., max_length=20)
    published_on: dt.date
    topic: str = Field(..., max_length=40)
    link: str = Field("", max_length=500)


class ScoreIn(Schema):
    entry: int
    score: Decimal  # checked by the service (range), rounded to 0.01
    comment: str = Field("", max_length=500)


class ScoreOut(Schema):
    entry: int
    panel: str
    score: Decimal
    comment: str


def _round_out(r: AwardRound) -> dict[str, object]:
    return {
        "id": r.pk,
        "year": r.year,
        "name": r.name,
        "organizer": r.organizer.code,
        "pack": r.pack,
        "window_start": r.window_start,
        "window_end": r.window_end,
        "status": r.status,
        "published_on": r.published_on,
        "decision_number": r.decision_number,
    }


def _entry_out(e: AwardEntry, *, results_only: bool = False) -> dict[str, object]:
    return {
        "id": e.pk,
        "number": e.number,
        "title": e.title,
        "authors": [
            {"full_name": a.full_name, "person": a.person.code if a.person else ""} for a in e.authors.all()
        ],
        "outlet": e.outlet,
        "form": e.form,
        "published_on": e.published_on,
        "topic": e.topic,
        "link": e.link,
        "eligible": e.eligible,
        "ineligible_reason": e.ineligible_reason,
        "advanced": e.advanced,
        "preliminary_average": None if results_only else e.preliminary_average,
        "final_average": e.final_average,
        "prize": e.prize,
        "prize_note": e.prize_note,
    }


def _bad_input(request: HttpRequest, exc: DomainError) -> HttpResponse:
    from tochuc.api.api import api, error_body

    return api.create_response(request, error_body(exc.message, exc.code, exc.field), status=BAD_INPUT)


@router.get(
    "/rounds",
    response={200: list[RoundOut], 401: ErrorOut},
    summary="Các đợt Giải Búa liềm vàng",
    url_name="award_round_list",
)
def round_list(request: AuthedRequest) -> list[dict[str, object]]:
    return [_round_out(r) for r in selectors.rounds_for(request.user)]


@router.post(
    "/rounds",
    response={201: RoundOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Mở đợt giải (cơ quan cấp Trung ương)",
    url_name="award_round_list",
)
def round_create(request: AuthedRequest, payload: RoundIn) -> Status[dict[str, object]] | HttpResponse:
    organizer = next(
        (u for u in organizer_units(request.user) if u.code == payload.organizer.strip().upper()), None
    )
    if organizer is None:
        raise Http404
    try:
        award_round = services.round_open(
            actor=request.user,
            organizer=organizer,
            year=payload.year,
            name=payload.name,
            pack=payload.pack,
            window_start=payload.window_start,
            window_end=payload.window_end,
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _round_out(award_round))


@router.get(
    "/rounds/{round_id}",
    response={200: RoundOut, 401: ErrorOut, 404: ErrorOut},
    summary="Một đợt giải",
    url_name="award_round_detail",
)
def round_detail(request: AuthedRequest, round_id: int) -> dict[str, object]:
    return _round_out(get_round_for(request.user, round_id))


@router.get(
    "/rounds/{round_id}/entries",
    response={200: list[EntryOut], 401: ErrorOut, 404: ErrorOut},
    summary="Tác phẩm của đợt: tất cả cho cơ quan tổ chức, các tác phẩm được giao cho giám khảo",
    url_name="award_entry_list",
)
def entry_list(request: AuthedRequest, round_id: int) -> list[dict[str, object]]:
    award_round = get_round_for(request.user, round_id)
    if can_view_round(request.user, award_round):
        return [_entry_out(e) for e in selectors.round_entries(award_round)]
    seat = next((s for s in juror_seats(request.user, award_round) if s.panel == award_round.status), None)
    rows = selectors.juror_sheet(seat) if seat else []
    return [_entry_out(r.entry, results_only=True) for r in rows]


@router.post(
    "/rounds/{round_id}/entries",
    response={201: EntryOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Ghi tác phẩm dự giải (kiểm tra điều kiện, nêu lý do khi không đủ)",
    url_name="award_entry_list",
)
def entry_create(
    request: AuthedRequest, round_id: int, payload: EntryIn
) -> Status[dict[str, object]] | HttpResponse:
    award_round = get_round_for(request.user, round_id)
    try:
        authors = [
            services.AuthorInput(a.full_name, selectors.author_person(request.user, a.person))
            for a in payload.authors
        ]
        entry = services.entry_record(
            actor=request.user,
            award_round=award_round,
            title=payload.title,
            outlet=payload.outlet,
            form=payload.form,
            published_on=payload.published_on,
            topic=payload.topic,
            authors=authors,
            link=payload.link,
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(201, _entry_out(entry))


@router.post(
    "/rounds/{round_id}/scores",
    response={201: ScoreOut, 401: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Giám khảo chấm một tác phẩm được giao",
    url_name="award_score",
)
def score_create(
    request: AuthedRequest, round_id: int, payload: ScoreIn
) -> Status[dict[str, object]] | HttpResponse:
    award_round = get_round_for(request.user, round_id)
    entry = AwardEntry.objects.filter(round=award_round, pk=payload.entry).first()
    if entry is None:
        raise Http404
    try:
        scored = judging.score_record(
            actor=request.user, entry=entry, score=payload.score, comment=payload.comment
        )
    except DomainError as exc:
        if exc.kind != ErrorCode.INVALID:
            raise
        return _bad_input(request, exc)
    return Status(
        201,
        {"entry": entry.pk, "panel": scored.juror.panel, "score": scored.score, "comment": scored.comment},
    )
