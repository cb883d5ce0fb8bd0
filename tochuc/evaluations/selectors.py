"""Reads of evaluation cycles, always given the acting user and scoped."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from tochuc.accounts.policy import Action, can, scope_q
from tochuc.core.actors import Actor
from tochuc.core.pages import page_then_fetch
from tochuc.evaluations.models import (
    Evaluation,
    EvaluationCycle,
    EvaluationStep,
    Justification,
    RatingChange,
    Stage,
)
from tochuc.evaluations.permissions import cycles_for
from tochuc.evaluations.rules import Finding, Severity, check_cycle, check_evaluation
from tochuc.orgunits.models import OrgUnit

SEVERITY_ORDER = {Severity.BLOCK: 0, Severity.JUSTIFY: 1, Severity.INFO: 2}


def cycle_list(user: Actor) -> QuerySet[EvaluationCycle]:
    return cycles_for(user).select_related("unit").order_by("-year", "code")


def my_evaluations(user: Actor) -> QuerySet[Evaluation]:
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return Evaluation.objects.none()
    return (
        Evaluation.objects.filter(person_id=person_id)
        .select_related("cycle", "unit")
        .order_by("-cycle__year")
    )


def evaluations_for(user: Actor, cycle: EvaluationCycle) -> QuerySet[Evaluation]:
    """The cycle's evaluations in the units the user may view."""
    return cycle.evaluations.filter(scope_q(user, Action.VIEW, "unit__path"))


@dataclass(frozen=True)
class ProgressFilter:
    unit: OrgUnit | None = None  # with its subtree
    unfinished: bool = False  # only units where some evaluation is not decided yet


def _stage_count(stage: str) -> Count:
    return Count("pk", filter=Q(stage=stage))


def unit_progress_page(
    user: Actor, cycle: EvaluationCycle, filters: ProgressFilter, page_number: str | int | None, per_page: int
) -> Page[dict[str, object]]:
    """One row per unit of the cycle in the user's scope, with the number of evaluations at each step."""
    qs = evaluations_for(user, cycle)
    if filters.unit is not None:
        qs = qs.filter(unit__path__startswith=filters.unit.path)
    rows = (
        qs.order_by()
        .values("unit_id", "unit__code", "unit__name", "unit__path", "unit__depth")
        .annotate(
            total=Count("pk"),
            pending=_stage_count(Stage.PENDING),
            self_review=_stage_count(Stage.SELF_REVIEW),
            comments=_stage_count(Stage.COMMENTS),
            appraisal=_stage_count(Stage.APPRAISAL),
            decided=_stage_count(Stage.DECIDED),
            not_reviewed=_stage_count(Stage.NOT_REVIEWED),
        )
        .order_by("unit__path")
    )
    if filters.unfinished:
        rows = rows.filter(Q(pending__gt=0) | Q(self_review__gt=0) | Q(comments__gt=0) | Q(appraisal__gt=0))
    return page_then_fetch(rows, page_number, per_page, _with_percent)


def _with_percent(rows: Sequence[Mapping[str, object]]) -> list[dict[str, object]]:
    """Each unit's row with the share of its evaluations decided (those not reviewed left out)."""
    return [{**row, "percent": _percent(row)} for row in rows]


def _percent(row: Mapping[str, object]) -> int:
    total, not_reviewed, decided = row["total"], row["not_reviewed"], row["decided"]
    assert isinstance(total, int) and isinstance(not_reviewed, int) and isinstance(decided, int)
    counted = total - not_reviewed
    return round(100 * decided / counted) if counted else 100


def cycle_totals(user: Actor, cycle: EvaluationCycle) -> dict[str, int]:
    return evaluations_for(user, cycle).aggregate(
        total=Count("pk"),
        decided=_stage_count(Stage.DECIDED),
        not_reviewed=_stage_count(Stage.NOT_REVIEWED),
    )


@dataclass(frozen=True)
class Shown:
    """A finding as shown in place, with its justification when one was written."""

    finding: Finding
    justification: Justification | None


@dataclass
class Row:
    evaluation: Evaluation
    findings: list[Shown] = field(default_factory=list)


@dataclass
class UnitSheet:
    """A unit in a cycle: the collective and the individuals, each with the findings that concern them."""

    unit: OrgUnit
    collective: Row | None
    page: Page[Evaluation]
    rows: list[Row]
    unit_findings: list[Shown]
    justifications: dict[tuple[str, str, str | None], Justification]


def _sort(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 3), f.rule))


def _unit_findings(
    cycle: EvaluationCycle, collective: Evaluation | None, people: list[Evaluation]
) -> list[Finding]:
    """The findings concerning the collective and the people shown, deduplicated.

    One run of the pack over the unit's neighbourhood when the engine offers it; otherwise one check per
    evaluation through the public interface.
    """
    subjects = [e for e in [collective, *people] if e is not None]
    found: list[Finding] = []
    from tochuc.evaluations.rules import engine, get_pack

    if collective is not None and hasattr(engine, "load_neighbourhood"):
        pack = get_pack(cycle.pack)
        facts, _focus = engine.load_neighbourhood(collective, pack)
        if people and hasattr(engine, "_load_previous"):
            # The previous cycle's ratings of the people shown (for the year-on-year signal).
            engine._load_previous(facts, cycle, Q(person_id__in=[e.person_id for e in people]))
        everything = engine.run(pack, facts)
        known = {fact.id for fact in facts.evaluations}
        for evaluation in subjects:
            if evaluation.pk in known:
                found.extend(engine.concerning(everything, facts, evaluation.pk))
            else:
                found.extend(check_evaluation(evaluation))
    else:
        for evaluation in subjects:
            found.extend(check_evaluation(evaluation))
    seen: set[tuple[str, str, str | None, str]] = set()
    unique: list[Finding] = []
    for finding in found:
        key = (finding.rule, finding.unit, finding.person, finding.message)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def unit_sheet(
    cycle: EvaluationCycle, unit: OrgUnit, page_number: str | int | None, per_page: int
) -> UnitSheet:
    """The caller has checked VIEW on ``unit``. Findings come from the rule pack, placed next to each row."""
    collective = cycle.evaluations.filter(unit=unit, person__isnull=True).select_related("unit").first()
    people = (
        cycle.evaluations.filter(unit=unit, person__isnull=False)
        .select_related("person", "unit")
        .order_by("-is_head", "person__sort_key", "pk")
    )
    page: Page[Evaluation] = Paginator(people, per_page).get_page(page_number)
    findings = _unit_findings(cycle, collective, list(page.object_list))
    by_person: dict[str, list[Finding]] = defaultdict(list)
    unit_findings: list[Finding] = []
    for finding in findings:
        if finding.person:
            by_person[finding.person].append(finding)
        else:
            unit_findings.append(finding)
    justifications = {
        (j.rule, j.unit.code, j.person.code if j.person else None): j
        for j in Justification.objects.filter(cycle=cycle)
        .select_related("unit", "person", "author")
        .filter(unit__code__in={f.unit for f in findings})
    }

    def shown(items: list[Finding]) -> list[Shown]:
        return [Shown(f, justifications.get((f.rule, f.unit, f.person))) for f in _sort(items)]

    rows = [Row(e, shown(by_person.get(e.person.code if e.person else "", []))) for e in page.object_list]
    return UnitSheet(
        unit=unit,
        collective=Row(collective, shown(unit_findings)) if collective else None,
        page=page,
        rows=rows,
        unit_findings=shown(unit_findings),
        justifications=justifications,
    )


def evaluation_findings(evaluation: Evaluation) -> list[Finding]:
    return _sort(list(check_evaluation(evaluation)))


def cycle_findings(user: Actor, cycle: EvaluationCycle) -> list[Finding]:
    """Every finding of the cycle in units the user may view."""
    findings = check_cycle(cycle)
    codes = {f.unit for f in findings}
    visible = set(
        OrgUnit.objects.filter(scope_q(user, Action.VIEW, "path"), code__in=codes).values_list(
            "code", flat=True
        )
    )
    return [f for f in findings if f.unit in visible]


@dataclass(frozen=True)
class TimelineEntry:
    when: dt.datetime
    kind: str  # "step" | "change"
    stage: str
    stage_label: str
    actor: str
    rating: str
    old_rating: str
    score: Decimal | None
    note: str


def timeline(evaluation: Evaluation) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for step in EvaluationStep.objects.filter(evaluation=evaluation).select_related("actor"):
        entries.append(
            TimelineEntry(
                when=step.recorded_at,
                kind="step",
                stage=step.stage,
                stage_label=step.get_stage_display(),
                actor=step.actor.display_name() if step.actor else "hệ thống",
                rating=step.get_rating_display() if step.rating else "",
                old_rating="",
                score=step.score,
                note=step.note,
            )
        )
    for change in RatingChange.objects.filter(evaluation=evaluation).select_related("actor"):
        entries.append(
            TimelineEntry(
                when=change.changed_at,
                kind="change",
                stage=change.stage,
                stage_label=change.get_stage_display(),
                actor=change.actor.display_name() if change.actor else "hệ thống",
                rating=change.get_new_rating_display() if change.new_rating else "",
                old_rating=change.get_old_rating_display() if change.old_rating else "",
                score=change.new_score,
                note=change.reason,
            )
        )
    return sorted(entries, key=lambda e: (e.when, e.kind == "step"))


def may_view_unit(user: Actor, unit: OrgUnit) -> bool:
    return can(user, Action.VIEW, unit)
