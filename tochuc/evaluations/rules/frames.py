"""The criteria of the five frames: 30 points of general criteria, then 70 points of task results.

The 30/70 split and the 100-point total come from Quy định 366-QĐ/TW. How the 30 general points are
shared between the keyed criteria below is OUR working split (unconfirmed): the annexes of the
regulation and Hướng dẫn 43-HD/BTCTW name these groups of criteria, and a cycle may refine the split
later. Keys are stable: self-reviews store points under them (``Evaluation.self_criteria``).
"""

from __future__ import annotations

from tochuc.evaluations.rules.base import Criterion

TASK_RESULTS = Criterion("task_results", "Kết quả thực hiện chức trách, nhiệm vụ được giao", 70)

COLLECTIVE = (
    Criterion(
        "party_building", "Công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ", 10
    ),
    Criterion("democratic_centralism", "Thực hiện nguyên tắc tập trung dân chủ, giữ gìn đoàn kết nội bộ", 10),
    Criterion("inspection", "Công tác kiểm tra, giám sát; phòng, chống tham nhũng, lãng phí, tiêu cực", 10),
    TASK_RESULTS,
)

_PERSONAL = (
    Criterion("political", "Chính trị, tư tưởng", 10),
    Criterion("ethics", "Đạo đức, lối sống", 10),
    Criterion("discipline", "Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc", 10),
)

LEADER = (
    Criterion("political", "Chính trị, tư tưởng", 8),
    Criterion("ethics", "Đạo đức, lối sống", 7),
    Criterion("discipline", "Ý thức tổ chức kỷ luật, tác phong, lề lối làm việc", 7),
    Criterion("leadership", "Năng lực lãnh đạo, quản lý; tinh thần đổi mới, sáng tạo, dám nghĩ, dám làm", 8),
    TASK_RESULTS,
)

NON_LEADER = (*_PERSONAL, TASK_RESULTS)

OUTSIDE = (
    Criterion("political", "Chính trị, tư tưởng", 10),
    Criterion("ethics", "Đạo đức, lối sống", 10),
    Criterion(
        "residence_duty",
        "Ý thức tổ chức kỷ luật; trách nhiệm nêu gương nơi làm việc và nơi cư trú",
        10,
    ),
    Criterion("task_results", "Kết quả thực hiện nhiệm vụ đảng viên và công việc chuyên môn", 70),
)

FRAMES: dict[str, tuple[Criterion, ...]] = {
    "collective": COLLECTIVE,
    "central_cadre": LEADER,
    "leader": LEADER,
    "non_leader": NON_LEADER,
    "outside": OUTSIDE,
}
