"""The 2C curriculum vitae Word file, opened again with python-docx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from tochuc.people.selectors import person_profile
from tochuc.people.services import career_entry_add, person_create, relative_add, reward_add, training_add
from tochuc.people.word import curriculum_vitae_docx

pytestmark = pytest.mark.django_db
CID = "001080012345"


@pytest.fixture
def document(tree, inside):
    person = person_create(
        actor=None,
        unit=tree.cell,
        code="P1",
        values={
            "full_name": "Nguyễn Thị Ánh Tuyết",
            "birth_date": dt.date(1980, 5, 1),
            "gender": "female",
            "citizen_id": CID,
            "hometown": "Xã Đức Thọ, tỉnh Hà Tĩnh",
            "ethnicity": "Mường",
            "political_theory_level": "advanced",
        },
        membership={
            "status": "full",
            "admitted_on": dt.date(2005, 3, 2),
            "full_member_on": dt.date(2006, 3, 2),
        },
    )
    career_entry_add(
        actor=inside, person=person, start=dt.date(2002, 9, 1), end=None, description="Giáo viên Toán"
    )
    training_add(
        actor=inside,
        person=person,
        start=dt.date(1998, 9, 1),
        end=dt.date(2002, 6, 30),
        institution="Đại học Vinh",
        field="Sư phạm Toán",
        form="Chính quy",
        qualification="Cử nhân",
    )
    reward_add(actor=inside, person=person, decided_on=dt.date(2020, 1, 15), title="Giấy khen")
    relative_add(actor=inside, person=person, relation="Chồng", full_name="Lê Văn Hùng", birth_year=1978)
    person.refresh_from_db()
    content = curriculum_vitae_docx(person, person_profile(person), None, today=dt.date(2026, 3, 16))
    return Document(io.BytesIO(content))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_header_title_and_numbered_items(document):
    header = document.tables[0].rows[0].cells
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in header[0].text and "CHI BỘ TỔ TOÁN – TIN" in header[0].text
    assert "Mẫu 2C/TCTW-98" in header[1].text
    paragraphs = [p.text for p in document.paragraphs]
    assert "SƠ YẾU LÝ LỊCH" in paragraphs
    assert "1) Họ và tên khai sinh (viết chữ in hoa): NGUYỄN THỊ ÁNH TUYẾT" in paragraphs
    assert any(p.startswith("3) Sinh ngày: 01/05/1980; giới tính: Nữ") for p in paragraphs)
    assert any("Dân tộc: Mường" in p for p in paragraphs)
    assert any("Lý luận chính trị: Cao cấp" in p for p in paragraphs)
    assert any("Ngày vào Đảng Cộng sản Việt Nam: 02/03/2005" in p for p in paragraphs)


def test_citizen_id_is_masked(document):
    text = _all_text(document)
    assert "••••••••2345" in text and CID not in text


def test_tables_for_training_career_and_family(document):
    text = _all_text(document)
    for heading in ("ĐÀO TẠO, BỒI DƯỠNG", "TÓM TẮT QUÁ TRÌNH CÔNG TÁC", "QUAN HỆ GIA ĐÌNH"):
        assert heading in text
    tables = {t.rows[0].cells[0].text: t for t in document.tables[1:]}
    assert [c.text for c in tables["Tên trường"].rows[1].cells] == [
        "Đại học Vinh",
        "Sư phạm Toán",
        "09/1998 – 06/2002",
        "Chính quy",
        "Cử nhân",
    ]
    assert [c.text for c in tables["Từ tháng, năm đến tháng, năm"].rows[1].cells] == [
        "09/2002 – nay",
        "Giáo viên Toán",
    ]
    assert [c.text for c in tables["Quan hệ"].rows[1].cells][:3] == ["Chồng", "Lê Văn Hùng", "1978"]


def test_signature_block_and_font(document):
    text = _all_text(document)
    assert "ngày 16 tháng 03 năm 2026" in text
    assert "NGƯỜI KHAI" in text and "(Ký tên, đóng dấu)" in text
    assert document.styles["Normal"].font.name == "Times New Roman"
