"""The inbox: a user's own notifications, newest first; marking read is a POST."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tochuc.core.actors import AuthedRequest
from tochuc.notifications import selectors
from tochuc.notifications.permissions import get_notification_for
from tochuc.notifications.services import notification_mark_read, notifications_mark_all_read


@login_required
def inbox(request: AuthedRequest) -> HttpResponse:
    only_unread = request.GET.get("unread") == "1"
    items = selectors.inbox_for(request.user)
    if only_unread:
        items = items.filter(read_at__isnull=True)
    page = Paginator(items, settings.TOCHUC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "only_unread": only_unread,
            "query": "unread=1" if only_unread else "",
            "unread": selectors.unread_count(request.user),
        },
    )


@login_required
@require_POST
def mark_read(request: AuthedRequest, pk: int) -> HttpResponse:
    """Mark one notification read; with ``open`` go on to what it is about."""
    notification = get_notification_for(request.user, pk)
    notification_mark_read(user=request.user, notification=notification)
    if request.POST.get("open") and url_has_allowed_host_and_scheme(
        notification.link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(notification.link or "/")
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_all_read(request: AuthedRequest) -> HttpResponse:
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:inbox")
