from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from tochuc.orgunits.models import OrgUnitEvent, UnitEventKind

register = template.Library()


@register.filter
def event_text(event: OrgUnitEvent) -> str:
    """One sentence saying what a history event changed."""
    details = event.details or {}
    related = event.related_unit.name if event.related_unit else ""
    if event.kind == UnitEventKind.RENAMED:
        before = details.get("before", {}).get("name", "")
        after = details.get("after", {}).get("name", "")
        return _("«%(before)s» → «%(after)s»") % {"before": before, "after": after}
    if event.kind == UnitEventKind.MOVED:
        return _("từ %(src)s sang %(dst)s") % {
            "src": details.get("from") or "—",
            "dst": details.get("to") or "—",
        }
    if event.kind in (UnitEventKind.MERGED_INTO, UnitEventKind.ABSORBED, UnitEventKind.SPLIT_FROM):
        return related
    if event.kind == UnitEventKind.SPLIT_INTO:
        return ", ".join(details.get("into", []))
    return ""
