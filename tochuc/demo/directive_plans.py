"""The demo directives' data: how each task is assigned and how far it has got.

``SEED_PLANS`` go, in order, to the tasks of the founding Conclusion 03-KL/BTCTW;
``OTHER_DIRECTIVES`` are the two provincial documents written by hand, and
``PROVINCE_DIRECTIVE`` is the big province's plan (its tasks are made per commune).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tochuc.directives.models import ProductKind, Quality, ReportPeriod


@dataclass(frozen=True)
class Plan:
    """How one task is assigned and how far it has got, relative to today."""

    lead: str
    cooperating: tuple[str, ...] = ()
    product_kind: str = ProductKind.REPORT
    product: str = ""
    deadline: int | None = None  # days from today
    period: str = ReportPeriod.NONE
    percent: int = 0
    reported: int | None = None  # days from today of the latest report
    completed: int | None = None  # days from today
    quality: str = ""
    children: tuple[Plan, ...] = ()
    text: str = ""  # for child tasks and the hand-written directives


# fmt: off
SEED_PLANS: tuple[Plan, ...] = (
    Plan("BTCTW-V1", ("BTCTW-V4",), ProductKind.REPORT, "Báo cáo sơ kết 6 tháng, tổng kết năm",
         period=ReportPeriod.QUARTERLY, percent=50, reported=-20),
    Plan("BTCTW-V4", ("T01", "T02"), ProductKind.PLAN, "Kế hoạch cụ thể hóa Nghị quyết Đại hội XII",
         deadline=-40, percent=60, reported=-55),
    Plan("BTCTW-V3", ("BTCTW-V2",), ProductKind.SCHEME, "02 đề án trình Hội nghị Trung ương 6 và 7",
         deadline=90, percent=40, reported=-10),
    Plan("BTCTW-V2", ("BTCTW-V3",), ProductKind.REGULATION, "Quy định về đánh giá cán bộ",
         deadline=-60, percent=100, reported=-75, completed=-75, quality=Quality.EXCEEDING),
    Plan("T02", ("BTCTW-V3",), ProductKind.SCHEME, "Đề án vị trí việc làm của cơ quan tổ chức cấp ủy",
         deadline=10, percent=20, reported=-15, children=(
             Plan("T02-X01", (), ProductKind.REPORT, "Danh mục vị trí việc làm của Đảng ủy xã",
                  deadline=5, percent=90, reported=-3,
                  text="Rà soát, xây dựng danh mục vị trí việc làm của cơ quan Đảng ủy phường."),
             Plan("T02-X02", (), ProductKind.REPORT, "Bản mô tả vị trí việc làm",
                  deadline=-12, percent=30, reported=-30,
                  text="Xây dựng bản mô tả công việc, khung năng lực từng vị trí việc làm."),
             Plan("T02-X03", (), ProductKind.REPORT, "Báo cáo biên chế hiện có",
                  deadline=-20, percent=100, reported=-8, completed=-8, quality=Quality.MET,
                  text="Báo cáo biên chế, số lượng cán bộ hiện có theo từng vị trí."),
         )),
    Plan("BTCTW-V2", (), ProductKind.REPORT, "Báo cáo tổng kết thực tiễn, nghiên cứu lý luận",
         deadline=-10, percent=100, reported=-3, completed=-3, quality=Quality.MET),
    Plan("T01", (), ProductKind.OTHER, "Tác phẩm tham gia Giải Búa liềm vàng", deadline=120),
    Plan("T01", ("BTCTW-V4",), ProductKind.REPORT, "Báo cáo kết quả kiểm tra, giám sát",
         deadline=45, percent=50, reported=-7, children=(
             Plan("T01-X01", (), ProductKind.REPORT, "Báo cáo kết quả tự kiểm tra",
                  deadline=-15, percent=100, reported=-18, completed=-18, quality=Quality.MET,
                  text="Tự kiểm tra việc thực hiện Điều lệ Đảng và nghị quyết đại hội đảng bộ xã."),
             Plan("T01-X02", ("T01-X01",), ProductKind.REPORT, "Báo cáo kết quả giám sát chuyên đề",
                  deadline=-5, percent=70, reported=-9,
                  text="Giám sát chuyên đề việc sinh hoạt chi bộ định kỳ ở các chi bộ thôn."),
             Plan("T01-X03", (), ProductKind.REPORT, "Báo cáo kết quả kiểm tra",
                  deadline=40, percent=35, reported=-6,
                  text="Kiểm tra tổ chức đảng và đảng viên khi có dấu hiệu vi phạm."),
             Plan("T01-X04", (), ProductKind.REPORT, "Báo cáo kết quả kiểm tra",
                  deadline=60,
                  text="Kiểm tra việc thực hiện nhiệm vụ kiểm tra, giám sát của chi bộ trực thuộc."),
         )),
)
# fmt: on


@dataclass(frozen=True)
class OtherDirective:
    unit: str
    doc_type: str
    number: str
    issuer: str
    issuer_code: str
    place: str
    issued_on: dt.date
    title: str
    recipients: tuple[str, ...]
    signing_capacity: str
    signer_position: str
    signer_name: str
    report_periods: tuple[str, ...]
    plans: tuple[Plan, ...] = field(default_factory=tuple)
    # Local committees held their congresses in late 2025: their 2026 documents
    # belong to 2025-2030 although the national term started on 19/01/2026.
    term: str = "2025-2030"


# fmt: off
OTHER_DIRECTIVES: tuple[OtherDirective, ...] = (
    OtherDirective(
        "T01", "KH", "12", "Tỉnh ủy Hà Tĩnh", "TU", "Hà Tĩnh", dt.date(2026, 1, 5),
        "rà soát, kiện toàn tổ chức cơ sở đảng và nâng cao chất lượng sinh hoạt chi bộ năm 2026",
        ("Ban Tổ chức Trung ương (để báo cáo)", "Các đảng ủy xã, phường", "Lưu Văn phòng Tỉnh ủy"),
        "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Trần Văn Hòa", ("3 tháng", "6 tháng", "năm"),
        (
            Plan("T01-X01", ("T01-X02",), ProductKind.REPORT, "Báo cáo kết quả rà soát chi bộ",
                 deadline=30, percent=60, reported=-12, period=ReportPeriod.QUARTERLY,
                 text="Rà soát, kiện toàn các chi bộ thôn sau sắp xếp đơn vị hành chính cấp xã."),
            Plan("T01-X02", (), ProductKind.PLAN, "Kế hoạch nâng cao chất lượng sinh hoạt chi bộ",
                 deadline=-25, percent=40, reported=-40,
                 text="Xây dựng kế hoạch nâng cao chất lượng sinh hoạt chi bộ định kỳ và chuyên đề."),
            Plan("T01-X03", (), ProductKind.REPORT, "Báo cáo cập nhật hồ sơ đảng viên",
                 deadline=-30, percent=100, reported=-45, completed=-45, quality=Quality.MET,
                 text="Cập nhật, số hóa hồ sơ đảng viên của các chi bộ trực thuộc."),
            Plan("T01-X04", (), ProductKind.REPORT, "Báo cáo sơ kết 6 tháng",
                 deadline=8, percent=10, reported=-50,
                 text="Sơ kết 6 tháng việc sinh hoạt chi bộ ở thôn, tổ dân phố."),
        ),
    ),
    OtherDirective(
        "T02", "CT", "08", "Tỉnh ủy Quảng Trị", "TU", "Quảng Trị", dt.date(2026, 3, 10),
        "tăng cường công tác quản lý đảng viên đi làm ăn xa nơi cư trú",
        ("Các đảng ủy xã, phường", "Ban Tổ chức Tỉnh ủy", "Lưu Văn phòng Tỉnh ủy"),
        "T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Lê Thị Minh", ("6 tháng",),
        (
            Plan("T02-X01", (), ProductKind.REPORT, "Danh sách đảng viên đi làm ăn xa",
                 period=ReportPeriod.HALF_YEAR, percent=30, reported=-25,
                 text="Lập danh sách, nắm tình hình đảng viên đi làm ăn xa nơi cư trú."),
            Plan("T02-X02", ("T02-X03",), ProductKind.REGULATION, "Quy chế phối hợp quản lý đảng viên",
                 deadline=-3, percent=80, reported=-14,
                 text="Xây dựng quy chế phối hợp quản lý đảng viên với cấp ủy nơi đảng viên đến làm ăn."),
        ),
    ),
)
# fmt: on

PROVINCE_DIRECTIVE = OtherDirective(
    "T03", "KH", "15", "Tỉnh ủy Nghệ An", "TU", "Nghệ An", dt.date(2026, 2, 20),
    "kiện toàn tổ chức cơ sở đảng sau sắp xếp đơn vị hành chính",
    ("Ban Tổ chức Trung ương (để báo cáo)", "Các đảng ủy xã, phường", "Lưu Văn phòng Tỉnh ủy"),
    "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Nguyễn Văn Sơn", ("3 tháng",),
)  # fmt: skip

NARRATIVES = (
    "Đã quán triệt, triển khai đến các chi bộ trực thuộc; thành lập tổ giúp việc và phân công cán bộ theo dõi.",
    "Đã xây dựng dự thảo, lấy ý kiến các cơ quan phối hợp; đang tiếp thu, hoàn chỉnh.",
    "Hoàn thành khảo sát tại cơ sở; tổng hợp số liệu, xây dựng báo cáo đánh giá thực trạng.",
    "Tổ chức hội nghị chuyên đề; kết quả bước đầu được cấp ủy đánh giá cao.",
    "Tiến độ chậm do thay đổi nhân sự sau sắp xếp bộ máy; đã bổ sung cán bộ phụ trách.",
)
FINAL_NARRATIVE = "Đã hoàn thành, trình sản phẩm; cấp ủy đã thông qua."
