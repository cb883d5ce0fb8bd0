"""The end of a document: recipients ("Nơi nhận") and the signature block.

The two sit side by side on paper (recipients left, signature right), so extracted text may give
them interleaved on the same lines, separated by several spaces, or one after the other in either
order. Recipients are kept as written, "Lưu VP" included (the archive copy is a recipient of the
document like the others); only the leading dash and the trailing "," ";" "." are removed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from tochuc.directives.parsing.lines import is_caps
from tochuc.directives.parsing.textclean import fold_keep, letters_upper_ratio

_CAPACITY = re.compile(r"^(t\s*/\s*m|k\s*/\s*t|t\s*/\s*l|t\s*/\s*u|tm\.|kt\.|tl\.|tuq\.|q\.)\s*\S")
_POSTS = re.compile(
    r"^(pho |tong )?(bi thu|truong ban|chanh van phong|chu tich|giam doc|chu nhiem|vu truong|cuc truong|"
    r"truong phong|uy vien|thu truong|bo truong|thuong truc|truong|chanh)"
)
_NOI_NHAN = re.compile(r"^n[oơ]i\s*nh[aâậ]n\s*:?", re.IGNORECASE)
_SIGNED = re.compile(r"^\(?\s*(da ky|ky|ky ten|ky, ghi ro|ky va|da ky va)")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-ỸÂĂÊÔƠƯ][a-zđà-ỹâăêôơư]+$")
_COLUMNS = re.compile(r"\t+|\s{2,}")
_DASH = re.compile(r"^[-–—•+*·]\s*")


@dataclass
class Tail:
    start: int | None = None
    recipients: list[str] = field(default_factory=list)
    recipients_found: bool = False
    capacity: str | None = None
    position: str | None = None
    name: str | None = None


def _is_capacity(fragment: str) -> bool:
    return bool(_CAPACITY.match(fold_keep(fragment))) and letters_upper_ratio(fragment) >= 0.7


def _is_post(fragment: str) -> bool:
    return is_caps(fragment) and bool(_POSTS.match(fold_keep(fragment)))


def _is_name(fragment: str) -> bool:
    words = fragment.split()
    if not 2 <= len(words) <= 6:
        return False
    if all(_NAME_WORD.match(w) for w in words):
        return True
    return is_caps(fragment) and all(w.isalpha() for w in words) and not _POSTS.match(fold_keep(fragment))


def _signed_mark(fragment: str) -> bool:
    return bool(_SIGNED.match(fold_keep(fragment).strip()))


def find_tail_start(lines: list[str], body_from: int) -> int | None:
    """The first line of the recipients / signature block, or None."""
    starts: list[int] = []
    for i in range(len(lines) - 1, body_from - 1, -1):
        parts = [p.strip() for p in _COLUMNS.split(lines[i]) if p.strip()]
        if any(_NOI_NHAN.match(p) for p in parts):
            starts.append(i)
            break
    for i in range(len(lines) - 1, body_from - 1, -1):
        parts = [p.strip() for p in _COLUMNS.split(lines[i]) if p.strip()]
        if any(_is_capacity(p) for p in parts):
            starts.append(i)
            break
    if not starts:
        # A head signing in person has no capacity line: a post line near the end.
        for i in range(len(lines) - 1, max(body_from, len(lines) - 15) - 1, -1):
            parts = [p.strip() for p in _COLUMNS.split(lines[i]) if p.strip()]
            if any(_is_post(p) and len(p) <= 60 for p in parts):
                starts.append(i)
                break
    if not starts:
        # Only the signer's name, marked "(Đã ký)" as a published copy writes it.
        filled = [i for i in range(body_from, len(lines)) if lines[i]][-3:]
        for before, after in itertools.pairwise(filled):
            if _signed_mark(lines[after]) and _is_name(lines[before]):
                starts.append(before)
                break
    return min(starts) if starts else None


def _clean_recipient(text: str) -> str:
    return _DASH.sub("", text).strip().rstrip(",;.").strip()


def _unglue(line: str) -> str:
    """Split a post glued to the name under it ("CHÁNH VĂN PHÒNGThái Hữu Phép" → two columns)."""
    words = line.split(" ")
    for n, word in enumerate(words):
        for k in range(2, len(word) - 1):
            if word[:k].isupper() and word[k].isupper() and word[k + 1].islower() and word[:k].isalpha():
                words[n] = f"{word[:k]}   {word[k:]}"
                break
    return " ".join(words)


_MERGED_CAPACITY = re.compile(r"\s(?=(?:T\s*/\s*[MLU]|K\s*/\s*T|TM\.|KT\.|TL\.|TUQ\.)\s*[A-ZĐÀ-Ỹ])")


def _post_like(fragment: str) -> bool:
    """A post, even garbled by OCR ("S Í THƯ THƯỜNG TRưÊ" for "BÍ THƯ THƯỜNG TRỰC")."""
    folded = fold_keep(fragment)
    return _is_post(fragment) or (
        is_caps(fragment) and any(k in folded for k in ("thu thuong tr", "bi thu", "chu tich", "truong ban"))
    )


def _split_merged(part: str) -> tuple[str, str | None]:
    """A recipient line with the signature column merged into it by OCR: ``(recipient, signer part)``."""
    capacity = _MERGED_CAPACITY.search(part)
    if capacity is not None and capacity.start() > 0:
        return part[: capacity.start()].strip(), part[capacity.end() :].strip()
    tokens = part.split()
    for k in range(1, len(tokens) - 1):
        merged = " ".join(tokens[k:])
        if len(tokens) - k <= 6 and is_caps(merged) and _post_like(merged):
            return " ".join(tokens[:k]), merged
    return part, None


def read_tail(lines: list[str], start: int) -> Tail:
    tail = Tail(start=start)
    lines = lines[:start] + [_unglue(line) for line in lines[start:]]
    signer: list[str] = []
    in_recipients = False
    continued_ends = True
    last_raw = ""
    for line in lines[start:]:
        if not line:
            continue
        parts = [p.strip() for p in _COLUMNS.split(line) if p.strip()]
        for col, part in enumerate(parts):
            head = _NOI_NHAN.match(part)
            if head is not None:
                in_recipients = True
                tail.recipients_found = True
                rest = part[head.end() :].strip()
                if rest and _is_capacity(rest):  # "Nơi nhận: T/M BAN THƯỜNG VỤ" merged by OCR
                    signer.append(rest)
                elif rest:
                    tail.recipients.append(_clean_recipient(rest))
                continue
            signer_like = _is_capacity(part) or _is_post(part) or _signed_mark(part)
            signer_like = signer_like or (bool(signer) and _is_name(part) and not _DASH.match(part))
            if in_recipients and _DASH.match(part) and not (col > 0 and signer_like):
                part, merged = _split_merged(part)
                if merged is not None:
                    signer.append(merged)
                tail.recipients.append(_clean_recipient(part))
                last_raw = part
                continued_ends = bool(re.search(r"[,;.]$", part))
            elif in_recipients and not signer_like and col == 0 and not is_caps(part):
                # A recipient wrapped over two lines: the second has no dash, the first no final "," ";".
                if tail.recipients and (part[:1].islower() or not continued_ends):
                    last_raw = f"{last_raw} {part}"
                    tail.recipients[-1] = _clean_recipient(last_raw)
                else:
                    tail.recipients.append(_clean_recipient(part))
            else:
                signer.append(part)
                if col == 0 and len(parts) == 1 and signer_like:
                    in_recipients = False
    tail.recipients = [r for r in tail.recipients if r]
    _read_signer(tail, signer)
    return tail


def _read_signer(tail: Tail, fragments: list[str]) -> None:
    fragments = [f for f in fragments if not _signed_mark(f) and f.strip("*_ ")]
    i = 0
    while i < len(fragments) and not (_is_capacity(fragments[i]) or _is_post(fragments[i])):
        i += 1
    if i == len(fragments):
        names = [f for f in fragments if _is_name(f) and not is_caps(f)]
        if len(names) == 1:  # a name alone, without capacity or post
            tail.name = names[0]
        return
    if _is_capacity(fragments[i]):
        tail.capacity = re.sub(r"\s*/\s*", "/", fragments[i], count=1)
        i += 1
        while i < len(fragments) and _is_capacity(fragments[i]):  # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH"
            tail.capacity += " " + re.sub(r"\s*/\s*", "/", fragments[i], count=1)
            i += 1
        # A capacity wrapped over two lines ("T/M BAN THƯỜNG VỤ" / "HUYỆN ỦY").
        if (
            i < len(fragments)
            and is_caps(fragments[i])
            and not _is_post(fragments[i])
            and i + 1 < len(fragments)
        ) and _is_post(fragments[i + 1]):
            tail.capacity += " " + fragments[i]
            i += 1
    if i < len(fragments) and _is_post(fragments[i]):
        tail.position = fragments[i]
        i += 1
        if i < len(fragments) and fold_keep(fragments[i]).startswith("thuong truc"):
            tail.position += " " + fragments[i]
            i += 1
    names = [f for f in fragments[i:] if _is_name(f) and not _post_like(f)]
    # A name in running case is surer than one in capitals (a garbled post passes as capitals).
    names.sort(key=lambda f: is_caps(f))
    if names:
        words = names[0].split()
        if is_caps(names[0]):
            words = [w[:1] + w[1:].lower() for w in words]
        tail.name = " ".join(words)


_FLAT_NOI_NHAN = re.compile(r"n[oơ]i\s*nh[aâậ]n\s*:", re.IGNORECASE)
_FLAT_CAPACITY = re.compile(r"\s(?=(?:T\s*/\s*[MLU]|K\s*/\s*T|TM\.|KT\.|TL\.|TUQ\.)\s*[A-ZĐÀ-Ỹ])")
_FLAT_SIGNED = re.compile(r"\(\s*đã\s*ký\s*\)|\(\s*ký[^)]{0,40}\)", re.IGNORECASE)
_TRAILING_POSTS = (
    "pho bi thu thuong truc",
    "bi thu thuong truc",
    "pho bi thu",
    "bi thu",
    "pho chu tich",
    "chu tich",
    "pho truong ban",
    "truong ban",
    "chanh van phong",
)


def _split_post(signature: str) -> list[str]:
    """``"TM. BAN BÍ THƯ TRUNG ƯƠNG ĐOÀNBÍ THƯ THƯỜNG TRỰC"`` → capacity and post on two lines."""
    folded = fold_keep(signature).rstrip()
    for post in _TRAILING_POSTS:
        if folded.endswith(post) and len(folded) > len(post) + 3:
            cut = len(folded) - len(post)
            return [signature[:cut].strip(), signature[cut:].strip()]
    return [signature.strip()]


def split_flattened_tail(text: str) -> str:
    """A document flattened onto one line: its recipients and signature put back on lines of their own."""
    out: list[str] = []
    for line in text.split("\n"):
        found = _FLAT_NOI_NHAN.search(line) if len(line) > 400 else None
        if found is None:
            out.append(line)
            continue
        out.extend([line[: found.start()].rstrip(), "Nơi nhận:"])
        rest = line[found.end() :]
        capacity = _FLAT_CAPACITY.search(rest)
        recipients, signature = (rest[: capacity.start()], rest[capacity.end() :]) if capacity else (rest, "")
        out.extend(f"- {item.strip()}" for item in re.split(r"(?:^|\s)-\s", recipients) if item.strip())
        if signature:
            parts = _FLAT_SIGNED.split(signature, maxsplit=1)
            out.extend(_split_post(parts[0]))
            out.extend(p.strip() for p in parts[1:] if p.strip())
    return "\n".join(out)


_KINH_GUI = re.compile(r"kinh\s*gui\s*:?\s*")
_ITEM_SPLIT = re.compile(r"(?:^|;)\s*[-–•+]\s*")


def read_addressees(lines: list[str], start: int, stop: int) -> list[str]:
    """The bodies a letter is addressed to ("Kính gửi: - …; - …"), one per item, or []."""
    for i in range(start, min(stop, len(lines))):
        line = lines[i]
        found = _KINH_GUI.match(fold_keep(line))
        if found is None and len(line) > 400:  # a document flattened onto one line
            found = _KINH_GUI.search(fold_keep(line))
        if found is None:
            continue
        rest = line[found.end() :].strip()
        period = re.search(r"\.(?:\s|$)", rest)
        rest = rest[: period.start()] if period else rest
        items = [_clean_recipient(p) for p in _ITEM_SPLIT.split(rest) if p.strip()]
        if items and not rest.startswith(("-", "–", "•", "+")):
            return items
        for line in lines[i + 1 : stop]:
            if not line:
                if items:
                    break
                continue
            if _DASH.match(line):
                items.append(_clean_recipient(line))
            elif items or len(line) > 200:
                break
            else:
                return [_clean_recipient(line)]
        return [item for item in items if item]
    return []
