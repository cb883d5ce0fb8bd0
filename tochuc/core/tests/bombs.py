"""Hostile Office files built in memory for the upload tests: small on disk, huge once inflated."""

from __future__ import annotations

import io
import zipfile

MiB = 1024 * 1024
DOCX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/></Types>'
)
XLSX_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.sheet.main+xml"/></Types>'
)


def _inflating(archive: zipfile.ZipFile, name: str, head: bytes, size: int) -> None:
    """A member of ``size`` bytes, streamed: ``head`` then blanks that compress a thousandfold."""
    chunk = b" " * MiB
    with archive.open(name, "w", force_zip64=True) as out:
        out.write(head)
        for _ in range(size // MiB):
            out.write(chunk)


def docx_bomb(inflated: int = 40 * MiB) -> bytes:
    """A .docx whose ``word/document.xml`` inflates to ``inflated`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES)
        _inflating(archive, "word/document.xml", b'<?xml version="1.0"?><w:document>', inflated)
    return buffer.getvalue()


def xlsx_bomb(inflated: int = 64 * MiB) -> bytes:
    """An .xlsx whose shared strings part inflates to ``inflated`` bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", XLSX_TYPES)
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
        _inflating(archive, "xl/sharedStrings.xml", b'<?xml version="1.0"?><sst><si><t>', inflated)
    return buffer.getvalue()


def crowded(kind: str, entries: int = 501) -> bytes:
    """A .docx or .xlsx archive of ``entries`` tiny members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", DOCX_TYPES if kind == "docx" else XLSX_TYPES)
        if kind == "xlsx":
            archive.writestr("xl/workbook.xml", "<workbook/>")
        for index in range(entries - len(archive.infolist())):
            archive.writestr(f"media/{index}.bin", b"x")
    return buffer.getvalue()
