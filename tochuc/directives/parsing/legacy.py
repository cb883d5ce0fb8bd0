"""Text typed with the legacy Vietnamese fonts: TCVN3 (ABC, ".VnTime") and VNI ("VNI-Times").

Old Word files and text copied out of them carry these 8-bit encodings shown as Windows Latin
characters: "Céng hoµ x· héi chñ nghÜa ViÖt Nam" (TCVN3), "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
(VNI). The tables below are the published character tables of the two encodings, byte by byte:

* TCVN3 (TCVN 5712:1993, VN3): one byte per letter, toned vowels included; the capitals with a tone
  use the same bytes in the capital fonts (".VnTimeH"), so they come back in lower case;
* VNI: a base letter followed by one byte that adds the circumflex, the breve and/or the tone; ơ, ư,
  đ, the toned i and ỵ are single bytes.

:func:`detect` decides from characters that Vietnamese Unicode text never holds; :func:`to_unicode`
converts. Both are cheap and safe on Unicode text (nothing is found, nothing changes).
"""

from __future__ import annotations

import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"

# TCVN3 byte → Unicode letter.
_TCVN3: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# Combining marks.
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_HAT, _BREVE = "\u0302", "\u0306"
# VNI byte after a base vowel → the marks it adds (lower-case byte; the upper-case byte is 0x20 less).
_VNI_PLAIN = {0xF9: _ACUTE, 0xF8: _GRAVE, 0xFB: _HOOK, 0xF5: _TILDE, 0xEF: _DOT}
_VNI_HAT = {0xE2: "", 0xE1: _ACUTE, 0xE0: _GRAVE, 0xE5: _HOOK, 0xE3: _TILDE, 0xE4: _DOT}
_VNI_BREVE = {0xEA: "", 0xE9: _ACUTE, 0xE8: _GRAVE, 0xFA: _HOOK, 0xFC: _TILDE, 0xEB: _DOT}
# VNI single bytes (lower case; upper case 0x20 less): ơ, ư, đ, the toned i, ỵ.
_VNI_SINGLE = {
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ",
    0xED: "í", 0xEC: "ì", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
}  # fmt: skip
_VOWELS = set("aeiouyăâêôơưAEIOUYĂÂÊÔƠƯ")


def _byte(ch: str) -> int | None:
    """The 8-bit code the character stands for in a Windows (cp1252) rendering, or None."""
    try:
        encoded = ch.encode("cp1252")
    except UnicodeEncodeError:
        return ord(ch) if ord(ch) < 0x100 else None
    return encoded[0] if len(encoded) == 1 else None


# Latin-1 letters Vietnamese never uses: their presence means an 8-bit font encoding.
_FOREIGN = set("ÄÅÆÇËÎÏÐÑÖ×ØÛÜÞßäåæçëîïñö÷øûüþ")


def _tcvn3_score(text: str) -> int:
    """Characters of the 0xA1–0xBE block, where TCVN3 puts à á ã ả ạ ă â ê ô ơ ư đ; VNI never does."""
    return sum(1 for ch in text if 0xA1 <= ord(ch) <= 0xBE and ord(ch) not in (0xB0, 0xB1, 0xB2, 0xB3, 0xB4))


def detect(text: str) -> str | None:
    """``"TCVN3"``, ``"VNI"`` or None (Unicode, or too little to tell)."""
    sample = text[:20000]
    tcvn3 = _tcvn3_score(sample)
    foreign = tcvn3 + sum(1 for ch in sample if ch in _FOREIGN)
    letters = sum(1 for ch in sample if ch.isalpha())
    if foreign < max(3, letters // 50):
        return None
    return TCVN3 if tcvn3 >= 2 else VNI


def _from_tcvn3(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = _byte(ch)
        out.append(_TCVN3.get(code, ch) if code is not None else ch)
    return "".join(out)


def _vni_marks(code: int, previous: str) -> str | None:
    """The combining marks a VNI byte adds to ``previous`` (a base vowel), or None."""
    lower = code | 0x20 if 0xC0 <= code <= 0xDF else code
    base = unicodedata.normalize("NFD", previous)[0].lower()
    if base == "a" and lower in _VNI_BREVE and lower not in _VNI_PLAIN:
        return _BREVE + _VNI_BREVE[lower]
    if base in "aeo" and lower in _VNI_HAT:
        return _HAT + _VNI_HAT[lower]
    if lower in _VNI_PLAIN and base in "aeiouy":
        return _VNI_PLAIN[lower]
    return None


def _from_vni(text: str) -> str:
    out: list[str] = []
    for ch in text:
        code = _byte(ch)
        if code is None or code < 0xC0:
            out.append(ch)
            continue
        previous = out[-1] if out else ""
        if previous and previous[-1] in _VOWELS | set("àáảãạèéẻẽẹòóỏõọùúủũụỳýỷỹỵ"):
            # A toned vowel may still take a circumflex or breve ("aâ" then a tone) — compose on NFD.
            marks = _vni_marks(code, previous[-1])
            if marks is not None:
                decomposed = unicodedata.normalize("NFD", previous[-1])
                out[-1] = unicodedata.normalize("NFC", decomposed[0] + marks + decomposed[1:])
                continue
        lower = code | 0x20 if 0xC0 <= code <= 0xDF else code
        single = _VNI_SINGLE.get(lower)
        if single is not None:
            out.append(single if code == lower else single.upper())
            continue
        out.append(ch)
    return "".join(out)


def to_unicode(text: str) -> tuple[str, str | None]:
    """``(text in Unicode, the legacy encoding found or None)``."""
    found = detect(text)
    if found == TCVN3:
        return unicodedata.normalize("NFC", _from_tcvn3(text)), found
    if found == VNI:
        return unicodedata.normalize("NFC", _from_vni(text)), found
    return text, None


def from_unicode_tcvn3(text: str) -> str:
    """Unicode → TCVN3 as a Windows rendering shows it, capitals with a tone as the capital fonts
    store them (the lower-case byte): what an old .VnTime file gives. For tests."""
    back = {letter: bytes([code]).decode("cp1252") for code, letter in _TCVN3.items()}
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(
            back.get(ch) or back.get(ch.lower(), ch) if ch not in back and ch.isupper() else back.get(ch, ch)
        )
    return "".join(out)
