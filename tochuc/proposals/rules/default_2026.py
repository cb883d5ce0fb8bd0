"""Answer deadlines for proposals and feedback, in force from 2026.

No Party regulation sets a deadline for answering a unit's proposals: these numbers are a setting
chosen by the sector (the pages say so). Feedback deadlines follow the same practice.
"""

from __future__ import annotations

from tochuc.proposals.rules.base import VoicesPack

CITATION = "Thiết lập của ngành (không có quy định của Đảng về thời hạn trả lời)"

PACK = VoicesPack(
    code="default-2026",
    name="Thời hạn trả lời kiến nghị, phản ánh (thiết lập 2026)",
    citation=CITATION,
    proposal_answer_days={
        "policy": 30,
        "organization": 30,
        "cadre_work": 20,
        "procedure": 15,
        "resources": 30,
        "other": 30,
    },
    feedback_answer_days={"organization": 30, "cadre": 30, "other": 30},
    remind_days_before=5,
)
