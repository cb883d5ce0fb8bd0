"""Vietnamese text helpers: what search compares and what names are stored as."""

from __future__ import annotations

import unicodedata

import pytest

from tochuc.core.text import fold, nfc, words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đảng bộ xã An Bình", "dang bo xa an binh"),
        ("ĐẢNG BỘ XÃ AN BÌNH", "dang bo xa an binh"),
        ("đ Đ", "d d"),
        ("Tham mưu công tác cán bộ", "tham muu cong tac can bo"),
        ("Ưu tiên ươm mầm ở Huế", "uu tien uom mam o hue"),
        ("  Nguyễn   Thị\tHồng\nNhung ", "nguyen thi hong nhung"),
        ("Chi bộ Tổ Toán – Tin", "chi bo to toan – tin"),
        ("", ""),
    ],
)
def test_fold_strips_case_diacritics_and_extra_spaces(text, folded):
    assert fold(text) == folded


def test_fold_treats_composed_and_decomposed_input_alike():
    composed = "Đảng bộ phường Hồng Lĩnh"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert fold(decomposed) == fold(composed) == "dang bo phuong hong linh"


def test_fold_is_idempotent():
    once = fold("Đảng ủy Khối Cơ quan Trung ương")
    assert fold(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tham mưu, công tác cán bộ.", ["tham", "muu", "cong", "tac", "can", "bo"]),
        ("Chi bộ Tổ Toán – Tin", ["chi", "bo", "to", "toan", "tin"]),
        ("T01-X01 (mới)", ["t01", "x01", "moi"]),
        (" – ,.; ", []),
        ("", []),
    ],
)
def test_words_are_folded_without_punctuation(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (unicodedata.normalize("NFD", "Nguyễn Văn Đức"), "Nguyễn Văn Đức"),
        ("  Đảng bộ   xã\tAn Bình \n", "Đảng bộ xã An Bình"),
        ("   ", ""),
    ],
)
def test_nfc_composes_and_trims(text, expected):
    assert nfc(text) == expected
    assert unicodedata.is_normalized("NFC", nfc(text))


def test_nfc_keeps_case_and_diacritics():
    assert nfc("ĐẢNG bộ") == "ĐẢNG bộ"
