"""The reader against the noise of real documents, one kind at a time, and its building blocks."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tochuc.directives.parsing import find_deadline, parse_document, read_report_periods

BODY = """
KẾT LUẬN
về công tác kiểm tra năm 2025

I. NHIỆM VỤ
1. Kiểm tra tổ chức đảng cấp dưới, hoàn thành trước ngày 30/9/2025.
2. Giám sát chuyên đề đối với đảng viên.

Nơi nhận:
- Các huyện ủy,
- Lưu VP.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ

Nguyễn Văn Bình
"""


def doc(header: str, body: str = BODY) -> str:
    return header.strip("\n") + "\n" + body


@pytest.mark.parametrize(
    "header",
    [
        # two columns on one line, wide gap
        "TỈNH ỦY NGHỆ AN          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 09-KL/TU          Vinh, ngày 10 tháng 5 năm 2025",
        # two columns on one line, single spaces (a careless PDF extraction)
        "TỈNH ỦY NGHỆ AN ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 09-KL/TU Vinh, ngày 10 tháng 5 năm 2025",
        # columns one after the other
        "TỈNH ỦY NGHỆ AN\n*\nSố 09-KL/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nVinh, ngày 10 tháng 5 năm 2025",
        # the right column first
        "ĐẢNG CỘNG SẢN VIỆT NAM\nVinh, ngày 10 tháng 5 năm 2025\nTỈNH ỦY NGHỆ AN\n*\nSố: 09 - KL/TU",
        # a tab between the columns, OCR spacing in the number and the date
        "TỈNH ỦY NGHỆ AN\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 09 -KL / TU\tVinh, ngày10 tháng 05 năm 2025",
        # broken diacritics and the eth for Đ
        "TỈNH ỦY NGHỆ AN      ÐẢNG CÔNG SẢN VIÊT NAM\n*\nSô 09-KL/TU      Vinh, ngảy 10 thang 5 nãm 2025",
        # a Markdown table
        "| TỈNH ỦY NGHỆ AN | ĐẢNG CỘNG SẢN VIỆT NAM |\n|---|---|\n| Số 09-KL/TU | Vinh, ngày 10 tháng 5 năm 2025 |",
    ],
)
def test_header_layouts(header: str) -> None:
    parsed = parse_document(doc(header))
    assert parsed.issuer == "Tỉnh ủy Nghệ An"
    assert parsed.number_symbol == "09-KL/TU"
    assert (parsed.number, parsed.symbol, parsed.doc_type) == ("09", "KL/TU", "KL")
    assert parsed.place == "Vinh"
    assert parsed.date == dt.date(2025, 5, 10)
    assert parsed.title == "về công tác kiểm tra năm 2025"
    assert [t.no for t in parsed.tasks] == ["1", "2"]
    assert parsed.warnings == []


def test_decomposed_unicode_reads_like_composed() -> None:
    header = "TỈNH ỦY NGHỆ AN          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 09-KL/TU          Vinh, ngày 10 tháng 5 năm 2025"
    composed = parse_document(doc(header))
    decomposed = parse_document(unicodedata.normalize("NFD", doc(header)))
    assert decomposed.as_json() == composed.as_json()
    assert unicodedata.is_normalized("NFC", decomposed.tasks[0].text)


def test_nothing_is_guessed_from_an_empty_text() -> None:
    parsed = parse_document("")
    data = parsed.as_json()
    assert {k: v for k, v in data.items() if k != "warnings"} == {
        "doc_type": None,
        "doc_type_name": None,
        "number": None,
        "symbol": None,
        "number_symbol": None,
        "issuer": None,
        "place": None,
        "date": None,
        "title": None,
        "tasks": [],
        "report_periods": [],
        "recipients": [],
        "signer": {"capacity": None, "position": None, "name": None},
    }
    assert (
        "Không tìm thấy số và ký hiệu văn bản (dạng N-LOẠI/CƠ QUAN, ví dụ 03-KL/BTCTW)." in data["warnings"]
    )
    assert "Không tìm thấy ngày ban hành (dạng “Hà Nội, ngày 16 tháng 3 năm 2017”)." in data["warnings"]
    assert set(parsed.doubts) >= {"doc_type", "number_symbol", "issuer", "date", "title", "tasks", "signer"}


def test_an_impossible_date_is_reported_not_invented() -> None:
    parsed = parse_document(doc("TỈNH ỦY NGHỆ AN\n*\nSố 09-KL/TU\nVinh, ngày 31 tháng 2 năm 2025"))
    assert parsed.date is None
    assert "Ngày ban hành “31/02/2025” không hợp lệ." in parsed.warnings
    assert "date" in parsed.doubts


def test_a_qd_without_heading_word_is_flagged() -> None:
    text = "TỈNH ỦY NGHỆ AN\n*\nSố 12-QĐ/TU\nVinh, ngày 10 tháng 5 năm 2025\n\nĐiều 1. Nội dung."
    parsed = parse_document(text)
    assert parsed.doc_type == "QĐ"
    assert "doc_type" in parsed.doubts
    assert any("Quy định hoặc Quyết định" in w for w in parsed.warnings)


def test_legacy_font_encoding_is_warned() -> None:
    legacy = "Ban Tæ chøc Trung ­¬ng ®· ban hµnh Quy ®Þnh sè 12 vÒ c«ng t¸c c¸n bé. " * 20
    assert any("TCVN3" in w for w in parse_document(legacy).warnings)


def test_running_headers_and_page_numbers_are_dropped() -> None:
    text = doc(
        "TỈNH ỦY NGHỆ AN          ĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 09-KL/TU          Vinh, ngày 10 tháng 5 năm 2025",
        BODY.replace(
            "2. Giám sát chuyên đề",
            "2. Giám sát chuyên đề đối với\n\n- 2 -\n\nĐẢNG CỘNG SẢN VIỆT NAM\nKết luận số 09-KL/TU\n\nđảng viên và",
        ),
    )
    task = parse_document(text).tasks[1]
    assert task.text == "Giám sát chuyên đề đối với đảng viên và đối với đảng viên."


def test_roman_items_with_sub_items_when_the_section_is_lettered() -> None:
    text = doc(
        "TỈNH ỦY NGHỆ AN\n*\nSố 09-KL/TU\nVinh, ngày 10 tháng 5 năm 2025",
        """
KẾT LUẬN
về công tác kiểm tra

A. NHIỆM VỤ, GIẢI PHÁP
I. Về kiểm tra.
1. Kiểm tra định kỳ.
2. Kiểm tra đột xuất.
II. Về giám sát, thực hiện thường xuyên trong năm.
""",
    )
    parsed = parse_document(text)
    # "I. Về kiểm tra." ends with a full stop: it is a task of its own, its items stay in its text.
    assert [t.no for t in parsed.tasks] == ["I", "II"]
    assert parsed.tasks[0].text == "Về kiểm tra.\n1. Kiểm tra định kỳ.\n2. Kiểm tra đột xuất."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hoàn thành trước ngày 30/6/2025", dt.date(2025, 6, 30)),
        ("xong trước 30-6-2025", dt.date(2025, 6, 30)),
        ("chậm nhất ngày 15 tháng 7 năm 2025", dt.date(2025, 7, 15)),
        ("hoàn thành trong quý III/2025", dt.date(2025, 9, 30)),
        ("hoàn thành trong quý 4 năm 2025", dt.date(2025, 12, 31)),
        ("trước tháng 12 năm 2025", dt.date(2025, 12, 31)),
        ("trong tháng 2/2024", dt.date(2024, 2, 29)),
        ("hoàn thành trong năm 2026", dt.date(2026, 12, 31)),
        ("hoàn thành trong 6 tháng đầu năm 2025", dt.date(2025, 6, 30)),
        ("hoàn thanh truoc ngay 05/01/2025", dt.date(2025, 1, 5)),  # OCR lost the diacritics
        ("theo Kế hoạch 04-KH/TW, ngày 16/11/2016 của Bộ Chính trị", None),  # a reference, not a deadline
        ("kết nạp 3.500 đảng viên trong năm 2025", None),  # a target year, no completion word
        ("trước ngày 31/2/2025", None),  # impossible
    ],
)
def test_deadlines(text: str, expected: dt.date | None) -> None:
    assert find_deadline(text, None)[0] == expected


def test_deadline_without_year_takes_the_document_year_and_says_so() -> None:
    assert find_deadline("trước ngày 25/12", 2025) == (dt.date(2025, 12, 25), True, False)
    assert find_deadline("trước ngày 25/12", None) == (None, False, False)


def test_several_different_deadlines_are_doubtful() -> None:
    when, guessed, several = find_deadline("xong trước ngày 30/6/2025; báo cáo trước ngày 15/7/2025", None)
    assert (when, guessed, several) == (dt.date(2025, 6, 30), False, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "sơ kết đánh giá theo định kỳ 3 tháng, 6 tháng và kết quả thực hiện cả năm 2017",
            ["3 tháng", "6 tháng", "Hằng năm", "Sơ kết"],
        ),
        ("Định kỳ hằng tháng báo cáo Thường trực.", ["Hằng tháng"]),
        ("báo cáo kết quả hằng quý", ["3 tháng"]),
        ("báo cáo 9 tháng", ["9 tháng"]),
        ("tổng kết 10 năm thực hiện Nghị quyết", ["Tổng kết"]),
        ("Tăng cường tổng kết thực tiễn, nghiên cứu khoa học.", []),
        ("nêu trong Báo cáo tổng kết của Ngành năm 2017", []),
        ("tham gia Giải Búa liềm vàng hàng năm", []),
        ("trong 3 tháng tới phải hoàn thành", []),
    ],
)
def test_report_periods(text: str, expected: list[str]) -> None:
    assert read_report_periods(text) == expected


FRAGMENTS = [
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "TỈNH ỦY NGHỆ AN",
    "*",
    "Số 09-KL/TU",
    "Số: 15/KH-UBND",
    "Vinh, ngày 10 tháng 5 năm 2025",
    "ngày 31 tháng 2 năm 2025",
    "KẾT LUẬN",
    "QUY ĐỊNH",
    "về công tác cán bộ",
    "I. NHIỆM VỤ, GIẢI PHÁP",
    "II. TỔ CHỨC THỰC HIỆN",
    "1. Kiểm tra, hoàn thành trước ngày 30/6/2025.",
    "2) Giám sát trong quý IV/2025",
    "a) Rà soát",
    "- Báo cáo định kỳ 6 tháng",
    "(1) Sơ kết hằng năm",
    "Điều 1. Phạm vi",
    "Chương II",
    "- 2 -",
    "Nơi nhận:",
    "Nơi nhận:     T/M BAN THƯỜNG VỤ",
    "T/M BAN THƯỜNG VỤ",
    "K/T TRƯỞNG BAN",
    "PHÓ BÍ THƯ",
    "Nguyễn Văn Bình",
    "**",
    "| a | b |",
    "",
]


@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_any_arrangement_of_document_parts_is_read_without_error(parts: list[str]) -> None:
    parsed = parse_document("\n".join(parts))
    data = parsed.as_json()
    json.dumps(data, ensure_ascii=False)
    assert set(parsed.doubts) <= {
        "doc_type",
        "number_symbol",
        "issuer",
        "place",
        "date",
        "title",
        "tasks",
        "recipients",
        "signer",
    }
    if data["number_symbol"] is not None:
        assert data["number"] and data["symbol"] and data["number_symbol"].startswith(data["number"])


@given(st.text(max_size=400))
def test_arbitrary_text_never_breaks_the_reader(text: str) -> None:
    parse_document(text).as_json()
