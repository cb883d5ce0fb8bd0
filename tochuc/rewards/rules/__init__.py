"""Rewards rule packs, one module per regulation; adding a module adds a pack.

``hd01_2021`` holds the numbers of the Party badge (milestones, ceremony dates, how early a badge may
be given), ``qd69_2022`` those of discipline (time limits, appeals); each module defines ``PACK``.
"""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.rewards.rules.base import BadgePack
from tochuc.rewards.rules.discipline_base import DisciplinePack
from tochuc.rewards.rules.reward_base import RewardPack

__all__ = [
    "BADGE_PACKS",
    "DEFAULT_BADGE_PACK",
    "DEFAULT_DISCIPLINE_PACK",
    "DISCIPLINE_PACKS",
    "REWARD_PACKS",
    "BadgePack",
    "DisciplinePack",
    "RewardPack",
    "get_badge_pack",
    "get_discipline_pack",
    "get_reward_pack",
]

DEFAULT_BADGE_PACK = "hd01-2021"
BADGE_PACKS: PackRegistry[BadgePack] = PackRegistry(__name__, BadgePack, default=DEFAULT_BADGE_PACK)


def get_badge_pack(code: str | None = None) -> BadgePack:
    """The badge pack with this code (the default for None); ``UnknownPack`` otherwise."""
    return BADGE_PACKS.get(code)


DEFAULT_DISCIPLINE_PACK = "qd69-2022"
DISCIPLINE_PACKS: PackRegistry[DisciplinePack] = PackRegistry(
    __name__, DisciplinePack, default=DEFAULT_DISCIPLINE_PACK
)


def get_discipline_pack(code: str | None = None) -> DisciplinePack:
    """The discipline pack with this code (the default for None); ``UnknownPack`` otherwise."""
    return DISCIPLINE_PACKS.get(code)


REWARD_PACKS: PackRegistry[RewardPack] = PackRegistry(__name__, RewardPack, default="hd06-2025")


def get_reward_pack(code: str | None = None) -> RewardPack:
    """The rewards-from-results pack with this code (the default for None)."""
    return REWARD_PACKS.get(code)
