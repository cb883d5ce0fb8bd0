"""A blank document copied from the template parsed once per thread is the same file as ``Document()``."""

from __future__ import annotations

import io
import struct
import threading
import zipfile
import zlib

from docx import Document
from docx.document import Document as DocxDocument

from tochuc.core.documents.word import use_font
from tochuc.core.documents.word_blank import blank


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = _png(30, 40)


def _parts(document: DocxDocument) -> dict[str, bytes]:
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _fresh(prepare=use_font) -> DocxDocument:
    document = Document()
    prepare(document)
    return document


def _fill(document: DocxDocument, text: str) -> None:
    document.add_paragraph(text).add_run(" đậm").bold = True
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = text
    document.add_paragraph().add_run().add_picture(io.BytesIO(PNG))


def test_a_blank_copy_saves_the_same_parts_as_a_parsed_template():
    assert _parts(blank(use_font)) == _parts(_fresh())
    copied, fresh = blank(use_font), _fresh()
    _fill(copied, "Nguyễn Văn An")
    _fill(fresh, "Nguyễn Văn An")
    assert _parts(copied) == _parts(fresh)


def test_copies_do_not_see_each_other(tmp_path):
    first = blank(use_font)
    _fill(first, "Một")
    second = blank(use_font)
    assert second.paragraphs == [] and second.tables == [] and second.inline_shapes._inline_lst == []
    _fill(second, "Hai")
    assert first.paragraphs[0].text == "Một đậm"
    assert second.paragraphs[0].text == "Hai đậm"
    assert _parts(first)["word/media/image1.png"] == PNG
    assert sorted(n for n in _parts(second) if n.startswith("word/media/")) == ["word/media/image1.png"]
    assert _parts(blank(use_font)) == _parts(_fresh())


def test_each_prepare_has_its_own_template():
    plain = blank()
    assert _parts(plain) == _parts(_fresh(lambda document: None))
    assert _parts(plain) != _parts(blank(use_font))


def test_another_thread_gets_the_same_document():
    found: dict[str, dict[str, bytes]] = {}

    def make() -> None:
        document = blank(use_font)
        _fill(document, "Luồng khác")
        found["other"] = _parts(document)

    thread = threading.Thread(target=make)
    thread.start()
    thread.join()
    document = _fresh()
    _fill(document, "Luồng khác")
    assert found["other"] == _parts(document)
