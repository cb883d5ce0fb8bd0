"""Character-level clean-up shared by extraction and the reader.

Everything here is cheap and safe to apply twice: Unicode NFC, the OCR stand-ins for Đ, invisible
characters, Markdown / HTML markup, and a length-preserving diacritic fold used to find keywords in
text whose diacritics were damaged by recognition ("ngảy 16 thang 3 nãm 2017").
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_LIKE = re.compile("[\u00a0\u2002\u2003\u2007\u2009\u202f\u3000]")
# Combining mark separated from its letter by a space ("Vie ̣t") — a common PDF/OCR artefact.
_DETACHED_MARK = re.compile(r"(?<=\w) (?=[\u0300-\u036f])")

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_MD_LEFTOVER = re.compile(r"\*{2,3}|(?<!\w)__|__(?!\w)")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~\"'])")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]{0,200}>")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)


def normalize_chars(text: str) -> str:
    """NFC, no invisible characters, ordinary spaces, Đ for its look-alikes, Unix line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    from tochuc.directives.parsing.legacy import detect

    if detect(text) is not None:  # TCVN3 / VNI: its bytes (the soft hyphen is "ư", "Ð" is "é") stay
        return text
    text = _SPACE_LIKE.sub(" ", _INVISIBLE.sub("", text))
    text = _DETACHED_MARK.sub("", unicodedata.normalize("NFD", text))
    text = unicodedata.normalize("NFC", text)
    # "Ð" (U+00D0, Icelandic eth) and "ð" are what many OCR engines and legacy fonts give for Đ/đ.
    return text.replace("Ð", "Đ").replace("ð", "đ").replace("Ɖ", "Đ")


def strip_markup(text: str) -> str:
    """Remove Markdown / HTML markup, keeping the words and the line structure.

    Table rows become one line with the cells separated by three spaces (the same shape a two-column
    header takes in text extracted from a PDF); table rules are dropped.
    """
    text = _HTML_BREAK.sub("\n", text)
    out: list[str] = []
    for line in text.split("\n"):
        if _MD_TABLE_RULE.match(line) and "-" in line:
            continue
        line = _MD_QUOTE.sub("", line)
        line = _MD_HEADING.sub("", line)
        stripped = line.strip()
        if stripped.startswith("|") or (stripped.endswith("|") and stripped.count("|") >= 2):
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            line = "   ".join(c for c in cells if c)
        line = _HTML_TAG.sub("", line)
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        for _ in range(3):  # nested ***bold italic*** and **a** **b**
            line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_LEFTOVER.sub("", line)
        line = _MD_ESCAPE.sub(r"\1", line)
        line = line.replace("`", "")
        out.append(line)
    return _TRAILING.sub("", "\n".join(out))


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on first use: one folded character for each character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if ch in "đĐ":
            folded = "d"
        else:
            base = unicodedata.normalize("NFD", ch)[0].lower()
            folded = base if len(base) == 1 else ch
        self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold_keep(text: str) -> str:
    """Lower-case and strip diacritics, one character out for each character in (indexes stay valid).

    >>> fold_keep("Hà Nội, ngày")
    'ha noi, ngay'
    """
    return text.translate(_FOLD)


def letters_upper_ratio(text: str) -> float:
    """Share of letters that are upper case (1.0 for "BAN TỔ CHỨC", 0.0 without letters)."""
    letters = sum(map(str.isalpha, text))
    if not letters:
        return 0.0
    return sum(map(str.isupper, text)) / letters
