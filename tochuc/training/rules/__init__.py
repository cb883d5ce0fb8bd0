"""Training need packs, one module per regulation set; adding a module adds a pack.

Each module defines ``PACK = TrainingPack(...)``: the numbers (which groups of posts need which
knowledge, which level a planned title needs, the words that show a course in the 2C) and the rules,
each with its citation; ``checks.py`` holds what the rules do.
"""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.training.rules.base import TrainingPack

__all__ = ["DEFAULT_PACK", "PACKS", "TrainingPack", "get_pack"]

DEFAULT_PACK = "qd294-2025"
PACKS: PackRegistry[TrainingPack] = PackRegistry(__name__, TrainingPack, default=DEFAULT_PACK)


def get_pack(code: str | None = None) -> TrainingPack:
    """The pack with this code (the default for None); ``UnknownPack`` (a ``DomainError``) otherwise."""
    return PACKS.get(code)
