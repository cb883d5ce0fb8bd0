"""What an evaluation pack is made of, on the shared machinery of ``tochuc.core.rules``.

A pack is the numbers of one regulation (``RulePack``) plus the list of its rules (``EvalRule``: a
core ``Rule`` over ``facts.CycleFacts``). A rule's check is a pure function that yields ``Finding``
objects naming the unit, the person and the evaluation; the pack module says which rules apply, with
which severity and which citation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TypeAlias

from tochuc.core.rules import Finding as BaseFinding
from tochuc.core.rules import Rule, Severity
from tochuc.evaluations.rules.facts import CycleFacts

__all__ = ["EvalRule", "Finding", "Rule", "RulePack", "Severity", "rule_finding"]


@dataclass(frozen=True, kw_only=True)
class Finding(BaseFinding):
    """A finding of a cycle's rules: which unit, which person, which evaluation it concerns."""

    unit: str  # unit code
    person: str | None  # person code, None for the collective / unit-level findings
    evaluation_id: int | None = None
    # A ``justify`` finding answered by a ``Justification`` row (cycle, rule, unit, person): it stays
    # in the list (the upper level sees it) but no longer asks for anything.
    justified: bool = False
    # Other evaluations this finding concerns (e.g. the collective for "head above the collective",
    # the Excellent members of a quota group); ``check_evaluation`` uses it to pick findings.
    related: tuple[int, ...] = ()

    def as_json(self) -> dict[str, str | None]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "unit": self.unit,
            "person": self.person,
            "message": self.message,
        }

    def concerns(self, evaluation_id: int) -> bool:
        return self.evaluation_id == evaluation_id or evaluation_id in self.related


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str  # Vietnamese
    max_points: int


# A rule of an evaluation pack: reads the facts of a cycle and the pack's numbers.
EvalRule: TypeAlias = "Rule[CycleFacts, RulePack, Finding]"


def rule_finding(
    rule: EvalRule,
    *,
    unit: str,
    person: str | None,
    message: str,
    evaluation_id: int | None = None,
    related: tuple[int, ...] = (),
) -> Finding:
    """A finding of ``rule`` about a unit or a person; the message ends with the rule's citation."""
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        unit=unit,
        person=person,
        message=rule.cite(message),
        evaluation_id=evaluation_id,
        related=related,
    )


def _number(value: float) -> str:
    """A number the Vietnamese way: 89,9 · 90."""
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def _percent(share: float) -> str:
    return _number(round(share * 100, 1)) + "%"


RATING_ORDER = ("excellent", "good", "completed", "not_completed")


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

    # --- added by the rules work -------------------------------------------------------------
    # Whether the regulation binds the rating to the 100-point scale. When False the bands below are
    # only an aid (``rating_for_score`` still answers) and no rule checks them.
    point_scale: bool = True
    # Smallest number of rated individuals in a unit for the inflation pattern and far-from-siblings.
    inflation_min_people: int = 3
    # Smallest number of rated individuals in a unit for "identical scores for everyone".
    identical_min_people: int = 5
    # Rating jump between two cycles that is worth showing (levels on the four-level scale).
    jump_levels: int = 2
    # More overdue answers to proposals and feedback than this in the period asks for a justification
    # (a setting of the sector: no Party text sets it).
    answers_overdue_justify_above: int = 2
    # Settings the regulation text we hold does not confirm; shown to users next to the pack.
    unconfirmed: tuple[str, ...] = ()
    # The pack's rules, in the order their findings are listed; and the criteria per frame.
    rules: tuple[EvalRule, ...] = field(default=(), compare=False, repr=False)
    frames: Mapping[str, tuple[Criterion, ...]] = field(default_factory=dict, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash(self.code)

    @cached_property
    def _thresholds(self) -> tuple[Decimal, Decimal, Decimal]:
        return (
            Decimal(str(self.excellent_min)),
            Decimal(str(self.good_min)),
            Decimal(str(self.completed_min)),
        )

    def rating_for_score(self, score: Decimal | float | int) -> str:
        """The rating whose point band holds ``score`` (a ``Rating`` value)."""
        value = score if isinstance(score, Decimal) else Decimal(str(score))
        excellent, good, completed = self._thresholds
        if value >= excellent:
            return "excellent"
        if value >= good:
            return "good"
        if value >= completed:
            return "completed"
        return "not_completed"

    def band(self, rating: str) -> tuple[float, float]:
        """(low, high) of a rating's band: low inclusive, high exclusive (100 for Excellent, inclusive)."""
        bands = {
            "excellent": (float(self.excellent_min), 100.0),
            "good": (float(self.good_min), float(self.excellent_min)),
            "completed": (float(self.completed_min), float(self.good_min)),
            "not_completed": (0.0, float(self.completed_min)),
        }
        try:
            return bands[str(rating)]
        except KeyError:
            raise ValueError(f"unknown rating {rating!r}") from None

    def criteria(self, frame: str) -> list[tuple[str, str, int]]:
        """(key, label, max_points) of the frame: general criteria (30 points) then task results (70)."""
        return [(c.key, c.label, c.max_points) for c in self.frames.get(str(frame), ())]

    def numbers(self) -> dict[str, str]:
        """The pack's limits as shown to users: shares as percentages (``20%``), counts as numbers."""
        shown: dict[str, str] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            shown[name] = (
                _percent(value) if name.endswith("_share") or name == "sibling_gap" else _number(value)
            )
        return shown

    def rule_title(self, rule: EvalRule) -> str:
        """The rule's title with this pack's numbers (``Tập thể có quá 20% nhiệm vụ chậm…``)."""
        return rule.describe(self.numbers())

    def rule(self, rule_id: str) -> EvalRule | None:
        return next((r for r in self.rules if r.id == rule_id), None)
