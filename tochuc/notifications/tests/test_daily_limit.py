"""Over the day's limit, a user gets one digest per kind instead of every message."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import override_settings

from tochuc.accounts.models import User
from tochuc.notifications.models import Notification
from tochuc.notifications.services import Digest, Message, deliver, per_user_limit, unsent, within_limit

DAY = dt.date(2026, 12, 4)
OVERDUE = Digest(
    "Ngày %(d)s: %(n)s nhiệm vụ đồng chí phụ trách đã quá hạn.", "/directives/dashboard/?status=overdue"
)


def batch(user: User, n: int, kind: str = "task.overdue", start: int = 0) -> list[Message]:
    return [
        Message(user.pk, kind, f"Nhiệm vụ {i} đã quá hạn.", f"/t/{i}/", f"task:{i}:{kind}")
        for i in range(start, start + n)
    ]


def texts(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("id").values_list("text", flat=True))


def test_the_limit_is_a_setting() -> None:
    assert per_user_limit() == 30
    with override_settings(TOCHUC_NOTICES_PER_USER=5):
        assert per_user_limit() == 5
    assert within_limit(0, 30, 30) and not within_limit(0, 31, 30) and not within_limit(25, 6, 30)
    assert within_limit(10**6, 10**6, 0)  # 0: no limit


def test_at_the_limit_every_message_goes_one_by_one(inside: User) -> None:
    stored = deliver(batch(inside, 30), digests={"task.overdue": OVERDUE}, day=DAY)
    assert len(stored) == 30 and Notification.objects.filter(user=inside).count() == 30
    assert not Notification.objects.filter(key__contains=".digest:").exists()


def unread(user: User) -> list[str]:
    return list(Notification.objects.filter(user=user, read_at__isnull=True).values_list("text", flat=True))


def test_one_above_the_limit_gives_one_digest_then_nothing_on_a_rerun(inside: User, outside: User) -> None:
    messages = batch(inside, 31) + batch(outside, 2)
    stored = deliver(messages, digests={"task.overdue": OVERDUE}, day=DAY)
    assert unread(inside) == ["Ngày 04/12/2026: 31 nhiệm vụ đồng chí phụ trách đã quá hạn."]
    digest = Notification.objects.get(user=inside, read_at__isnull=True)
    assert digest.key == "task.overdue.digest:2026-12-04" and digest.link == OVERDUE.link
    # The tasks it stands for are in the inbox, already read, under the digest.
    inbox = list(Notification.objects.filter(user=inside).values_list("key", "read_at"))
    assert len(inbox) == 32 and inbox[0][0] == digest.key
    assert all(read is not None for key, read in inbox[1:])
    assert len(unread(outside)) == 2  # the other user is under the limit
    assert len(stored) == 3
    assert deliver(messages, digests={"task.overdue": OVERDUE}, day=DAY) == []
    assert deliver(messages, digests={"task.overdue": OVERDUE}, day=DAY + dt.timedelta(days=1)) == []


def test_after_the_days_digest_more_messages_wait_for_the_next_one(inside: User) -> None:
    deliver(batch(inside, 40), digests={"task.overdue": OVERDUE}, day=DAY)
    later = batch(inside, 5, start=100)
    assert deliver(later, digests={"task.overdue": OVERDUE}, day=DAY) == []
    assert Notification.objects.filter(user=inside).count() == 41
    deliver(later, digests={"task.overdue": OVERDUE}, day=DAY + dt.timedelta(days=1))
    assert unread(inside)[0] == "Ngày 05/12/2026: 5 nhiệm vụ đồng chí phụ trách đã quá hạn."


def test_what_came_earlier_today_counts(inside: User) -> None:
    deliver(batch(inside, 25, kind="task.deadline_soon"), day=DAY)
    deliver(batch(inside, 6, kind="task.overdue"), digests={"task.overdue": OVERDUE}, day=DAY)
    assert len(unread(inside)) == 26
    assert texts(inside)[-1] == "Ngày 04/12/2026: 6 nhiệm vụ đồng chí phụ trách đã quá hạn."


def test_one_digest_per_kind_and_a_lone_message_stays_itself(inside: User) -> None:
    messages = [
        *batch(inside, 40, kind="task.overdue"),
        *batch(inside, 3, kind="other"),
        Message(
            inside.pk, "task.overdue_summary", "Có 40 nhiệm vụ quá hạn.", "/d/", "tasks.overdue:2026-W49"
        ),
    ]
    deliver(messages, digests={"task.overdue": OVERDUE}, day=DAY)
    assert sorted(unread(inside)) == [
        "Có 40 nhiệm vụ quá hạn.",
        "Ngày 04/12/2026: 40 nhiệm vụ đồng chí phụ trách đã quá hạn.",
        "Ngày 04/12/2026: đồng chí có 3 thông báo mới.",
    ]


def test_the_count_is_written_the_vietnamese_way(inside: User) -> None:
    deliver(batch(inside, 1234), digests={"task.overdue": OVERDUE}, day=DAY)
    assert unread(inside) == ["Ngày 04/12/2026: 1.234 nhiệm vụ đồng chí phụ trách đã quá hạn."]


@override_settings(TOCHUC_NOTICES_PER_USER=0)
def test_no_limit(inside: User) -> None:
    assert len(deliver(batch(inside, 45), day=DAY)) == 45


def test_unsent_and_dry_run_only_read(inside: User) -> None:
    messages = batch(inside, 3)
    deliver(messages[:1], day=DAY)
    assert [m.key for m in unsent(messages + messages)] == [m.key for m in messages[1:]]
    assert len(deliver(batch(inside, 40), digests={"task.overdue": OVERDUE}, day=DAY, dry_run=True)) == 1
    assert Notification.objects.filter(user=inside).count() == 1


pytestmark = pytest.mark.django_db


def test_checked_messages_are_not_looked_up_again(inside: User, django_assert_num_queries: Any) -> None:
    fresh = unsent(batch(inside, 5))
    # The day's count and the insert: no second look for what is stored already.
    with django_assert_num_queries(2):
        assert len(deliver(fresh, day=DAY, checked=True)) == 5
    with django_assert_num_queries(3):
        assert len(deliver(batch(inside, 5, start=10), day=DAY)) == 5
