"""Averages of the scores, conflicts left out: what advancement and prizes are computed from."""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from tochuc.award.conflicts import round_conflicts
from tochuc.award.models import AwardEntry, AwardJuror, AwardRound, AwardScore, Panel

TWO_PLACES = Decimal("0.01")


def averages(award_round: AwardRound, panel: str) -> dict[int, Decimal]:
    """Each entry's average over the panel's scores, leaving out any score a conflict excludes."""
    conflicts = round_conflicts(award_round)
    totals: dict[int, list[Decimal]] = defaultdict(list)
    scores = AwardScore.objects.filter(entry__round=award_round, juror__panel=panel).values_list(
        "juror_id", "entry_id", "score"
    )
    for juror_id, entry_id, score in scores:
        if (juror_id, entry_id) not in conflicts:
            totals[entry_id].append(score)
    return {
        entry_id: (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
        for entry_id, values in totals.items()
    }


def panel_entries(award_round: AwardRound, panel: str) -> list[AwardEntry]:
    """The entries a panel judges: every eligible one in the preliminary, the advanced ones in the final."""
    entries = AwardEntry.objects.filter(round=award_round, eligible=True)
    if panel == Panel.FINAL:
        entries = entries.filter(advanced=True)
    return list(entries.prefetch_related("authors"))


def missing_scores(award_round: AwardRound, panel: str) -> list[tuple[AwardJuror, AwardEntry]]:
    """The (juror, entry) pairs of the panel still without a score, conflicts left out."""
    conflicts = round_conflicts(award_round)
    entries = panel_entries(award_round, panel)
    jurors = list(AwardJuror.objects.filter(round=award_round, panel=panel))
    scored = set(
        AwardScore.objects.filter(entry__round=award_round, juror__panel=panel).values_list(
            "juror_id", "entry_id"
        )
    )
    return [
        (juror, entry)
        for juror in jurors
        for entry in entries
        if (juror.pk, entry.pk) not in conflicts and (juror.pk, entry.pk) not in scored
    ]
