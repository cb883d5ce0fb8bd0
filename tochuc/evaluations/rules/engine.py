"""Loading the facts in bulk and running a pack's rules over them.

A whole cycle is loaded with a handful of ``values_list`` queries (units of the subtree and their
ancestors, the evaluations with person code and membership, the justifications, the previous cycle's
ratings); the rules then run in memory. One evaluation loads only its neighbourhood: its unit, the
ancestors, the children, the siblings and the subtree of its comparable (quota) group.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf

from tochuc.core.rules import run as run_rules
from tochuc.evaluations.models import Evaluation, EvaluationCycle, Justification, Stage
from tochuc.evaluations.rules import checks
from tochuc.evaluations.rules.base import Finding, RulePack, Severity
from tochuc.evaluations.rules.facts import AnsweringFact, CycleFacts, EvalFact, UnitFact
from tochuc.orgunits.models import OrgUnit

EVAL_COLUMNS = (
    "id",
    "unit_id",
    "person_id",
    "person__code",
    "frame",
    "is_head",
    "stage",
    "self_rating",
    "self_score",
    "suggested_rating",
    "proposed_rating",
    "proposed_score",
    "final_rating",
    "final_score",
    "tasks_total",
    "tasks_done",
    "tasks_on_time",
    "tasks_late",
    "tasks_exceeding",
    "low_confidence_share",
    "disciplined",
    "degenerated",
    "person__membership__status",
    "person__membership__admitted_on",
)
UNIT_COLUMNS = ("id", "code", "path", "kind", "parent_id", "name")

# Unit-level signals: shown with every evaluation of the unit.
UNIT_SIGNALS = frozenset({"inflation_pattern", "far_from_siblings", "identical_scores"})


def _units(query: Q) -> dict[int, UnitFact]:
    return {row[0]: UnitFact(*row) for row in OrgUnit.objects.filter(query).values_list(*UNIT_COLUMNS)}


def _evaluations(query: Q) -> list[EvalFact]:
    return [EvalFact(*row) for row in Evaluation.objects.filter(query).values_list(*EVAL_COLUMNS)]


def _ancestor_paths(path: str) -> list[str]:
    from tochuc.orgunits.models import PATH_STEP

    return [path[:end] for end in range(PATH_STEP, len(path) + 1, PATH_STEP)]


def previous_cycle(cycle: EvaluationCycle) -> EvaluationCycle | None:
    """The latest earlier cycle of the same kind whose unit is the cycle's unit or one of its ancestors."""
    earlier = Q(year__lt=cycle.year)
    if cycle.quarter:
        earlier |= Q(year=cycle.year, quarter__lt=cycle.quarter)
    return (
        EvaluationCycle.objects.filter(
            earlier, kind=cycle.kind, unit__path__in=_ancestor_paths(cycle.unit.path)
        )
        .exclude(pk=cycle.pk)
        .order_by("-year", F("quarter").desc(nulls_last=True), "-id")
        .first()
    )


def _load_previous(facts: CycleFacts, cycle: EvaluationCycle, extra: Q | None = None) -> None:
    previous = previous_cycle(cycle)
    if previous is None:
        return
    facts.previous_label = previous.name or previous.code
    # The most advanced rating of each subject, computed by the database.
    rating = Coalesce(
        NullIf("final_rating", Value("")),
        NullIf("proposed_rating", Value("")),
        NullIf("suggested_rating", Value("")),
        NullIf("self_rating", Value("")),
    )
    rows = (
        Evaluation.objects.filter(Q(cycle=previous) & (extra or Q()))
        .annotate(rating=rating)
        .filter(rating__isnull=False)
        .values_list("person_id", "unit_id", "rating")
    )
    for person_id, unit_id, rating in rows:
        if person_id is None:
            facts.previous_unit[unit_id] = rating
        else:
            facts.previous_person[person_id] = rating


def _justified(cycle: EvaluationCycle, extra: Q | None = None) -> set[tuple[str, str, str | None]]:
    rows = (
        Justification.objects.filter(Q(cycle=cycle) & (extra or Q()))
        .order_by()
        .values_list("rule", "unit__code", "person__code")
    )
    return {(rule, unit, person) for rule, unit, person in rows}


def _load_discipline(facts: CycleFacts, cycle: EvaluationCycle) -> None:
    """Mark the collectives and members disciplined by a decision dated in the cycle's period."""
    from tochuc.evaluations.services.common import period_end, period_start
    from tochuc.rewards.selectors import disciplined_between

    units, people = disciplined_between(
        period_start(cycle),
        period_end(cycle),
        unit_ids={ev.unit_id for ev in facts.evaluations if ev.person_id is None},
        person_ids={ev.person_id for ev in facts.evaluations if ev.person_id is not None},
    )
    for ev in facts.evaluations:
        if (ev.person_id is None and ev.unit_id in units) or (
            ev.person_id is not None and ev.person_id in people
        ):
            ev.disciplined = True


def _load_answering(facts: CycleFacts, cycle: EvaluationCycle) -> None:
    """Each collective's answering record over the cycle's period (proposals and feedback)."""
    from tochuc.evaluations.services.common import period_end, period_start
    from tochuc.proposals.facts import answering_counts

    unit_ids = {ev.unit_id for ev in facts.evaluations if ev.person_id is None and facts.wanted(ev.unit_id)}
    counts = answering_counts(unit_ids, period_start(cycle), period_end(cycle))
    facts.answering = {uid: AnsweringFact(c.overdue, c.found_right) for uid, c in counts.items()}


def load_cycle_facts(cycle: EvaluationCycle) -> CycleFacts:
    """Every fact of the cycle, in five or six queries."""
    root = cycle.unit
    units = _units(Q(path__startswith=root.path) | Q(path__in=_ancestor_paths(root.path)))
    evaluations = _evaluations(Q(cycle=cycle))
    missing = {ev.unit_id for ev in evaluations} - units.keys()
    if missing:  # evaluations outside the cycle's subtree (moved units): still checked
        units.update(_units(Q(id__in=missing)))
    facts = CycleFacts(
        year=cycle.year,
        kind=cycle.kind,
        quarter=cycle.quarter,
        units=units,
        evaluations=evaluations,
        justified=_justified(cycle),
    )
    _load_previous(facts, cycle)
    _load_discipline(facts, cycle)
    _load_answering(facts, cycle)
    return facts


def load_neighbourhood(evaluation: Evaluation, pack: RulePack) -> tuple[CycleFacts, set[int]]:
    """The facts around one evaluation, and the units whose findings may concern it.

    Loaded: the unit's ancestors, the unit, its children and its siblings with their evaluations; for
    an individual also the evaluations of its comparable (quota) group: the units of the group's
    subtree whose own group is that one (a grassroots organization's cells, not a nested one's).
    """
    cycle = evaluation.cycle
    unit = OrgUnit.objects.only("id", "path", "parent_id").get(pk=evaluation.unit_id)
    units = _units(Q(path__in=_ancestor_paths(unit.path)))
    focus = {unit.id}
    group_units: list[int] = []
    if evaluation.person_id is not None:
        probe = CycleFacts(year=cycle.year, units=units)
        group_id = probe.quota_group(unit.id, pack.quota_group_kind)
        units.update(_units(Q(path__startswith=units[group_id].path)))
        probe = CycleFacts(year=cycle.year, units=units)
        group_path = units[group_id].path
        group_units = [
            u.id
            for u in units.values()
            if u.path.startswith(group_path) and probe.quota_group(u.id, pack.quota_group_kind) == group_id
        ]
        focus.add(group_id)
    around = Q(parent_id=unit.id)
    if unit.parent_id is not None:
        around |= Q(parent_id=unit.parent_id)
        focus.add(unit.parent_id)
    units.update(_units(around))
    near_ids = {u.id for u in units.values() if u.parent_id in (unit.id, unit.parent_id) or u.id == unit.id}
    evaluations = _evaluations(Q(cycle=cycle, unit_id__in=near_ids | set(group_units)))
    facts = CycleFacts(
        year=cycle.year,
        kind=cycle.kind,
        quarter=cycle.quarter,
        units=units,
        evaluations=evaluations,
        justified=_justified(cycle, Q(unit_id__in=focus)),
    )
    subject = Q(person_id=evaluation.person_id) if evaluation.person_id else Q(unit_id=unit.id, person=None)
    _load_previous(facts, cycle, subject)
    _load_discipline(facts, cycle)
    facts.focus_units = focus
    if evaluation.person_id is None:  # the answering record is a fact about the collective only
        _load_answering(facts, cycle)
    return facts, focus


def run(pack: RulePack, facts: CycleFacts) -> list[Finding]:
    """Every finding of the pack's rules over the facts, justified ones marked, in unit path order."""
    checks.reset_cache()
    findings = run_rules(pack.rules, facts, pack)
    if facts.justified:
        findings = [
            dataclasses.replace(f, justified=True)
            if f.severity == Severity.JUSTIFY and (f.rule, f.unit, f.person) in facts.justified
            else f
            for f in findings
        ]
    paths = {u.code: u.path for u in facts.units.values()}
    order = {rule.id: index for index, rule in enumerate(pack.rules)}
    findings.sort(key=lambda f: (paths.get(f.unit, f.unit), f.person or "", order.get(f.rule, 0)))
    return findings


def concerning(findings: Iterable[Finding], facts: CycleFacts, evaluation_id: int) -> list[Finding]:
    """The findings about one evaluation: its own, those naming it as related, its unit's signals."""
    target = next(ev for ev in facts.evaluations if ev.id == evaluation_id)
    unit_code = facts.code(target.unit_id)
    return [
        f
        for f in findings
        if f.concerns(evaluation_id) or (f.rule in UNIT_SIGNALS and f.person is None and f.unit == unit_code)
    ]


def check_evaluation(pack: RulePack, evaluation: Evaluation, **decision: object) -> list[Finding]:
    facts, _focus = load_neighbourhood(evaluation, pack)
    if decision:
        target = next(ev for ev in facts.evaluations if ev.id == evaluation.pk)
        score = decision.get("score")
        target.final_rating = str(decision.get("rating") or "")
        target.final_score = Decimal(str(score)) if score is not None else None
        target.stage = Stage.DECIDED
    return concerning(run(pack, facts), facts, evaluation.pk)
