"""Short forms for dense tables: HTXSNV … KHTNV, brief criteria-frame names, rating badges and the
analytics table's rows."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tochuc.core.documents.numbers import format_percent
from tochuc.evaluations.models import RATING_SHORT, EvaluationCycle, Frame, Rating

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


class _RowWriter:
    """Writes the rows of one table: the texts that repeat (labels, links) are prepared once."""

    def __init__(self, cycle: EvaluationCycle) -> None:
        from tochuc.evaluations.analytics.figures import FLAG_LABELS, RATINGS

        self.ratings = RATINGS
        self.own_text = conditional_escape(gettext("trực tiếp tại đơn vị"))
        self.unrated = conditional_escape(gettext("chưa xếp loại"))
        self.flag_labels = {kind: conditional_escape(str(label)) for kind, label in FLAG_LABELS.items()}
        self.collectives = {
            value: format_html(
                '<abbr class="rating rating-{}" title="{}">{}</abbr>', value, label, RATING_SHORT[value]
            )
            for value, label in Rating.choices
        }
        # A child's link: the cycle's address with the unit's code put in, as ``reverse`` quotes it.
        self.cycle = cycle
        marked = reverse("evaluations:analytics_unit", args=[cycle.code, _MARK])
        self.link = marked.split(_MARK) if marked.count(_MARK) == 1 else None

    def url(self, code: str) -> str:
        if self.link is None or "/" in code:
            return reverse("evaluations:analytics_unit", args=[self.cycle.code, code])
        return quote(code, safe=RFC3986_SUBDELIMS + "/~:@").join(self.link)

    def row(self, row: UnitRow) -> str:
        unit, dist = row.unit, row.dist
        name = conditional_escape(unit.short_name or unit.name)
        if row.own:
            head = f'{name} <span class="muted">({self.own_text})</span>'
        else:
            head = f'<a href="{conditional_escape(self.url(unit.code))}">{name}</a>'
        rated = dist.rated
        cells = []
        for rating in self.ratings:
            count = dist.count(rating)
            if rated:
                share = _percent(100 * count / rated)
                cells.append(f'<td class="num">{_count(count)} <span class="muted">({share})</span></td>')
            else:
                cells.append(f'<td class="num">{_count(count)}</td>')
        good = dist.good_or_better_percent
        collective: str
        if row.collective:
            collective = self.collectives.get(row.collective) or format_html(
                '<abbr class="rating rating-{}" title="{}">{}</abbr>',
                row.collective,
                row.collective_label,
                row.collective_short,
            )
        elif not row.own:
            collective = f'<span class="muted">{self.unrated}</span>'
        else:
            collective = ""
        flags = "".join(
            f'<span class="badge flag flag-{conditional_escape(f.kind)}" title="{conditional_escape(f.detail)}">'
            f"{self.flag_labels.get(f.kind) or conditional_escape(f.label)}</span> "
            for f in row.flags
        )
        flagged = ' class="flagged"' if row.flags else ""
        strong = "—" if good is None else f"<strong>{_percent(good)}</strong>"
        # Every text from the data went through conditional_escape above; numbers are written here.
        return (
            f'<tr{flagged} data-unit="{conditional_escape(unit.code)}">\n'
            f'      <th scope="row">{head}</th>\n'
            f'      <td class="num">{_count(dist.individuals)}</td>\n'
            f"      {''.join(cells)}\n"
            f'      <td class="num">{_count(dist.unrated)}</td>\n'
            f'      <td class="num">{strong}</td>\n'
            f"      <td>{collective}</td>\n"
            f"      <td>{flags}</td>\n"
            "    </tr>"
        )


# Stands for a unit's code while the address of the cycle's analytics is reversed once.
_MARK = "unit-code-here"


@register.simple_tag
def analytics_rows(data: Analytics, cycle: EvaluationCycle) -> SafeString:
    """The rows of the analytics table in one pass, every name and detail escaped.

    One row per unit: its individuals, the count (and share of those rated) of each rating, those
    not rated, the share Good or better, the collective's rating and the signals; a child links to
    its own analytics.
    """
    writer = _RowWriter(cycle)
    return mark_safe("".join(writer.row(row) for row in data.rows))
