"""Rewards rule packs, one module per regulation; adding a module adds a pack.

``hd01_2021`` holds the numbers of the Party badge (milestones, ceremony dates, how early a badge may
be given); each module defines ``PACK``.
"""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.rewards.rules.base import BadgePack

__all__ = ["BADGE_PACKS", "DEFAULT_BADGE_PACK", "BadgePack", "get_badge_pack"]

DEFAULT_BADGE_PACK = "hd01-2021"
BADGE_PACKS: PackRegistry[BadgePack] = PackRegistry(__name__, BadgePack, default=DEFAULT_BADGE_PACK)


def get_badge_pack(code: str | None = None) -> BadgePack:
    """The badge pack with this code (the default for None); ``UnknownPack`` otherwise."""
    return BADGE_PACKS.get(code)
