"""Server-rendered SVG charts: the shared drawing pieces, bars and stacked bars.

Each chart function returns one ``<svg>`` element as a safe string. All text is
escaped here. Colours and sizes are SVG presentation attributes, because the
Content-Security-Policy allows no inline styles. Every chart has a ``<title>``
and a ``<desc>`` and writes its values next to the marks, so nothing is said by
colour alone. Numbers are written the Vietnamese way (``12.345``, ``45,6%``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from tochuc.core.documents.numbers import format_number, format_percent, share

FONT = '"Segoe UI", Roboto, "Noto Sans", Arial, sans-serif'
INK = "#1f2328"
MUTED = "#5b636e"
GRID = "#d9dde3"
BAR = "#47607a"
MEN = "#2f5d8a"
WOMEN = "#a3456a"

# The rating colours every page and chart shares (see UI.md).
EXCELLENT = "#0b6b3a"
GOOD = "#2e8b57"
COMPLETED = "#a86a00"
NOT_COMPLETED = "#b42318"

FONT_SIZE = 13
CHAR_WIDTH = 7.0  # a rough average advance at 13 px, enough to lay out labels
ROW = 26
THICKNESS = 16
_CHART_ID = re.compile(r"^[A-Za-z][\w-]*$")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    colour: str | None = None  # the chart's colour when None


@dataclass(frozen=True)
class Series:
    """One part of a stacked bar, e.g. a rating: its label and colour."""

    label: str
    colour: str


@dataclass(frozen=True)
class StackedRow:
    label: str
    values: Sequence[float]


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _attrs(attributes: dict[str, object]) -> str:
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        key = name.rstrip("_").replace("_", "-")
        text = _num(value) if isinstance(value, float) else str(value)
        parts.append(f' {key}="{escape(text, quote=True)}"')
    return "".join(parts)


def _el(tag: str, content: str = "", **attributes: object) -> str:
    return f"<{tag}{_attrs(attributes)}>{content}</{tag}>"


def _text(x: float, y: float, content: str, **attributes: object) -> str:
    attributes.setdefault("dominant_baseline", "middle")
    return _el("text", escape(content, quote=False), x=float(x), y=float(y), **attributes)


def _tip(content: str) -> str:
    """A hover title for a mark; screen readers use the chart's table and ``desc``."""
    return _el("title", escape(content, quote=False))


def _text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


def _fit(label: str, width: float) -> str:
    room = max(int(width / CHAR_WIDTH), 2)
    return label if len(label) <= room else label[: room - 1].rstrip() + "…"


def _on(fill: str) -> str:
    """White or ink text, whichever reads better on ``fill`` (WCAG contrast)."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lum = luminance(fill)
    on_white = 1.05 / (lum + 0.05)
    on_ink = (lum + 0.05) / (luminance(INK) + 0.05)
    return "#ffffff" if on_white >= on_ink else INK


def _svg(chart_id: str, title: str, description: str, width: float, height: float, body: str) -> SafeString:
    if not _CHART_ID.match(chart_id):
        raise ValueError(f"chart_id must be a plain identifier, not {chart_id!r}")
    head = _el("title", escape(title, quote=False), id=f"{chart_id}-title") + _el(
        "desc", escape(description, quote=False), id=f"{chart_id}-desc"
    )
    svg = _el(
        "svg",
        head + body,
        xmlns="http://www.w3.org/2000/svg",
        id=chart_id,
        class_="chart",
        role="img",
        aria_labelledby=f"{chart_id}-title {chart_id}-desc",
        viewBox=f"0 0 {_num(width)} {_num(height)}",
        width=float(width),
        height=float(height),
        font_family=FONT,
        font_size=FONT_SIZE,
        fill=INK,
    )
    # Every piece of text above went through escape().
    return mark_safe(svg)


def _empty(chart_id: str, title: str, description: str, width: float, message: str) -> SafeString:
    body = _el("rect", x=0.5, y=0.5, width=float(width - 1), height=59.0, rx=4, fill="#fafbfc", stroke=GRID)
    body += _text(width / 2, 30, message, text_anchor="middle", fill=MUTED, class_="chart-empty")
    return _svg(chart_id, title, f"{description} {message}".strip(), width, 60, body)


def no_data() -> str:
    return _("Chưa có số liệu.")


def _summary(items: Sequence[tuple[str, float]], total: float) -> str:
    parts = [f"{label}: {format_number(v)} ({format_percent(share(v, total))})" for label, v in items]
    return "; ".join(parts) + "."


def bar_chart(
    bars: Sequence[Bar],
    *,
    chart_id: str,
    title: str,
    description: str = "",
    vertical: bool = False,
    colour: str = BAR,
    width: float = 560,
    show_share: bool = True,
) -> SafeString:
    """One bar per category, lengths proportional to the values; each bar labelled with its value."""
    total = sum(b.value for b in bars)
    peak = max((b.value for b in bars), default=0)
    if peak <= 0:
        return _empty(chart_id, title, description, width, no_data())
    desc = f"{description} {_summary([(b.label, b.value) for b in bars], total)}".strip()

    def value_text(value: float) -> str:
        text = format_number(value)
        return f"{text} ({format_percent(share(value, total))})" if show_share else text

    values = [value_text(b.value) for b in bars]
    body: list[str] = []
    if vertical:
        top, label_band, value_band = 8.0, 34.0, 18.0
        plot_h = 180.0
        slot = width / len(bars)
        thickness = min(slot * 0.6, 56.0)
        height = top + value_band + plot_h + label_band
        base = top + value_band + plot_h
        body.append(_el("line", x1=0.0, x2=float(width), y1=base, y2=base, stroke=GRID))
        for i, (bar, text) in enumerate(zip(bars, values, strict=True)):
            length = plot_h * bar.value / peak
            cx = slot * i + slot / 2
            mark = _el(
                "rect",
                _tip(f"{bar.label}: {text}"),
                x=cx - thickness / 2,
                y=base - length,
                width=thickness,
                height=length,
                fill=bar.colour or colour,
                class_="bar",
            )
            body.append(mark)
            body.append(
                _text(
                    cx,
                    base - length - 9,
                    text if _text_width(text) <= slot else format_number(bar.value),
                    text_anchor="middle",
                    class_="value",
                )
            )
            body.append(_text(cx, base + 14, _fit(bar.label, slot - 4), text_anchor="middle", fill=MUTED))
        return _svg(chart_id, title, desc, width, height, "".join(body))

    label_w = min(max(_text_width(b.label) for b in bars) + 16, width * 0.42)
    value_w = max(_text_width(t) for t in values) + 10
    plot_w = max(width - label_w - value_w, 40.0)
    height = ROW * len(bars) + 8
    body.append(_el("line", x1=label_w, x2=label_w, y1=2.0, y2=float(height - 4), stroke=GRID))
    for i, (bar, text) in enumerate(zip(bars, values, strict=True)):
        y = 4 + ROW * i + (ROW - THICKNESS) / 2
        length = plot_w * bar.value / peak
        body.append(_text(label_w - 8, y + THICKNESS / 2, _fit(bar.label, label_w - 10), text_anchor="end"))
        body.append(
            _el(
                "rect",
                _tip(f"{bar.label}: {text}"),
                x=label_w,
                y=y,
                width=length,
                height=float(THICKNESS),
                fill=bar.colour or colour,
                class_="bar",
            )
        )
        body.append(_text(label_w + length + 6, y + THICKNESS / 2, text, class_="value"))
    return _svg(chart_id, title, desc, width, height, "".join(body))


def _r(value: float) -> str:
    """A coordinate rounded to a tenth of a pixel: ``12.34`` → ``12.3``, ``12.0`` → ``12``."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def stacked_bar_chart(
    rows: Sequence[StackedRow],
    *,
    series: Sequence[Series],
    chart_id: str,
    title: str,
    description: str = "",
    normalise: bool = True,
    width: float = 640,
    summary: bool = True,
) -> SafeString:
    """One bar per row split into the series (e.g. ratings); ``normalise`` makes every bar 100 %.

    A legend names each colour, wide enough segments carry their share, and
    every row ends with its total. The ``desc`` lists every row's figures, unless
    ``summary`` is False: then the page shows them in a table and ``description``
    says where.

    Many rows stay light: the text of a kind (labels, shares, totals) shares its
    attributes on one ``<g>``, and coordinates are written to a tenth of a pixel.
    """
    for row in rows:
        if len(row.values) != len(series):
            raise ValueError(f"row {row.label!r} has {len(row.values)} values for {len(series)} series")
    totals = [sum(r.values) for r in rows]
    if not rows or max(totals) <= 0:
        return _empty(chart_id, title, description, width, no_data())
    if summary:
        summaries = [
            f"{row.label} — "
            + ", ".join(f"{s.label} {format_number(v)}" for s, v in zip(series, row.values, strict=True))
            for row in rows
        ]
        desc = f"{description} {'; '.join(summaries)}.".strip()
    else:
        desc = description
    body: list[str] = []
    # Legend: a swatch and the label of each series, wrapped over as many lines as needed.
    x, y = 0.0, 10.0
    for item in series:
        item_w = 18 + _text_width(item.label) + 16
        if x > 0 and x + item_w > width:
            x, y = 0.0, y + 20
        body.append(_el("rect", x=x, y=y - 6, width=12.0, height=12.0, fill=item.colour))
        body.append(_text(x + 17, y, item.label))
        x += item_w
    top = y + 18
    label_w = min(max(_text_width(r.label) for r in rows) + 10, width * 0.3)
    total_texts = [_("n = %(n)s") % {"n": format_number(t)} for t in totals]
    total_w = max(_text_width(t) for t in total_texts) + 10
    plot_w = max(width - label_w - total_w, 40.0)
    peak = max(totals)
    # The colour of a share written on each series' segments, and the share's first part of a tip.
    on_colour = {item.colour: _on(item.colour) for item in series}
    tip_names = [escape(item.label, quote=False) for item in series]
    fills = [escape(item.colour, quote=True) for item in series]
    labels: list[str] = []
    segments: list[str] = []
    shares: list[str] = []
    ends: list[str] = []
    label_x = _r(label_w - 8)
    thickness = _r(THICKNESS)
    for i, (row, row_total, total_text) in enumerate(zip(rows, totals, total_texts, strict=True)):
        y = top + ROW * i + (ROW - THICKNESS) / 2
        mid = _r(y + THICKNESS / 2)
        labels.append(
            f'<text x="{label_x}" y="{mid}">{escape(_fit(row.label, label_w - 10), quote=False)}</text>'
        )
        if row_total <= 0:
            ends.append(f'<text x="{_r(label_w + 4)}" y="{mid}">{escape(no_data(), quote=False)}</text>')
            continue
        scale = plot_w / row_total if normalise else plot_w / peak
        top_y = _r(y)
        x = label_w
        left = _r(x)
        marks: list[str] = []
        parts: list[str] = []
        for item, name, fill, value in zip(series, tip_names, fills, row.values, strict=True):
            length = value * scale
            if length <= 0:
                continue
            right = _r(x + length)
            pct = format_percent(share(value, row_total), 0)
            parts.append(f"{name}: {format_number(value)} ({pct})")
            marks.append(
                f'<rect x="{left}" y="{top_y}" width="{_r(float(right) - float(left))}" height="{thickness}"'
                f' fill="{fill}" class="segment"/>'
            )
            if _text_width(pct) + 6 <= length:
                ink = on_colour[item.colour]
                colour = "" if ink == "#ffffff" else f' fill="{ink}"'
                shares.append(f'<text x="{_r(x + length / 2)}" y="{mid}"{colour}>{pct}</text>')
            x += length
            left = right
        # One hover title for the whole bar: its row and every part of it.
        tip = f"{escape(row.label, quote=False)} — {'; '.join(parts)}"
        segments.append(f"<g><title>{tip}</title>{''.join(marks)}</g>")
        ends.append(f'<text x="{_r(x + 6)}" y="{mid}">{escape(total_text, quote=False)}</text>')
    body.append(_el("g", "".join(labels), text_anchor="end", dominant_baseline="middle"))
    body.append(_el("g", "".join(segments)))
    body.append(
        _el(
            "g",
            "".join(shares),
            text_anchor="middle",
            dominant_baseline="middle",
            font_size=11,
            fill="#ffffff",
            class_="value",
        )
    )
    body.append(_el("g", "".join(ends), fill=MUTED, dominant_baseline="middle", class_="value"))
    height = top + ROW * len(rows) + 4
    return _svg(chart_id, title, desc, width, height, "".join(body))
