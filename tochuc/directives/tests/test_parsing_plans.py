"""Plans whose sections nest ``1.``, ``1.1``, ``a)``, ``-``, and a tail whose two columns OCR merged."""

from __future__ import annotations

from tochuc.directives.parsing import parse_document

PLAN = """TỈNH ỦY NGHỆ AN                    ĐẢNG CỘNG SẢN VIỆT NAM
Số 150-KH/TU                       Nghệ An, ngày 10 tháng 3 năm 2025

KẾ HOẠCH
thực hiện Kết luận số 03-KL/BTCTW

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt đầy đủ nội dung Kết luận.
2. Xác định rõ trách nhiệm của các cấp ủy.

II. NHIỆM VỤ, GIẢI PHÁP
1. Công tác tuyên truyền, quán triệt
1.1. Tổ chức hội nghị quán triệt Kết luận đến cán bộ chủ chốt.
1.2. Biên soạn tài liệu tuyên truyền.
a) Tài liệu cho chi bộ;
b) Tài liệu cho đảng viên.
2. Kiện toàn tổ chức bộ máy
2.1. Rà soát chức năng, nhiệm vụ của các cơ quan tham mưu.
- Ban Tổ chức Tỉnh ủy chủ trì;
- Văn phòng Tỉnh ủy phối hợp.
2.2. Sắp xếp các phòng, ban.
3. Công tác cán bộ
3.1. Rà soát quy hoạch cán bộ, hoàn thành trong quý II/2025.
3.2. Đào tạo, bồi dưỡng cán bộ.
3.3. Luân chuyển cán bộ.

III. TỔ CHỨC THỰC HIỆN
1. Ban Tổ chức Tỉnh ủy theo dõi, đôn đốc.
2. Văn phòng Tỉnh ủy tổng hợp, báo cáo.

Nơi nhân: T/M BAN THƯỜNG VỤ
- Như trên, S Í THƯ THƯỜNG TRưÊ
- Các huyện ủy, thành ủy, thị ủy,
đảng ủy trực thuộc Tỉnh ủy,
- Lưu Văn phòng Tỉnh ủy.
                                   Nguyễn Văn An
"""


def test_sub_items_numbered_from_their_group_keep_their_own_number() -> None:
    tasks = parse_document(PLAN).tasks
    assert [t.no for t in tasks] == ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3"]
    assert (
        tasks[1].text
        == "Biên soạn tài liệu tuyên truyền.\na) Tài liệu cho chi bộ;\nb) Tài liệu cho đảng viên."
    )
    assert tasks[2].text.endswith("- Ban Tổ chức Tỉnh ủy chủ trì;\n- Văn phòng Tỉnh ủy phối hợp.")
    assert tasks[4].deadline is not None and tasks[4].deadline.isoformat() == "2025-06-30"


def test_a_tail_merged_by_ocr_gives_the_capacity_and_name_and_clean_recipients() -> None:
    parsed = parse_document(PLAN)
    assert parsed.signer.capacity == "T/M BAN THƯỜNG VỤ"
    assert parsed.signer.name == "Nguyễn Văn An"
    assert parsed.recipients == [
        "Như trên",
        "Các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy",
        "Lưu Văn phòng Tỉnh ủy",
    ]
    assert parsed.warnings == []
