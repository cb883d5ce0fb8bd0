"""Pack discovery and selection.

An app's ``rules`` package holds one module per regulation, each defining ``PACK``; modules without
one (shared checks, base classes) are passed over, so adding a regulation is adding a module. The
app keeps one ``PackRegistry`` and asks it for a pack by code, for the default, or for the list a
form offers.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, Protocol, TypeVar

from django.utils.translation import gettext

from tochuc.core.errors import DomainError, ErrorCode


class Pack(Protocol):
    """What the registry needs of a pack: a stable code (``qd366-2025``) and a name."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


PackT = TypeVar("PackT", bound=Pack)


class UnknownPack(DomainError):
    """A pack code that no module of the package defines."""

    def __init__(self, code: str, known: list[str]) -> None:
        super().__init__(
            gettext("Không có bộ quy tắc «{code}». Các bộ hiện có: {known}.").format(
                code=code, known=", ".join(known)
            ),
            code=ErrorCode.INVALID,
            field="pack",
        )
        self.pack_code = code


def year_of(code: str) -> int:
    """The year a pack code ends with (``qd366-2025`` → 2025), 0 if none."""
    tail = code.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


class PackRegistry(Generic[PackT]):
    """The packs of one package, found on first use."""

    def __init__(self, package: str, pack_type: type[PackT], *, default: str) -> None:
        self.package = package
        self.pack_type = pack_type
        self.default = default
        self._found: dict[str, PackT] | None = None

    def _discover(self) -> dict[str, PackT]:
        found: dict[str, PackT] = {}
        root = importlib.import_module(self.package)
        for module_info in pkgutil.iter_modules(root.__path__):
            if module_info.name.startswith("_"):
                continue
            module = importlib.import_module(f"{self.package}.{module_info.name}")
            pack = getattr(module, "PACK", None)
            if not isinstance(pack, self.pack_type):
                continue
            if pack.code in found:
                raise RuntimeError(f"Two packs of {self.package} have the code {pack.code!r}.")
            found[pack.code] = pack
        if self.default not in found:
            raise RuntimeError(f"The default pack {self.default!r} of {self.package} does not exist.")
        return found

    @property
    def packs(self) -> dict[str, PackT]:
        if self._found is None:
            self._found = self._discover()
        return self._found

    def available(self) -> list[PackT]:
        """Every pack: the default first, then the newest regulation first."""
        return sorted(self.packs.values(), key=lambda p: (p.code != self.default, -year_of(p.code), p.code))

    def choices(self) -> list[tuple[str, str]]:
        """(code, name) of every pack, in the order of ``available``: what a form offers."""
        return [(pack.code, str(pack.name)) for pack in self.available()]

    def name_of(self, code: str) -> str:
        """The regulation's name for people ("Quy định 366-QĐ/TW năm 2025"); the code if it is unknown."""
        pack = self.packs.get(code)
        return str(pack.name) if pack is not None else code

    def get(self, code: str | None = None) -> PackT:
        """The pack with this code, the default one for ``None`` or ""; ``UnknownPack`` otherwise."""
        packs = self.packs
        try:
            return packs[code or self.default]
        except KeyError:
            raise UnknownPack(str(code), sorted(packs)) from None

    @contextmanager
    def installed(self, pack: PackT) -> Iterator[PackT]:
        """Make ``pack`` available for the duration of the block (a variant of a regulation in tests)."""
        packs = self.packs
        previous = packs.get(pack.code)
        packs[pack.code] = pack
        try:
            yield pack
        finally:
            if previous is None:
                del packs[pack.code]
            else:
                packs[pack.code] = previous
