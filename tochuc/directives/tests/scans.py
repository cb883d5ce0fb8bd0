"""Scans made for the tests: text rendered by Chromium to PNG pages, and an image-only PDF of them.

Chromium (headless) draws the text with a serif font as a printed page would look; the PDF holds the
PNG pixels as its page images (FlateDecode with the PNG predictor) and no text at all.
"""

from __future__ import annotations

import html
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1240, 1754  # A4 at 150 dpi


def render_page(text: str) -> bytes:
    """A PNG of ``text`` laid out line by line on a white A4 page."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "Chromium is needed to draw the test scans (make chromium)"
    with tempfile.TemporaryDirectory(prefix="tochuc-scan-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(
            '<html><body style="margin:90px;background:#fff;color:#000">'
            "<pre style=\"font-family:'DejaVu Serif',serif;font-size:21px;line-height:1.45;white-space:pre-wrap\">"
            f"{html.escape(text)}</pre></body></html>",
            encoding="utf-8",
        )
        out = Path(tmp) / "page.png"
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                f"--user-data-dir={tmp}/profile",
                f"--screenshot={out}",
                f"--window-size={WIDTH},{HEIGHT}",
                page.as_uri(),
            ],
            capture_output=True,
            timeout=120,
            check=True,
        )
        return out.read_bytes()


def _png_rgb(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the zlib stream of an 8-bit RGB PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    width = height = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2), "an 8-bit RGB PNG is expected"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    return width, height, idat


def image_only_pdf(pngs: list[bytes]) -> bytes:
    """A PDF whose pages are the given PNG images, without any text layer."""
    objects: list[bytes] = []
    pages: list[int] = []
    for png in pngs:
        width, height, stream = _png_rgb(png)
        image = len(objects) + 3
        objects.append(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 "
            b"/BitsPerComponent 8 /Columns %d >> /Length %d >>\nstream\n"
            % (width, height, width, len(stream))
            + stream
            + b"\nendstream"
        )
        w, h = width * 72 // 150, height * 72 // 150
        content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (w, h)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /XObject << /Im0 %d 0 R >> >> >>" % (w, h, image + 1, image)
        )
        pages.append(image + 2)
    kids = b" ".join(b"%d 0 R" % n for n in pages)
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
    ]
    body = b"%PDF-1.4\n"
    offsets: list[int] = []
    for number, obj in enumerate(head + objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    return body
