"""The shape of a discipline pack and the facts its rules read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeAlias

from tochuc.core.rules import Finding, Rule


@dataclass(frozen=True, kw_only=True)
class DisciplineFacts:
    is_organization: bool
    is_probationary: bool
    form: str
    violation_on: dt.date
    decided_on: dt.date
    no_time_limit: bool


@dataclass(frozen=True, kw_only=True)
class DisciplinePack:
    code: str
    name: str
    citation: str
    reprimand_years: int
    warning_years: int
    appeal_months: int  # Party Charter: an appeal within one month of receiving the decision
    appeal_answer_days: int  # the answering time, a setting of this system
    rules: tuple[DisciplineRule, ...]

    def numbers(self) -> dict[str, object]:
        return {
            "reprimand_years": self.reprimand_years,
            "warning_years": self.warning_years,
            "appeal_months": self.appeal_months,
            "appeal_answer_days": self.appeal_answer_days,
        }

    def limit_years(self, form: str) -> int | None:
        """Years of the time limit for a violation at the level of ``form`` (None: no limit)."""
        if form == "reprimand":
            return self.reprimand_years
        if form in ("warning", "removal"):
            return self.warning_years
        return None


DisciplineRule: TypeAlias = Rule[DisciplineFacts, DisciplinePack, Finding]
