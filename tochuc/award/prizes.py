"""Prizes by quota: a pure function from the finalists' averages to each one's prize and why.

Finalists are ranked by their final average, then by their preliminary average. A group still tied on
both gets the same prize: when the group does not fit in what is left of a level's quota, the whole
group goes down to the next level (a quota is never exceeded), and the note says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Ranked:
    entry_id: int
    final: Decimal
    preliminary: Decimal


@dataclass(frozen=True)
class Placed:
    entry_id: int
    prize: str  # "" for none
    rank: int
    note: str


def _key(r: Ranked) -> tuple[Decimal, Decimal]:
    return (-r.final, -r.preliminary)


def allocate(finalists: Sequence[Ranked], quotas: Sequence[tuple[str, int]]) -> list[Placed]:
    """Each finalist's prize, best first; ``quotas`` is (level, count), best level first."""
    ordered = sorted(finalists, key=lambda r: (*_key(r), r.entry_id))
    levels = [(level, count) for level, count in quotas if count > 0]
    placed: list[Placed] = []
    level_index, left = 0, levels[0][1] if levels else 0
    rank = 1
    finals = [r.final for r in ordered]
    for _k, grouped in groupby(ordered, key=_key):
        group = list(grouped)
        notes: list[str] = []
        if finals.count(group[0].final) > len(group):
            notes.append(_("Bằng điểm chung khảo, xếp theo điểm sơ khảo"))
        while level_index < len(levels) and len(group) > left:
            level = levels[level_index][0]
            if left:
                notes.append(
                    _("%(n)s tác phẩm bằng điểm, còn %(left)s giải %(level)s: cùng xuống mức sau")
                    % {"n": len(group), "left": left, "level": level}
                )
            level_index += 1
            left = levels[level_index][1] if level_index < len(levels) else 0
        prize = levels[level_index][0] if level_index < len(levels) else ""
        if prize:
            left -= len(group)
        elif not notes:
            notes.append(_("Hết số lượng giải"))
        for r in group:
            placed.append(Placed(r.entry_id, prize, rank, "; ".join(notes)))
        rank += len(group)
    return placed
