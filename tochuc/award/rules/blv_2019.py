"""The award's rules attached to plan 189-KH/BTCTW of 25/2/2019 (fourth edition).

One special prize, 5 A, 10 B, 15 C and 25 encouragement prizes; each author or group of authors sends
one work. The window is the one every edition used (1/11 of the year before to 31/10). Numbers not found
in a published text are marked unconfirmed.
"""

from __future__ import annotations

from decimal import Decimal

from tochuc.award.rules._common import FORMS, TOPICS, entry_rules
from tochuc.award.rules.base import AwardPack, Source

C = "Thể lệ Giải Búa liềm vàng kèm Kế hoạch 189-KH/BTCTW năm 2019"

PACK = AwardPack(
    code="blv-2019",
    name="Giải Búa liềm vàng – Thể lệ kèm Kế hoạch 189-KH/BTCTW (2019)",
    citation=C,
    forms=FORMS,
    topics=TOPICS,
    window_start=(11, 1),
    window_end=(10, 31),
    author_limit=1,
    author_limit_per_form=False,
    max_score=100,
    advance_min_score=Decimal("70"),
    prizes=(("special", 1), ("A", 5), ("B", 10), ("C", 15), ("encouragement", 25)),
    sources={
        "window": Source(text="Thể lệ Giải: tác phẩm đăng, phát từ ngày 1/11 năm trước đến 31/10"),
        "prizes": Source(text=f"{C}: 1 giải Đặc biệt, 5 giải A, 10 giải B, 15 giải C, 25 giải Khuyến khích"),
        "author_limit": Source(text=f"{C}: mỗi tác giả hoặc nhóm tác giả chỉ được chọn 1 tác phẩm"),
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
