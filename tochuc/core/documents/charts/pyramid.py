"""The population pyramid: men to the left, women to the right, one scale for both sides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from tochuc.core.documents.charts.bars import (
    GRID,
    MEN,
    MUTED,
    ROW,
    THICKNESS,
    WOMEN,
    _el,
    _empty,
    _svg,
    _text,
    _text_width,
    _tip,
    no_data,
)
from tochuc.core.documents.numbers import format_number, format_percent, share


@dataclass(frozen=True)
class PyramidBand:
    label: str
    men: int
    women: int


def pyramid_chart(
    bands: Sequence[PyramidBand],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    width: float = 640,
) -> SafeString:
    """Men to the left, women to the right, youngest band at the bottom; one scale for both sides."""
    men = sum(b.men for b in bands)
    women = sum(b.women for b in bands)
    total = men + women
    if total <= 0:
        return _empty(chart_id, title, description, width, no_data())
    peak = max(max(b.men, b.women) for b in bands)
    desc = (
        f"{description} "
        + _("Nam %(men)s (%(men_share)s), nữ %(women)s (%(women_share)s).")
        % {
            "men": format_number(men),
            "men_share": format_percent(share(men, total)),
            "women": format_number(women),
            "women_share": format_percent(share(women, total)),
        }
        + " "
        + "; ".join(
            _("%(band)s: nam %(men)s, nữ %(women)s")
            % {"band": b.label, "men": format_number(b.men), "women": format_number(b.women)}
            for b in bands
        )
        + "."
    ).strip()
    centre_w = max(max(_text_width(b.label) for b in bands) + 16, 64.0)
    value_w = _text_width(format_number(peak)) + 10
    side = (width - centre_w) / 2
    plot_w = max(side - value_w, 30.0)
    left_edge = side  # men's bars grow leftwards from here
    right_edge = side + centre_w  # women's bars grow rightwards from here
    header = 40.0
    body = [
        _text(left_edge - 4, 12, _("Nam"), text_anchor="end", font_weight="bold", fill=MEN),
        _text(
            left_edge - 4,
            29,
            f"{format_number(men)} ({format_percent(share(men, total))})",
            text_anchor="end",
            fill=MUTED,
            class_="value",
        ),
        _text(right_edge + 4, 12, _("Nữ"), font_weight="bold", fill=WOMEN),
        _text(
            right_edge + 4,
            29,
            f"{format_number(women)} ({format_percent(share(women, total))})",
            fill=MUTED,
            class_="value",
        ),
        _text(width / 2, 29, _("Tuổi"), text_anchor="middle", fill=MUTED),
    ]
    for i, band in enumerate(reversed(bands)):
        y = header + ROW * i + (ROW - THICKNESS) / 2
        mid = y + THICKNESS / 2
        men_len = plot_w * band.men / peak
        women_len = plot_w * band.women / peak
        men_text, women_text = format_number(band.men), format_number(band.women)
        body.append(
            _el(
                "rect",
                _tip(_("%(band)s, nam: %(n)s") % {"band": band.label, "n": men_text}),
                x=left_edge - men_len,
                y=y,
                width=men_len,
                height=float(THICKNESS),
                fill=MEN,
                class_="bar men",
            )
        )
        body.append(_text(left_edge - men_len - 5, mid, men_text, text_anchor="end", class_="value"))
        body.append(_text(width / 2, mid, band.label, text_anchor="middle"))
        body.append(
            _el(
                "rect",
                _tip(_("%(band)s, nữ: %(n)s") % {"band": band.label, "n": women_text}),
                x=right_edge,
                y=y,
                width=women_len,
                height=float(THICKNESS),
                fill=WOMEN,
                class_="bar women",
            )
        )
        body.append(_text(right_edge + women_len + 5, mid, women_text, class_="value"))
    bottom = header + ROW * len(bands)
    for x in (left_edge, right_edge):
        body.append(_el("line", x1=x, x2=x, y1=header - 2, y2=bottom, stroke=GRID))
    return _svg(chart_id, title, desc, width, bottom + 6, "".join(body))
