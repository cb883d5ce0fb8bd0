"""The stages of a round: preliminary scoring, advancement, final scoring, prizes, publication, archive."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.award.conflicts import is_excluded
from tochuc.award.errors import AwardErrorCode
from tochuc.award.models import AwardEntry, AwardJuror, AwardRound, AwardScore, Panel, RoundStatus
from tochuc.award.prizes import Ranked, allocate
from tochuc.award.rules import get_award_pack
from tochuc.award.scoring import averages, missing_scores
from tochuc.award.services import lock_round, require_writable
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError, not_found


def _need_jurors(award_round: AwardRound, panel: str) -> None:
    if not AwardJuror.objects.filter(round=award_round, panel=panel).exists():
        raise DomainError(
            _("Chưa có thành viên %(panel)s.") % {"panel": Panel(panel).label},
            code=AwardErrorCode.NO_JURORS,
            field="panel",
        )


def _need_scores(award_round: AwardRound, panel: str) -> None:
    missing = missing_scores(award_round, panel)
    if missing:
        raise DomainError(
            _("Còn %(n)s lượt chấm chưa có điểm (ví dụ: %(juror)s – tác phẩm số %(number)s).")
            % {"n": len(missing), "juror": missing[0][0].full_name, "number": missing[0][1].number},
            code=AwardErrorCode.SCORES_MISSING,
        )


def _move(actor: Actor | None, award_round: AwardRound, status: str, action: str, **summary: object) -> None:
    award_round.status = status
    award_round.save(update_fields=["status", "published_on", "decision_number", "updated_at"])
    record(
        actor=actor,
        action=action,
        target=award_round,
        unit_path=award_round.organizer.path,
        summary={"round": award_round.year, "status": status, **summary},
    )


@transaction.atomic
def preliminary_start(*, actor: Actor | None, award_round: AwardRound) -> AwardRound:
    """Stop taking entries and let the preliminary panel score the eligible ones."""
    enforce(actor, Action.EDIT, award_round.organizer)
    lock_round(award_round)
    require_writable(award_round, RoundStatus.OPEN)
    _need_jurors(award_round, Panel.PRELIMINARY)
    _move(actor, award_round, RoundStatus.PRELIMINARY, "award.preliminary_start")
    return award_round


@transaction.atomic
def score_record(
    *, actor: Actor, entry: AwardEntry, score: Decimal | str | float, comment: str = ""
) -> AwardScore:
    """A juror scores an entry assigned to their panel; an excluded entry does not exist for them."""
    # Read again: the stage and the entry's advancement may have moved since the caller loaded them.
    entry = AwardEntry.objects.select_related("round__organizer").get(pk=entry.pk)
    award_round = lock_round(entry.round)  # no scoring while the stage moves
    require_writable(award_round, RoundStatus.PRELIMINARY, RoundStatus.FINAL)
    juror = AwardJuror.objects.filter(round=award_round, panel=award_round.status, user=actor).first()
    assigned = entry.eligible and (award_round.status == RoundStatus.PRELIMINARY or entry.advanced)
    if juror is None or not assigned or is_excluded(juror, entry):
        raise not_found()
    pack = get_award_pack(award_round.pack)
    try:
        value = Decimal(str(score))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or not Decimal(0) <= value <= pack.max_score:
        raise DomainError(
            _("Điểm phải từ 0 đến %(max)s.") % {"max": pack.max_score},
            code=AwardErrorCode.SCORE_OUT_OF_RANGE,
            field="score",
        )
    value = value.quantize(Decimal("0.01"))
    scored, _created = AwardScore.objects.update_or_create(
        juror=juror, entry=entry, defaults={"score": value, "comment": comment.strip()[:500]}
    )
    record(
        actor=actor,
        action="award.score_record",
        target=scored,
        unit_path=award_round.organizer.path,
        summary={"round": award_round.year, "entry": entry.number, "panel": juror.panel, "score": str(value)},
    )
    return scored


@transaction.atomic
def final_start(*, actor: Actor | None, award_round: AwardRound) -> list[AwardEntry]:
    """Close the preliminary: the entries whose average reaches the pack's mark go to the final."""
    enforce(actor, Action.EDIT, award_round.organizer)
    lock_round(award_round)
    require_writable(award_round, RoundStatus.PRELIMINARY)
    _need_scores(award_round, Panel.PRELIMINARY)
    _need_jurors(award_round, Panel.FINAL)
    pack = get_award_pack(award_round.pack)
    found = averages(award_round, Panel.PRELIMINARY)
    advanced: list[AwardEntry] = []
    for entry in AwardEntry.objects.filter(round=award_round, eligible=True):
        entry.preliminary_average = found.get(entry.pk)
        entry.advanced = (
            entry.preliminary_average is not None and entry.preliminary_average >= pack.advance_min_score
        )
        entry.save(update_fields=["preliminary_average", "advanced", "updated_at"])
        if entry.advanced:
            advanced.append(entry)
    _move(actor, award_round, RoundStatus.FINAL, "award.final_start", advanced=[e.number for e in advanced])
    return advanced


@transaction.atomic
def results_publish(
    *, actor: Actor | None, award_round: AwardRound, decision_number: str, published_on: dt.date
) -> list[AwardEntry]:
    """Close the final, give the prizes by the pack's quotas (ties explained) and publish the results.

    Without a decision number, the next one of the organizer's outgoing register is taken.
    """
    enforce(actor, Action.EDIT, award_round.organizer)
    lock_round(award_round)
    require_writable(award_round, RoundStatus.FINAL)
    _need_scores(award_round, Panel.FINAL)
    pack = get_award_pack(award_round.pack)
    found = averages(award_round, Panel.FINAL)
    finalists = list(AwardEntry.objects.filter(round=award_round, eligible=True, advanced=True))
    ranked = [
        Ranked(e.pk, found.get(e.pk, Decimal(0)), e.preliminary_average or Decimal(0)) for e in finalists
    ]
    placed = {p.entry_id: p for p in allocate(ranked, pack.prizes)}
    for entry in finalists:
        entry.final_average = found.get(entry.pk)
        entry.prize = placed[entry.pk].prize
        entry.prize_note = placed[entry.pk].note
        entry.save(update_fields=["final_average", "prize", "prize_note", "updated_at"])
    if not decision_number.strip():
        from tochuc.reviews.register import number_issue

        decision_number = number_issue(
            actor=actor,
            issuer=award_round.organizer,
            doc_type="QĐ",
            subject=f"Quyết định trao {award_round.name}",
            issued_on=published_on,
        ).number_symbol
    award_round.decision_number = decision_number.strip()
    award_round.published_on = published_on
    order = [level for level, _count in pack.prizes]
    winners = sorted((e for e in finalists if e.prize), key=lambda e: (order.index(e.prize), e.number))
    _move(
        actor,
        award_round,
        RoundStatus.PUBLISHED,
        "award.results_publish",
        decision=award_round.decision_number,
        prizes={e.number: e.prize for e in winners},
    )
    return winners


@transaction.atomic
def round_close(*, actor: Actor | None, award_round: AwardRound) -> AwardRound:
    """Archive a published round: from now on it is read-only."""
    enforce(actor, Action.EDIT, award_round.organizer)
    lock_round(award_round)
    require_writable(award_round, RoundStatus.PUBLISHED)
    _move(actor, award_round, RoundStatus.CLOSED, "award.round_close")
    return award_round
