"""The 2C/TCTW-98 curriculum vitae as a Word document.

The layout follows the paper form: header block, title, numbered identity
items, tables for training, career and family, then the place-date line and
the signature block. The citizen ID number is always masked in this document,
whoever downloads it: a full number is only ever shown on screen after a
reveal with a reason.
"""

from __future__ import annotations

import datetime as dt
import io

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell

from tochuc.core.documents.word import EMPTY, PARTY, grid, item, line, section, use_font
from tochuc.core.documents.word_blank import blank
from tochuc.people.models import Person
from tochuc.people.selectors import PersonProfile
from tochuc.positions.models import Assignment

FORM_NUMBER = "Mẫu 2C/TCTW-98"
TITLE = "SƠ YẾU LÝ LỊCH"


def _date(value: dt.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else EMPTY


def _month(value: dt.date | None) -> str:
    return value.strftime("%m/%Y") if value else "nay"


def _header(document: DocxDocument, person: Person) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run(PARTY).bold = True
    line(left, person.unit.name.upper(), size=12, center=True)
    line(left, "*", center=True)
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    right.paragraphs[0].add_run(FORM_NUMBER).bold = True
    code = line(right, f"Số hiệu: {person.code}", size=12)
    code.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _signatures(document: DocxDocument, person: Person, today: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _fill_signature(
        left,
        "",
        "NGƯỜI KHAI",
        "Tôi xin cam đoan những lời khai trên đây là đúng sự thật",
        "(Ký tên, ghi rõ họ và tên)",
    )
    line(left, "")
    line(left, "")
    line(left, person.full_name, bold=True, center=True)
    _fill_signature(
        right,
        f"…………, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}",
        "XÁC NHẬN CỦA CƠ QUAN, ĐƠN VỊ",
        "QUẢN LÝ VÀ SỬ DỤNG CÁN BỘ, ĐẢNG VIÊN",
        "(Ký tên, đóng dấu)",
    )


def _fill_signature(cell: _Cell, place_date: str, title: str, statement: str, hint: str) -> None:
    first = cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.add_run(place_date).italic = True
    line(cell, title, bold=True, center=True)
    line(cell, statement, center=True, size=12)
    line(cell, hint, italic=True, center=True, size=12)


def _salary(person: Person) -> str:
    parts = []
    if person.salary_step is not None:
        parts.append(f"bậc {person.salary_step}")
    if person.salary_coefficient is not None:
        parts.append("hệ số " + f"{person.salary_coefficient:.2f}".replace(".", ","))
    if person.salary_since is not None:
        parts.append(f"từ {_date(person.salary_since)}")
    return ", ".join(parts)


def _army(person: Person) -> str:
    if person.enlisted_on is None and not person.military_rank:
        return ""
    parts = [f"nhập ngũ {_date(person.enlisted_on)}"]
    if person.discharged_on is not None:
        parts.append(f"xuất ngũ {_date(person.discharged_on)}")
    if person.military_rank:
        parts.append(f"quân hàm, chức vụ cao nhất: {person.military_rank}")
    return "; ".join(parts)


def curriculum_vitae_docx(
    person: Person,
    profile: PersonProfile,
    positions: list[Assignment] | None,
    *,
    today: dt.date,
    photo: bytes | None = None,
) -> bytes:
    """The Word file of one person's 2C curriculum vitae (citizen ID masked), with the photo if any."""
    document = blank(use_font)
    _header(document, person)
    if photo:
        document.add_paragraph().add_run().add_picture(io.BytesIO(photo), width=Cm(3), height=Cm(4))
    line(document, TITLE, bold=True, size=16, center=True).paragraph_format.space_before = Pt(12)
    line(document, "(Dùng cho cán bộ, đảng viên)", italic=True, center=True)

    membership = getattr(person, "membership", None)  # None when no membership row exists
    post = (
        ", ".join(f"{a.position.name} ({a.position.unit.name})" for a in positions)
        if positions
        else person.current_post
    )
    items = [
        ("Họ và tên khai sinh (viết chữ in hoa)", person.full_name.upper()),
        ("Tên gọi khác", person.other_names),
        (
            "Sinh ngày",
            f"{_date(person.birth_date)}; giới tính: {person.get_gender_display()}",
        ),
        ("Nơi sinh", person.place_of_birth),
        ("Quê quán", person.hometown),
        ("Dân tộc", person.ethnicity),
        ("Tôn giáo", person.religion or "Không"),
        ("Nơi ở hiện nay", person.residence),
        ("Số CCCD (đã che)", person.citizen_id_masked),
        ("Chức vụ hiện tại", post),
        ("Cơ quan, đơn vị công tác", person.workplace or person.unit.name),
        ("Ngày tuyển dụng", _date(person.recruited_on) if person.recruited_on else ""),
        (
            "Ngạch công chức, viên chức",
            person.civil_grade
            + (f" (mã ngạch: {person.civil_grade_code})" if person.civil_grade_code else ""),
        ),
        ("Bậc lương, hệ số, ngày hưởng", _salary(person)),
        ("Ngày nhập ngũ, ngày xuất ngũ, quân hàm", _army(person)),
        ("Trình độ giáo dục phổ thông", person.general_education),
        ("Trình độ chuyên môn cao nhất", person.professional_qualification),
        ("Lý luận chính trị", person.get_political_theory_level_display()),
        ("Ngoại ngữ", person.foreign_language),
        ("Tin học", person.it_level),
        (
            "Ngày vào Đảng Cộng sản Việt Nam",
            _date(membership.admitted_on) if membership and membership.admitted_on else "",
        ),
        (
            "Ngày chính thức",
            _date(membership.full_member_on) if membership and membership.full_member_on else "",
        ),
        ("Số thẻ đảng viên", membership.card_number if membership else ""),
        ("Tình trạng đảng viên", membership.get_status_display() if membership else ""),
        (
            "Khen thưởng",
            "; ".join(f"{r.title} ({_date(r.decided_on)})" for r in profile["rewards"]) or "Không",
        ),
        (
            "Kỷ luật",
            "; ".join(f"{d.form} ({_date(d.decided_on)})" for d in profile["disciplines"]) or "Không",
        ),
    ]
    for number, (label, value) in enumerate(items, start=1):
        item(document, number, label, value)

    section(document, "ĐÀO TẠO, BỒI DƯỠNG VỀ CHUYÊN MÔN, NGHIỆP VỤ, LÝ LUẬN CHÍNH TRỊ, NGOẠI NGỮ")
    grid(
        document,
        ["Tên trường", "Ngành học hoặc tên lớp", "Thời gian học", "Hình thức học", "Văn bằng, chứng chỉ"],
        [
            [t.institution, t.field, f"{_month(t.start)} – {_month(t.end)}", t.form, t.qualification]
            for t in profile["trainings"]
        ],
    )
    section(document, "TÓM TẮT QUÁ TRÌNH CÔNG TÁC")
    grid(
        document,
        ["Từ tháng, năm đến tháng, năm", "Chức danh, chức vụ, đơn vị công tác"],
        [[f"{_month(c.start)} – {_month(c.end)}", c.description] for c in profile["career"]],
    )
    section(document, "QUAN HỆ GIA ĐÌNH")
    grid(
        document,
        ["Quan hệ", "Họ và tên", "Năm sinh", "Nghề nghiệp, nơi công tác"],
        [[r.relation, r.full_name, str(r.birth_year or ""), r.occupation] for r in profile["relatives"]],
    )
    document.add_paragraph()
    _signatures(document, person, today)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
