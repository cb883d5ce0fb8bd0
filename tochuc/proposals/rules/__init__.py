"""Proposals-and-feedback rule packs, one module per setting or regulation; adding a module adds a pack."""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.proposals.rules.base import VoicesPack

__all__ = ["DEFAULT_PACK", "PACKS", "VoicesPack", "get_pack"]

DEFAULT_PACK = "default-2026"
PACKS: PackRegistry[VoicesPack] = PackRegistry(__name__, VoicesPack, default=DEFAULT_PACK)


def get_pack(code: str | None = None) -> VoicesPack:
    """The pack with this code (the default for None); ``UnknownPack`` (a ``DomainError``) otherwise."""
    return PACKS.get(code)
