"""From raw text to clean lines and body blocks.

Page-break fragments are removed (page numbers, running headers repeated on each page, form feeds)
and the pieces of a sentence cut by a page break or by hard wrapping are joined again, so that a
numbered item of the document becomes exactly one :class:`Block`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tochuc.directives.parsing.textclean import fold_keep

_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[-–—\s]*$")
_SEPARATOR = re.compile(r"^[\s*_=~·.\-–—]+$")
_NATIONAL = ("dang cong san viet nam", "cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_TERMINAL = re.compile(r"[.;:!?…]['\"”’)\]]*$")
# A type heading alone on its line ("QUYẾT ĐỊNH") recurs in a decision's enacting line; never a running
# header.
_TYPE_WORDS = {
    "quyet dinh",
    "nghi quyet",
    "chi thi",
    "ket luan",
    "quy dinh",
    "huong dan",
    "ke hoach",
    "thong bao",
}

# Marker kinds, from the outermost level to the innermost.
LEVELS = {
    "chapter": 0,
    "upper": 0,
    "roman": 1,
    "caps": 1,
    "dieu": 1,
    "num": 2,
    "num2": 3,
    "paren": 3,
    "letter": 4,
    "dash": 5,
}
_MARKER = re.compile(
    r"""^(?:
      (?:Chương|CHƯƠNG|Chuong|CHUONG)\s+(?P<chapter>[IVXL]+|\d{1,2})\b\s*[.:]?\s*
     |(?P<roman>XI{0,3}|XIV|XV|IX|IV|VI{0,3}|I{1,3})\s*[.)\-–:]\s*(?=\S)
     |(?P<upper>[A-E])[.)]\s+
     |(?:Điều|Đieu|Dieu)\s+(?P<dieu>\d{1,3})\s*[.:]?\s*
     |(?P<num2>\d{1,2}\.\d{1,2})\.?\s+
     |(?P<num>\d{1,2})\s*[.)]\s*(?=[^\d\s/.,])
     |\((?P<paren>\d{1,2})\)\s*
     |(?P<letter>[a-zđ])\s*[.)]\s+
     |(?P<dash>[-–—•+*·])\s*(?=\S)
    )""",
    re.VERBOSE,
)


@dataclass
class Block:
    """A paragraph or list item of the body. ``kind`` is a marker kind or "text"."""

    kind: str
    label: str  # "II", "1", "a", "1.2", "" for dashes and text
    text: str  # without the marker
    heading: bool = False

    @property
    def level(self) -> int:
        return LEVELS.get(self.kind, 9)

    @property
    def full(self) -> str:
        return self.text


def marker(line: str) -> tuple[str, str, str] | None:
    """``(kind, label, rest)`` when ``line`` opens a numbered or bulleted item."""
    match = _MARKER.match(line)
    if match is None:
        return None
    kind = match.lastgroup or ""
    label = match[kind] if kind != "dash" else ""
    rest = line[match.end() :].strip()
    if not rest and kind == "chapter":
        rest = line.strip()
    if not rest:
        return None
    return kind, label, rest


def is_caps(text: str) -> bool:
    if len(text) > 400:  # a heading is never this long
        return False
    letters = sum(map(str.isalpha, text))
    return letters >= 4 and sum(map(str.isupper, text)) >= 0.85 * letters


def is_national(folded: str) -> bool:
    squashed = re.sub(r"[\s\-–—]+", " ", folded).strip()
    return any(n in squashed for n in _NATIONAL)


def clean_lines(text: str) -> list[str]:
    """Stripped lines; noise lines (page numbers, separators, running headers) become blank."""
    raw = [line.strip() for line in text.replace("\f", "\n\f\n").split("\n")]
    lines: list[str] = []
    for line in raw:
        if line == "\f" or _PAGE_NUMBER.match(fold_keep(line)):
            lines.append("")
        else:
            lines.append(line)
    # Running headers: a short line seen three times or more (not an item), or the national header
    # seen again after the first page.
    counts = Counter(fold_keep(line) for line in lines if line and len(line) <= 90 and marker(line) is None)
    seen: set[str] = set()
    national_seen = False
    out: list[str] = []
    for line in lines:
        key = fold_keep(line)
        repeated = (key in seen and counts[key] >= 3) or (
            national_seen and is_national(key) and len(key) <= 40
        )
        if line and repeated and len(line) <= 90 and marker(line) is None and key not in _TYPE_WORDS:
            out.append("")
            continue
        if line:
            seen.add(key)
            national_seen = national_seen or is_national(key)
        out.append(line)
    return out


def _wrap_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 5:
        return 10_000
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    return p90 if p90 <= 130 else 10_000  # long lines = one paragraph per line, never hard-wrapped


def _joins(prev: str, line: str, blank_between: bool, wrap: int) -> bool:
    first = line[0]
    if first.islower() and not _TERMINAL.search(prev):
        return True  # a sentence cut by a page break or a wrap
    if blank_between or _TERMINAL.search(prev) or _SEPARATOR.match(line):
        return False
    if is_caps(prev):
        return is_caps(line)  # a heading wrapped over two lines
    if is_caps(line):
        return False
    return len(prev) >= 0.6 * wrap


def build_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs and items of ``lines`` (the body), in order."""
    wrap = _wrap_width(lines)
    blocks: list[Block] = []
    blank = False
    last_line = ""
    for line in lines:
        if not line or _SEPARATOR.match(line):
            blank = True
            continue
        found = marker(line)
        if found is None and blocks and _joins(last_line, line, blank, wrap):
            blocks[-1].text += " " + line
            if blocks[-1].heading and not is_caps(line):
                blocks[-1].heading = blocks[-1].kind in {"roman", "upper"}
        elif found is not None:
            kind, label, rest = found
            heading = kind in {"roman", "upper", "chapter"} or (
                kind in {"num", "num2", "dieu"} and is_caps(rest)
            )
            blocks.append(Block(kind, label, rest, heading))
        else:
            blocks.append(
                Block("caps" if is_caps(line) and len(line) <= 200 else "text", "", line, is_caps(line))
            )
        last_line = line
        blank = False
    for block in blocks:
        block.text = re.sub(r"\s+", " ", block.text).strip()
    return blocks
