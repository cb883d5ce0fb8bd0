"""Text in the legacy font encodings (TCVN3 / ABC and VNI) is recognised and read as Unicode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tochuc.directives.parsing import extract_text, parse_document
from tochuc.directives.parsing.legacy import TCVN3, VNI, detect, from_unicode_tcvn3, to_unicode

DOCUMENTS = Path(__file__).parent / "documents"


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
        ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
        ("Ban Tæ chøc Trung ­¬ng ®· ban hµnh Quy ®Þnh", "Ban Tổ chức Trung ương đã ban hành Quy định"),
        (
            "§¶ng bé tØnh NghÖ An thùc hiÖn nghÞ quyÕt vÒ c«ng t¸c c¸n bé",
            "Đảng bộ tỉnh Nghệ An thực hiện nghị quyết về công tác cán bộ",
        ),
    ],
)
def test_tcvn3_words_are_converted(legacy: str, unicode: str) -> None:
    assert to_unicode(legacy) == (unicode, TCVN3)


@pytest.mark.parametrize(
    ("legacy", "unicode"),
    [
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ban Toå chöùc Tænh uûy tröôøng hoïc ñaëc bieät", "Ban Tổ chức Tỉnh ủy trường học đặc biệt"),
    ],
)
def test_vni_words_are_converted(legacy: str, unicode: str) -> None:
    assert to_unicode(legacy) == (unicode, VNI)


def test_unicode_text_is_left_alone() -> None:
    text = (DOCUMENTS / "01-nq-bct-wrapped.txt").read_text(encoding="utf-8")
    assert detect(text) is None
    assert to_unicode(text) == (text, None)


def test_words_round_trip_through_tcvn3() -> None:
    words = "cán bộ, đảng viên phải gương mẫu thực hiện nghị quyết; ưu tiên rà soát quy hoạch cấp ủy"
    assert to_unicode(from_unicode_tcvn3(words)) == (words, TCVN3)


def test_an_old_tcvn3_text_file_is_read_with_a_warning() -> None:
    text = (DOCUMENTS / "07-cv-tu-spaced.txt").read_text(encoding="utf-8")
    data = from_unicode_tcvn3(text).encode("cp1252")
    parsed = parse_document(extract_text(data, "cong-van.txt"))
    assert parsed.number_symbol == "132-CV/TU"
    assert parsed.date is not None and parsed.date.isoformat() == "2025-01-05"
    assert any("TCVN3" in warning and "Unicode" in warning for warning in parsed.warnings)
    assert [task.no for task in parsed.tasks] == ["1", "2", "3"]
    assert parsed.tasks[0].text.lower().startswith("rà soát quy hoạch cán bộ")
