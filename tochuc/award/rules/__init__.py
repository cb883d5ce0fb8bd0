"""Golden Hammer and Sickle rule packs, one module per edition of the award's rules (Thể lệ)."""

from __future__ import annotations

from tochuc.award.rules.base import AwardPack
from tochuc.core.rules import PackRegistry

__all__ = ["AWARD_PACKS", "DEFAULT_AWARD_PACK", "AwardPack", "get_award_pack"]

DEFAULT_AWARD_PACK = "blv-2021"
AWARD_PACKS: PackRegistry[AwardPack] = PackRegistry(__name__, AwardPack, default=DEFAULT_AWARD_PACK)


def get_award_pack(code: str | None = None) -> AwardPack:
    """The award pack with this code (the default for None); ``UnknownPack`` otherwise."""
    return AWARD_PACKS.get(code)
