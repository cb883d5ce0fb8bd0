"""Short forms for dense tables: HTXSNV … KHTNV, brief criteria-frame names, rating badges and the
analytics table's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tochuc.core.documents.numbers import format_number, format_percent
from tochuc.evaluations.models import RATING_SHORT, EvaluationCycle, Frame

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from tochuc.evaluations.analytics.figures import Analytics, UnitRow

register = template.Library()

FRAME_SHORT: dict[str, StrOrPromise] = {
    Frame.COLLECTIVE: _("Tập thể"),
    Frame.CENTRAL_CADRE: _("Diện Trung ương quản lý"),
    Frame.LEADER: _("Lãnh đạo, quản lý"),
    Frame.NON_LEADER: _("Không giữ chức vụ"),
    Frame.OUTSIDE: _("Ngoài hệ thống chính trị"),
}


@register.filter
def rating_short(value: str) -> str:
    return RATING_SHORT.get(value, value)


@register.filter
def frame_short(value: str) -> str:
    return str(FRAME_SHORT.get(value, value))


@register.simple_tag
def rating_badge(value: str, label: object, short: bool = False) -> SafeString:
    """A rating as a coloured badge (its short form with the full label on hover when ``short``), or a dash."""
    if not value:
        return mark_safe('<span class="muted">—</span>')
    if short:
        return format_html(
            '<span class="rating r-{}"><abbr title="{}">{}</abbr></span>',
            value,
            label,
            RATING_SHORT.get(value, value),
        )
    return format_html('<span class="rating r-{}">{}</span>', value, label)


# --- The analytics table ----------------------------------------------------------------------


def _count(value: int) -> str:
    """``12345`` → ``12.345`` (what ``format_number`` writes for a whole number)."""
    return f"{value:,}".replace(",", ".")


def _percent(value: float) -> str:
    """A percentage 0–100 → ``45,6%`` (what ``format_percent`` writes)."""
    if not 0 <= value < 1000:
        return format_percent(value)
    return f"{value:.1f}".replace(".", ",") + "%"


def _number(value: float) -> str:
    return _count(value) if isinstance(value, int) else format_number(value)


_ROW = (
    '<tr{} data-unit="{}">\n      <th scope="row">{}</th>\n      <td class="num">{}</td>\n'
    '      {}\n      <td class="num">{}</td>\n      <td class="num">{}</td>\n      <td>{}</td>\n'
    "      <td>{}</td>\n    </tr>"
)


def _row(row: UnitRow, url_of: dict[str, str], ratings: tuple[str, ...], own_text: str, unrated: str) -> str:
    unit, dist = row.unit, row.dist
    name = unit.short_name or unit.name
    if row.own:
        head = format_html('{} <span class="muted">({})</span>', name, own_text)
    else:
        head = format_html('<a href="{}">{}</a>', url_of[unit.code], name)
    rated = dist.rated
    cells = []
    for rating in ratings:
        count = dist.count(rating)
        if rated:
            cells.append(
                f'<td class="num">{_count(count)} <span class="muted">({_percent(100 * count / rated)})</span></td>'
            )
        else:
            cells.append(f'<td class="num">{_count(count)}</td>')
    good = dist.good_or_better_percent
    if row.collective:
        collective = format_html(
            '<abbr class="rating rating-{}" title="{}">{}</abbr>',
            row.collective,
            row.collective_label,
            row.collective_short,
        )
    elif not row.own:
        collective = format_html('<span class="muted">{}</span>', unrated)
    else:
        collective = mark_safe("")
    flags = format_html_join(
        "",
        '<span class="badge flag flag-{}" title="{}">{}</span> ',
        ((f.kind, f.detail, f.label) for f in row.flags),
    )
    return format_html(
        _ROW,
        mark_safe(' class="flagged"') if row.flags else "",
        unit.code,
        head,
        _count(dist.individuals),
        # Only digits, commas and percent signs: written here, nothing to escape.
        mark_safe("".join(cells)),
        _count(dist.unrated),
        mark_safe(f"<strong>{_percent(good)}</strong>") if good is not None else "—",
        collective,
        flags,
    )


@register.simple_tag
def analytics_rows(data: Analytics, cycle: EvaluationCycle) -> SafeString:
    """The rows of the analytics table in one pass, every name and detail escaped.

    One row per unit: its individuals, the count (and share of those rated) of each rating, those
    not rated, the share Good or better, the collective's rating and the signals; a child links to
    its own analytics.
    """
    from tochuc.evaluations.analytics.figures import RATINGS

    url_of = {
        row.unit.code: reverse("evaluations:analytics_unit", args=[cycle.code, row.unit.code])
        for row in data.rows
        if not row.own
    }
    own_text, unrated = gettext("trực tiếp tại đơn vị"), gettext("chưa xếp loại")
    return mark_safe("".join(_row(row, url_of, RATINGS, own_text, unrated) for row in data.rows))
