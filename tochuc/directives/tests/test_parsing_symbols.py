"""Number-symbol validation: the registration service imports ``validate_number_symbol``."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tochuc.core.errors import DomainError
from tochuc.directives.models import DocType
from tochuc.directives.parsing import format_number_symbol, validate_number_symbol


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("03-KL/BTCTW", ("03", "KL", "BTCTW")),
        ("Số 03 - KL/BTCTW", ("03", "KL", "BTCTW")),
        ("366-QĐ/TW", ("366", "QĐ", "TW")),
        ("132-CV/TU", ("132", "CV", "TU")),
        ("Số: 132 – CV/TU", ("132", "CV", "TU")),
        ("  43-HD/BTCTW. ", ("43", "HD", "BTCTW")),
        ("366-QD/TW", ("366", "QĐ", "TW")),  # OCR lost the stroke of Đ
        ("05-NQ/ĐU", ("05", "NQ", "ĐU")),
        ("12-TTr/TU", ("12", "TTr", "TU")),
        ("168-KH/VPTW", ("168", "KH", "VPTW")),
        ("7 — TB / HU", ("7", "TB", "HU")),
    ],
)
def test_accepts_party_number_symbols(text: str, expected: tuple[str, str, str]) -> None:
    assert validate_number_symbol(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "03 KL/BTCTW",
        "03-KL",
        "KL/BTCTW",
        "15/KH-UBND",
        "03-XY/TW",
        "0-KL/TW",
        "03-KL/BTCTW thêm chữ",
    ],
)
def test_refuses_malformed_with_the_expected_form(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        validate_number_symbol(text)
    assert "N-LOẠI/CƠ QUAN" in caught.value.message
    assert caught.value.field == "number_symbol"


def test_unknown_type_lists_the_known_ones() -> None:
    with pytest.raises(DomainError) as caught:
        validate_number_symbol("03-XY/TW")
    assert "XY" in caught.value.message and "KL" in caught.value.message


@given(
    number=st.integers(min_value=1, max_value=99999).map(str),
    doc_type=st.sampled_from([c.value for c in DocType]),
    issuer=st.from_regex(r"[A-ZĐ][A-ZĐ0-9]{0,7}", fullmatch=True),
    spaces=st.sampled_from(["", " "]),
    prefix=st.sampled_from(["", "Số ", "Số: ", "số "]),
)
def test_every_doc_type_round_trips(
    number: str, doc_type: str, issuer: str, spaces: str, prefix: str
) -> None:
    written = f"{prefix}{number}{spaces}-{spaces}{doc_type}/{issuer}"
    parsed = validate_number_symbol(written)
    assert parsed == (number, doc_type, issuer)
    assert format_number_symbol(*parsed) == f"{number}-{doc_type}/{issuer}"
