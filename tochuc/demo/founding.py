"""The founding document of the demo: where it is kept and how it is read.

The seed document (Conclusion 03-KL/BTCTW) is kept as data with the directives
app (``tochuc/directives/seed/``), or named by ``TOCHUC_SEED_DOCUMENT``. It is read with the reader
(``parse_document``) when that is importable, else with ``read_minimal``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

SEED_FILENAME = "ket-luan-03-KL-BTCTW-2017.md"
# The founding document, kept with the directives app so the demo works on a machine with nothing else.
SEED_DOCUMENT = Path(__file__).resolve().parent.parent / "directives" / "seed" / SEED_FILENAME


def seed_document_path() -> Path | None:
    """Where the founding document is: ``TOCHUC_SEED_DOCUMENT``, else the copy kept with the directives app."""
    candidates = [os.environ.get("TOCHUC_SEED_DOCUMENT", ""), str(SEED_DOCUMENT)]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


# --- Reading the seed ---------------------------------------------------------

_NUMBER_SYMBOL = re.compile(r"Số\s*(\d+)\s*-\s*([A-ZĐ]+)\s*/\s*([A-ZĐ]+)")
_PLACE_DATE = re.compile(r"([A-ZĐ][\wÀ-ỹ ]*?),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
_TASK_START = re.compile(r"^\**(\d+)\.\**\s+(.*)")
_ROMAN = re.compile(r"^[#*\s]*(I{1,3}|IV|V)\.\s")
_TYPE_NAMES = {
    "KẾT LUẬN": ("KL", "Kết luận"),
    "NGHỊ QUYẾT": ("NQ", "Nghị quyết"),
    "KẾ HOẠCH": ("KH", "Kế hoạch"),
}


def _plain(line: str) -> str:
    return re.sub(r"[#*\\]", "", line).strip()


def read_minimal(text: str) -> dict[str, Any]:
    """A small stand-in for the reader, used only when ``parse_document`` is not importable.

    It understands the clean layout of the seed (number-symbol, place-date, type
    and subject headings, the numbered tasks of section II, recipients and the
    signer) and returns the same keys as ``ParsedDirective.as_json()``; a field
    it does not find is left empty.
    """
    lines = text.splitlines()
    result: dict[str, Any] = {
        "doc_type": None,
        "number": None,
        "symbol": None,
        "number_symbol": None,
        "issuer": None,
        "place": None,
        "date": None,
        "title": "",
        "tasks": [],
        "report_periods": [],
        "recipients": [],
        "signer": {"capacity": None, "position": None, "name": None},
        "warnings": ["Đọc bằng bộ đọc tối giản của dữ liệu mẫu."],
    }
    if match := _NUMBER_SYMBOL.search(text):
        number, doc_type, issuer_code = match.groups()
        result.update(
            number=number,
            doc_type=doc_type,
            symbol=f"{doc_type}/{issuer_code}",
            number_symbol=f"{number}-{doc_type}/{issuer_code}",
        )
    if match := _PLACE_DATE.search(text):
        place, day, month, year = match.groups()
        result["place"] = place.strip()
        result["date"] = dt.date(int(year), int(month), int(day)).isoformat()
    plain = [_plain(line) for line in lines]
    for index, line in enumerate(plain):
        if line in _TYPE_NAMES:
            result["doc_type_name"] = _TYPE_NAMES[line][1]
            following = [p for p in plain[index + 1 :] if p]
            result["title"] = following[0] if following else ""
            break
    # Tasks: the numbered paragraphs of section II; a paragraph that does not start
    # with a number continues the task before it (a page break split it).
    section = 0
    tasks: list[dict[str, Any]] = []
    signer_lines: list[str] = []
    in_recipients = False
    for raw, line in zip(lines, plain, strict=True):
        if _ROMAN.match(raw):
            section += 1
            continue
        if line.startswith("Nơi nhận"):
            in_recipients = True
            continue
        if in_recipients:
            if raw.strip().startswith("- "):
                result["recipients"].append(line.lstrip("- ").strip().rstrip(";,."))
            elif line:
                signer_lines.append(line)
            continue
        if section == 2 and line:
            if match := _TASK_START.match(raw.strip()):
                tasks.append({"no": match.group(1), "text": _plain(match.group(2)), "deadline": None})
            elif tasks and not line.startswith("Năm"):
                joiner = " " if not tasks[-1]["text"].endswith(("-", " ")) else ""
                tasks[-1]["text"] = f"{tasks[-1]['text']}{joiner}{line}".strip()
        if "định kỳ" in line:
            found = re.findall(r"(\d+)\s*tháng", line.split("định kỳ", 1)[1])
            result["report_periods"] = [f"{n} tháng" for n in found]
    result["tasks"] = tasks
    if signer_lines:
        capacity = signer_lines[0] if re.match(r"^(K/T|T/M|T/L|T/U)\b", signer_lines[0]) else None
        rest = signer_lines[1:] if capacity else signer_lines
        result["signer"] = {
            "capacity": capacity,
            "position": rest[0] if len(rest) > 1 else None,
            "name": rest[-1] if rest else None,
        }
    return result


def read_seed(text: str) -> dict[str, Any]:
    """The seed as the reader sees it (``parse_document``), or the minimal reader above if it is absent."""
    try:
        from tochuc.directives.parsing import parse_document
    except ImportError:
        return read_minimal(text)
    parsed: dict[str, Any] = parse_document(text).as_json()
    return parsed
