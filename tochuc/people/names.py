"""Vietnamese personal names: parts, search form and sort order.

A Vietnamese name is family name, middle name(s), given name ("Nguyễn Văn An").
Lists sort by given name, then family name, then middle name, in the order of
the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v
x y), tones breaking ties in dictionary order (none, huyền, hỏi, ngã, sắc, nặng).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from tochuc.core.text import fold, nfc

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
# Letters outside the Vietnamese alphabet (f, j, w, z in foreign names) sort after y.
_LETTER_RANK = {ch: i for i, ch in enumerate(ALPHABET + "fjwz")}

# Combining marks: the vowel shapes that make letters of their own, and the tones.
_SHAPED = {
    "a\u0306": "ă",
    "a\u0302": "â",
    "e\u0302": "ê",
    "o\u0302": "ô",
    "o\u031b": "ơ",
    "u\u031b": "ư",
}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng


@dataclass(frozen=True)
class NameParts:
    family: str
    middle: str
    given: str


def split_name(full_name: str) -> NameParts:
    words = nfc(full_name).split(" ")
    if len(words) == 1:
        return NameParts("", "", words[0])
    return NameParts(words[0], " ".join(words[1:-1]), words[-1])


def _letters_and_tones(word: str) -> tuple[list[int], list[int]]:
    letters: list[int] = []
    tones: list[int] = []
    for ch in word.lower():
        if ch == "đ":
            base, marks = "đ", ""
        else:
            decomposed = unicodedata.normalize("NFD", ch)
            base, marks = decomposed[0], decomposed[1:]
        tone = 0
        for mark in marks:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                base = _SHAPED.get(base + mark, base)
        if base in _LETTER_RANK:
            letters.append(_LETTER_RANK[base])
            tones.append(tone)
        elif base.isdigit():
            letters.append(40 + int(base))
            tones.append(0)
    return letters, tones


def _encode(word: str) -> str:
    letters, tones = _letters_and_tones(word)
    # Two decimal digits per letter keep byte order equal to alphabet order; the
    # tones come after all letters so they only break ties.
    primary = "".join(f"{rank + 10:02d}" for rank in letters)
    return primary + "." + "".join(str(t) for t in tones)


def sort_key(full_name: str) -> str:
    """A string whose byte order is the Vietnamese order of names."""
    parts = split_name(full_name)
    return "|".join(_encode(w) for w in (parts.given, parts.family, parts.middle))[:255]


def text_sort_key(text: str) -> str:
    """A string whose byte order is the Vietnamese order of ``text`` read word by word."""
    return "|".join(_encode(w) for w in nfc(text).split(" ") if w)[:255]


def search_form(full_name: str) -> str:
    return fold(full_name)
