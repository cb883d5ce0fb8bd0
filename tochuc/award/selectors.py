"""Reads of the award, always on behalf of a user: what they organize, judge or may read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, scope_q
from tochuc.award.conflicts import Conflict, juror_conflicts, round_conflicts
from tochuc.award.models import AwardEntry, AwardJuror, AwardRound, AwardScore, Panel, RoundStatus
from tochuc.award.scoring import averages, panel_entries
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.people.models import Person


def rounds_for(user: Actor) -> QuerySet[AwardRound]:
    """Rounds the user organizes or may view, sits on a panel of, or whose results are out."""
    return (
        AwardRound.objects.filter(
            scope_q(user, Action.VIEW, "organizer__path")
            | Q(jurors__user=user)
            | Q(status__in=(RoundStatus.PUBLISHED, RoundStatus.CLOSED))
        )
        .select_related("organizer")
        .distinct()
    )


def round_entries(award_round: AwardRound) -> list[AwardEntry]:
    return list(AwardEntry.objects.filter(round=award_round).prefetch_related("authors"))


@dataclass(frozen=True)
class Assigned:
    """An entry on a juror's sheet, with the juror's score if given."""

    entry: AwardEntry
    score: Decimal | None
    comment: str


def juror_sheet(juror: AwardJuror) -> list[Assigned]:
    """The entries the juror judges now: their panel's entries minus those a conflict excludes."""
    award_round = juror.round
    if award_round.status != juror.panel:
        return []
    excluded = juror_conflicts(juror)
    mine = {s.entry_id: s for s in AwardScore.objects.filter(juror=juror)}
    return [
        Assigned(e, mine[e.pk].score if e.pk in mine else None, mine[e.pk].comment if e.pk in mine else "")
        for e in panel_entries(award_round, juror.panel)
        if e.pk not in excluded
    ]


@dataclass(frozen=True)
class JurorLine:
    juror: AwardJuror
    excluded: list[tuple[AwardEntry, Conflict]]
    scored: int


def panels(award_round: AwardRound) -> dict[str, list[JurorLine]]:
    """Each panel's jurors with the entries they are excluded from and how many they have scored."""
    conflicts = round_conflicts(award_round)
    entries = {e.pk: e for e in AwardEntry.objects.filter(round=award_round)}
    jurors = (
        AwardJuror.objects.filter(round=award_round)
        .select_related("user")
        .prefetch_related("declared_relations")
    )
    counts: dict[int, int] = {}
    for juror_id in AwardScore.objects.filter(juror__round=award_round).values_list("juror_id", flat=True):
        counts[juror_id] = counts.get(juror_id, 0) + 1
    found: dict[str, list[JurorLine]] = {Panel.PRELIMINARY: [], Panel.FINAL: []}
    for juror in jurors:
        excluded = [(entries[c.entry_id], c) for (j, _e), c in conflicts.items() if j == juror.pk]
        found[juror.panel].append(
            JurorLine(juror, sorted(excluded, key=lambda x: x[0].number), counts.get(juror.pk, 0))
        )
    return found


@dataclass(frozen=True)
class Standing:
    entry: AwardEntry
    preliminary: Decimal | None
    final: Decimal | None


def standings(award_round: AwardRound) -> list[Standing]:
    """Every entry with its averages so far (live during scoring, stored once a stage is closed)."""
    live_pre = (
        averages(award_round, Panel.PRELIMINARY) if award_round.status == RoundStatus.PRELIMINARY else {}
    )
    live_fin = averages(award_round, Panel.FINAL) if award_round.status == RoundStatus.FINAL else {}
    return [
        Standing(
            e,
            e.preliminary_average if e.preliminary_average is not None else live_pre.get(e.pk),
            e.final_average if e.final_average is not None else live_fin.get(e.pk),
        )
        for e in round_entries(award_round)
    ]


PRIZE_ORDER = ("special", "A", "B", "C", "encouragement")


def winners(award_round: AwardRound) -> list[AwardEntry]:
    """The entries with a prize, best prize first, then by final average."""
    found = [e for e in round_entries(award_round) if e.prize]
    return sorted(found, key=lambda e: (PRIZE_ORDER.index(e.prize), -(e.final_average or 0), e.number))


def score_table(award_round: AwardRound) -> list[AwardScore]:
    return list(
        AwardScore.objects.filter(entry__round=award_round)
        .select_related("juror", "entry")
        .order_by("entry__number", "juror__panel", "juror__full_name")
    )


def author_person(user: Actor, code: str) -> Person | None:
    """The person an author or juror is, by code, among those the user may see; "" → None."""
    code = code.strip().upper()
    if not code:
        return None
    person = Person.objects.filter(scope_q(user, Action.VIEW, "unit__path"), code=code).first()
    if person is None:
        raise DomainError(_("Không tìm thấy đảng viên mã %(code)s.") % {"code": code}, field="authors")
    return person
