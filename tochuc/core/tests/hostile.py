"""The bad-input corpus: the same hostile files for every upload path, built in memory when asked.

Each entry is a name (what the file claims to be) and its bytes, for a Word path (``docx``) or an Excel
path (``xlsx``). Nothing here is kept on disk: the bombs are small until something inflates them.
"""

from __future__ import annotations

import io
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from docx import Document
from openpyxl import Workbook

from tochuc.core.tests.bombs import MiB, crowded, docx_bomb, xlsx_bomb

# The PNG signature and a header: what a photo renamed .docx or .xlsx starts with.
PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
# A Windows program: the DOS stub of a PE file.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"This program cannot be run in DOS mode.\r\n"
)
# "Nghị quyết của Đảng" in Windows-1258 and in Latin-1-looking bytes: text that is not UTF-8.


def _cp1258(text: str) -> bytes:
    """Windows-1258 as old editors wrote it: precomposed letters where they exist, tones as marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            split = unicodedata.normalize("NFD", char)
            out += (unicodedata.normalize("NFC", split[:-1]) + split[-1]).encode("cp1258")
    return out


CP1258 = _cp1258("Nghị quyết số 12-NQ/TW của Ban Chấp hành Trung ương Đảng\n")
LATIN1 = "Résumé des tâches: élève, façade, ÿ\n".encode("latin-1")

SECRET_ENTITY = '<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    '<!DOCTYPE x [<!ENTITY a "hahahahahahahahahaha">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)


@dataclass(frozen=True)
class Hostile:
    key: str  # stable id, used in test names and the report
    name: str  # the file name it is uploaded under
    data: bytes


def _office(kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "docx":
        document = Document()
        document.add_paragraph("BAN CHẤP HÀNH TRUNG ƯƠNG")
        document.save(buffer)
    else:
        workbook = Workbook()
        workbook.active.append(["Mã đơn vị", "Họ và tên"])
        workbook.save(buffer)
    return buffer.getvalue()


def _with_doctype(kind: str, doctype: str, reference: str) -> bytes:
    """A real file whose main XML part declares ``doctype`` and uses ``reference`` in its text."""
    part = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    source = zipfile.ZipFile(io.BytesIO(_office(kind)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == part:
                text = data.decode()
                # The DTD goes before the root element, after the XML declaration when there is one.
                cut = text.index("?>") + 2 if text.startswith("<?xml") else 0
                text = text[:cut] + doctype + text[cut:]
                if kind == "docx":
                    text = text.replace("BAN CHẤP HÀNH TRUNG ƯƠNG", reference, 1)
                else:
                    text = text.replace(
                        "</sheetData>",
                        f'<row r="2"><c r="A2" t="inlineStr"><is><t>{reference}'
                        "</t></is></c></row></sheetData>",
                        1,
                    )
                data = text.encode()
            archive.writestr(info.filename, data)
    return buffer.getvalue()


def _broken(kind: str) -> bytes:
    """The first half of a real file: a zip with its directory cut off."""
    data = _office(kind)
    return data[: len(data) // 2]


def _ratio(kind: str) -> bytes:
    """Only 4 MB once inflated, under every size limit, but a thousand times its weight."""
    return docx_bomb(4 * MiB) if kind == "docx" else xlsx_bomb(4 * MiB)


def _huge_part(kind: str) -> bytes:
    """One part inflating to hundreds of megabytes (the 53 MB and 418 MB files of the review)."""
    return docx_bomb(64 * MiB) if kind == "docx" else xlsx_bomb(420 * MiB)


BOMBS = ("bomb-part", "bomb-entries", "bomb-ratio")

_BUILDERS: dict[str, Callable[[str], bytes]] = {
    "bomb-part": _huge_part,
    "bomb-entries": lambda kind: crowded(kind, 5000),
    "bomb-ratio": _ratio,
    "xxe-external": lambda kind: _with_doctype(kind, SECRET_ENTITY, "&secret;"),
    "xxe-laughs": lambda kind: _with_doctype(kind, LAUGHS, "&j;"),
    "broken-zip": _broken,
    "png-renamed": lambda kind: PNG + b"\x00" * 64,
    "exe-renamed": lambda kind: EXE + b"\x00" * 64,
    "empty": lambda kind: b"",
}
KEYS = (*_BUILDERS, "huge", "non-utf8")


@cache
def hostile(key: str, kind: str, *, limit: int = 0) -> Hostile:
    """The hostile file ``key`` for a ``kind`` path; ``huge`` is one byte over ``limit``."""
    if key == "huge":
        return Hostile(key, f"lon.{kind}", _office(kind) + b"\x00" * (limit + 1))
    if key == "non-utf8":
        # An Excel path is sent the legacy text under its own name; a Word path the same text as .txt.
        name = "van-ban.txt" if kind == "docx" else "danh-sach.xlsx"
        return Hostile(key, name, CP1258 + LATIN1)
    return Hostile(key, f"{key}.{kind}", _BUILDERS[key](kind))
