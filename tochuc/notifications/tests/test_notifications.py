"""notify(): once per user and key; the inbox shows only one's own, newest first; marking read."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.conftest import Tree, login
from tochuc.notifications.models import Notification
from tochuc.notifications.services import notify


def test_notify_is_once_per_user_and_key(inside: User, outside: User) -> None:
    assert notify(users=[inside, outside], kind="test", text="Xin chào", link="/", key="k1") == 2
    assert notify(users=[inside, outside.pk], kind="test", text="Xin chào lần nữa", link="/", key="k1") == 0
    assert notify(users=[inside], kind="test", text="Khác", link="/", key="k2") == 1
    assert Notification.objects.filter(user=inside).count() == 2
    assert notify(users=[], kind="test", text="x", key="k3") == 0


def test_inbox_newest_first_and_only_ones_own(inside: User, outside: User) -> None:
    notify(users=[inside], kind="t", text="Thông báo cũ", key="a")
    notify(users=[inside], kind="t", text="Thông báo mới", key="b")
    notify(users=[outside], kind="t", text="Của người khác", key="c")
    response = login(inside).get(reverse("notifications:inbox"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("Thông báo mới") < body.index("Thông báo cũ")
    assert "Của người khác" not in body
    assert "2 thông báo chưa đọc" in body


def test_inbox_is_paginated(inside: User) -> None:
    for i in range(55):
        notify(users=[inside], kind="t", text=f"Việc số {i:02d}", key=f"k{i}")
    first = login(inside).get(reverse("notifications:inbox")).content.decode()
    assert "Việc số 54" in first and "Việc số 00" not in first
    second = login(inside).get(reverse("notifications:inbox") + "?page=2").content.decode()
    assert "Việc số 00" in second


def test_anonymous_is_sent_to_login(client: Client, tree: Tree) -> None:
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_mark_read_and_open(inside: User, outside: User) -> None:
    notify(users=[inside], kind="t", text="Nhiệm vụ sắp đến hạn", link="/directives/tasks/1/", key="a")
    notify(users=[outside], kind="t", text="Của người khác", key="b")
    mine = Notification.objects.get(user=inside)
    theirs = Notification.objects.get(user=outside)
    client = login(inside)
    # Marking read is a POST only.
    assert client.get(reverse("notifications:read", args=[mine.pk])).status_code == 405
    response = client.post(reverse("notifications:read", args=[mine.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/directives/tasks/1/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    # Someone else's notification does not exist for me.
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_open_never_leaves_the_site(inside: User) -> None:
    notify(users=[inside], kind="t", text="Lạ", link="https://evil.example/", key="a")
    note = Notification.objects.get()
    response = login(inside).post(reverse("notifications:read", args=[note.pk]), {"open": "1"})
    assert response["Location"] == reverse("notifications:inbox")


def test_mark_all_read_needs_csrf(inside: User) -> None:
    notify(users=[inside], kind="t", text="Một", key="a")
    notify(users=[inside], kind="t", text="Hai", key="b")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(inside)
    assert strict.post(reverse("notifications:read_all")).status_code == 403
    assert login(inside).post(reverse("notifications:read_all")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert (
        "Không có thông báo chưa đọc"
        in login(inside).get(reverse("notifications:inbox") + "?unread=1").content.decode()
    )


@pytest.mark.django_db
def test_bell_shows_the_unread_count(inside: User, outside: User) -> None:
    notify(users=[inside], kind="t", text="Một", key="a")
    notify(users=[inside], kind="t", text="Hai", key="b")
    template = Template('{% include "notifications/_bell.html" %}')
    request = RequestFactory().get("/")
    request.user = inside
    html = template.render(Context({"request": request}))
    assert 'data-testid="notification-unread">2<' in html
    request = RequestFactory().get("/")
    request.user = outside
    html = template.render(Context({"request": request}))
    assert "notification-bell" in html and "notification-unread" not in html


@pytest.mark.django_db
def test_the_bell_counts_up_to_its_limit_and_then_says_99_plus(inside: User) -> None:
    from tochuc.notifications.selectors import BELL_LIMIT, unread_count

    for i in range(BELL_LIMIT + 1):
        notify(users=[inside], kind="t", text=f"Việc {i}", key=f"k{i}")
    template = Template('{% include "notifications/_bell.html" %}')
    request = RequestFactory().get("/")
    request.user = inside
    assert 'data-testid="notification-unread">99+<' in template.render(Context({"request": request}))
    assert unread_count(inside) == BELL_LIMIT + 1  # the inbox still counts them all
    Notification.objects.filter(user=inside, key="k0").update(read_at=timezone.now())
    request = RequestFactory().get("/")
    request.user = inside
    assert 'data-testid="notification-unread">99<' in template.render(Context({"request": request}))


@pytest.mark.django_db
def test_the_bell_is_one_query_and_counts_only_one_s_own_unread(
    inside: User, outside: User, django_assert_num_queries
) -> None:
    from tochuc.notifications.selectors import BELL_LIMIT, unread_count

    def bell_of(user: User) -> int:
        with django_assert_num_queries(1):
            return unread_count(user, at_most=BELL_LIMIT)

    assert bell_of(inside) == 0
    Notification.objects.bulk_create(
        Notification(user=user, kind="t", text="x", key=f"{user.pk}-{i}")
        for user, n in ((inside, BELL_LIMIT + 30), (outside, 3))
        for i in range(n)
    )
    assert bell_of(inside) == BELL_LIMIT + 1  # the template shows "99+"
    assert bell_of(outside) == 3
    Notification.objects.filter(user=outside, key=f"{outside.pk}-0").update(read_at=timezone.now())
    assert bell_of(outside) == 2 == unread_count(outside)
    Notification.objects.filter(user=inside).exclude(key__in=[f"{inside.pk}-{i}" for i in range(5)]).update(
        read_at=timezone.now()
    )
    assert bell_of(inside) == 5
