"""Rule packs, one module per regulation (qd366_2025, qd124_2023, qd132_2018).

Agreed interface (services and views call only these):

- ``DEFAULT_PACK = "qd366-2025"``
- ``available_packs() -> list[RulePack]``: discovered from the modules of this package by
  ``tochuc.core.rules.PackRegistry`` (any module defining ``PACK = RulePack(...)``), so adding a pack
  needs no change elsewhere.
- ``get_pack(code: str) -> RulePack``: raises ``UnknownPack`` (a ``DomainError``) for an unknown code.
- ``check_cycle(cycle) -> list[Finding]``: every finding of the cycle, in unit path order.
- ``check_evaluation(evaluation) -> list[Finding]``: the findings that concern one evaluation (its own
  rules plus the unit-level rules of its unit, e.g. head vs collective, quota).
- ``check_decision(evaluation, *, rating, score) -> list[Finding]``: the findings the cycle would have if
  this evaluation were decided with ``rating``/``score``; a ``block`` one means the decision is refused.
- ``RulePack`` exposes at least: ``code``, ``name`` (Vietnamese), ``citation``, ``rating_for_score(score)``,
  ``band(rating) -> (low, high)``, ``criteria(frame) -> list[(key, label, max_points)]`` (30 general + 70
  task results), and ``rules`` (each core ``Rule`` with id, severity, citation, title; the title's
  placeholders are the pack's numbers: ``pack.rule_title(rule)``).

How it is built: the ``checks`` package holds the checks as pure functions over
``facts.CycleFacts`` (it defines no ``PACK``, so discovery passes it over); each pack module lists
the rules of its regulation with their severity and citation; ``engine.py`` loads the facts in bulk
and runs the rules. Rules read the most advanced rating of each evaluation (decided,
else proposed, else suggested by the collective, else self-review).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tochuc.core.rules import PackRegistry, blocking
from tochuc.evaluations.rules.base import Criterion, EvalRule, Finding, Rule, RulePack, Severity

if TYPE_CHECKING:
    from tochuc.evaluations.models import Evaluation, EvaluationCycle

__all__ = [
    "DEFAULT_PACK",
    "PACKS",
    "Criterion",
    "EvalRule",
    "Finding",
    "Rule",
    "RulePack",
    "Severity",
    "available_packs",
    "blocking",
    "check_cycle",
    "check_decision",
    "check_evaluation",
    "get_pack",
]

DEFAULT_PACK = "qd366-2025"
PACKS: PackRegistry[RulePack] = PackRegistry(__name__, RulePack, default=DEFAULT_PACK)


def available_packs() -> list[RulePack]:
    """Every pack, the default first, then the newest regulation first."""
    return PACKS.available()


def get_pack(code: str) -> RulePack:
    """The pack with this code; ``UnknownPack`` (a ``DomainError`` on the field ``pack``) otherwise."""
    return PACKS.get(code)


def check_cycle(cycle: EvaluationCycle) -> list[Finding]:
    """Every finding of the cycle under its pack, in unit path order."""
    from tochuc.evaluations.rules import engine

    return engine.run(get_pack(cycle.pack), engine.load_cycle_facts(cycle))


def check_evaluation(evaluation: Evaluation) -> list[Finding]:
    """The findings that concern one evaluation (loads only its neighbourhood)."""
    from tochuc.evaluations.rules import engine

    return engine.check_evaluation(get_pack(evaluation.cycle.pack), evaluation)


def check_decision(
    evaluation: Evaluation, *, rating: str, score: Decimal | float | int | None
) -> list[Finding]:
    """The findings about this evaluation if it were decided with ``rating``/``score``."""
    from tochuc.evaluations.rules import engine

    return engine.check_evaluation(get_pack(evaluation.cycle.pack), evaluation, rating=rating, score=score)
