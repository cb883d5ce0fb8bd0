"""Scans are recognised with Tesseract: a photo of a page, an image-only PDF, page by page.

The scans are drawn here (Chromium renders a corpus document to PNG pages). Tesseract and its
Vietnamese model must be installed (``make setup`` does it as root): without them these tests fail.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tochuc.core.errors import DomainError
from tochuc.directives.parsing import extract_text, parse_document
from tochuc.directives.parsing.extract import needs_ocr
from tochuc.directives.parsing.ocr import available
from tochuc.directives.tests.scans import image_only_pdf, render_page

DOCUMENTS = Path(__file__).parent / "documents"


@pytest.fixture(scope="module")
def pages() -> list[bytes]:
    lines = (DOCUMENTS / "07-cv-tu-spaced.txt").read_text(encoding="utf-8").split("\n")
    half = len(lines) // 2
    return [render_page("\n".join(lines[:half])), render_page("\n".join(lines[half:]))]


def test_tesseract_with_its_vietnamese_model_is_installed() -> None:
    assert available()


def test_an_image_only_pdf_is_recognised_page_by_page(pages: list[bytes]) -> None:
    pdf = image_only_pdf(pages)
    assert needs_ocr(pdf, "scan.pdf")
    seen: list[tuple[int, int]] = []
    parsed = parse_document(extract_text(pdf, "scan.pdf", lambda done, total: seen.append((done, total))))
    assert seen == [(0, 2), (1, 2), (2, 2)]
    assert parsed.number_symbol == "132-CV/TU"
    assert parsed.issuer == "Tỉnh ủy Quảng Nam"
    assert parsed.date is not None and parsed.date.isoformat() == "2025-01-05"
    assert [task.no for task in parsed.tasks] == ["1", "2", "3"]
    assert parsed.tasks[1].deadline is not None and parsed.tasks[1].deadline.isoformat() == "2025-02-28"
    assert parsed.recipients == ["Như trên", "Lưu VP"]
    assert (parsed.signer.capacity, parsed.signer.name) == ("T/L BAN THƯỜNG VỤ", "Trần Thị Mai")


def test_directive_parse_reads_a_photo(tmp_path: Path, pages: list[bytes], db: None) -> None:
    photo = tmp_path / "trang-1.png"
    photo.write_bytes(pages[0])
    out = StringIO()
    call_command("directive_parse", str(photo), stdout=out)
    data = json.loads(out.getvalue())
    assert (data["number_symbol"], data["place"], data["date"]) == ("132-CV/TU", "Quảng Nam", "2025-01-05")
    assert data["title"] == "triển khai rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025-2030"


def test_an_unreadable_photo_exits_1_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], db: None
) -> None:
    photo = tmp_path / "hong.jpg"
    photo.write_bytes(b"\xff\xd8\xff not really a jpeg")
    with pytest.raises(SystemExit) as exited:
        call_command("directive_parse", str(photo))
    assert exited.value.code == 1
    captured = capsys.readouterr()
    assert "Không nhận dạng được ảnh" in captured.err and captured.out == ""


def test_a_blank_scan_says_no_text_was_found() -> None:
    blank = image_only_pdf([render_page(" ")])
    with pytest.raises(DomainError, match="Không nhận dạng được chữ"):
        extract_text(blank, "trang-trang.pdf")


def test_text_files_and_pdfs_with_text_need_no_recognition() -> None:
    assert not needs_ocr(b"abc", "a.txt")
    assert not needs_ocr(b"%PDF-1.4 rubbish", "a.pdf")
    assert needs_ocr(b"\x89PNG", "a.png") and needs_ocr(b"II*\x00", "a.TIF")
