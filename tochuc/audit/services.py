"""``record`` writes one audit event. Services call it inside their transaction."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

from django.conf import settings
from django.db import connection
from django.utils import timezone

from tochuc.audit.chain import compute_hash
from tochuc.audit.models import GENESIS_HASH, AuditEvent, AuditLock
from tochuc.core.actors import Actor
from tochuc.core.context import current_request_id

# pg_advisory_xact_lock key: "tochuc audit" folded into a bigint.
_PG_LOCK_KEY = 0x746F636875630A01

SYSTEM_LABEL = "hệ thống"


def sensitive(value: str) -> str:
    """How a sensitive value (a citizen ID…) appears in an audit summary.

    A keyed hash: equal values still compare equal, but a short number such as
    a citizen ID cannot be recovered by trying every candidate without the key,
    which lives in the environment, not in the database.
    """
    key = settings.AUDIT_HMAC_KEY.encode()
    return "hmac:" + hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Foreign keys are checked at COMMIT by default; checking them now means
            # that once the chain lock is held, nothing else is waited for, so the
            # chain lock never closes a cycle of waits with row locks.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
    else:
        # Taking the write lock on this row queues concurrent appenders.
        if not AuditLock.objects.filter(pk=1).update(head_id=1):
            AuditLock.objects.create(pk=1, head_id=1)


def record(
    *,
    actor: Actor | None,
    action: str,
    target: object,
    unit_path: str,
    summary: Mapping[str, object] | None = None,
    object_label: str = "",
) -> AuditEvent:
    """Append one event to the chain. Must run inside the writer's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record must be called inside transaction.atomic()")
    _lock_chain()
    head = AuditEvent.objects.order_by("-seq").only("seq", "row_hash").first()
    person = actor if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        seq=(head.seq + 1) if head else 1,
        created_at=timezone.now(),
        actor_id=person.pk if person is not None else None,
        actor_label=person.get_username() if person is not None else SYSTEM_LABEL,
        action=action,
        object_type=target._meta.label_lower if hasattr(target, "_meta") else str(type(target).__name__),
        object_id=str(getattr(target, "pk", "") or ""),
        object_label=(object_label or str(target))[:255],
        unit_path=unit_path,
        summary=summary or {},
        request_id=current_request_id(),
        prev_hash=head.row_hash if head else GENESIS_HASH,
    )
    # The JSON the database gives back must hash the same as what we hash now.
    event.summary = _plain(event.summary)
    event.row_hash = compute_hash(event.prev_hash, event)
    event.save(force_insert=True)
    return event


def _plain(value: object) -> object:
    """Keep summaries to JSON-native values so they round-trip exactly."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)
