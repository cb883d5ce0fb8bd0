"""The individual self-review (``BẢN KIỂM ĐIỂM CÁ NHÂN``): Mẫu 2A for non-leaders, 2B for leaders
(and cadres managed by the Centre), 2C for members working outside the political system, chosen by
the evaluation's criteria frame.
"""

from __future__ import annotations

import datetime as dt

from docx import Document

from tochuc.core.documents.word import line, section, use_font
from tochuc.evaluations.documents.layout import (
    FORMS,
    _criteria_table,
    _cycle_line,
    _header,
    _label,
    _points,
    _rating_text,
    _save,
    _share,
    _signatures,
    _tasks,
    _text_block,
    _title,
    rating_label,
)
from tochuc.evaluations.models import (
    Evaluation,
    Frame,
)

SELF_REVIEW_TITLE = "BẢN KIỂM ĐIỂM CÁ NHÂN"


# --- Mẫu 2A / 2B / 2C ---------------------------------------------------------------------


def self_review_docx(evaluation: Evaluation, *, today: dt.date) -> bytes:
    """The individual's self-review on the form of their frame (2A, 2B or 2C)."""
    person = evaluation.person
    if person is None:
        raise ValueError("a collective's report is Mẫu 01: use collective_report_docx")
    cycle, unit = evaluation.cycle, evaluation.unit
    form, purpose = FORMS.get(evaluation.frame, FORMS[Frame.NON_LEADER])
    document = Document()
    use_font(document)
    _header(document, unit, form, today)
    _title(document, SELF_REVIEW_TITLE, _cycle_line(cycle), purpose)

    _label(document, "Họ và tên", person.full_name)
    _label(document, "Mã đảng viên", person.code)
    _label(document, "Ngày sinh", person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "")
    post = person.current_post + (" (người đứng đầu)" if evaluation.is_head else "")
    _label(document, "Chức vụ", post)
    _label(document, "Đơn vị công tác", person.workplace)
    _label(document, "Sinh hoạt tại", unit.name)
    _label(document, "Khung tiêu chí", str(Frame(evaluation.frame).label))

    section(document, "I. KẾT QUẢ TỰ CHẤM ĐIỂM THEO KHUNG TIÊU CHÍ")
    _criteria_table(document, evaluation, cycle.pack, evaluation.frame)
    if evaluation.frame in {Frame.LEADER, Frame.CENTRAL_CADRE}:
        section(document, "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA ĐƠN VỊ ĐƯỢC GIAO LÃNH ĐẠO, QUẢN LÝ")
        _tasks(document, evaluation)
        if evaluation.low_confidence_share is not None:
            _label(
                document,
                "Tỷ lệ phiếu tín nhiệm thấp",
                _share(int(evaluation.low_confidence_share * 10000), 10000),
            )
        numbers = ("III", "IV", "V")
    else:
        numbers = ("II", "III", "IV")
    section(document, f"{numbers[0]}. TỰ KIỂM ĐIỂM")
    _text_block(document, evaluation.self_review)
    if evaluation.evidence.strip():
        line(document, "Minh chứng:", bold=True)
        _text_block(document, evaluation.evidence)
    section(document, f"{numbers[1]}. TỰ NHẬN MỨC XẾP LOẠI CHẤT LƯỢNG")
    _label(document, "Điểm tự chấm", _points(evaluation.self_score))
    _label(document, "Tự xếp loại", _rating_text(evaluation.self_rating))
    section(document, f"{numbers[2]}. Ý KIẾN CỦA TẬP THỂ VÀ KẾT QUẢ XẾP LOẠI")
    _label(document, "Ý kiến của tập thể", evaluation.comments.strip())
    _label(document, "Tập thể đề nghị", rating_label(evaluation.suggested_rating))
    _label(document, "Cơ quan tham mưu đề xuất", rating_label(evaluation.proposed_rating))
    decided = (
        f"{_rating_text(evaluation.final_rating)}, {_points(evaluation.final_score)} điểm"
        if evaluation.final_rating
        else ""
    )
    _label(document, "Cấp có thẩm quyền xếp loại", decided)
    document.add_paragraph()
    _signatures(
        document,
        ("Ý KIẾN CỦA CẤP ỦY, CHI BỘ", "(Ký, ghi rõ họ và tên)", ""),
        ("NGƯỜI TỰ KIỂM ĐIỂM", "(Ký, ghi rõ họ và tên)", person.full_name),
    )
    return _save(document)
