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
