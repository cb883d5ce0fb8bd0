"""A file sent to the browser: Vietnamese name kept, an ASCII name for old browsers, never cached."""

from __future__ import annotations

import mimetypes
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.text import slugify

from tochuc.core.documents.excel import XLSX
from tochuc.core.documents.word import DOCX
from tochuc.core.text import fold


def content_disposition(stem: str, extension: str) -> str:
    """``attachment`` with an ASCII fallback name and the UTF-8 name (RFC 6266 / 5987)."""
    ascii_name = slugify(fold(stem)) or "tai-lieu"
    utf8_name = quote(f"{stem}.{extension}", safe="")
    return f"attachment; filename=\"{ascii_name}.{extension}\"; filename*=UTF-8''{utf8_name}"


def attachment(content: bytes, stem: str, extension: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(stem, extension)
    response["Cache-Control"] = "no-store"
    return response


def docx_attachment(content: bytes, stem: str) -> HttpResponse:
    return attachment(content, stem, "docx", DOCX)


def xlsx_attachment(content: bytes, stem: str) -> HttpResponse:
    return attachment(content, stem, "xlsx", XLSX)


def file_attachment(content: bytes, name: str) -> HttpResponse:
    """A stored upload sent back under its own name; the type follows the extension, never the
    type the sender's browser claimed."""
    stem, dot, extension = name.rpartition(".")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return attachment(content, stem if dot else name, extension if dot else "bin", content_type)
