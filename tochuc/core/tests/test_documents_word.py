"""The Party-layout Word builder: what a clerk sees when opening the file."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from tochuc.core.documents.word import (
    Heading,
    PartyDocument,
    TableBlock,
    place_date_line,
    render_party_document,
)


def _doc(**changes: object) -> PartyDocument:
    values: dict[str, object] = {
        "issuer_superior": "Đảng bộ tỉnh Hà Tĩnh",
        "issuer": "Ban Tổ chức",
        "number_symbol": "12-KH/TU",
        "place": "Hà Tĩnh",
        "date": dt.date(2026, 1, 5),
        "doc_type_name": "Kế hoạch",
        "title": "thực hiện Kết luận số 03-KL/BTCTW",
        "paragraphs": [
            "Mở đầu kế hoạch.",
            Heading("I. Mục đích, yêu cầu"),
            Heading("1. Mục đích", level=2),
            TableBlock(["STT", "Nhiệm vụ"], [["1", "Rà soát chi bộ"], ["2", "Kiện toàn cấp ủy"]]),
            "Đoạn cuối.",
        ],
        "signing_capacity": "T/M Ban Thường vụ",
        "signer_position": "Phó Bí thư",
        "signer_name": "Trần Văn Hòa",
        "recipients": ["Ban Tổ chức Trung ương (để báo cáo),", "- Các đảng ủy xã", "Lưu Văn phòng"],
    }
    values.update(changes)
    return PartyDocument(**values)  # type: ignore[arg-type]


def _open(doc: PartyDocument) -> object:
    return Document(io.BytesIO(render_party_document(doc)))


def _texts(cell: object) -> list[str]:
    return [p.text for p in cell.paragraphs]  # type: ignore[attr-defined]


def test_header_has_issuer_on_the_left_and_party_name_underlined_on_the_right() -> None:
    document = _open(_doc())
    header = document.tables[0]  # type: ignore[attr-defined]
    left, right = header.rows[0].cells
    assert _texts(left) == ["ĐẢNG BỘ TỈNH HÀ TĨNH", "BAN TỔ CHỨC", "*", "Số 12-KH/TU"]
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    party = right.paragraphs[0].runs[0]
    assert party.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and party.bold and party.underline
    place_date = right.paragraphs[-1].runs[0]
    assert place_date.text == "Hà Tĩnh, ngày 05 tháng 01 năm 2026" and place_date.italic


def test_a_body_without_a_superior_shows_the_issuer_alone_in_bold() -> None:
    left = _open(_doc(issuer_superior="", issuer="Tỉnh ủy Hà Tĩnh")).tables[0].rows[0].cells[0]  # type: ignore[attr-defined]
    assert _texts(left) == ["TỈNH ỦY HÀ TĨNH", "*", "Số 12-KH/TU"]
    assert left.paragraphs[0].runs[0].bold


def test_type_name_and_subject_are_centred_bold_and_body_justified() -> None:
    document = _open(_doc())
    paragraphs = [p for p in document.paragraphs if p.text]  # type: ignore[attr-defined]
    texts = [p.text for p in paragraphs]
    type_name = paragraphs[texts.index("KẾ HOẠCH")]
    subject = paragraphs[texts.index("thực hiện Kết luận số 03-KL/BTCTW")]
    assert type_name.runs[0].bold and subject.runs[0].bold
    assert type_name.alignment == 1 and subject.alignment == 1  # centred
    opening = paragraphs[texts.index("Mở đầu kế hoạch.")]
    assert opening.alignment == 3  # justified
    assert round(opening.paragraph_format.first_line_indent.mm) == 10
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "1. Mục đích" in texts
    assert texts.index("KẾ HOẠCH") < texts.index("Mở đầu kế hoạch.") < texts.index("Đoạn cuối.")


def test_body_table_rows_and_bold_headings() -> None:
    table = _open(_doc()).tables[1]  # type: ignore[attr-defined]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows == [["STT", "Nhiệm vụ"], ["1", "Rà soát chi bộ"], ["2", "Kiện toàn cấp ủy"]]
    assert table.rows[0].cells[1].paragraphs[0].runs[0].bold


def test_recipients_on_the_left_and_signature_block_on_the_right() -> None:
    footer = _open(_doc()).tables[-1]  # type: ignore[attr-defined]
    left, right = footer.rows[0].cells
    assert _texts(left) == [
        "Nơi nhận:",
        "- Ban Tổ chức Trung ương (để báo cáo),",
        "- Các đảng ủy xã,",
        "- Lưu Văn phòng.",
    ]
    assert left.paragraphs[0].runs[0].underline
    lines = [t for t in _texts(right) if t]
    assert lines == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Văn Hòa"]
    name = next(p for p in right.paragraphs if p.text == "Trần Văn Hòa")
    assert name.runs[0].bold
    # Room for the signature and the seal between the post and the name.
    texts = _texts(right)
    assert texts.index("Trần Văn Hòa") - texts.index("PHÓ BÍ THƯ") >= 4


def test_page_is_a4_with_the_guidance_margins_and_times_new_roman() -> None:
    document = _open(_doc())
    section = document.sections[0]  # type: ignore[attr-defined]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert tuple(round(m.mm) for m in margins) == (20, 20, 30, 15)
    normal = document.styles["Normal"]  # type: ignore[attr-defined]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14


def test_undated_draft_leaves_the_date_blank_and_a_decision_works_too() -> None:
    assert place_date_line("Hà Nội", None).startswith("Hà Nội, ngày ")
    assert "tháng" in place_date_line("Hà Nội", None) and "20" not in place_date_line("Hà Nội", None)
    document = _open(
        _doc(
            doc_type_name="Quyết định",
            title="về việc điều động cán bộ",
            number_symbol="366-QĐ/TU",
            date=None,
            signing_capacity="",
            recipients=[],
        )
    )
    left, right = document.tables[0].rows[0].cells  # type: ignore[attr-defined]
    assert _texts(left)[-1] == "Số 366-QĐ/TU"
    assert right.paragraphs[-1].text.startswith("Hà Tĩnh, ngày ")
    texts = [p.text for p in document.paragraphs]  # type: ignore[attr-defined]
    assert "QUYẾT ĐỊNH" in texts
    footer_right = document.tables[-1].rows[0].cells[1]  # type: ignore[attr-defined]
    assert [t for t in _texts(footer_right) if t] == ["PHÓ BÍ THƯ", "Trần Văn Hòa"]
