"""Supervision-signal rule packs, one module per setting; adding a module adds a pack."""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.inspections.rules.base import Signal, SignalsPack, SupervisionFacts

__all__ = ["DEFAULT_PACK", "PACKS", "Signal", "SignalsPack", "SupervisionFacts", "get_pack"]

DEFAULT_PACK = "default-2026"
PACKS: PackRegistry[SignalsPack] = PackRegistry(__name__, SignalsPack, default=DEFAULT_PACK)


def get_pack(code: str | None = None) -> SignalsPack:
    """The pack with this code (the default for None); ``UnknownPack`` (a ``DomainError``) otherwise."""
    return PACKS.get(code)
