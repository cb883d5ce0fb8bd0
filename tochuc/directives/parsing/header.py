"""The front matter of a document: issuer, number-symbol, place and date, type heading, subject.

The header of a Party document is laid out in two columns (issuer and number on the left, "ĐẢNG CỘNG
SẢN VIỆT NAM" and the place-date line on the right). Extracted text gives these columns on one line
separated by several spaces, on one line with single spaces, or one after the other; every line is
therefore cut into column fragments and the known right-column content is removed by pattern.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tochuc.directives.parsing.lines import is_caps, is_national, marker
from tochuc.directives.parsing.symbols import NUMBER_SYMBOL_RE, canonical_doc_type
from tochuc.directives.parsing.textclean import fold_keep, letters_upper_ratio

# Heading word (folded, no spaces) → (code, name as written in Vietnamese).
HEADINGS: list[tuple[str, str, str]] = [
    ("nghiquyet", "NQ", "Nghị quyết"),
    ("chithi", "CT", "Chỉ thị"),
    ("ketluan", "KL", "Kết luận"),
    ("quydinh", "QĐ", "Quy định"),
    ("quyetdinh", "QĐ", "Quyết định"),
    ("huongdan", "HD", "Hướng dẫn"),
    ("kehoach", "KH", "Kế hoạch"),
    ("thongbao", "TB", "Thông báo"),
    ("baocao", "BC", "Báo cáo"),
    ("totrinh", "TTr", "Tờ trình"),
    ("congvan", "CV", "Công văn"),
]
_DIGITS = r"\d(?:\s?\d)?"
_DATE = re.compile(rf"ngay\s*(?P<d>{_DIGITS})\s*thang\s*(?P<m>{_DIGITS})\s*nam\s*(?P<y>\d(?:\s?\d){{3}})")
# State form (Nghị định 30/2020): "134/KH-UBND", "15/2023/QĐ-UBND", "9387 /UBND-KT" (a Công văn has no
# type), "719/QĐ-TTg", "653/2019/UBTVQH14"; a text layer may have lost the hyphen ("1961/QĐUBND").
_STATE_SYMBOL = re.compile(
    r"(?<![\d/])(?P<number>\d{1,5})\s*/\s*(?:(?P<year>(?:19|20)\d{2})\s*/\s*)?"
    r"(?P<code>[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?-\s?[A-ZĐ][A-Za-zĐđ0-9&]*)*)(?![\wĐđ])"
)
# Issuers a type code may be glued to when the hyphen was lost.
_GLUED_ISSUERS = ("UBND", "HĐND", "TTg", "TTG", "BTC", "BNV")
_SO_PREFIX = re.compile(r"(?:^|\s)s[oôố6]\s*[:.]?\s*$", re.IGNORECASE)
_COLUMNS = re.compile(r"\t+|\s{2,}")
_MOTTO = re.compile(r"doc\s*lap\s*[-–—,]?\s*tu\s*do\s*[-–—,]?\s*hanh\s*phuc")
_NATIONAL_RE = re.compile(r"dang\s*cong\s*san\s*viet\s*nam|cong\s*hoa\s*xa\s*hoi\s*chu\s*nghia\s*viet\s*nam")
# The national header cut over two lines of a table cell ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM").
_NATIONAL_SQUASHED = ("conghoaxahoichunghiavietnam", "dangcongsanvietnam")
_VV = re.compile(r"^\s*v\s*/\s*v\s*[:.]?\s*", re.IGNORECASE)
_BODY_START = re.compile(r"^(can cu|thuc hien|ngay \d|trong nhung nam|kinh gui|qua \d|sau khi|xet de nghi)")
# A subject never goes on into these: the body's first words, or the enacting authority's line
# ("ỦY BAN NHÂN DÂN TỈNH KON TUM", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …", "HỘI ĐỒNG NHÂN DÂN TỈNH …").
_AFTER_TITLE = re.compile(
    r"^(can cu|thuc hien|theo |trong |tai |sau |xet |de |nham |kinh gui|"
    r"(chu tich |bo truong |thu tuong |ban thuong vu |ban bi thu |ban chap hanh )?"
    r"(uy ban nhan dan|hoi dong nhan dan|chinh phu|uy ban thuong vu quoc hoi)\b)"
)
_DATE_START = re.compile(r"^(ngay\b|\d{1,2}\s*thang|thang\b|nam\s*\d|\d{4}$)")
# A place-date line whose day was left blank for the signer to fill in ("Đức Hợp, ngày ….. tháng 12 năm 2021").
_BLANK_DATE = re.compile(r"ngay\s*[.…_]+\s*thang\s*(?:\d{1,2}|[.…_]+)\s*nam\s*(?:\d{4})?")
# A symbol written without its number ("Số:     / TB-UBND") or in the old form without a type ("Số: 101-HĐBT").
_NOT_ISSUER = re.compile(r"^(/|s[oôố6]\s*:?\s*\d)", re.IGNORECASE)


@dataclass
class Header:
    heading_index: int | None = None  # line of the type heading ("KẾT LUẬN")
    body_start: int = 0  # first line after the header, heading and subject
    heading_code: str | None = None
    heading_name: str | None = None
    number: str | None = None
    doc_type: str | None = None  # from the symbol
    symbol: str | None = None
    number_symbol: str | None = None
    issuer_code: str | None = None
    state_form: bool = False
    issuer_lines: list[str] = field(default_factory=list)
    place: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    title: str | None = None
    party: bool = False
    state: bool = False
    vv: bool = False  # the subject is written "V/v …" (a Công văn)


def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold_keep(text))


def find_heading(lines: list[str], limit: int = 80) -> tuple[int, str, str, str] | None:
    """``(line index, code, name, rest of the line)`` of the type heading among the first lines."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > limit:
            break
        if len(line) > 160 or not is_caps(line) or marker(line) is not None:
            continue
        squashed = _squash(line)
        for key, code, name in HEADINGS:
            if squashed.startswith(key):
                rest = _strip_heading_word(line, key)
                return i, code, name, rest
    return None


def _strip_heading_word(line: str, key: str) -> str:
    """``line`` after its first letters that spell ``key`` (spaces between letters allowed)."""
    count = 0
    for pos, ch in enumerate(line):
        if fold_keep(ch).isalpha() and "a" <= fold_keep(ch) <= "z":
            count += 1
            if count == len(key):
                return line[pos + 1 :].strip(" :-–")
    return ""


def _columns(line: str) -> list[str]:
    return [part.strip() for part in _COLUMNS.split(line.strip()) if part.strip()]


def _cut(text: str, pattern: re.Pattern[str]) -> tuple[str, re.Match[str] | None]:
    """Remove the first match of ``pattern`` (searched in the folded text) from ``text``."""
    match = pattern.search(fold_keep(text))
    if match is None:
        return text, None
    return (text[: match.start()] + "   " + text[match.end() :]).strip(), match


def _to_date(d: str, m: str, y: str) -> tuple[dt.date | None, str]:
    day, month, year = (int(re.sub(r"\s", "", x)) for x in (d, m, y))
    shown = f"{day:02d}/{month:02d}/{year}"
    try:
        return dt.date(year, month, day), shown
    except ValueError:
        return None, shown


def _place_before(text: str) -> str | None:
    """The place name written before ", ngày …" (the tail of ``text``), or None."""
    symbols = list(NUMBER_SYMBOL_RE.finditer(text)) + list(_STATE_SYMBOL.finditer(text))
    if symbols:  # "Số 27 - KL/BTCTW Hà Nội, ngày …" on one line
        text = text[max(m.end() for m in symbols) :]
    candidate = re.split(r"\s{2,}|\t|\*", text.rstrip(" ,.-"))[-1].strip(" ,.-*")
    words = candidate.split()
    if len(words) > 5:  # a flattened header: the place is the last words written in running case
        tail: list[str] = []
        for word in reversed(words):
            if not (word[:1].isupper() and word[1:].islower()) or len(tail) == 4:
                break
            tail.insert(0, word)
        words = tail
        candidate = " ".join(tail)
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper() or any(ch.isdigit() for ch in candidate):
        return None
    return candidate


def read_header(lines: list[str]) -> Header:
    """Read the front matter from ``lines`` (already cleaned)."""
    header = Header()
    found = find_heading(lines)
    if found is not None:
        header.heading_index, header.heading_code, header.heading_name, rest = found
        end = header.heading_index
    else:
        rest = ""
        end = _header_end(lines)
    zone = _join_split_dates(lines[:end])
    if not any(zone) and lines:
        zone = _flattened_zone(lines)
    title_parts: list[str] = []
    in_vv = False
    for line in zone:
        if not line:
            in_vv = False
            continue
        text = line
        text, national = _cut(text, _NATIONAL_RE)
        if national is not None:
            folded = national.group(0)
            header.party = header.party or folded.startswith("dang")
            header.state = header.state or folded.startswith("cong")
        text, motto = _cut(text, _MOTTO)
        header.state = header.state or motto is not None
        date_match = _DATE.search(fold_keep(text))
        if date_match is not None:
            if header.date is None and header.date_text is None:
                header.date, header.date_text = _to_date(*date_match.group("d", "m", "y"))
                header.place = _place_before(text[: date_match.start()])
            before = text[: date_match.start()]
            place = header.place or ""
            if place and before.rstrip(" ,").endswith(place):
                before = before.rstrip(" ,")[: -len(place)]
            text = (before + "   " + text[date_match.end() :]).strip()
        elif header.place is None and header.date_text is None:
            blank = _BLANK_DATE.search(fold_keep(text))
            if blank is not None:
                before = text[: blank.start()]
                header.place = _place_before(before)
                if header.place and before.rstrip(" ,").endswith(header.place):
                    before = before.rstrip(" ,")[: -len(header.place)]
                text = (before + "   " + text[blank.end() :]).strip()
        text = _take_symbol(header, text)
        vv = _VV.match(text)
        if vv is not None:
            in_vv = header.vv = True
            title_parts.append(text[vv.end() :].strip())
            continue
        if in_vv and not is_caps(text):
            title_parts.append(text.strip())
            continue
        for part in _columns(text):
            part = part.strip(" *-–—_,")
            if _VV.match(part):
                title_parts.append(_VV.sub("", part))
                in_vv = header.vv = True
            elif (
                (
                    sum(c.isalpha() for c in part) >= 3
                    and letters_upper_ratio(part) >= 0.7
                    and not is_national(fold_keep(part))
                )
                and not _national_piece(part)
                and not _SO_PREFIX.search(part)
                and not _NOT_ISSUER.match(part)
                and not re.fullmatch(r"s[oôố6]\s*:?", part, re.IGNORECASE)
            ):
                header.issuer_lines.append(re.sub(r"^\d{1,2}\.\s+", "", part))
    if found is not None and header.number_symbol is None:
        _take_symbol(header, lines[found[0]])  # "KẾT LUẬN 127-KL/TW CỦA BỘ CHÍNH TRỊ …" as the first line
    if found is not None:
        title, header.body_start = _read_title(lines, header.heading_index or 0, rest)
        header.title = title
    else:
        header.body_start = end
        if title_parts:
            header.title = " ".join(p for p in title_parts if p).strip() or None
    return header


def _take_symbol(header: Header, text: str) -> str:
    if header.number_symbol is not None:
        return text
    match = NUMBER_SYMBOL_RE.search(text)
    if match is not None and canonical_doc_type(match["type"]) is not None:
        code = canonical_doc_type(match["type"]) or ""
        header.number, header.doc_type = match["number"], code
        header.issuer_code = match["issuer"].upper().replace("Ư", "U")  # OCR: "KL/TƯ" for "KL/TU"
        header.symbol = f"{code}/{header.issuer_code}"
        header.number_symbol = f"{header.number}-{header.symbol}"
        return _drop_so(text[: match.start()]) + "   " + text[match.end() :]
    for state in _STATE_SYMBOL.finditer(text):
        parts = _state_parts(state["code"])
        if parts is None or (parts[0] is None and not _SO_PREFIX.search(text[: state.start()])):
            continue
        state_code, issuer = parts
        header.number, header.doc_type, header.state_form = state["number"], state_code, True
        header.issuer_code = issuer
        year = f"{state['year']}/" if state["year"] else ""
        header.symbol = f"{year}{state_code}-{issuer}" if state_code else f"{year}{issuer}"
        header.number_symbol = f"{header.number}/{header.symbol}"
        return _drop_so(text[: state.start()]) + "   " + text[state.end() :]
    return text


def _state_parts(raw: str) -> tuple[str | None, str] | None:
    """``"KH-UBND"`` → ``("KH", "UBND")``; ``"UBND-KT"`` → ``(None, "UBND-KT")``; None if no symbol."""
    pieces = [p for p in re.split(r"\s*-\s*", raw) if p]
    if not pieces or sum(c.isupper() for c in raw) < 2:
        return None
    code = canonical_doc_type(pieces[0])
    if code is not None and len(pieces) > 1:
        return code, "-".join(pieces[1:])
    for size in (3, 2):  # "QĐUBND": the hyphen lost in a text layer
        glued = canonical_doc_type(pieces[0][:size])
        if glued is not None and pieces[0][size:] in _GLUED_ISSUERS:
            return glued, "-".join([pieces[0][size:], *pieces[1:]])
    if code is not None or not pieces[0][:2].isupper():
        return None
    if len(pieces) == 1 and not re.search(r"\d|UB|HĐ|TT", pieces[0]):
        return None  # "16/CÔNG": not a symbol
    return None, "-".join(pieces)


def _national_piece(part: str) -> bool:
    """A piece of the national header cut by a line break ("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM")."""
    squashed = _squash(part)
    return len(squashed) >= 4 and any(squashed in name for name in _NATIONAL_SQUASHED)


def _join_split_dates(zone: list[str]) -> list[str]:
    """Join a place-date line cut in two or three ("Sóc Trăng, ngày" / "27 tháng 09 năm 2022")."""
    zone = list(zone)
    for i in range(len(zone) - 1):
        line, nxt = zone[i], zone[i + 1]
        if not line or not nxt or _DATE.search(fold_keep(line)):
            continue
        folded, folded_next = fold_keep(line).rstrip(" ,"), fold_keep(nxt)
        joined = f"{line} {nxt}"
        if not _DATE_START.match(folded_next) and not re.search(r"(ngay|thang|nam)\s*\d*$", folded):
            # "Yên" / "Bái, ngày 21 tháng 6 năm" / "2019": a place's first word alone on its line.
            if re.fullmatch(r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+", line) and re.match(r"\w+,\s*ngay\b", folded_next):
                zone[i], zone[i + 1] = "", joined
            continue
        three = f"{joined} {zone[i + 2]}" if i + 2 < len(zone) and zone[i + 2] else ""
        if three and not _DATE.search(fold_keep(joined)) and _DATE.search(fold_keep(three)):
            zone[i], zone[i + 1], zone[i + 2] = "", "", three
            continue
        if _DATE.search(fold_keep(joined)):
            zone[i], zone[i + 1] = "", joined
    return zone


def _flattened_zone(lines: list[str]) -> list[str]:
    """A document flattened onto one line: its header is the text up to the place-date."""
    first = next((line for line in lines if line), "")
    folded = fold_keep(first)
    date = _DATE.search(folded[:600])
    if date is None:
        return []
    end = date.end()
    # A letter's "V/v" subject after the date belongs to the header too, up to "Kính gửi".
    addressed = folded.find("kinh gui", end, end + 600)
    if addressed > 0 and re.search(r"\bv\s*/\s*v\b", folded[end:addressed]):
        end = addressed
    return [first[:end]]


def _drop_so(text: str) -> str:
    return re.sub(r"s[oôố6]\s*[:.]?\s*$", "", text.rstrip(), flags=re.IGNORECASE)


def _header_end(lines: list[str]) -> int:
    """Without a type heading: the header ends at "Kính gửi", the first item or long paragraph."""
    seen = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        folded = fold_keep(line)
        if seen > 25 or len(line) > 150 or _BODY_START.match(folded) or folded.startswith("kinh gui"):
            return i
        found = marker(line)
        if found is not None and found[0] in {"roman", "num"}:
            return i
    return len(lines)


def _read_title(lines: list[str], heading: int, rest: str) -> tuple[str | None, int]:
    """The subject line(s) after the type heading, and the index of the first body line."""
    parts = [rest] if rest else []
    i = heading + 1
    while i < len(lines) and not lines[i] and not parts:
        i += 1
    while i < len(lines):
        line = lines[i]
        if not line:
            break
        folded = fold_keep(line)
        if re.fullmatch(r"[\s*_=~.\-–—]+", line):
            i += 1
            break
        if marker(line) is not None or folded.startswith(("can cu", "kinh gui")) or len(line) > 220:
            break
        if re.search(r"[.:;!?]$", line):  # a subject line has no final punctuation; body text has
            break
        if parts and line[:1].isupper() and _AFTER_TITLE.match(folded):
            break
        if (
            parts
            and all(is_caps(p) or not any(c.isalpha() for c in p) for p in parts)
            and line[:1].isupper()
            and sum(c.isalpha() for c in line) >= 4
            and not is_caps(line)
            and not folded.startswith("ve ")
        ):
            break  # a subject in capitals, then the body's first sentence
        if not parts and is_caps(line) and folded.startswith("cua "):
            i += 1  # "CỦA BAN BÍ THƯ" under "CHỈ THỊ": the issuer again, not the subject
            continue
        parts.append(line)
        i += 1
        if len(parts) >= 5:
            break
    title = re.sub(r"\s+", " ", " ".join(parts)).strip(" -–") or None
    return title, i
