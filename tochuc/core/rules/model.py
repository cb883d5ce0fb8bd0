"""Severity, Finding and Rule: what a rule pack is made of, whatever the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeAlias, TypeVar

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Severity(StrEnum):
    BLOCK = "block"  # the decision cannot be recorded
    JUSTIFY = "justify"  # allowed with a written justification the upper level sees
    INFO = "info"  # shown, asks for nothing


@dataclass(frozen=True, kw_only=True)
class Finding:
    """What one rule found: its id, its severity and a message that ends with the rule's citation.

    Apps that need to say more (the unit, the person, the evaluation) subclass it.
    """

    rule: str
    severity: Severity
    message: str

    def as_json(self) -> dict[str, str | None]:
        return {"rule": self.rule, "severity": str(self.severity), "message": self.message}


FactsT = TypeVar("FactsT")
PackT = TypeVar("PackT")
FindingT = TypeVar("FindingT", bound=Finding)


@dataclass(frozen=True)
class Rule(Generic[FactsT, PackT, FindingT]):
    """One provision of a regulation.

    ``citation`` names the text (regulation and provision, in Vietnamese, as officials cite it);
    ``title`` says in a few words what the rule catches (translatable, lazily at import time);
    ``check`` reads the facts and the pack's numbers and yields the findings.
    """

    id: str
    severity: Severity
    citation: str
    title: StrOrPromise
    check: Check[FactsT, PackT, FindingT] = field(compare=False, repr=False)

    def cite(self, message: str) -> str:
        """``message`` followed by the citation in brackets."""
        return f"{message} ({self.citation})"

    def finding(self, message: str, *, severity: Severity | None = None, key: str = "") -> Finding:
        """A plain finding of this rule; ``key`` refines the id (``standard`` → ``standard_degree``)."""
        return Finding(
            rule=f"{self.id}_{key}" if key else self.id,
            severity=severity or self.severity,
            message=self.cite(message),
        )

    def describe(self, numbers: Mapping[str, object]) -> str:
        """The title in the active language, its ``{placeholders}`` filled with the pack's numbers."""
        return str(self.title).format_map(numbers)

    def evaluate(self, facts: FactsT, pack: PackT) -> list[FindingT]:
        return list(self.check(facts, pack, self))


# A rule's check: the facts, the pack (for its numbers), the rule itself (id, severity, citation).
Check: TypeAlias = Callable[[FactsT, PackT, Rule[FactsT, PackT, FindingT]], Iterable[FindingT]]


def run(rules: Iterable[Rule[FactsT, PackT, FindingT]], facts: FactsT, pack: PackT) -> list[FindingT]:
    """Every finding of ``rules`` over ``facts``, rule after rule, in the order of ``rules``."""
    found: list[FindingT] = []
    for rule in rules:
        found.extend(rule.check(facts, pack, rule))
    return found


def blocking(findings: Iterable[FindingT]) -> list[FindingT]:
    """The findings that refuse the decision."""
    return [f for f in findings if f.severity == Severity.BLOCK]


def needs_justification(findings: Iterable[FindingT]) -> list[FindingT]:
    """The findings that need a written justification before going on."""
    return [f for f in findings if f.severity == Severity.JUSTIFY]
