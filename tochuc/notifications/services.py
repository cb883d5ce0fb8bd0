"""Writes to notifications: ``notify`` (bulk, once per user and key), marking read, e-mail.

A user gets at most ``TOCHUC_NOTICES_PER_USER`` notifications a day one by one; beyond that,
one digest per kind says how many there were (``deliver``).

Notifications are messages, not records of the organisation: they carry no audit event.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tochuc.accounts.models import User
from tochuc.core.actors import Actor
from tochuc.core.documents.numbers import format_number
from tochuc.notifications.models import Notification

BATCH = 2000
DEFAULT_NOTICES_PER_USER = 30


@dataclass(frozen=True)
class Message:
    user_id: int
    kind: str
    text: str
    link: str
    key: str


def email_enabled() -> bool:
    """E-mail goes out when an e-mail host is configured (Django's default "localhost" is not).

    ``TOCHUC_NOTIFY_EMAIL`` (True/False), when set, decides instead.
    """
    explicit = getattr(settings, "TOCHUC_NOTIFY_EMAIL", None)
    if explicit is not None:
        return bool(explicit)
    return getattr(settings, "EMAIL_HOST", "") not in {"", "localhost"}


def per_user_limit() -> int:
    """How many notifications one user gets a day before the rest come as one digest per kind."""
    return int(getattr(settings, "TOCHUC_NOTICES_PER_USER", DEFAULT_NOTICES_PER_USER))


def within_limit(already: int, more: int, limit: int) -> bool:
    """Whether ``more`` notifications still go one by one after ``already`` today (0: no limit)."""
    return limit <= 0 or already + more <= limit


@dataclass(frozen=True)
class Digest:
    """What a user over the daily limit reads instead of the messages of one kind.

    ``text`` holds ``%(d)s`` (the day, dd/mm/yyyy) and ``%(n)s`` (how many, 1.234).
    """

    text: str
    link: str = ""


def unsent(messages: Iterable[Message]) -> list[Message]:
    """The messages not stored before (same user and key), each pair once, in their order."""
    pending: dict[tuple[int, str], Message] = {}
    for message in messages:
        pending.setdefault((message.user_id, message.key[:200]), message)
    fresh: list[Message] = []
    items = list(pending.items())
    for offset in range(0, len(items), BATCH):
        chunk = items[offset : offset + BATCH]
        keys = {key for (_user, key), _m in chunk}
        users = {user for (user, _key), _m in chunk}
        existing = set(
            Notification.objects.filter(key__in=keys, user_id__in=users).values_list("user_id", "key")
        )
        fresh.extend(m for pair, m in chunk if pair not in existing)
    return fresh


def stored_today(user_ids: Iterable[int]) -> dict[int, int]:
    """How many notifications each user has received since midnight (local time), digested ones too."""
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    ids = sorted(set(user_ids))
    counts: dict[int, int] = {}
    for offset in range(0, len(ids), BATCH):
        rows = (
            Notification.objects.filter(user_id__in=ids[offset : offset + BATCH], created_at__gte=start)
            .values("user_id")
            .annotate(n=Count("id"))
            .values_list("user_id", "n")
        )
        counts.update(rows)
    return counts


def _digest(kind: str, group: list[Message], day: dt.date, digests: Mapping[str, Digest]) -> Message:
    links = {m.link for m in group}
    digest = digests.get(kind) or Digest(
        _("Ngày %(d)s: đồng chí có %(n)s thông báo mới."), links.pop() if len(links) == 1 else ""
    )
    text = digest.text % {"d": date_format(day, "d/m/Y"), "n": format_number(len(group))}
    return Message(group[0].user_id, kind, text, digest.link, f"{kind}.digest:{day.isoformat()}")


def deliver(
    messages: Iterable[Message],
    *,
    email: bool | None = None,
    digests: Mapping[str, Digest] | None = None,
    day: dt.date | None = None,
    dry_run: bool = False,
    checked: bool = False,
) -> list[Message]:
    """Store the messages not stored before (same user and key); return those that ring the bell.

    Re-running with the same keys stores and sends nothing. A user who would go over
    ``TOCHUC_NOTICES_PER_USER`` today gets, for each kind with more than one new message,
    one digest instead (``<kind>.digest:<day>``, the text from ``digests``); the messages
    it stands for are stored as already read, so no later run tells of them again. Once
    the day's digest of a kind is sent, more messages of that kind for that user wait,
    unsent, for the next run. When e-mail is configured (``EMAIL_HOST``), each user with
    an address gets one e-mail listing the new unread ones, after the transaction commits.
    ``dry_run``: only reads, and returns what would ring the bell. ``checked``: the messages
    come from ``unsent`` already (in the same transaction), and are not looked up again.
    """
    fresh = list(messages) if checked else unsent(messages)
    if not fresh:
        return []
    day = day or timezone.localdate()
    by_user: dict[int, list[Message]] = defaultdict(list)
    for message in fresh:
        by_user[message.user_id].append(message)
    limit = per_user_limit()
    already = stored_today(by_user) if limit > 0 else {}
    single: list[Message] = []
    folded: dict[str, tuple[Message, list[Message]]] = {}  # digest key → (digest, what it stands for)
    for user_id, own in by_user.items():
        if within_limit(already.get(user_id, 0), len(own), limit):
            single.extend(own)
            continue
        by_kind: dict[str, list[Message]] = defaultdict(list)
        for message in own:
            by_kind[message.kind].append(message)
        for kind, group in by_kind.items():
            if len(group) == 1:
                single.extend(group)  # a digest of one message is the message itself
            else:
                digest = _digest(kind, group, day, digests or {})
                folded[f"{user_id}:{digest.key}"] = (digest, group)
    # A digest already sent today: what it would stand for stays unsent, for the next day's digest.
    new_digests = unsent(digest for digest, _group in folded.values())
    quiet = [m for d in new_digests for m in folded[f"{d.user_id}:{d.key}"][1]]
    new = single + new_digests
    if dry_run:
        return new
    # The messages a digest stands for are stored as read (the digest rings the bell for them), so
    # that no later run tells of them again; the digests go in after them, on top of the inbox.
    read_at = timezone.now()
    for batch, seen in ((quiet, read_at), (new, None)):
        for offset in range(0, len(batch), BATCH):
            Notification.objects.bulk_create(
                [
                    Notification(
                        user_id=m.user_id,
                        kind=m.kind[:40],
                        text=m.text[:500],
                        link=m.link[:500],
                        key=m.key[:200],
                        read_at=seen,
                    )
                    for m in batch[offset : offset + BATCH]
                ],
                ignore_conflicts=True,
            )
    if new and (email_enabled() if email is None else email):
        transaction.on_commit(lambda: send_emails(new))
    return new


def notify(*, users: Iterable[User | int], kind: str, text: str, link: str = "", key: str) -> int:
    """Notify each of ``users`` once for ``key``; returns how many were new."""
    user_ids = {u if isinstance(u, int) else u.pk for u in users}
    return len(deliver(Message(uid, kind, text, link, key) for uid in sorted(user_ids)))


def send_emails(messages: Sequence[Message]) -> int:
    by_user: dict[int, list[Message]] = defaultdict(list)
    for message in messages:
        by_user[message.user_id].append(message)
    addresses = dict(
        User.objects.filter(pk__in=by_user, is_active=True).exclude(email="").values_list("pk", "email")
    )
    base = getattr(settings, "TOCHUC_BASE_URL", "").rstrip("/")
    mails = []
    for user_id, address in addresses.items():
        lines = [f"- {m.text}" + (f"\n  {base}{m.link}" if m.link else "") for m in by_user[user_id]]
        mails.append(
            (
                "[tochuc] Thông báo mới",
                "Bạn có thông báo mới trên tochuc:\n\n" + "\n".join(lines),
                settings.DEFAULT_FROM_EMAIL,
                [address],
            )
        )
    return send_mass_mail(mails, fail_silently=True) if mails else 0


def notification_mark_read(*, user: Actor, notification: Notification) -> Notification:
    if notification.user_id != user.pk:
        raise PermissionError
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user: Actor) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
