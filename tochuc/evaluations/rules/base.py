"""What every rule pack is made of, and the shape of a finding.

OWNED BY THE RULES WORK: this file is the agreed interface; fill it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    BLOCK = "block"  # the decision cannot be recorded
    JUSTIFY = "justify"  # allowed with a written justification the upper level sees
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    rule: str  # stable id, e.g. "head_above_collective"
    severity: Severity
    unit: str  # unit code
    person: str | None  # person code, None for the collective / unit-level findings
    message: str  # Vietnamese, ends with the citation, e.g. "(Điều 5 khoản 2, Quy định 366-QĐ/TW)"
    evaluation_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "unit": self.unit,
            "person": self.person,
            "message": self.message,
        }


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # Vietnamese
    max_points: int


@dataclass(frozen=True)
class RulePack:
    """The numbers of one regulation. Fields may be added; do not rename (analytics reads them)."""

    code: str  # "qd366-2025"
    name: str  # "Quy định 366-QĐ/TW năm 2025"
    citation: str  # "Quy định 366-QĐ/TW"
    # Point bands: Excellent ≥ excellent_min, Good ≥ good_min, Completed ≥ completed_min, else Not completed.
    excellent_min: float = 90
    good_min: float = 70
    completed_min: float = 50
    # Excellent ≤ excellent_quota_share × number rated Good, within the comparable group.
    excellent_quota_share: float = 0.20
    # The unit kind that forms the comparable group for individuals (per grassroots organization).
    quota_group_kind: str = "grassroots"
    excellent_on_time_share: float = 1.0
    excellent_exceeding_share: float = 0.30
    completed_max_late_share: float = 0.20
    leader_min_done_share: float = 0.70
    leader_max_not_completed_units_share: float = 0.50
    leader_max_low_confidence_share: float = 0.50
    # 124-QĐ/TW: a collective is Not completed if more than this share of its subordinate units were disciplined.
    collective_max_disciplined_units_share: float | None = None
    min_membership_months: int = 6
    # Inflation signal: at least this share of individuals Good/Excellent while the collective is Completed or worse.
    inflation_share: float = 0.9
    # Far from siblings: share of Good/Excellent differs from the siblings' mean by more than this.
    sibling_gap: float = 0.3
