"""How an audit event is hashed, and how the chain is checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from tochuc.audit.models import GENESIS_HASH, AuditEvent

if TYPE_CHECKING:
    from tochuc.audit.anchors import Anchor


def canonical(event: AuditEvent) -> str:
    created: datetime = event.created_at
    payload: dict[str, object] = {
        "seq": event.seq,
        "created_at": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_label": event.object_label,
        "unit_path": event.unit_path,
        "summary": event.summary,
        "request_id": event.request_id,
    }
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    return hashlib.sha256((prev_hash + "\n" + canonical(event)).encode()).hexdigest()


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    head_hash: str
    bad_event_id: int | None = None
    reason: str = ""


def _in_order(batch_size: int = 2000) -> Iterator[AuditEvent]:
    last_seq = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last_seq = batch[-1].seq


WRITTEN_DOWN_MISSING = "the head written down earlier is no longer in the chain"


def anchor_gone(anchor: Anchor) -> str:
    return (
        f"anchor #{anchor.seq} {anchor.row_hash[:16]}… ({anchor.at or 'no date'}) is no longer in the chain"
    )


def verify_chain(expected_head: str = "", anchors: Sequence[Anchor] = ()) -> VerifyResult:
    """Walk the whole chain in order; stop at the first event that does not fit.

    ``expected_head`` is a head hash written down outside the system earlier.
    The chain has grown since, so it must still contain that hash: if the tail
    was cut off or rewritten, it is gone. ``anchors`` are such heads with their
    sequence numbers (``audit_anchor``): each must be the hash of its event.
    """
    prev = GENESIS_HASH
    checked = 0
    seen_expected = expected_head in ("", GENESIS_HASH)
    anchored: dict[int, Anchor] = {}
    for anchor in sorted(anchors, key=lambda a: a.seq, reverse=True):
        anchored[anchor.seq] = anchor  # the earliest line wins when one seq is anchored twice
    for anchor in anchors:
        if anchor.seq == 0 and anchor.row_hash != GENESIS_HASH:
            return VerifyResult(False, 0, prev, None, anchor_gone(anchor))
    for event in _in_order():
        if event.seq != checked + 1:
            return VerifyResult(False, checked, prev, event.pk, f"sequence number {checked + 1} is missing")
        if event.prev_hash != prev:
            return VerifyResult(
                False, checked, prev, event.pk, "prev_hash does not match the event before it"
            )
        if compute_hash(prev, event) != event.row_hash:
            return VerifyResult(False, checked, prev, event.pk, "content does not match row_hash")
        written = anchored.get(event.seq)
        if written is not None and written.row_hash != event.row_hash:
            return VerifyResult(False, checked, prev, event.pk, anchor_gone(written))
        prev = event.row_hash
        seen_expected = seen_expected or prev == expected_head
        checked += 1
    beyond = sorted(a.seq for a in anchors if a.seq > checked)
    if beyond:
        return VerifyResult(False, checked, prev, None, anchor_gone(anchored[beyond[0]]))
    if not seen_expected:
        return VerifyResult(False, checked, prev, None, WRITTEN_DOWN_MISSING)
    return VerifyResult(True, checked, prev)
