"""Text extraction from the accepted file types, and refusal of the others."""

from __future__ import annotations

import io
import unicodedata

import pytest
from docx import Document
from pypdf import PdfWriter

from tochuc.core.errors import DomainError
from tochuc.directives.parsing import extract_text, parse_document


def _pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, ASCII), written by hand."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PDF_LINES = [
    "TINH UY NGHE AN        DANG CONG SAN VIET NAM",
    "*",
    "So 09-KH/TU        Vinh, ngay 10 thang 5 nam 2025",
    "",
    "KE HOACH",
    "thuc hien cong tac kiem tra nam 2025",
    "",
    "II. NHIEM VU, GIAI PHAP",
    "1. Kiem tra to chuc dang cap duoi, hoan thanh truoc ngay 30/9/2025.",
    "2. Giam sat chuyen de doi voi dang vien.",
    "",
    "Noi nhan:",
    "- Cac huyen uy,",
    "- Luu VP.",
    "",
    "T/M BAN THUONG VU",
    "PHO BI THU",
    "",
    "Nguyen Van Binh",
]


def test_pdf_with_a_text_layer_is_read() -> None:
    text = extract_text(_pdf(PDF_LINES), "ke-hoach.pdf")
    assert "KE HOACH" in text
    parsed = parse_document(text)
    assert parsed.number_symbol == "09-KH/TU"
    assert parsed.doc_type == "KH"
    assert parsed.date is not None and parsed.date.isoformat() == "2025-05-10"
    assert parsed.place == "Vinh"
    assert [t.no for t in parsed.tasks] == ["1", "2"]
    assert parsed.tasks[0].deadline is not None and parsed.tasks[0].deadline.isoformat() == "2025-09-30"
    assert parsed.recipients == ["Cac huyen uy", "Luu VP"]
    assert parsed.signer.capacity == "T/M BAN THUONG VU"
    assert parsed.signer.name == "Nguyen Van Binh"


def test_pdf_without_text_layer_is_recognised_and_a_blank_one_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(DomainError) as caught:
        extract_text(buffer.getvalue(), "scan.pdf")
    assert caught.value.message.startswith("Không nhận dạng được chữ trong bản quét")


def test_damaged_pdf_is_refused() -> None:
    with pytest.raises(DomainError, match="Không đọc được tệp PDF"):
        extract_text(b"%PDF-1.4\nthis is not a pdf body", "x.pdf")


def test_file_named_pdf_that_is_not_one_is_refused() -> None:
    with pytest.raises(DomainError, match="không phải PDF"):
        extract_text(b"hello", "x.pdf")


def _docx() -> bytes:
    document = Document()
    table = document.add_table(rows=2, cols=2)
    left, right = table.rows[0].cells
    left.text = "BAN CHẤP HÀNH TRUNG ƯƠNG"
    left.add_paragraph("BAN TỔ CHỨC")
    right.text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.rows[1].cells[0].text = "Số 43-HD/BTCTW"
    table.rows[1].cells[1].text = "Hà Nội, ngày 05 tháng 01 năm 2025"
    document.add_paragraph("HƯỚNG DẪN")
    document.add_paragraph("về rà soát, bổ sung quy hoạch cán bộ")
    document.add_paragraph("")
    document.add_paragraph("I. NHIỆM VỤ")
    document.add_paragraph("1. Các tỉnh ủy rà soát quy hoạch, hoàn thành trước ngày 31/3/2025.")
    document.add_paragraph("2. Báo cáo kết quả về Ban Tổ chức Trung ương định kỳ 6 tháng.")
    document.add_paragraph("")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Các tỉnh ủy, thành ủy,")
    document.add_paragraph("- Lưu VP, Vụ Địa phương I.")
    document.add_paragraph("K/T TRƯỞNG BAN")
    document.add_paragraph("PHÓ TRƯỞNG BAN")
    document.add_paragraph("Lương Văn Tuấn")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_tables_and_paragraphs_are_read_in_order() -> None:
    text = extract_text(_docx(), "huong-dan.docx")
    assert text.index("BAN TỔ CHỨC") < text.index("HƯỚNG DẪN") < text.index("Nơi nhận")
    parsed = parse_document(text)
    assert parsed.issuer == "Ban Tổ chức Trung ương"
    assert parsed.number_symbol == "43-HD/BTCTW"
    assert parsed.doc_type_name == "Hướng dẫn"
    assert parsed.date is not None and parsed.date.isoformat() == "2025-01-05"
    assert parsed.title == "về rà soát, bổ sung quy hoạch cán bộ"
    assert [(t.no, t.deadline.isoformat() if t.deadline else None) for t in parsed.tasks] == [
        ("1", "2025-03-31"),
        ("2", None),
    ]
    assert parsed.report_periods == ["6 tháng"]
    assert parsed.recipients == ["Các tỉnh ủy, thành ủy", "Lưu VP, Vụ Địa phương I"]
    assert (parsed.signer.capacity, parsed.signer.position, parsed.signer.name) == (
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Lương Văn Tuấn",
    )


def test_damaged_docx_is_refused() -> None:
    with pytest.raises(DomainError, match="Word"):
        extract_text(b"PK\x03\x04 not really a zip", "x.docx")


def test_markdown_markup_is_stripped() -> None:
    source = "## **KẾT LUẬN**\n\n| A | B |\n|---|---|\n| x | y |\n\n[Cổng](https://x.vn) \\* `mã` ***đậm nghiêng***\n"
    text = extract_text(source.encode(), "a.md")
    assert "#" not in text and "**" not in text and "|" not in text and "https" not in text
    assert "KẾT LUẬN" in text and "Cổng * mã đậm nghiêng" in text and "x   y" in text


def test_plain_text_keeps_its_characters_and_is_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Hà Nội, ngày 16 tháng 3 năm 2017")
    text = extract_text(("\ufeff" + decomposed).encode("utf-8"), "a.txt")
    assert text == "Hà Nội, ngày 16 tháng 3 năm 2017"
    assert unicodedata.is_normalized("NFC", text)


def test_windows_vietnamese_text_is_decoded() -> None:
    # Windows-1258 writes the tone as a separate combining mark after the (hatted) vowel.
    data = "Ha\u0300 N\u00f4\u0323i, nga\u0300y 16 tha\u0301ng 3 n\u0103m 2017".encode("cp1258")
    assert extract_text(data, "a.txt") == "Hà Nội, ngày 16 tháng 3 năm 2017"


def test_utf16_text_is_decoded() -> None:
    assert extract_text("Nơi nhận:".encode("utf-16"), "a.txt") == "Nơi nhận:"


def test_ocr_eth_for_d_stroke_is_fixed() -> None:
    assert extract_text("ÐẢNG ỦY XÃ".encode(), "a.txt") == "ĐẢNG ỦY XÃ"


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("scan.jpg", b"\xff\xd8\xff", "ảnh"),
        ("old.doc", b"\xd0\xcf\x11\xe0", ".doc"),
        ("sheet.xlsx", b"PK\x03\x04", "chỉ nhận"),
        ("noext", b"abc", "không có đuôi"),
        ("a.txt", b"", "rỗng"),
        ("a.txt", b"%PDF-1.4 ...", "không phải văn bản thuần"),
    ],
)
def test_other_types_are_refused_clearly(name: str, data: bytes, fragment: str) -> None:
    with pytest.raises(DomainError) as caught:
        extract_text(data, name)
    assert fragment in caught.value.message
    assert caught.value.field == "file"
