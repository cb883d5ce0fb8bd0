"""Scans: photos (JPEG, PNG, TIFF) and PDFs without a text layer, recognised with Tesseract.

Debian's ``tesseract-ocr`` and its Vietnamese model ``tesseract-ocr-vie`` do the recognition;
``pdftoppm`` (``poppler-utils``) renders each page of a PDF at 300 dpi first. Pages are recognised
in parallel (one process per core) and reported one by one to ``progress(done, total)``. The text of
the pages is joined with form feeds, which the reader treats as page breaks (page numbers and running
headers are dropped there). Everything goes through temporary files removed afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.utils.translation import gettext as _

from tochuc.core.errors import DomainError
from tochuc.directives.errors import DirectivesErrorCode

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff"}
LANGUAGE = "vie"
DPI = 300
PAGE_TIMEOUT = 120  # seconds for one page
Progress = Callable[[int, int], None]


def _refuse(message: str, code: DirectivesErrorCode) -> DomainError:
    return DomainError(message, code=code, field="file")


def available() -> bool:
    """Tesseract with its Vietnamese model is installed."""
    if shutil.which("tesseract") is None:
        return False
    try:
        listed = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return LANGUAGE in listed.stdout.split()


def _require() -> None:
    if not available():
        raise _refuse(
            _(
                "Máy chủ chưa cài phần nhận dạng chữ (tesseract-ocr, tesseract-ocr-vie): "
                "chưa đọc được bản quét; hãy dán nội dung văn bản."
            ),
            DirectivesErrorCode.OCR_UNAVAILABLE,
        )


def _recognise_file(path: Path) -> str:
    try:
        done = subprocess.run(
            ["tesseract", str(path), "stdout", "-l", LANGUAGE, "--psm", "3"],
            capture_output=True,
            # One thread per process: pages already run in parallel, one per core.
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
            timeout=PAGE_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _refuse(
            _("Nhận dạng chữ một trang quá lâu; hãy gửi bản quét rõ hơn hoặc nhỏ hơn."),
            DirectivesErrorCode.OCR_TIMEOUT,
        ) from exc
    if done.returncode != 0:
        raise _refuse(
            _("Không nhận dạng được ảnh: tệp hỏng hoặc không phải ảnh JPEG, PNG, TIFF."),
            DirectivesErrorCode.UNREADABLE_FILE,
        )
    return done.stdout.decode("utf-8", errors="replace")


def _recognise_pages(pages: list[Path], progress: Progress | None) -> list[str]:
    total = len(pages)
    texts: list[str] = [""] * total
    done = 0
    if progress is not None:
        progress(0, total)
    workers = max(1, min(total, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_recognise_file, page): n for n, page in enumerate(pages)}
        for future, n in futures.items():
            texts[n] = future.result()
            done += 1
            if progress is not None:
                progress(done, total)
    return texts


def _pdf_pages(data: bytes, folder: Path) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise _refuse(
            _(
                "Máy chủ chưa cài pdftoppm (poppler-utils): chưa đọc được PDF bản quét; "
                "hãy gửi ảnh các trang hoặc dán nội dung văn bản."
            ),
            DirectivesErrorCode.OCR_UNAVAILABLE,
        )
    source = folder / "scan.pdf"
    source.write_bytes(data)
    try:
        done = subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", "-png", str(source), str(folder / "page")],
            capture_output=True,
            timeout=PAGE_TIMEOUT * 10,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise _refuse(
            _("Tách trang PDF quá lâu; hãy gửi ít trang hơn."), DirectivesErrorCode.OCR_TIMEOUT
        ) from exc
    pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    if done.returncode != 0 or not pages:
        raise _refuse(
            _("Không đọc được tệp PDF bản quét: tệp hỏng hoặc không đúng định dạng."),
            DirectivesErrorCode.UNREADABLE_FILE,
        )
    return pages


def recognise(data: bytes, suffix: str, progress: Progress | None = None) -> str:
    """The recognised text of a scan (``suffix`` ".pdf" or an image's), pages joined by form feeds."""
    _require()
    with tempfile.TemporaryDirectory(prefix="tochuc-ocr-") as tmp:
        folder = Path(tmp)
        if suffix == ".pdf":
            pages = _pdf_pages(data, folder)
        else:
            image = folder / f"scan{suffix}"
            image.write_bytes(data)
            pages = [image]  # a multi-page TIFF comes back with its pages separated by form feeds
        texts = _recognise_pages(pages, progress)
    text = "\n\f\n".join(t.strip("\f\n") for t in texts)
    if sum(ch.isalpha() for ch in text) < 20:
        raise _refuse(
            _("Không nhận dạng được chữ trong bản quét: ảnh mờ, nghiêng nhiều hoặc không có chữ."),
            DirectivesErrorCode.OCR_NO_TEXT,
        )
    return text
