"""Text out of an uploaded file: plain text, Markdown, DOCX, PDF, and scans (photos, image-only PDFs).

Anything else is refused with a ``DomainError`` saying what to send instead. Scans are recognised
with Tesseract (``ocr.py``); :func:`needs_ocr` tells the web intake to do that in the background.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.utils.translation import gettext as _

from tochuc.core.documents.archive import check_document, looks_like_archive
from tochuc.core.errors import DomainError
from tochuc.directives.errors import DirectivesErrorCode
from tochuc.directives.parsing import ocr
from tochuc.directives.parsing.legacy import detect
from tochuc.directives.parsing.textclean import normalize_chars, strip_markup

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
DOCX_SUFFIXES = {".docx"}
PDF_SUFFIXES = {".pdf"}
ACCEPTED = "TXT, Markdown (.md), Word (.docx), PDF, ảnh bản quét (JPEG, PNG, TIFF)"
# A PDF page with fewer letters than this on average is taken as an image (scan).
_MIN_LETTERS_PER_PAGE = 20


def _refuse(message: str, code: DirectivesErrorCode) -> DomainError:
    return DomainError(message, code=code, field="file")


def _not_plain_text(filename: str, suffix: str) -> str:
    return _("Tệp “%(name)s” không phải văn bản thuần dù có đuôi %(suffix)s.") % {
        "name": filename,
        "suffix": suffix,
    }


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        legacy = data.decode("cp1252")  # what an old Windows editor saved with a .VnTime / VNI font
    except UnicodeDecodeError:
        legacy = data.decode("latin-1")
    if detect(legacy) is not None:  # TCVN3 / VNI bytes: converted by the reader, with a warning
        return legacy
    try:
        return data.decode("cp1258")  # Windows Vietnamese, decomposed tones: NFC fixes them after
    except UnicodeDecodeError as exc:  # pragma: no cover - cp1258 maps almost every byte
        raise _refuse(
            _("Không đọc được bảng mã của tệp văn bản; hãy lưu lại dạng UTF-8."),
            DirectivesErrorCode.UNREADABLE_FILE,
        ) from exc


def _docx_text(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for a damaged file
        raise _refuse(
            _("Không mở được tệp Word (.docx): tệp hỏng hoặc không đúng định dạng."),
            DirectivesErrorCode.UNREADABLE_FILE,
        ) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:  # merged cells come back once per grid column
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
                # A cell may hold several paragraphs (issuer on two lines): keep them as lines,
                # cell by cell, side by side as a two-column header reads.
                split = [c.split("\n") for c in cells]
                height = max((len(s) for s in split), default=0)
                for i in range(height):
                    parts = [s[i].strip() for s in split if i < len(s) and s[i].strip()]
                    lines.append("   ".join(parts))
            lines.append("")
    return "\n".join(lines)


def _pdf_pages(data: bytes) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse(
                _("Tệp PDF được đặt mật khẩu; hãy gửi bản không khóa."), DirectivesErrorCode.LOCKED_FILE
            )
        return [page.extract_text() or "" for page in reader.pages]
    except DomainError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise _refuse(
            _("Không đọc được tệp PDF: tệp hỏng hoặc không đúng định dạng."),
            DirectivesErrorCode.UNREADABLE_FILE,
        ) from exc


def _is_scan(pages: list[str]) -> bool:
    letters = sum(1 for page in pages for ch in page if ch.isalpha())
    return not pages or letters < _MIN_LETTERS_PER_PAGE * len(pages)


def _suffix(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def needs_ocr(data: bytes, filename: str) -> bool:
    """True for a photo or a PDF without a text layer: reading it means recognising it (slow)."""
    suffix = _suffix(filename)
    if suffix in ocr.IMAGE_SUFFIXES:
        return True
    if suffix in PDF_SUFFIXES and data.lstrip()[:5] == b"%PDF-":
        try:
            return _is_scan(_pdf_pages(data))
        except DomainError:
            return False
    return False


def extract_text(data: bytes, filename: str, progress: ocr.Progress | None = None) -> str:
    """The text of an uploaded document, NFC, markup removed, one line per line of the document.

    The type is taken from the file name's extension and checked against the content (a ``.pdf``
    that is not a PDF is refused rather than read as text). Scans are recognised page by page,
    ``progress(done, total)`` told after each page.
    """
    suffix = _suffix(filename)
    if not data:
        raise _refuse(_("Tệp rỗng: không có nội dung để đọc."), DirectivesErrorCode.EMPTY_FILE)
    if suffix in PDF_SUFFIXES:
        if not data.lstrip()[:5] == b"%PDF-":
            raise _refuse(_("Tệp có đuôi .pdf nhưng không phải PDF."), DirectivesErrorCode.WRONG_FILE_TYPE)
        pages = _pdf_pages(data)
        # A form feed marks each page break: the reader drops page numbers and running headers there.
        text = ocr.recognise(data, ".pdf", progress) if _is_scan(pages) else "\n\f\n".join(pages)
    elif suffix in DOCX_SUFFIXES:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            if looks_like_archive(data):
                raise _refuse(
                    _("Tệp Word (.docx) bị hỏng, không đọc được (tệp nén không trọn vẹn)."),
                    DirectivesErrorCode.UNREADABLE_FILE,
                )
            raise _refuse(
                _("Tệp có đuôi .docx nhưng không phải tệp Word (.docx)."), DirectivesErrorCode.WRONG_FILE_TYPE
            )
        check_document(data)
        text = _docx_text(data)
    elif suffix in TEXT_SUFFIXES | MARKDOWN_SUFFIXES:
        if data[:5] == b"%PDF-" or data[:4] == b"PK\x03\x04":
            raise _refuse(_not_plain_text(filename, suffix), DirectivesErrorCode.WRONG_FILE_TYPE)
        text = _decode(data)
        if "\x00" in text:
            raise _refuse(_not_plain_text(filename, suffix), DirectivesErrorCode.WRONG_FILE_TYPE)
        if suffix in MARKDOWN_SUFFIXES:
            text = strip_markup(text)
    elif suffix == ".doc":
        raise _refuse(
            _("Tệp Word cũ (.doc) chưa đọc được: hãy lưu lại dạng .docx hoặc PDF."),
            DirectivesErrorCode.UNSUPPORTED_FILE_TYPE,
        )
    elif suffix in ocr.IMAGE_SUFFIXES:
        text = ocr.recognise(data, suffix, progress)
    elif suffix in {".gif", ".bmp", ".webp"}:
        raise _refuse(
            _("Ảnh bản quét cần ở dạng JPEG, PNG hoặc TIFF."), DirectivesErrorCode.UNSUPPORTED_FILE_TYPE
        )
    else:
        shown = suffix or "không có đuôi"
        raise _refuse(
            _("Không đọc được loại tệp “%(type)s”: chỉ nhận %(accepted)s.")
            % {"type": shown, "accepted": ACCEPTED},
            DirectivesErrorCode.UNSUPPORTED_FILE_TYPE,
        )
    return normalize_chars(text)
