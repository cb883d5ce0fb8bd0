"""The rule-pack machinery every app uses.

A **pack** is the numbers of one regulation plus the list of its rules; each pack is a module of an
app's ``rules`` package defining ``PACK``. A **rule** is one provision: a stable id, a severity, the
citation of the text it comes from, a short title and a check. A **check** is a pure function over the
facts the app loads (its own type), the pack (for the numbers) and the rule itself (for the id,
severity and citation), yielding ``Finding`` objects.

- ``Severity``, ``Finding``, ``Rule`` — the vocabulary (``model``).
- ``PackRegistry`` — discovery of the packs of a package and selection by code (``registry``).
- ``run`` — every finding of some rules over some facts, in the rules' order.

An app with rules: ``<app>/rules/__init__.py`` keeps ``PACKS = PackRegistry(__name__, MyPack,
default="qd…-2025")``; ``<app>/rules/checks.py`` holds the checks; each ``<app>/rules/qd…_2025.py``
lists its ``Rule(...)`` objects with their citations and defines ``PACK = MyPack(code=…, <numbers>,
rules=…)``. Services run ``run(pack.rules, facts, pack)`` and refuse on ``blocking(...)``; pages show
``rule.describe(numbers)`` and the pack's numbers, never a literal. Evaluations and personnel are the
two examples.
"""

from __future__ import annotations

from tochuc.core.rules.model import Check, Finding, Rule, Severity, blocking, needs_justification, run
from tochuc.core.rules.registry import Pack, PackRegistry, UnknownPack

__all__ = [
    "Check",
    "Finding",
    "Pack",
    "PackRegistry",
    "Rule",
    "Severity",
    "UnknownPack",
    "blocking",
    "needs_justification",
    "run",
]
