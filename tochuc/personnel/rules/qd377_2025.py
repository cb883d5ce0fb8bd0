"""Quy định 377-QĐ/TW 2025 on appointment, re-appointment and nomination for election.

The quorum (2/3 of those convened), the threshold (more than half of those
convened, most votes wins) and the five/three steps are in the regulation. The
60 months of working time left come from Hướng dẫn 06-HD/BTCTW 2021 and are to
be checked against 377 (unconfirmed). Confidence votes follow Quy định
96-QĐ/TW 2023; planning numbers follow the planning rules (older 50-QĐ/TW 2021
for the structure targets); rotation follows Quy định 65-QĐ/TW 2022.
"""

from __future__ import annotations

from fractions import Fraction

from tochuc.personnel.rules.base import PersonnelPack, ProcedureStep

PACK = PersonnelPack(
    code="qd377-2025",
    name="Quy định 377-QĐ/TW năm 2025",
    citation="Quy định 377-QĐ/TW",
    quorum=Fraction(2, 3),
    threshold=Fraction(1, 2),
    internal_steps=(
        ProcedureStep("collective_1", "Hội nghị tập thể lãnh đạo (lần 1)"),
        ProcedureStep("expanded", "Hội nghị tập thể lãnh đạo mở rộng"),
        ProcedureStep("collective_2", "Hội nghị tập thể lãnh đạo (lần 2)"),
        ProcedureStep("key_cadres", "Hội nghị cán bộ chủ chốt"),
        ProcedureStep("collective_3", "Hội nghị tập thể lãnh đạo (lần 3)"),
    ),
    external_steps=(
        ProcedureStep("collective_1", "Hội nghị tập thể lãnh đạo (lần 1)"),
        ProcedureStep("key_cadres", "Hội nghị cán bộ chủ chốt nơi công tác"),
        ProcedureStep("collective_2", "Hội nghị tập thể lãnh đạo (lần 2)"),
    ),
    min_months_left=60,
    discipline_wait_months={"reprimand": 24, "warning": 36, "removal": 60},
)
