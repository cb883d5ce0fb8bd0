"""Personnel rule packs, one module per regulation; adding a module adds a pack."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from tochuc.core.errors import DomainError
from tochuc.personnel.rules.base import PersonnelPack

DEFAULT_PACK = "qd377-2025"


@cache
def _packs() -> dict[str, PersonnelPack]:
    found: dict[str, PersonnelPack] = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name == "base":
            continue
        pack = getattr(importlib.import_module(f"{__name__}.{module.name}"), "PACK", None)
        if isinstance(pack, PersonnelPack):
            found[pack.code] = pack
    return found


def available_packs() -> list[PersonnelPack]:
    return sorted(_packs().values(), key=lambda pack: pack.code)


def get_pack(code: str | None = None) -> PersonnelPack:
    pack = _packs().get(code or DEFAULT_PACK)
    if pack is None:
        known = ", ".join(sorted(_packs()))
        raise DomainError(f"Không có bộ quy tắc «{code}». Các bộ hiện có: {known}.", field="pack")
    return pack
