"""The look-ups that answer 404 outside the user's inbox."""

from __future__ import annotations

from django.http import Http404

from tochuc.core.actors import Actor
from tochuc.notifications.models import Notification
from tochuc.notifications.selectors import inbox_for


def get_notification_for(user: Actor, pk: int) -> Notification:
    notification = inbox_for(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification
