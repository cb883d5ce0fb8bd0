"""Rule packs, one module per regulation (qd366_2025, qd124_2023, qd132_2018).

Agreed interface (the rules work fills it in; services and views call only these):

- ``DEFAULT_PACK = "qd366-2025"``
- ``available_packs() -> list[RulePack]``: discovered from the modules of this package, so adding a
  pack needs no change elsewhere.
- ``get_pack(code: str) -> RulePack``: raises ``DomainError`` for an unknown code.
- ``check_cycle(cycle) -> list[Finding]``: every finding of the cycle, in unit path order.
- ``check_evaluation(evaluation) -> list[Finding]``: the findings that concern one evaluation (its own
  rules plus the unit-level rules of its unit, e.g. head vs collective, quota).
- ``check_decision(evaluation, *, rating, score) -> list[Finding]``: the findings the cycle would have if
  this evaluation were decided with ``rating``/``score``; a ``block`` one means the decision is refused.
- ``RulePack`` exposes at least: ``code``, ``name`` (Vietnamese), ``citation``, ``rating_for_score(score)``,
  ``band(rating) -> (low, high)``, ``criteria(frame) -> list[(key, label, max_points)]`` (30 general + 70
  task results).
"""
