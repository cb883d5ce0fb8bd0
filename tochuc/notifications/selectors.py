"""Reads of notifications: a user only ever sees their own."""

from __future__ import annotations

from django.db.models import QuerySet

from tochuc.core.actors import Actor
from tochuc.notifications.models import Notification


def inbox_for(user: Actor) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


# The bell and the home page count unread notifications up to this and then show "99+": a Centre user
# may hold hundreds of thousands, and every page draws the bell.
BELL_LIMIT = 99


def unread_count(user: Actor, *, at_most: int | None = None) -> int:
    """Unread notifications of ``user``; with ``at_most``, counted no further than ``at_most + 1``."""
    if not getattr(user, "is_authenticated", False):
        return 0
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if at_most is None:
        return unread.count()
    return unread.order_by().values("pk")[: at_most + 1].count()
