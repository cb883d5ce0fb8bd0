"""The award's rules as the plan for its sixth edition (2021) words them.

Works published from 1/11 of the year before to 31/10 of the round's year; one special prize, 6 A, 12 B,
16 C and 30 encouragement prizes (plan for the sixth edition, 2021, as reported by the press). Each author
or group of authors sends one work (plan 189-KH/BTCTW of 2019, rules kept since). The photo form, the
scoring scale, the preliminary pass mark and the grouping of topics were not found in a published text:
they are marked unconfirmed and kept here to be corrected in one place.
"""

from __future__ import annotations

from decimal import Decimal

from tochuc.award.rules._common import FORMS, TOPICS, entry_rules
from tochuc.award.rules.base import AwardPack, Source

C = "Thể lệ Giải Búa liềm vàng (Kế hoạch lần thứ VI – năm 2021)"

PACK = AwardPack(
    code="blv-2021",
    name="Giải Búa liềm vàng – Thể lệ áp dụng từ lần thứ VI (2021)",
    citation=C,
    forms=FORMS,
    topics=TOPICS,
    window_start=(11, 1),
    window_end=(10, 31),
    author_limit=1,
    author_limit_per_form=False,
    max_score=100,
    advance_min_score=Decimal("70"),
    prizes=(("special", 1), ("A", 6), ("B", 12), ("C", 16), ("encouragement", 30)),
    sources={
        "window": Source(text=f"{C}: tác phẩm đăng, phát từ ngày 1/11 năm trước đến 31/10"),
        "prizes": Source(
            text=f"{C}: 1 giải Đặc biệt, 6 giải A, 12 giải B, 16 giải C và 30 giải Khuyến khích"
        ),
        "author_limit": Source(
            text="Kế hoạch 189-KH/BTCTW năm 2019 kèm Thể lệ: mỗi tác giả hoặc nhóm tác giả chỉ được chọn 1 tác phẩm"
        ),
        "forms": Source(text=f"{C}: báo in, báo điện tử, phát thanh, truyền hình"),
        "photo": Source(text="Loại hình ảnh báo chí", confirmed=False),
        "topics": Source(text="Nhóm chủ đề xây dựng Đảng theo tiêu chí của Thể lệ", confirmed=False),
        "max_score": Source(text="Thang điểm 100 của Hội đồng chấm giải", confirmed=False),
        "advance_min_score": Source(text="Điểm sơ khảo trung bình từ 70 vào chung khảo", confirmed=False),
        "ties": Source(
            text="Bằng điểm chung khảo: xếp theo điểm sơ khảo; vẫn bằng mà vượt số giải thì cùng xuống mức sau",
            confirmed=False,
        ),
    },
    rules=entry_rules(C),
)
