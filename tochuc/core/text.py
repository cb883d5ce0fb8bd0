"""Vietnamese text helpers: search ignores case and diacritics (``đ`` → ``d``)."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case, strip diacritics, map đ/Đ to d and collapse spaces.

    >>> fold("Đảng bộ xã  An Bình")
    'dang bo xa an binh'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation removed."""
    return [w for w in _NON_WORD.sub(" ", fold(text)).split(" ") if w]


def nfc(text: str) -> str:
    """Composed Unicode, trimmed: the form every stored name takes."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
