"""Personnel rule packs, one module per regulation; adding a module adds a pack.

Built on ``tochuc.core.rules``: each pack module defines ``PACK = PersonnelPack(...)`` with the
numbers of its regulation and its rules (``Rule`` with id, severity, citation, title, check) grouped
by what they read; ``checks.py`` holds the checks, ``facts.py`` what they read.
"""

from __future__ import annotations

from tochuc.core.rules import PackRegistry
from tochuc.personnel.rules.base import PersonnelPack

__all__ = ["DEFAULT_PACK", "PACKS", "PersonnelPack", "available_packs", "get_pack"]

DEFAULT_PACK = "qd377-2025"
PACKS: PackRegistry[PersonnelPack] = PackRegistry(__name__, PersonnelPack, default=DEFAULT_PACK)


def available_packs() -> list[PersonnelPack]:
    """Every pack, the default first, then the newest regulation first."""
    return PACKS.available()


def get_pack(code: str | None = None) -> PersonnelPack:
    """The pack with this code (the default for None); ``UnknownPack`` (a ``DomainError``) otherwise."""
    return PACKS.get(code)
