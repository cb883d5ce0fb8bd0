"""Reads of notifications: a user only ever sees their own."""

from __future__ import annotations

from django.db import connections, router
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
    if at_most is None:
        return Notification.objects.filter(user=user, read_at__isnull=True).count()
    return _unread_up_to(user.pk, at_most + 1)


_UNREAD_UP_TO = (
    "SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE user_id = %s AND read_at IS NULL LIMIT %s) AS unread"
)


def _unread_up_to(user_id: int, limit: int) -> int:
    """The bell's count (every page draws it), written out: the index on (user, read_at) answers it,
    and the query costs no query building."""
    alias = router.db_for_read(Notification)
    connection = connections[alias]
    sql = _UNREAD_UP_TO.format(table=connection.ops.quote_name(Notification._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id, limit])
        row = cursor.fetchone()
    return int(row[0]) if row else 0
