"""Rule packs, one module per regulation (qd366_2025, qd124_2023, qd132_2018).

Agreed interface (services and views call only these):

- ``DEFAULT_PACK = "qd366-2025"``
- ``available_packs() -> list[RulePack]``: discovered from the modules of this package (any module
  defining ``PACK = RulePack(...)``), so adding a pack needs no change elsewhere.
- ``get_pack(code: str) -> RulePack``: raises ``DomainError`` for an unknown code.
- ``check_cycle(cycle) -> list[Finding]``: every finding of the cycle, in unit path order.
- ``check_evaluation(evaluation) -> list[Finding]``: the findings that concern one evaluation (its own
  rules plus the unit-level rules of its unit, e.g. head vs collective, quota).
- ``check_decision(evaluation, *, rating, score) -> list[Finding]``: the findings the cycle would have if
  this evaluation were decided with ``rating``/``score``; a ``block`` one means the decision is refused.
- ``RulePack`` exposes at least: ``code``, ``name`` (Vietnamese), ``citation``, ``rating_for_score(score)``,
  ``band(rating) -> (low, high)``, ``criteria(frame) -> list[(key, label, max_points)]`` (30 general + 70
  task results), and ``rules`` (each ``Rule`` with id, severity, citation, title).

How it is built: the ``checks`` package holds the checks as pure functions over
``facts.CycleFacts`` (it defines no ``PACK``, so discovery passes it over); each pack module lists
the rules of its regulation with their severity and citation; ``engine.py`` loads the facts in bulk
and runs the rules. Rules read the most advanced rating of each evaluation (decided,
else proposed, else suggested by the collective, else self-review).
"""

from __future__ import annotations

import importlib
import pkgutil
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from tochuc.core.errors import DomainError, ErrorCode
from tochuc.evaluations.rules.base import Criterion, Finding, Rule, RulePack, Severity

if TYPE_CHECKING:
    from tochuc.evaluations.models import Evaluation, EvaluationCycle

__all__ = [
    "DEFAULT_PACK",
    "Criterion",
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


@cache
def _packs() -> dict[str, RulePack]:
    packs: dict[str, RulePack] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        pack = getattr(module, "PACK", None)
        if isinstance(pack, RulePack):
            packs[pack.code] = pack
    return packs


def available_packs() -> list[RulePack]:
    """Every pack, the default first, then the newest regulation first."""
    return sorted(_packs().values(), key=lambda p: (p.code != DEFAULT_PACK, -_year(p.code), p.code))


def _year(code: str) -> int:
    tail = code.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def get_pack(code: str) -> RulePack:
    try:
        return _packs()[code]
    except KeyError:
        raise DomainError(f"Không có bộ quy tắc «{code}».", code=ErrorCode.INVALID, field="pack") from None


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


def blocking(findings: list[Finding]) -> list[Finding]:
    """The ``block`` findings among ``findings``: any of them refuses the decision."""
    return [f for f in findings if f.severity == Severity.BLOCK]
