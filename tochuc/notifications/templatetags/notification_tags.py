"""``{% load notification_tags %}{% unread_notifications as n %}``: the bell's count, up to
``BELL_LIMIT + 1`` (``{{ n|bell_count }}`` shows "99+" past the limit)."""

from __future__ import annotations

from django import template
from django.template.context import Context

from tochuc.notifications.selectors import BELL_LIMIT, unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context: Context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return 0
    cached: int | None = getattr(request, "_tochuc_unread", None)
    if cached is None:
        cached = unread_count(user, at_most=BELL_LIMIT)
        if request is not None:
            request._tochuc_unread = cached
    return cached


@register.filter
def bell_count(value: int) -> str:
    """``7`` → ``7``; past ``BELL_LIMIT`` → ``99+``."""
    return f"{BELL_LIMIT}+" if value > BELL_LIMIT else str(value)
