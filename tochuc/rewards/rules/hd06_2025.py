"""Hướng dẫn 06-HD/TW 2025 on emulation and rewards in the Party, as far as results drive them.

A member rated Excellent in the year: certificate of merit by the grassroots committee. Five
consecutive years Excellent: certificate by the committee one level up, and the higher certificate by
the provincial standing committee. "Standout" Party organizations are chosen among those rated
Excellent. The share of standout organizations is not verified against the text: kept here to be
corrected in one place.
"""

from __future__ import annotations

from tochuc.rewards.rules.reward_base import RewardPack

H = "Hướng dẫn 06-HD/TW năm 2025"

PACK = RewardPack(
    code="hd06-2025",
    name="Hướng dẫn 06-HD/TW năm 2025 (khen thưởng trong Đảng)",
    citation="Hướng dẫn 06-HD/TW",
    rating="excellent",
    consecutive_years=5,
    standout_share=0.20,
    grassroots_certificate=f"{H}, giấy khen của cấp ủy cơ sở cho đảng viên hoàn thành xuất sắc nhiệm vụ trong năm",
    upper_certificate=f"{H}, khen thưởng đảng viên 5 năm liền hoàn thành xuất sắc nhiệm vụ",
    standout_organization=f"{H}, tổ chức cơ sở đảng, đảng bộ tiêu biểu trong số hoàn thành xuất sắc nhiệm vụ",
    collective_kinds=("grassroots", "commune"),
    discipline_rating="not_completed",
    discipline_review="Quy định 69-QĐ/TW năm 2022; tổ chức đảng, đảng viên không hoàn thành nhiệm vụ được xem xét trách nhiệm",
)
