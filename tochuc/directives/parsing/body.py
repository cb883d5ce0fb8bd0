"""The body: the main tasks section, its numbered tasks, their deadlines, and reporting periods.

Rule for numbering (what ``no`` holds):

* tasks are the items of the outermost list level inside the main tasks section, numbered as the
  document numbers them ("1", "II", "a", "1.2"); items introduced by a dash get their rank ("1", "2");
* when such an item is only a group heading (short, no final punctuation, followed by its own
  sub-items), its sub-items are the tasks, numbered ``<group>.<sub>`` ("I.1", "2.a", "1.3");
* deeper sub-items stay inside the text of their task, one per line, marker kept.

The main tasks section is the heading that best names tasks ("nhiệm vụ", "giải pháp" weigh most, then
"nội dung", "tổ chức thực hiện", "phân công"; headings about past results, aims or limits weigh
against). Without such a heading, the outermost numbered list of the body is taken and marked doubtful.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from tochuc.directives.parsing.lines import Block, is_caps
from tochuc.directives.parsing.textclean import fold_keep

_WEIGHTS = [
    ("nhiem vu", 3),
    ("giai phap", 3),
    ("noi dung", 1),
    ("to chuc thuc hien", 1),
    ("phan cong", 1),
    ("cong viec", 1),
    ("tinh hinh", -4),
    ("ket qua", -4),
    ("muc dich", -4),
    ("han che", -4),
    ("bai hoc", -4),
    ("nguyen nhan", -4),
    ("quan diem", -2),
    ("muc tieu", -1),
    ("danh gia", -2),
]
_TERMINAL = re.compile(r"[.;:!?…]['\"”’)\]]*$")


@dataclass(frozen=True)
class ParsedTask:
    no: str
    text: str
    deadline: dt.date | None


@dataclass
class TasksResult:
    tasks: list[ParsedTask]
    section_found: bool
    doubtful: bool
    missing_year: bool


def _score(text: str) -> int:
    folded = fold_keep(text)
    return sum(weight for key, weight in _WEIGHTS if key in folded)


_INTRO = re.compile(
    r"(de nghi|yeu cau|chi thi|ket luan|thong nhat|giao|nhiem vu|noi dung|cong viec).*sau\s*:$"
)


def _is_group_like(block: Block) -> bool:
    """A numbered line that reads as a sub-heading ("2. Nhiệm vụ thời gian tới")."""
    return (
        block.kind in {"num", "num2", "upper", "letter"}
        and len(block.text) <= 120
        and not _TERMINAL.search(block.text)
    )


def _section_end(blocks: list[Block], start: int) -> int:
    level = blocks[start].level
    for j in range(start + 1, len(blocks)):
        if (blocks[j].heading or blocks[j].kind != "text") and blocks[j].level <= level:
            return j
    return len(blocks)


def _items(blocks: list[Block], lo: int, hi: int) -> tuple[int, list[int]]:
    marked = [j for j in range(lo, hi) if blocks[j].kind not in {"text", "caps"}]
    if not marked:
        return 9, []
    top = min(blocks[j].level for j in marked)
    return top, [j for j in marked if blocks[j].level == top]


def _body_text(blocks: list[Block], lo: int, hi: int) -> list[str]:
    parts = []
    for b in blocks[lo:hi]:
        prefix = {"dash": "- ", "letter": f"{b.label}) ", "paren": f"({b.label}) "}.get(b.kind)
        if prefix is None and b.kind in {"num", "num2"}:
            prefix = f"{b.label}. "
        parts.append((prefix or "") + b.text)
    return parts


def _is_group(block: Block, children: int) -> bool:
    if children == 0:
        return False
    return is_caps(block.text) or (len(block.text) <= 120 and not _TERMINAL.search(block.text))


def _collect(
    blocks: list[Block], lo: int, hi: int, prefix: str, year: int | None, depth: int
) -> list[tuple[str, str]]:
    """``(no, text)`` of the tasks between ``lo`` and ``hi``."""
    _top, items = _items(blocks, lo, hi)
    out: list[tuple[str, str]] = []
    rank = 0
    for n, j in enumerate(items):
        rank += 1
        end = items[n + 1] if n + 1 < len(items) else hi
        if n + 1 == len(items):
            # Closing paragraphs after the last item belong to the section, not to the item.
            last_marked = max((k for k in range(j, end) if blocks[k].kind not in {"text", "caps"}), default=j)
            end = last_marked + 1
        label = blocks[j].label or str(rank)
        # "1.2" under group "1" is already numbered from its group.
        no = f"{prefix}.{label}" if prefix and not label.startswith(f"{prefix}.") else label
        _sub_top, subs = _items(blocks, j + 1, end)
        if depth == 0 and _is_group(blocks[j], len(subs)):
            out.extend(_collect(blocks, j + 1, end, no, year, depth + 1))
            continue
        text = "\n".join([blocks[j].text, *_body_text(blocks, j + 1, end)])
        out.append((no, text))
    return out


def read_tasks(blocks: list[Block], year: int | None) -> TasksResult:
    best: tuple[int, int, int] | None = None  # (score, start, end)
    for i, block in enumerate(blocks):
        score = _score(block.text)
        if score <= 0 and not (block.kind == "text" and block.text.endswith(":")):
            continue
        if block.heading or _is_group_like(block):
            end = _section_end(blocks, i)
        elif block.kind != "text" and block.text.endswith(":"):
            end = _section_end(blocks, i)  # "Điều 2. Tổ công tác có nhiệm vụ:" followed by its items
        elif block.kind == "text" and block.text.endswith(":") and len(block.text) <= 600:
            # "… đề nghị các cấp ủy thực hiện một số nội dung sau:" introduces the tasks.
            folded = fold_keep(block.text)
            score = max(score, 1 if _INTRO.search(folded) else 0)
            end = next((j for j in range(i + 1, len(blocks)) if blocks[j].heading), len(blocks))
        else:
            continue
        if score <= 0:
            continue
        if not _items(blocks, i + 1, end)[1]:
            continue
        if best is None or score > best[0]:
            best = (score, i, end)
    if best is not None:
        pairs = _collect(blocks, best[1] + 1, best[2], "", year, 0)
        section_found, doubtful = True, False
    else:
        # Articles ("Điều 1.") of a Quy định / Quyết định are not tasks.
        plain = [j for j, b in enumerate(blocks) if not b.heading and b.kind not in {"text", "caps", "dieu"}]
        pairs = []
        if plain:
            top = min(blocks[j].level for j in plain)
            items = [j for j in plain if blocks[j].level == top]
            if len(items) >= 2:
                pairs = _collect(blocks, items[0], len(blocks), "", year, 0)
        section_found, doubtful = False, bool(pairs)
    tasks: list[ParsedTask] = []
    missing_year = False
    for no, text in pairs:
        deadline, guessed, several = find_deadline(text, year)
        missing_year = missing_year or guessed
        doubtful = doubtful or guessed or several
        tasks.append(ParsedTask(no=no, text=text, deadline=deadline))
    return TasksResult(tasks=tasks, section_found=section_found, doubtful=doubtful, missing_year=missing_year)


# --- deadlines -------------------------------------------------------------------------------------

_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_CUE = (
    r"(?:truoc|cham nhat(?: la)?|muon nhat|han chot|thoi han|hoan thanh|xong|den het|ket thuc|trong|vao|han)"
)
_DEADLINE = re.compile(
    rf"{_CUE}\s*[:,]?\s*(?:ngay\s*)?(?:"
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s*thang\s*(?P<m2>\d{1,2})(?:\s*nam\s*(?P<y2>\d{4}))?"
    r"|(?:cuoi\s*)?thang\s*(?P<mm>\d{1,2})\s*(?:/|nam)\s*(?P<my>\d{4})"
    r"|(?:cuoi\s*)?quy\s*(?P<q>iv|i{1,3}|[1-4])\s*(?:/|nam)\s*(?P<qy>\d{4})"
    r"|6\s*thang\s*dau\s*nam\s*(?P<hy>\d{4})"
    r"|(?:cuoi\s*)?nam\s*(?P<yy>\d{4})"
    r")"
)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _deadline_of(m: re.Match[str], year: int | None) -> tuple[dt.date | None, bool]:
    try:
        if m["d"] or m["d2"]:
            day, month = int(m["d"] or m["d2"]), int(m["m"] or m["m2"])
            y = m["y"] or m["y2"]
            if y:
                return dt.date(int(y), month, day), False
            return (dt.date(year, month, day), True) if year else (None, True)
        if m["mm"]:
            return _last_day(int(m["my"]), int(m["mm"])), False
        if m["q"]:
            return _last_day(int(m["qy"]), _ROMAN_Q[m["q"]] * 3), False
        if m["hy"]:
            return dt.date(int(m["hy"]), 6, 30), False
        if m["yy"]:
            return dt.date(int(m["yy"]), 12, 31), False
    except ValueError:
        return None, False
    return None, False


def find_deadline(text: str, year: int | None) -> tuple[dt.date | None, bool, bool]:
    """``(deadline, year taken from the document date, several different deadlines)``.

    Only a date introduced by a deadline word counts ("trước ngày 30/6/2025", "hoàn thành trong quý
    III/2025", "chậm nhất ngày 15 tháng 7 năm 2025"); a period means its last day ("trước tháng 12
    năm 2025" → 31/12/2025). A day without a year takes the year of the document and is doubtful.
    """
    found: list[tuple[dt.date, bool]] = []
    folded = fold_keep(text)
    for m in _DEADLINE.finditer(folded):
        if m["yy"] and not re.search(
            r"(hoan thanh|xong|den het|cuoi|truoc)\s*(trong\s*)?(cuoi\s*)?nam\s*\d{4}$", folded[: m.end()]
        ):
            continue
        when, guessed = _deadline_of(m, year)
        if when is not None:
            found.append((when, guessed))
    if not found:
        return None, False, False
    first = found[0]
    return first[0], first[1], len({d for d, _ in found}) > 1


# --- reporting periods -------------------------------------------------------------------------

_PERIODS = [
    ("Hằng tháng", re.compile(r"hang thang|moi thang|dinh ky thang|bao cao thang")),
    ("3 tháng", re.compile(r"(?:^|\W)(?:3|ba) thang(?! dau)|hang quy|moi quy|bao cao quy|dinh ky quy")),
    ("6 tháng", re.compile(r"(?:^|\W)(?:6|sau) thang")),
    ("9 tháng", re.compile(r"(?:^|\W)(?:9|chin) thang")),
    ("Hằng năm", re.compile(r"hang nam|moi nam|ca nam|cuoi nam|bao cao nam|(?:^|\W)(?:1|mot) nam(?!\s*\d)")),
]
_REPORT_CONTEXT = re.compile(r"dinh ky|bao cao|so ket|tong ket")
_SUMMARY = re.compile(
    r"(?<!bao cao )(so ket|tong ket)(?=[^.;]{0,40}?(dinh ky|\d+ (?:thang|nam)|hang nam|cuoi nam|nhiem ky|giai doan))"
)


def read_report_periods(text: str) -> list[str]:
    """Reporting periods stated in ``text``, as labels: "Hằng tháng", "3 tháng", "6 tháng", "9 tháng",
    "Hằng năm", "Sơ kết", "Tổng kết" (in that order)."""
    found: set[str] = set()
    folded = fold_keep(text)
    for sentence in re.split(r"[.;\n]", folded):
        if not _REPORT_CONTEXT.search(sentence):
            continue
        # Periods count only in the clause that follows the report word ("định kỳ 3 tháng, 6 tháng").
        for anchor in _REPORT_CONTEXT.finditer(sentence):
            clause = sentence[anchor.start() : anchor.start() + 90]
            for label, pattern in _PERIODS:
                if pattern.search(clause):
                    found.add(label)
        for m in _SUMMARY.finditer(sentence):
            found.add("Sơ kết" if m.group(1) == "so ket" else "Tổng kết")
    order = ["Hằng tháng", "3 tháng", "6 tháng", "9 tháng", "Hằng năm", "Sơ kết", "Tổng kết"]
    return [label for label in order if label in found]
