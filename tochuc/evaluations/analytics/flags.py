"""The four statistical signals of one unit row, with the thresholds of the cycle's rule pack."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tochuc.core.documents.numbers import format_number
from tochuc.evaluations.analytics.figures import (
    EPSILON,
    JUMP_EXCELLENT_SHARE,
    Flag,
    FlagKind,
    UnitRow,
    pct,
)
from tochuc.evaluations.models import RATING_RANK, Rating
from tochuc.evaluations.rules.base import RulePack


def flags_for(row: UnitRow, siblings_mean: float | None, pack: RulePack) -> list[Flag]:
    """The statistical signals of one row, thresholds from ``pack``."""
    flags: list[Flag] = []
    dist = row.dist
    # Shares of too few rated people say nothing (the pack's ``inflation_min_people``).
    share = dist.good_or_better if dist.rated >= pack.inflation_min_people else None
    low_collective = row.collective in (Rating.COMPLETED, Rating.NOT_COMPLETED)
    if share is not None and low_collective and share >= pack.inflation_share - EPSILON:
        flags.append(
            Flag(
                FlagKind.INFLATION,
                _(
                    "%(share)s cá nhân được xếp loại hoàn thành tốt hoặc xuất sắc nhiệm vụ (ngưỡng %(limit)s) "
                    "trong khi tập thể chỉ «%(collective)s»."
                )
                % {
                    "share": pct(share),
                    "limit": pct(pack.inflation_share),
                    "collective": row.collective_label,
                },
            )
        )
    if (
        share is not None
        and siblings_mean is not None
        and abs(share - siblings_mean) > pack.sibling_gap + EPSILON
    ):
        flags.append(
            Flag(
                FlagKind.SIBLINGS,
                _(
                    "Tỷ lệ hoàn thành tốt nhiệm vụ trở lên %(share)s, bình quân các đơn vị cùng cấp "
                    "%(mean)s (chênh lệch cho phép %(gap)s)."
                )
                % {"share": pct(share), "mean": pct(siblings_mean), "gap": pct(pack.sibling_gap)},
            )
        )
    same = dist.identical_score(pack.identical_min_people)
    if same is not None:
        flags.append(
            Flag(
                FlagKind.IDENTICAL,
                _("Cả %(n)s cá nhân đều có cùng số điểm %(score)s.")
                % {"n": format_number(dist.scored), "score": format_number(float(same), 1)},
            )
        )
    prev = row.previous
    if prev is not None:
        now = dist.excellent_share
        if (
            now is not None
            and prev.excellent_share is not None
            and now - prev.excellent_share >= JUMP_EXCELLENT_SHARE - EPSILON
        ):
            flags.append(
                Flag(
                    FlagKind.JUMP,
                    _("Tỷ lệ hoàn thành xuất sắc nhiệm vụ tăng từ %(before)s lên %(now)s.")
                    % {"before": pct(prev.excellent_share), "now": pct(now)},
                )
            )
        if (
            row.collective
            and prev.collective
            and RATING_RANK[row.collective] - RATING_RANK[prev.collective] >= pack.jump_levels
        ):
            flags.append(
                Flag(
                    FlagKind.JUMP,
                    _("Tập thể tăng từ «%(before)s» lên «%(now)s».")
                    % {"before": Rating(prev.collective).label, "now": row.collective_label},
                )
            )
    return flags
