"""The reader on a corpus of documents written for it (tests/documents/), field by field.

Each expectation lists every field of the JSON contract; a field the document lacks is None or [].
Tasks are given as ``(no, deadline, start of text)``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from tochuc.directives.parsing import ParsedDirective, extract_text, parse_document

DOCUMENTS = Path(__file__).parent / "documents"


@functools.cache
def read(name: str) -> ParsedDirective:
    path = DOCUMENTS / name
    return parse_document(extract_text(path.read_bytes(), path.name))


EXPECTED: dict[str, dict[str, Any]] = {
    "01-nq-bct-wrapped.txt": {
        "doc_type": "NQ",
        "doc_type_name": "Nghị quyết",
        "number": "45",
        "symbol": "NQ/TW",
        "number_symbol": "45-NQ/TW",
        "issuer": "Bộ Chính trị",  # header "BAN CHẤP HÀNH TRUNG ƯƠNG", signed "T/M BỘ CHÍNH TRỊ"
        "place": "Hà Nội",
        "date": "2023-11-24",
        "title": "về tiếp tục đổi mới công tác đánh giá cán bộ trong tình hình mới",
        "tasks": [
            (
                "1",
                None,
                "Các cấp ủy, tổ chức đảng quán triệt sâu sắc yêu cầu đổi mới công tác đánh giá cán bộ;",
            ),
            ("2", "2025-06-30", "Ban Tổ chức Trung ương chủ trì xây dựng bộ tiêu chí"),
            ("3", "2025-09-30", "Ứng dụng công nghệ thông tin"),
            ("4", None, "Kết hợp đánh giá thường xuyên"),
        ],
        "report_periods": ["6 tháng", "Hằng năm", "Sơ kết"],
        "recipients": [
            "Các tỉnh ủy, thành ủy",
            "Các ban đảng, ban cán sự đảng, đảng đoàn, đảng ủy trực thuộc Trung ương",
            "Các đồng chí Ủy viên Ban Chấp hành Trung ương Đảng",
            "Lưu Văn phòng Trung ương Đảng",
        ],
        "signer": {"capacity": "T/M BỘ CHÍNH TRỊ", "position": "TỔNG BÍ THƯ", "name": "Nguyễn Văn An"},
        "warnings": [],
    },
    "02-ct-bbt-ocr.txt": {
        "doc_type": "CT",
        "doc_type_name": "Chỉ thị",
        "number": "12",
        "symbol": "CT/TW",
        "number_symbol": "12-CT/TW",
        "issuer": "Ban Bí thư",
        "place": "Hà Nội",
        "date": "2025-01-05",
        "title": "vê tăng cường sự lãnh đạo của Đảng đối với công tác phát triển đảng viên",
        "tasks": [
            ("1", None, "Nâng cao nhận thức"),
            ("2", "2025-03-31", "Rà soát, lập danh sách quần chúng ưu tú"),
            ("3", None, "Đổi mới nội dung"),
            ("4", None, "Các tỉnh ủy, thành ủy"),
        ],
        "report_periods": ["Hằng năm", "Tổng kết"],
        "recipients": ["Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương", "Lưu Văn phòng Trung ương"],
        "signer": {
            "capacity": "T/M BAN BÍ THƯ",
            "position": "THƯỜNG TRỰC BAN BÍ THƯ",
            "name": "Lê Minh Quang",
        },
        "warnings": [],
    },
    "03-kh-tu-markdown.md": {
        "doc_type": "KH",
        "doc_type_name": "Kế hoạch",
        "number": "132",
        "symbol": "KH/TU",
        "number_symbol": "132-KH/TU",
        "issuer": "Tỉnh ủy Nghệ An",
        "place": "Nghệ An",
        "date": "2025-02-10",
        "title": "thực hiện Kết luận của Bộ Chính trị về công tác cán bộ năm 2025",
        "tasks": [
            (
                "a",
                "2025-03-31",
                "Tổ chức hội nghị quán triệt Kết luận đến cán bộ chủ chốt, hoàn thành trong quý I/2025.",
            ),
            ("b", "2025-09-30", "Rà soát, bổ sung quy hoạch"),
            ("c", "2025-12-31", "Kiện toàn đội ngũ cán bộ chủ chốt cấp xã"),
            (
                "d",
                None,
                "Đẩy mạnh chuyển đổi số trong quản lý hồ sơ đảng viên; xem hướng dẫn tại Cổng thông tin.",
            ),
        ],
        "report_periods": ["3 tháng"],
        "recipients": [
            "Ban Tổ chức Trung ương (để b/c)",
            "Các đồng chí Tỉnh ủy viên",
            "Các huyện ủy, thành ủy, thị ủy, đảng ủy trực thuộc",
            "Lưu Văn phòng Tỉnh ủy",
        ],
        "signer": {
            "capacity": "T/M BAN THƯỜNG VỤ",
            "position": "PHÓ BÍ THƯ THƯỜNG TRỰC",
            "name": "Trần Quốc Hưng",
        },
        "warnings": [],
    },
    "04-qd-quy-dinh-bct.txt": {
        "doc_type": "QĐ",
        "doc_type_name": "Quy định",
        "number": "301",
        "symbol": "QĐ/TW",
        "number_symbol": "301-QĐ/TW",
        "issuer": "Bộ Chính trị",
        "place": "Hà Nội",
        "date": "2025-06-02",
        "title": "về chế độ báo cáo của các cấp ủy, tổ chức đảng",
        "tasks": [],  # a regulation's articles are not tasks
        "report_periods": ["Hằng tháng", "6 tháng", "Hằng năm"],
        "recipients": ["Các tỉnh ủy, thành ủy", "Các ban đảng Trung ương", "Lưu Văn phòng Trung ương Đảng"],
        "signer": {"capacity": "T/M BỘ CHÍNH TRỊ", "position": None, "name": "Võ Đình Thành"},
        "warnings": ["Không tìm thấy mục nhiệm vụ (nhiệm vụ, giải pháp, tổ chức thực hiện) có đánh số."],
    },
    "05-qd-quyet-dinh-btctu.txt": {
        "doc_type": "QĐ",
        "doc_type_name": "Quyết định",
        "number": "25",
        "symbol": "QĐ/BTCTU",
        "number_symbol": "25-QĐ/BTCTU",
        "issuer": "Ban Tổ chức Tỉnh ủy Hà Tĩnh",
        "place": "Hà Tĩnh",
        "date": "2025-08-18",
        "title": "về việc thành lập Tổ công tác rà soát hồ sơ đảng viên",
        "tasks": [
            ("1", "2025-10-31", "Rà soát hồ sơ đảng viên của các đảng bộ trực thuộc"),
            ("2", None, "Tổng hợp, báo cáo Trưởng ban kết quả rà soát."),
        ],
        "report_periods": [],
        "recipients": ["Như Điều 3", "Lưu VP"],
        "signer": {"capacity": None, "position": "TRƯỞNG BAN", "name": "Lê Văn Hùng"},
        "warnings": [],
    },
    "06-tb-tu-subheading.txt": {
        "doc_type": "TB",
        "doc_type_name": "Thông báo",
        "number": "214",
        "symbol": "TB/TU",
        "number_symbol": "214-TB/TU",
        "issuer": "Tỉnh ủy Bình Định",
        "place": "Quy Nhơn",
        "date": "2025-09-03",
        "title": "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY về tiến độ sắp xếp tổ chức bộ máy cấp xã",
        "tasks": [
            ("1", "2025-09-30", "Các đảng ủy xã khẩn trương kiện toàn"),
            ("2", "2025-10-15", "Ban Tổ chức Tỉnh ủy hướng dẫn"),
            ("3", None, "Văn phòng Tỉnh ủy theo dõi"),
        ],
        "report_periods": ["Hằng tháng"],
        "recipients": ["Các đảng ủy xã, phường", "Các ban đảng Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"],
        "signer": {"capacity": "T/L BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG", "name": "Đặng Thị Hoa"},
        "warnings": [],
    },
    "07-cv-tu-spaced.txt": {
        "doc_type": "CV",
        "doc_type_name": "Công văn",
        "number": "132",
        "symbol": "CV/TU",
        "number_symbol": "132-CV/TU",
        "issuer": "Tỉnh ủy Quảng Nam",
        "place": "Quảng Nam",
        "date": "2025-01-05",
        "title": "triển khai rà soát, bổ sung quy hoạch cán bộ nhiệm kỳ 2025-2030",
        "tasks": [
            ("1", "2025-02-15", "Rà soát quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý"),
            ("2", "2025-02-28", "Bổ sung quy hoạch cấp ủy các cấp"),
            ("3", None, "Báo cáo kết quả về Tỉnh ủy"),
        ],
        "report_periods": ["3 tháng"],
        "recipients": ["Như trên", "Lưu VP"],
        "signer": {"capacity": "T/L BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG", "name": "Trần Thị Mai"},
        "warnings": [],
    },
    "08-nq-du-xa-ocr.txt": {
        "doc_type": "NQ",
        "doc_type_name": "Nghị quyết",
        "number": "05",
        "symbol": "NQ/ĐU",
        "number_symbol": "05-NQ/ĐU",
        "issuer": "Đảng ủy xã Hoa Thành",
        "place": "Hoa Thành",
        "date": "2024-04-12",
        "title": "vê lãnh đạo thưc hiện nhiệm vu phát triển kinh tế năm 2024",
        "tasks": [
            ("1", "2024-06-30", "Tập trung chỉ đạo chuyển đổi cơ cấu cây trồng"),
            ("2", "2024-12-31", "Xây dựng 02 thôn đạt chuẩn nông thôn mới kiểu mẫu"),
            ("3", "2024-06-30", "Nâng cao chất lượng sinh hoạt chi bộ"),
        ],
        "report_periods": ["6 tháng"],
        "recipients": ["Ban Thường vụ Huyện ủy (b/c)", "Các chi bộ trực thuộc", "Lưu VP"],
        "signer": {"capacity": "T/M ĐẢNG ỦY", "position": "BÍ THƯ", "name": "Phạm Văn Đức"},
        "warnings": [],
    },
    "09-kh-btctu-groups.txt": {
        "doc_type": "KH",
        "doc_type_name": "Kế hoạch",
        "number": "07",
        "symbol": "KH/BTCTU",
        "number_symbol": "07-KH/BTCTU",
        "issuer": "Ban Tổ chức Tỉnh ủy Thanh Hóa",
        "place": "Thanh Hóa",
        "date": "2025-03-20",
        "title": "công tác tổ chức xây dựng Đảng năm 2025",
        "tasks": [
            ("1.a", "2025-05-31", "Tham mưu quy trình nhân sự cấp ủy khóa mới"),
            ("1.b", None, "Thẩm định hồ sơ bổ nhiệm"),
            ("2.a", None, "Phấn đấu kết nạp 3.500 đảng viên mới trong năm 2025."),
            (
                "2.b",
                "2025-10-31",
                "Rà soát, sàng lọc đảng viên; hoàn thành trong tháng 10/2025.\n- Lập danh sách",
            ),
        ],
        "report_periods": ["6 tháng", "Hằng năm"],
        "recipients": ["Thường trực Tỉnh ủy (b/c)", "Lãnh đạo Ban", "Các phòng thuộc Ban", "Lưu VP"],
        "signer": {"capacity": "K/T TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN", "name": "Nguyễn Thị Thu Hà"},
        "warnings": [],
    },
    "10-kh-ubnd-state.txt": {
        "doc_type": "KH",
        "doc_type_name": "Kế hoạch",
        "number": "15",
        "symbol": "KH-UBND",
        "number_symbol": "15/KH-UBND",
        "issuer": "Ủy ban nhân dân tỉnh Nghệ An",
        "place": "Nghệ An",
        "date": "2025-01-05",
        "title": "Triển khai cải cách hành chính năm 2025",
        "tasks": [
            ("1", "2025-06-30", "Rà soát, đơn giản hóa thủ tục hành chính"),
            ("2", "2025-12-31", "Số hóa hồ sơ"),
            ("3", None, "Các sở, ngành báo cáo kết quả"),
        ],
        "report_periods": ["3 tháng", "Hằng năm"],
        "recipients": ["Văn phòng Chính phủ", "Các sở, ban, ngành", "Lưu: VT, NC"],
        "signer": {
            "capacity": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
            "position": "PHÓ CHỦ TỊCH",
            "name": "Hoàng Văn Nam",
        },
        "warnings": [
            "Số và ký hiệu “15/KH-UBND” theo dạng văn bản của cơ quan nhà nước, không theo dạng N-LOẠI/CƠ QUAN "
            "của văn bản Đảng: cần kiểm tra trước khi đăng ký.",
            "Văn bản của cơ quan nhà nước (quốc hiệu “Cộng hòa xã hội chủ nghĩa Việt Nam”).",
        ],
    },
    "11-tb-hu-missing.txt": {
        "doc_type": "TB",
        "doc_type_name": "Thông báo",
        "number": "21",
        "symbol": "TB/HU",
        "number_symbol": "21-TB/HU",
        "issuer": "Huyện ủy Nam Đàn",
        "place": None,
        "date": None,
        "title": "về việc phân công nhiệm vụ trong Ban Thường vụ Huyện ủy",
        "tasks": [
            ("1", None, "Đồng chí Bí thư Huyện ủy phụ trách chung"),
            ("2", None, "Đồng chí Phó Bí thư Thường trực"),
            ("3", None, "Đồng chí Phó Bí thư, Chủ tịch UBND huyện"),
        ],
        "report_periods": [],
        "recipients": [],
        "signer": {"capacity": None, "position": None, "name": None},
        "warnings": [
            "Không tìm thấy ngày ban hành (dạng “Hà Nội, ngày 16 tháng 3 năm 2017”).",
            "Không tìm thấy nơi nhận.",
            "Không đọc được đủ khối chữ ký (thẩm quyền ký, chức vụ, họ tên người ký).",
        ],
    },
    "12-hd-bchu-dashes.md": {
        "doc_type": "HD",
        "doc_type_name": "Hướng dẫn",
        "number": "03",
        "symbol": "HD/BTCHU",
        "number_symbol": "03-HD/BTCHU",
        "issuer": "Ban Tổ chức Huyện ủy Đô Lương",
        "place": "Đô Lương",
        "date": "2025-09-09",
        "title": "đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2025",
        "tasks": [
            ("1", "2025-11-30", "Các chi bộ tổ chức kiểm điểm"),
            ("2", "2025-12-10", "Đảng ủy các xã tổng hợp kết quả"),
            ("3", "2025-12-25", "Ban Tổ chức Huyện ủy thẩm định"),  # "trước ngày 25/12": year of the document
        ],
        "report_periods": [],
        "recipients": ["Các đảng bộ, chi bộ trực thuộc", "Lưu BTC"],
        "signer": {"capacity": "K/T TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN", "name": "Đỗ Thị Lan"},
        "warnings": ["Có thời hạn không ghi năm; đã lấy năm ban hành của văn bản."],
    },
    "13-ct-tu-mismatch-paren.txt": {
        "doc_type": "NQ",
        "doc_type_name": "Nghị quyết",
        "number": "08",
        "symbol": "NQ/TU",
        "number_symbol": "08-NQ/TU",
        "issuer": "Tỉnh ủy Lào Cai",
        "place": "Lào Cai",
        "date": "2025-07-14",
        "title": "về tăng cường kỷ luật, kỷ cương trong thực thi công vụ",
        "tasks": [
            ("1", "2025-08-15", "Quán triệt Chỉ thị"),
            ("2", None, "Kiểm tra việc chấp hành giờ giấc"),
            ("3", None, "Ban Tổ chức Tỉnh ủy theo dõi"),
        ],
        "report_periods": ["6 tháng", "Sơ kết"],
        "recipients": ["Các huyện ủy, thành ủy", "Lưu VPTU"],
        "signer": {"capacity": "T/M BAN THƯỜNG VỤ", "position": "BÍ THƯ", "name": "Hoàng Quốc Khánh"},
        "warnings": [
            "Loại văn bản trong ký hiệu (NQ) không khớp với tên loại ở tiêu đề (“Chỉ thị”); đã lấy theo ký hiệu."
        ],
    },
    "14-nq-tu-roman-groups.txt": {
        "doc_type": "NQ",
        "doc_type_name": "Nghị quyết",
        "number": "19",
        "symbol": "NQ/TU",
        "number_symbol": "19-NQ/TU",
        "issuer": "Tỉnh ủy Bắc Ninh",
        "place": "Bắc Ninh",
        "date": "2024-12-30",
        "title": "về xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh giai đoạn 2025 - 2030",
        "tasks": [
            ("I.1", "2025-06-30", "Kiện toàn tổ chức cơ sở đảng"),
            ("I.2", None, "Nâng cao chất lượng sinh hoạt chi bộ"),
            ("II.1", None, "Nâng cao chất lượng kết nạp"),
            ("II.2", "2025-12-31", "Quản lý đảng viên bằng hệ thống thông tin"),
        ],
        "report_periods": ["Hằng năm", "Sơ kết"],
        "recipients": ["Ban Tổ chức Trung ương (để b/c)", "Các huyện ủy, thị ủy, thành ủy", "Lưu VPTU"],
        "signer": {"capacity": "T/M TỈNH ỦY", "position": "BÍ THƯ", "name": "Nguyễn Hữu Tâm"},
        "warnings": [],
    },
    "15-kl-btctw-split-header.txt": {
        "doc_type": "KL",
        "doc_type_name": "Kết luận",
        "number": "27",
        "symbol": "KL/BTCTW",
        "number_symbol": "27-KL/BTCTW",
        "issuer": "Ban Tổ chức Trung ương",
        "place": "Hà Nội",
        "date": "2025-10-16",
        "title": "của Lãnh đạo Ban về chuẩn bị nhân sự đại hội đảng bộ các cấp",
        "tasks": [
            ("1", "2025-11-15", "Các vụ địa phương hướng dẫn thẩm định nhân sự"),
            ("2", "2025-12-31", "Vụ Tổng hợp tổng hợp báo cáo Bộ Chính trị trước tháng 12 năm 2025."),
        ],
        "report_periods": [],
        "recipients": ["Lãnh đạo Ban", "Các vụ, đơn vị thuộc Ban", "Lưu VP"],
        "signer": {"capacity": "K/T TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN", "name": "Vũ Hải Long"},
        "warnings": [],
    },
    "16-nq-bch-pagebreaks.txt": {
        "doc_type": "NQ",
        "doc_type_name": "Nghị quyết",
        "number": "35",
        "symbol": "NQ/TW",
        "number_symbol": "35-NQ/TW",
        "issuer": "Ban Chấp hành Trung ương",
        "place": "Hà Nội",
        "date": "2025-05-08",
        "title": "HỘI NGHỊ LẦN THỨ MƯỜI MỘT BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII về công tác cán bộ cấp chiến lược",
        "tasks": [
            ("1", "2026-03-31", "Xây dựng đội ngũ cán bộ cấp chiến lược"),
            ("2", None, "Đổi mới công tác đánh giá cán bộ cấp chiến lược"),
            ("3", None, "Hoàn thiện chính sách đãi ngộ"),
        ],
        "report_periods": ["Hằng năm", "Tổng kết"],
        "recipients": [],
        "signer": {
            "capacity": "T/M BAN CHẤP HÀNH TRUNG ƯƠNG",
            "position": "TỔNG BÍ THƯ",
            "name": "Trương Minh Sơn",
        },
        "warnings": ["Không tìm thấy nơi nhận."],
    },
}


def test_the_corpus_has_every_document() -> None:
    on_disk = {p.name for p in DOCUMENTS.iterdir() if p.suffix in {".txt", ".md"} and p.name != "README.md"}
    assert on_disk == set(EXPECTED)


SCALAR_FIELDS = [
    "doc_type",
    "doc_type_name",
    "number",
    "symbol",
    "number_symbol",
    "issuer",
    "place",
    "date",
    "title",
]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("field", [*SCALAR_FIELDS, "report_periods", "recipients", "signer", "warnings"])
def test_field(name: str, field: str) -> None:
    assert read(name).as_json()[field] == EXPECTED[name][field]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tasks(name: str) -> None:
    tasks = read(name).as_json()["tasks"]
    expected = EXPECTED[name]["tasks"]
    assert [(t["no"], t["deadline"]) for t in tasks] == [(no, deadline) for no, deadline, _ in expected]
    for task, (_, _, start) in zip(tasks, expected, strict=True):
        assert task["text"].startswith(start)


def test_the_contract_has_exactly_its_keys() -> None:
    data = read("01-nq-bct-wrapped.txt").as_json()
    assert list(data) == [
        "doc_type",
        "doc_type_name",
        "number",
        "symbol",
        "number_symbol",
        "issuer",
        "place",
        "date",
        "title",
        "tasks",
        "report_periods",
        "recipients",
        "signer",
        "warnings",
    ]
    assert set(data["tasks"][0]) == {"no", "text", "deadline"}


def test_a_sentence_cut_by_a_page_break_is_one_task() -> None:
    task = read("02-ct-bbt-ocr.txt").tasks[1]
    assert task.text.endswith("công nhân trực tiếp sản xuất và người có trình độ chuyên môn cao.")
    assert "Chỉ thị số" not in task.text and "- 2 -" not in task.text
    task = read("16-nq-bch-pagebreaks.txt").tasks[1]
    assert task.text.endswith("gắn với trách nhiệm người đứng đầu.")
    task = read("08-nq-du-xa-ocr.txt").tasks[1]
    assert task.text.endswith("huy động nhân dân tham gia đóng góp ngày công, vật liệu.")


def test_hard_wrapped_lines_are_joined() -> None:
    task = read("01-nq-bct-wrapped.txt").tasks[2]
    assert task.text == (
        "Ứng dụng công nghệ thông tin trong theo dõi, đánh giá cán bộ theo thời gian thực; "
        "hoàn thành trong quý III/2025 ở các cơ quan Trung ương."
    )


def test_doubts_name_the_fields_to_check() -> None:
    assert read("13-ct-tu-mismatch-paren.txt").doubts == ["doc_type"]
    assert read("10-kh-ubnd-state.txt").doubts == ["number_symbol"]
    assert read("11-tb-hu-missing.txt").doubts == ["date", "place", "recipients", "signer"]
    assert read("12-hd-bchu-dashes.md").doubts == ["tasks"]  # a deadline whose year was supplied
    assert read("04-qd-quy-dinh-bct.txt").doubts == ["tasks"]
    assert read("14-nq-tu-roman-groups.txt").doubts == []
