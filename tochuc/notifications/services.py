"""Writes to notifications: ``notify`` (bulk, once per user and key), marking read, e-mail.

Notifications are messages, not records of the organisation: they carry no audit event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from tochuc.accounts.models import User
from tochuc.core.actors import Actor
from tochuc.notifications.models import Notification

BATCH = 2000


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


def deliver(messages: Iterable[Message], *, email: bool | None = None) -> list[Message]:
    """Store the messages not stored before (same user and key); return the new ones.

    Re-running with the same keys stores and sends nothing. When e-mail is configured
    (``EMAIL_HOST``), each user with an address gets one e-mail listing their new
    messages, after the transaction commits.
    """
    pending: dict[tuple[int, str], Message] = {}
    for message in messages:
        pending.setdefault((message.user_id, message.key[:200]), message)
    if not pending:
        return []
    new: list[Message] = []
    items = list(pending.items())
    for offset in range(0, len(items), BATCH):
        chunk = items[offset : offset + BATCH]
        keys = {key for (_user, key), _m in chunk}
        users = {user for (user, _key), _m in chunk}
        existing = set(
            Notification.objects.filter(key__in=keys, user_id__in=users).values_list("user_id", "key")
        )
        fresh = [m for pair, m in chunk if pair not in existing]
        Notification.objects.bulk_create(
            [
                Notification(
                    user_id=m.user_id, kind=m.kind[:40], text=m.text[:500], link=m.link[:500], key=m.key[:200]
                )
                for m in fresh
            ],
            ignore_conflicts=True,
        )
        new.extend(fresh)
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
