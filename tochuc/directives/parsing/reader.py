"""``parse_document``: what a Party document says about itself, read from its text.

A field the document does not state is None (or an empty list), never guessed; what was read but is
uncertain is named in ``doubts`` (for the form to highlight) and explained in ``warnings``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from tochuc.directives.parsing.body import ParsedTask, read_report_periods, read_tasks
from tochuc.directives.parsing.header import read_header
from tochuc.directives.parsing.issuer import CODE_ISSUERS, compose_issuer
from tochuc.directives.parsing.legacy import to_unicode
from tochuc.directives.parsing.lines import build_blocks, clean_lines, marker
from tochuc.directives.parsing.symbols import DOC_TYPE_NAMES, NUMBER_SYMBOL_RE
from tochuc.directives.parsing.tail import find_tail_start, read_addressees, read_tail, split_flattened_tail
from tochuc.directives.parsing.textclean import fold_keep, normalize_chars, strip_markup

__all__ = ["ParsedDirective", "ParsedTask", "Signer", "parse_document"]


@dataclass(frozen=True)
class Signer:
    capacity: str | None = None  # "K/T TRƯỞNG BAN"
    position: str | None = None  # "PHÓ TRƯỞNG BAN THƯỜNG TRỰC"
    name: str | None = None


@dataclass(frozen=True)
class ParsedDirective:
    doc_type: str | None
    doc_type_name: str | None
    number: str | None
    symbol: str | None
    number_symbol: str | None
    issuer: str | None
    place: str | None
    date: dt.date | None
    title: str | None
    tasks: list[ParsedTask]
    report_periods: list[str]
    recipients: list[str]
    signer: Signer
    warnings: list[str] = field(default_factory=list)
    doubts: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        """The JSON contract of ``directive_parse`` (``doubts`` is not part of it)."""
        return {
            "doc_type": self.doc_type,
            "doc_type_name": self.doc_type_name,
            "number": self.number,
            "symbol": self.symbol,
            "number_symbol": self.number_symbol,
            "issuer": self.issuer,
            "place": self.place,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "tasks": [
                {"no": t.no, "text": t.text, "deadline": t.deadline.isoformat() if t.deadline else None}
                for t in self.tasks
            ],
            "report_periods": list(self.report_periods),
            "recipients": list(self.recipients),
            "signer": {
                "capacity": self.signer.capacity,
                "position": self.signer.position,
                "name": self.signer.name,
            },
            "warnings": list(self.warnings),
        }


def _issuer(header_lines: list[str], code: str | None, capacity: str | None) -> tuple[str | None, bool]:
    """``(issuer, derived)``; ``derived`` when it comes from the symbol, not from the header."""
    collective = ""
    if capacity and fold_keep(capacity).replace(" ", "").startswith("t/m"):
        folded = fold_keep(capacity)
        collective = (
            "Bộ Chính trị" if "bo chinh tri" in folded else "Ban Bí thư" if "ban bi thu" in folded else ""
        )
    composed = compose_issuer(header_lines)
    if composed is not None:
        if composed == "Ban Chấp hành Trung ương" and collective:
            return collective, False
        return composed, False
    if code is not None and code in CODE_ISSUERS:
        return (collective if code == "TW" and collective else CODE_ISSUERS[code]), True
    return None, False


def _drop_running_headers(lines: list[str], start: int, number_symbol: str | None) -> None:
    """Blank the page headers that repeat the document's own number ("Kết luận số 03-KL/BTCTW")."""
    if number_symbol is None:
        return
    for i in range(start, len(lines)):
        line = lines[i]
        if not line or len(line) > 100 or line.endswith(".") or marker(line) is not None:
            continue
        match = NUMBER_SYMBOL_RE.search(line)
        if (
            match is not None
            and f"{match['number']}-" in number_symbol
            and match["issuer"].upper() in number_symbol
        ) and number_symbol.startswith(f"{match['number']}-"):
            lines[i] = ""


def parse_document(text: str) -> ParsedDirective:
    """Read ``text`` (as given by ``extract_text`` or pasted) into a :class:`ParsedDirective`."""
    warnings: list[str] = []
    doubts: list[str] = []
    text, legacy = to_unicode(text or "")
    if legacy is not None:
        warnings.append(
            f"Văn bản dùng bảng mã cũ {legacy}; đã chuyển sang Unicode, cần kiểm tra lại chữ có dấu."
        )
    cleaned = split_flattened_tail(strip_markup(normalize_chars(text)))
    lines = clean_lines(cleaned)
    header = read_header(lines)
    _drop_running_headers(lines, header.body_start, header.number_symbol)

    tail_start = find_tail_start(lines, header.body_start)
    body_end = tail_start if tail_start is not None else len(lines)
    tail = read_tail(lines, tail_start) if tail_start is not None else None
    blocks = build_blocks(lines[header.body_start : body_end])
    year = header.date.year if header.date else None
    tasks = read_tasks(blocks, year)
    body_text = "\n".join(b.text for b in blocks)
    periods = read_report_periods(body_text)

    # Type: the symbol's code, the heading word for the name.
    doc_type = header.doc_type or header.heading_code
    doc_type_name = header.heading_name
    if doc_type is None and header.vv:  # "Số: 9387/UBND-KT" with "V/v …" under it: a Công văn
        doc_type = "CV"
    if header.doc_type and header.heading_code and header.doc_type != header.heading_code:
        warnings.append(
            f"Loại văn bản trong ký hiệu ({header.doc_type}) không khớp với tên loại ở tiêu đề "
            f"(“{header.heading_name}”); đã lấy theo ký hiệu."
        )
        doubts.append("doc_type")
        doc_type_name = DOC_TYPE_NAMES[header.doc_type][0]
    if doc_type_name is None and doc_type is not None:
        doc_type_name = DOC_TYPE_NAMES[doc_type][0]
        if doc_type == "QĐ":
            warnings.append("Không có tên loại ở tiêu đề: ký hiệu QĐ có thể là Quy định hoặc Quyết định.")
            doubts.append("doc_type")
    if doc_type is None:
        warnings.append("Không xác định được loại văn bản.")
        doubts.append("doc_type")

    if header.number_symbol is None:
        warnings.append("Không tìm thấy số và ký hiệu văn bản (dạng N-LOẠI/CƠ QUAN, ví dụ 03-KL/BTCTW).")
        doubts.append("number_symbol")
    elif header.state_form:
        warnings.append(
            f"Số và ký hiệu “{header.number_symbol}” theo dạng văn bản của cơ quan nhà nước, "
            "không theo dạng N-LOẠI/CƠ QUAN của văn bản Đảng: cần kiểm tra trước khi đăng ký."
        )
        doubts.append("number_symbol")
    if header.state and not header.party:
        warnings.append("Văn bản của cơ quan nhà nước (quốc hiệu “Cộng hòa xã hội chủ nghĩa Việt Nam”).")

    signer = Signer(tail.capacity, tail.position, tail.name) if tail else Signer()
    issuer, derived = _issuer(header.issuer_lines, header.issuer_code, signer.capacity)
    if issuer is None:
        warnings.append("Không tìm thấy cơ quan ban hành ở phần đầu văn bản.")
        doubts.append("issuer")
    elif derived:
        warnings.append(
            f"Không thấy tên cơ quan ban hành ở phần đầu văn bản; đã suy ra “{issuer}” từ ký hiệu "
            f"“{header.issuer_code}”."
        )
        doubts.append("issuer")

    if header.date is None:
        if header.date_text:
            warnings.append(f"Ngày ban hành “{header.date_text}” không hợp lệ.")
        else:
            warnings.append("Không tìm thấy ngày ban hành (dạng “Hà Nội, ngày 16 tháng 3 năm 2017”).")
        doubts.append("date")
    if header.place is None:
        doubts.append("place")
        if header.date is not None:
            warnings.append("Không tìm thấy địa danh trước ngày ban hành.")
    if header.title is None:
        warnings.append("Không tìm thấy trích yếu (tên) của văn bản.")
        doubts.append("title")

    if not tasks.tasks:
        warnings.append("Không tìm thấy mục nhiệm vụ (nhiệm vụ, giải pháp, tổ chức thực hiện) có đánh số.")
        doubts.append("tasks")
    elif not tasks.section_found:
        warnings.append(
            "Không thấy tiêu đề mục nhiệm vụ; đã lấy các mục đánh số trong thân văn bản làm nhiệm vụ."
        )
        doubts.append("tasks")
    elif tasks.doubtful:
        doubts.append("tasks")
    if tasks.missing_year:
        warnings.append("Có thời hạn không ghi năm; đã lấy năm ban hành của văn bản.")

    recipients = tail.recipients if tail else []
    if not recipients:
        recipients = read_addressees(lines, 0, header.body_start + 5)
        if recipients:
            warnings.append("Không thấy mục “Nơi nhận”; đã lấy các nơi ghi ở “Kính gửi”.")
        else:
            warnings.append("Không tìm thấy nơi nhận.")
        doubts.append("recipients")
    if signer.name is None or (signer.capacity is None and signer.position is None):
        warnings.append("Không đọc được đủ khối chữ ký (thẩm quyền ký, chức vụ, họ tên người ký).")
        doubts.append("signer")

    title = re.sub(r"\s+", " ", header.title).strip() if header.title else None
    return ParsedDirective(
        doc_type=doc_type,
        doc_type_name=doc_type_name,
        number=header.number,
        symbol=header.symbol,
        number_symbol=header.number_symbol,
        issuer=issuer,
        place=header.place,
        date=header.date,
        title=title,
        tasks=tasks.tasks,
        report_periods=periods,
        recipients=recipients,
        signer=signer,
        warnings=warnings,
        doubts=list(dict.fromkeys(doubts)),
    )
