"""State letters and commune documents as published: a blank day, "Kính gửi" without "Nơi nhận",
a signer's name marked "(Đã ký)", a type heading that recurs in the enacting line."""

from __future__ import annotations

from tochuc.directives.parsing import parse_document

COMMUNE_NOTICE = """ỦY BAN NHÂN DÂN
XÃ AN BÌNH

Số:         / TB-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc

An Bình, ngày ….. tháng 12 năm 2025

THÔNG BÁO
Về việc lịch tiếp công dân

1. Tiếp công dân vào thứ Năm hằng tuần tại Trụ sở UBND xã.
2. Đơn thư gửi qua bưu điện được xem xét theo quy định.
"""

LETTER = """SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc

Số: 215/SNV-TCBM
V/v rà soát vị trí việc làm

Hà Tĩnh, ngày 03 tháng 4 năm 2025

Kính gửi:

- Ủy ban nhân dân các xã, phường;
- Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.

Sở Nội vụ đề nghị các cơ quan, đơn vị rà soát vị trí việc làm, gửi về Sở trước ngày 30/4/2025.
"""

OLD_DECISION = """HỘI ĐỒNG BỘ TRƯỞNG
Số: 91/HĐBT
CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hà Nội, ngày 30 tháng 03 năm 1985
quyết định

QUYẾT ĐỊNH
VỀ VIỆC THÀNH LẬP XÃ THỌ VĂN

HỘI ĐỒNG BỘ TRƯỞNG

QUYẾT ĐỊNH

Điều 1.- Nay thành lập xã Thọ Văn.

Điều 2.- Uỷ ban nhân dân tỉnh chịu trách nhiệm thi hành Quyết định này.

Đặng Thi

(Đã ký)
"""


def test_a_blank_day_still_gives_the_place_and_the_symbol_stays_out_of_the_issuer() -> None:
    parsed = parse_document(COMMUNE_NOTICE)
    assert parsed.place == "An Bình" and parsed.date is None
    assert parsed.issuer == "Ủy ban nhân dân xã An Bình"
    assert parsed.doc_type == "TB" and len(parsed.tasks) == 2


def test_the_addressees_stand_for_the_recipients_when_there_is_no_noi_nhan() -> None:
    parsed = parse_document(LETTER)
    assert parsed.doc_type == "CV" and parsed.number_symbol == "215/SNV-TCBM"
    assert parsed.recipients == [
        "Ủy ban nhân dân các xã, phường",
        "Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh",
    ]
    assert "recipients" in parsed.doubts
    assert any("Kính gửi" in w for w in parsed.warnings)


def test_addressees_on_the_same_line() -> None:
    text = LETTER.replace(
        "Kính gửi:\n\n- Ủy ban nhân dân các xã, phường;\n- Các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh.",
        "Kính gửi: Ủy ban nhân dân các xã, phường.",
    )
    assert parse_document(text).recipients == ["Ủy ban nhân dân các xã, phường"]


def test_an_old_decision_its_heading_kept_and_its_signer_named_alone() -> None:
    parsed = parse_document(OLD_DECISION)
    assert parsed.doc_type == "QĐ" and parsed.doc_type_name == "Quyết định"
    assert parsed.issuer == "Hội đồng Bộ trưởng"
    assert parsed.signer.name == "Đặng Thi" and parsed.signer.capacity is None
    assert parsed.recipients == []
