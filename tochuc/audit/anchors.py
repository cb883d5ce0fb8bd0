"""Anchors: the head of the audit chain written down outside the database.

One line per anchor, appended and never rewritten::

    2026-12-03T08:00:00Z 1532 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08

Every anchor must stay in the chain: deleting the last events, or rewriting
a row and recomputing every hash after it, removes an anchored hash.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tochuc.audit.models import GENESIS_HASH, AuditEvent

_LINE = re.compile(r"(?P<at>\S+) (?P<seq>\d+) (?P<hash>[0-9a-f]{64})")


class AnchorFileError(ValueError):
    """The anchors file cannot be read as anchors."""


@dataclass(frozen=True)
class Anchor:
    seq: int
    row_hash: str
    at: str = ""

    def line(self) -> str:
        return f"{self.at} {self.seq} {self.row_hash}"


def current_head() -> Anchor:
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "row_hash").first()
    seq, row_hash = head if head else (0, GENESIS_HASH)
    return Anchor(seq, row_hash, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def append_anchor(path: Path) -> Anchor:
    """Append the head of the chain to ``path`` (created with its folder) and flush it to disk."""
    anchor = current_head()
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as file:
        file.write(anchor.line() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return anchor


def read_anchors(path: Path) -> list[Anchor]:
    """The anchors of ``path``, in file order; blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AnchorFileError(f"cannot read {path}: {exc.strerror}") from exc
    anchors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _LINE.fullmatch(line)
        if match is None:
            raise AnchorFileError(f"{path}, line {number}: not an anchor ({line[:80]!r})")
        anchors.append(Anchor(int(match["seq"]), match["hash"], match["at"]))
    return anchors
