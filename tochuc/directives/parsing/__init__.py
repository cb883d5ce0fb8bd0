"""Reading Party and state documents: text extraction (TXT, Markdown, DOCX, PDF, scans) and the reader.

Public API::

    from tochuc.directives.parsing import extract_text, parse_document, validate_number_symbol

    text = extract_text(data, "ket-luan.pdf")      # DomainError for other types, damaged files
    needs_ocr(data, "trang-1.jpg")                 # True: a scan, recognised with Tesseract (slow)
    parsed = parse_document(text)                  # never raises; ParsedDirective (frozen)
    parsed.as_json()                               # the directive_parse JSON contract
    parsed.doubts                                  # ["issuer", "tasks", …]: fields to highlight
    validate_number_symbol("Số 03 - KL/BTCTW")     # ("03", "KL", "BTCTW") or DomainError

Rules worth knowing (details in the modules):

* tasks (``body.py``): the outermost items of the main tasks section keep the document's numbering;
  a group heading's sub-items become the tasks, numbered ``<group>.<sub>`` ("I.1", "2.a"); dash items
  are numbered by rank; deeper sub-items stay in their task's text, one per line;
* deadlines (``body.find_deadline``): only a date after a deadline word counts; a period means its last
  day ("trong quý III/2025" → 30/09/2025, "trước tháng 12 năm 2025" → 31/12/2025); a day without a
  year takes the document's year, with a warning;
* report periods: labels "Hằng tháng", "3 tháng", "6 tháng", "9 tháng", "Hằng năm" (the first, second,
  third and fifth are the labels of ``models.ReportPeriod``), "Sơ kết", "Tổng kết";
* recipients (``tail.py``) are kept as written, "Lưu VP" included; the dash and trailing ",;." go;
* state documents ("15/KH-UBND") are read, with ``number_symbol`` "15/KH-UBND", ``symbol`` "KH-UBND"
  and a warning: ``validate_number_symbol`` refuses that form;
* text in the legacy font encodings TCVN3 (ABC) and VNI is detected and converted (``legacy.py``),
  with a warning; ``to_unicode`` gives the converted text (what is stored as the document's body);
* the issuer comes from the header lines; if the header has none, from a symbol that names one body
  ("BTCTW" → "Ban Tổ chức Trung ương"), with a warning; "TW" documents signed "T/M BỘ CHÍNH TRỊ" or
  "T/M BAN BÍ THƯ" are issued by that body.
"""

from __future__ import annotations

from tochuc.directives.parsing.body import ParsedTask, find_deadline, read_report_periods
from tochuc.directives.parsing.extract import extract_text, needs_ocr
from tochuc.directives.parsing.legacy import to_unicode
from tochuc.directives.parsing.reader import ParsedDirective, Signer, parse_document
from tochuc.directives.parsing.symbols import (
    DOC_TYPE_NAMES,
    canonical_doc_type,
    format_number_symbol,
    validate_number_symbol,
)

__all__ = [
    "DOC_TYPE_NAMES",
    "ParsedDirective",
    "ParsedTask",
    "Signer",
    "canonical_doc_type",
    "extract_text",
    "find_deadline",
    "format_number_symbol",
    "needs_ocr",
    "parse_document",
    "read_report_periods",
    "to_unicode",
    "validate_number_symbol",
]
