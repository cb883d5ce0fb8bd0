"""``{% people_rows page.object_list %}``: the rows of the people list, built in one pass.

The same HTML as a template loop over the rows, with every value escaped (``format_html``): the loop
resolved some forty variables, filters and a URL per row; this asks the URL's shape once a page.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from tochuc.core.templatetags.choices import choice_label
from tochuc.people.models import Membership, Person

register = template.Library()

# Stands for the code in the shape of a person's URL (codes need no quoting in a path: A-Z 0-9 . _ -).
_CODE = "CODE0"

ROW = (
    '<tr>\n    <td><a class="row-link" href="{}{}{}">{}</a>{}</td>\n'
    '    <td class="mono">{}</td>\n'
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "    <td>{}</td>\n"
    "  </tr>"
)
POST = '<div class="muted small">{}</div>'
STATUS = '<span class="badge status-{}">{}</span>'
NO_STATUS = mark_safe('<span class="muted">—</span>')


def _row(person: Person, head: str, tail: str) -> SafeString:
    membership: Membership | None = getattr(person, "membership", None)  # None: no membership row
    born = person.birth_date
    unit = person.unit
    return format_html(
        ROW,
        head,
        person.code,
        tail,
        person.full_name,
        format_html(POST, person.current_post) if person.current_post else "",
        person.code,
        f"{born.day:02d}/{born.month:02d}/{born.year:04d}" if born else "",
        choice_label(person, "gender"),
        person.ethnicity,
        unit.short_name or unit.name,
        choice_label(person, "political_theory_level"),
        format_html(STATUS, membership.status, choice_label(membership, "status"))
        if membership
        else NO_STATUS,
    )


@register.simple_tag
def people_rows(people: Iterable[Person]) -> SafeString:
    """One ``<tr>`` per person of the list (name and post, code, birth date, gender, ethnicity, unit,
    theory level, membership status), each value escaped."""
    head, tail = reverse("people:detail", args=[_CODE]).split(_CODE)
    # Each row is built by format_html, which escaped every value.
    return mark_safe("".join(_row(person, head, tail) for person in people))
