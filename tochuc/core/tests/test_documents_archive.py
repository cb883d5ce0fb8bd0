"""Every uploaded Office file is checked as an archive, from its directory alone, before it is parsed."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.test import override_settings
from docx import Document
from openpyxl import Workbook

from tochuc.core.documents.archive import ArchiveRejected, check_archive, check_document
from tochuc.core.tests.bombs import MiB, crowded, docx_bomb, xlsx_bomb

BOMB = "Tệp bị từ chối: dữ liệu nén bất thường (có thể là tệp “bom nén”)."


def _refusal(data: bytes | Path, *, holds: str = "một bảng tính") -> str:
    started = time.monotonic()
    with pytest.raises(ArchiveRejected) as refused:
        check_archive(data, holds=holds)
    assert time.monotonic() - started < 1
    assert refused.value.field == "file"
    return refused.value.message


def test_real_word_and_excel_files_pass():
    document = io.BytesIO()
    Document().save(document)
    check_document(document.getvalue())
    workbook = io.BytesIO()
    Workbook().save(workbook)
    check_archive(workbook.getvalue(), holds="một bảng tính")


def test_a_part_inflating_far_more_than_it_weighs_is_a_bomb():
    data = docx_bomb(40 * MiB)
    assert len(data) < 200 * 1024
    assert _refusal(data, holds="một văn bản Word") == BOMB
    assert _refusal(xlsx_bomb(64 * MiB)) == BOMB


@override_settings(TOCHUC_ARCHIVE_MAX_RATIO=10**9)
def test_a_word_part_over_its_limit_is_refused_whatever_the_ratio():
    with override_settings(TOCHUC_ARCHIVE_MAX_DOCUMENT_PART=8 * MiB):
        with pytest.raises(ArchiveRejected, match="bom nén"):
            check_document(docx_bomb(9 * MiB))
        check_document(docx_bomb(7 * MiB))


@override_settings(
    TOCHUC_ARCHIVE_MAX_RATIO=10**9, TOCHUC_ARCHIVE_MAX_PART=10**12, TOCHUC_ARCHIVE_MAX_TOTAL=16 * MiB
)
def test_all_parts_together_over_the_limit_are_refused():
    assert _refusal(xlsx_bomb(20 * MiB)) == "Tệp bị từ chối: dữ liệu sau khi giải nén quá lớn."


def test_too_many_entries_are_refused_with_their_count(tmp_path):
    path = tmp_path / "nhieu.docx"
    path.write_bytes(crowded("docx", 501))
    assert _refusal(path, holds="một văn bản Word") == (
        "Tệp nén có 501 thành phần, quá nhiều đối với một văn bản Word."
    )


def test_an_encrypted_member_and_a_broken_archive_are_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    data = bytearray(buffer.getvalue())
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the "encrypted" flag in the central directory
    assert "mã hóa" in _refusal(bytes(data))
    assert _refusal(b"PK\x03\x04 rubbish") == "Tệp nén bị hỏng, không đọc được."


@override_settings(TOCHUC_ARCHIVE_MAX_RATIO=10**9, TOCHUC_ARCHIVE_MAX_PART=8 * MiB)
def test_a_streamed_worksheet_is_bounded_by_the_total_not_the_part_limit():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (9 * MiB) + b"</worksheet>")
    check_archive(buffer.getvalue(), holds="một bảng tính", streamed=("xl/worksheets/",))
    with pytest.raises(ArchiveRejected, match="bom nén"):
        check_archive(buffer.getvalue(), holds="một bảng tính")
