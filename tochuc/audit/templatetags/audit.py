from __future__ import annotations

import json

from django import template

from tochuc.audit.display import Names, SummaryLine, summary_lines
from tochuc.audit.labels import action_label

register = template.Library()


@register.filter
def summary_value(value: object) -> str:
    """A summary value as a person reads it: JSON for structures, plain text otherwise."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return "—"
    return str(value)


@register.simple_tag
def summary_of(summary: object, names: Names | None = None) -> list[SummaryLine]:
    """The labelled, formatted lines of an event's summary (see ``tochuc.audit.display``)."""
    return summary_lines(summary, names)


@register.filter
def action_name(action: str) -> str:
    return action_label(action)
