"""The issuing body's name, written as in running text ("Ban Tổ chức Tỉnh ủy Nghệ An").

Header lines are in capitals and often recognised with broken diacritics; known organ names are
matched diacritic-insensitively and written correctly, place names are title-cased as they come.
"""

from __future__ import annotations

import re

from tochuc.directives.parsing.textclean import fold_keep

_PHRASES: dict[str, str] = {
    "ban chap hanh trung uong": "Ban Chấp hành Trung ương",
    "ban to chuc": "Ban Tổ chức",
    "ban tuyen giao": "Ban Tuyên giáo",
    "ban dan van": "Ban Dân vận",
    "ban noi chinh": "Ban Nội chính",
    "ban kinh te": "Ban Kinh tế",
    "ban thuong vu": "Ban Thường vụ",
    "ban bi thu": "Ban Bí thư",
    "bo chinh tri": "Bộ Chính trị",
    "ban chap hanh": "Ban Chấp hành",
    "ban can su dang": "Ban cán sự đảng",
    "van phong": "Văn phòng",
    "uy ban kiem tra": "Ủy ban Kiểm tra",
    "uy ban nhan dan": "Ủy ban nhân dân",
    "ubnd": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "trung uong": "Trung ương",
    "tinh uy": "Tỉnh ủy",
    "thanh uy": "Thành ủy",
    "huyen uy": "Huyện ủy",
    "quan uy": "Quận ủy",
    "thi uy": "Thị ủy",
    "dang uy": "Đảng ủy",
    "dang bo": "Đảng bộ",
    "chi bo": "Chi bộ",
    "dang doan": "Đảng đoàn",
    "khoi cac co quan": "Khối các cơ quan",
    "khoi doanh nghiep": "Khối Doanh nghiệp",
    "uy ban thuong vu quoc hoi": "Ủy ban Thường vụ Quốc hội",
    "thu tuong chinh phu": "Thủ tướng Chính phủ",
    "hoi dong bo truong": "Hội đồng Bộ trưởng",
    "van phong chinh phu": "Văn phòng Chính phủ",
    "chinh phu": "Chính phủ",
    "quoc hoi": "Quốc hội",
}
# State bodies whose name is written on two or three lines of the header and read top to bottom
# ("ỦY BAN NHÂN" / "DÂN" / "TỈNH QUẢNG BÌNH", "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI").
_STATE_ORGANS = ("uy ban nhan dan", "hoi dong nhan dan", "ubnd", "hdnd")
_STATE_NAMED = (
    "uy ban thuong vu quoc hoi",
    "thu tuong chinh phu",
    "van phong chinh phu",
    "chinh phu",
    "hoi dong bo truong",
)
_LEVELS = {
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "huyen": "huyện",
    "quan": "quận",
    "thi xa": "thị xã",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
}
_BARE_COMMITTEES = {"tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy"}
_BARE_STATE = {"uy ban nhan dan", "ubnd", "hoi dong nhan dan"}
_SUBORDINATE = re.compile(r"^(ban |van phong|uy ban kiem tra)")
# Issuer codes that name one body on their own.
CODE_ISSUERS = {
    "BTCTW": "Ban Tổ chức Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "BNCTW": "Ban Nội chính Trung ương",
    "BKTTW": "Ban Kinh tế Trung ương",
    "TW": "Ban Chấp hành Trung ương",
}


def nice(text: str) -> str:
    """``"BAN TỔ CHỨC TỈNH ỦY NGHỆ AN"`` → ``"Ban Tổ chức Tỉnh ủy Nghệ An"``."""
    words = text.split()
    folded = [fold_keep(w).strip(",.") for w in words]
    out: list[str] = []
    i = 0
    after_organ = False
    while i < len(words):
        for size in (5, 4, 3, 2, 1):
            key = " ".join(folded[i : i + size])
            if len(folded[i : i + size]) == size and key in _PHRASES:
                out.append(_PHRASES[key])
                i += size
                after_organ = True
                break
            if after_organ and key in _LEVELS and i + size < len(words):
                out.append(_LEVELS[key])
                i += size
                after_organ = False
                break
        else:
            word = words[i]
            out.append(word[:1].upper() + word[1:].lower())
            i += 1
            after_organ = False
    return " ".join(out)


def _level_place(words: list[str]) -> tuple[str, str]:
    """``["TỈNH", "NGHỆ", "AN"]`` → ``("tỉnh", "Nghệ An")``."""
    level = ""
    for size in (2, 1):
        key = " ".join(fold_keep(w) for w in words[:size])
        if len(words) > size and key in _LEVELS:
            level, words = _LEVELS[key], words[size:]
            break
    return level, " ".join(w[:1].upper() + w[1:].lower() for w in words)


def compose_issuer(lines: list[str]) -> str | None:
    """One name from the issuer lines of the header (top line = the superior body)."""
    lines = [line.strip() for line in lines if line.strip()]
    if not lines:
        return None
    state = _state_issuer(" ".join(lines))
    if state is not None:
        return state
    if len(lines) == 1:
        return nice(lines[0])
    top, bottom = lines[0], " ".join(lines[1:])
    f_top, f_bottom = fold_keep(top), fold_keep(bottom)
    if f_top.startswith("dang bo") and f_bottom in _BARE_COMMITTEES:
        level, place = _level_place(top.split()[2:])  # after "ĐẢNG BỘ"
        if f_bottom == "dang uy":
            place = f"{level} {place}".strip()
        return f"{nice(bottom)} {place}".strip()
    if f_top.startswith("dang bo"):
        return nice(bottom)
    if f_top in _BARE_STATE:
        level, place = _level_place(bottom.split())
        return " ".join(p for p in (nice(top), level, place) if p)
    if f_top == "ban chap hanh trung uong" and f_bottom == "van phong":
        return "Văn phòng Trung ương Đảng"
    if _SUBORDINATE.match(f_bottom):
        superior = "Trung ương" if f_top == "ban chap hanh trung uong" else nice(top)
        return f"{nice(bottom)} {superior}"
    return f"{nice(bottom)} {nice(top)}"


def _state_issuer(joined: str) -> str | None:
    """A state body's name from its header lines read in order, or None for a Party body."""
    folded = fold_keep(joined)
    if folded.startswith("y ban "):  # OCR lost the first letter of "ỦY BAN"
        joined, folded = "Ủ" + joined, "u" + folded
    for organ in _STATE_ORGANS:
        if folded.startswith(organ):
            rest = joined.split()[len(organ.split()) :]
            level, place = _level_place(rest)
            return " ".join(
                p for p in (nice(" ".join(joined.split()[: len(organ.split())])), level, place) if p
            )
    for organ in _STATE_NAMED:
        if folded.startswith(organ) and len(folded.split()) == len(organ.split()):
            return _PHRASES[organ]
    if re.match(r"bo (?!chinh tri)\w", folded):  # a ministry: "Bộ Lao động – Thương binh và Xã hội"
        words = joined.split()[1:]
        out = ["Bộ"]
        capital = True
        for word in words:
            low = word.lower()
            out.append(low[:1].upper() + low[1:] if capital else low)
            capital = low in {"–", "-", "và"}
        return " ".join(out)
    return None
