"""What the home page reads: the work waiting for the user, and the overview of a unit's subtree.

Every read goes through the user's grants (``scope_q`` / the apps' own selectors);
each block is a fixed number of grouped queries, whatever the size of the scope.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can_subtree, has_any, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.directives.dashboards import first_led_tasks, led_status_counts, status_counts
from tochuc.directives.models import Task, TaskStatus
from tochuc.evaluations.models import CycleStatus, Evaluation, EvaluationCycle, Stage
from tochuc.evaluations.permissions import cycles_for
from tochuc.evaluations.selectors import my_evaluations
from tochuc.figures.models import Topic
from tochuc.figures.selectors import cycle_sums
from tochuc.figures.selectors import enabled as kept_figures_enabled
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import ImportJob, ImportJobStatus
from tochuc.personnel.models import EntryStatus, PlanningEntry, Procedure, ProcedureStatus
from tochuc.reports.selectors import Structure, structure

TASKS_SHOWN = 5
IMPORTS_SHOWN = 5
IMPORT_DAYS = 14

# The step each stage waits for, and who takes it.
EDIT_STAGES = (Stage.SELF_REVIEW, Stage.COMMENTS)
APPROVE_STAGES = (Stage.APPRAISAL,)
STAGE_ORDER = [stage.value for stage in Stage]
STEP_ACTIONS = ((Action.EDIT, EDIT_STAGES), (Action.APPROVE, APPROVE_STAGES))


@dataclass(frozen=True)
class StepGroup:
    """Evaluations of one cycle standing at one stage, waiting for the user's next step."""

    cycle_code: str
    cycle_name: str
    stage: str
    count: int


@dataclass(frozen=True)
class PlanningWaiting:
    cycle_id: int
    cycle_name: str
    count: int


@dataclass
class Waiting:
    own_evaluations: list[Evaluation] = field(default_factory=list)
    evaluation_steps: list[StepGroup] = field(default_factory=list)
    procedures_to_record: int = 0
    procedures_to_decide: int = 0
    planning: list[PlanningWaiting] = field(default_factory=list)
    task_counts: dict[str, int] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    tasks_as_of: dt.datetime | None = None  # when the worker counted the task figures; None: live
    imports: list[ImportJob] = field(default_factory=list)

    @property
    def tasks_late_or_at_risk(self) -> int:
        return self.task_counts.get(TaskStatus.OVERDUE, 0) + self.task_counts.get(TaskStatus.AT_RISK, 0)

    @property
    def is_empty(self) -> bool:
        return not (
            self.own_evaluations
            or self.evaluation_steps
            or self.procedures_to_record
            or self.procedures_to_decide
            or self.planning
            or self.tasks_late_or_at_risk
            or self.imports
        )


def _evaluation_steps(user: Actor) -> list[StepGroup]:
    """Evaluations of open cycles at a stage waiting for the user, per cycle and stage.

    When every reach the count goes over includes its subtree, read from the kept figures (the
    stages of each cycle in each reached subtree); otherwise one grouped query of the evaluations.
    """
    steps = _evaluation_steps_kept(user) if _steps_read_kept(user) else _evaluation_steps_raw(user)
    return sorted(steps, key=lambda g: (g.cycle_code, STAGE_ORDER.index(g.stage)))


def _steps_read_kept(user: Actor) -> bool:
    if not kept_figures_enabled():
        return False
    return all(r.include_subtree for action, _stages in STEP_ACTIONS for r in reaches(user, action))


def _evaluation_steps_kept(user: Actor) -> list[StepGroup]:
    cycles = {c.pk: c for c in EvaluationCycle.objects.filter(status=CycleStatus.OPEN).only("code", "name")}
    counts: dict[tuple[int, str], int] = {}
    for action, stages in STEP_ACTIONS:
        roots = [(r.unit_id, r.path) for r in reaches(user, action)]
        for (cycle_pk, _topic, stage), n in cycle_sums(roots, [Topic.STAGE], cycles).items():
            if stage in stages:
                counts[(cycle_pk, stage)] = counts.get((cycle_pk, stage), 0) + n
    return [
        StepGroup(cycles[cycle_pk].code, cycles[cycle_pk].name, stage, n)
        for (cycle_pk, stage), n in counts.items()
        if n
    ]


def _evaluation_steps_raw(user: Actor) -> list[StepGroup]:
    condition = (scope_q(user, Action.EDIT, "unit__path") & Q(stage__in=EDIT_STAGES)) | (
        scope_q(user, Action.APPROVE, "unit__path") & Q(stage__in=APPROVE_STAGES)
    )
    rows = (
        Evaluation.objects.filter(condition, cycle__status="open")
        .values("cycle__code", "cycle__name", "stage")
        .annotate(n=Count("pk"))
        .order_by("cycle__code", "stage")
    )
    return [StepGroup(r["cycle__code"], r["cycle__name"], r["stage"], r["n"]) for r in rows]


def _procedures(user: Actor) -> tuple[int, int]:
    """Open procedures whose next meeting the user records; passed ones the user decides.

    Only the procedures of the user's reach with one of the two statuses are read."""
    record = scope_q(user, Action.EDIT, "unit__path") & Q(status=ProcedureStatus.OPEN)
    decide = scope_q(user, Action.APPROVE, "unit__path") & Q(status=ProcedureStatus.PASSED)
    counts = Procedure.objects.filter(record | decide).aggregate(
        record=Count("pk", filter=record), decide=Count("pk", filter=decide)
    )
    return counts["record"] or 0, counts["decide"] or 0


def _planning(user: Actor) -> list[PlanningWaiting]:
    rows = (
        PlanningEntry.objects.filter(
            scope_q(user, Action.APPROVE, "cycle__unit__path"),
            status=EntryStatus.PROPOSED,
            cycle__is_open=True,
        )
        .values("cycle_id", "cycle__name")
        .annotate(n=Count("pk"))
        .order_by("cycle__name")
    )
    return [PlanningWaiting(r["cycle_id"], r["cycle__name"], r["n"]) for r in rows]


def waiting_for(user: Actor, *, today: dt.date | None = None) -> Waiting:
    """The steps, approvals, tasks and imports waiting for ``user`` (a fixed number of queries)."""
    today = today or timezone.localdate()
    waiting = Waiting()
    waiting.own_evaluations = list(my_evaluations(user).filter(cycle__status="open", stage=Stage.PENDING))
    acts = has_any(user, Action.EDIT) or has_any(user, Action.APPROVE)
    if acts:
        waiting.evaluation_steps = _evaluation_steps(user)
        waiting.procedures_to_record, waiting.procedures_to_decide = _procedures(user)
        waiting.planning = _planning(user)
    late = (TaskStatus.OVERDUE, TaskStatus.AT_RISK)
    if has_any(user, Action.VIEW):
        led = led_status_counts(user, late, today=today)
        waiting.task_counts, waiting.tasks_as_of = led.totals, led.as_of
        if waiting.tasks_late_or_at_risk:
            waiting.tasks = first_led_tasks(user, late, limit=TASKS_SHOWN, today=today)
    since = timezone.now() - dt.timedelta(days=IMPORT_DAYS)
    waiting.imports = list(
        ImportJob.objects.filter(created_by_id=user.pk, finished_at__gte=since)
        .exclude(status__in=[ImportJobStatus.QUEUED, ImportJobStatus.CHECKING, ImportJobStatus.WRITING])
        .only("id", "file_name", "status", "finished_at", "dry_run", "error_count", "created_count")
        .order_by("-finished_at")[:IMPORTS_SHOWN]
    )
    return waiting


def shows_overview(user: Actor) -> bool:
    """Leaders, specialists and admins see the overview of their scope."""
    return any(has_any(user, action) for action in (Action.APPROVE, Action.EDIT, Action.MANAGE_GRANTS))


@dataclass(frozen=True)
class Ratings:
    """Ratings of the latest round of evaluation in the unit's subtree, for collectives and individuals.

    The round is the latest cycle run at the unit's level or above, or, when the
    cycles were run below it (a province's cycles seen from the Centre), every
    cycle of the same year and kind inside the subtree.
    """

    cycles: list[EvaluationCycle]
    collectives: dict[str, int]  # rating (or "" undecided) → count
    individuals: dict[str, int]

    @property
    def cycle(self) -> EvaluationCycle:
        return self.cycles[0]

    @property
    def label(self) -> str:
        if len(self.cycles) == 1:
            return self.cycle.name
        return _("Năm %(year)s, %(n)d đợt đánh giá") % {"year": self.cycle.year, "n": len(self.cycles)}

    @property
    def total(self) -> int:
        return sum(self.collectives.values()) + sum(self.individuals.values())

    @property
    def decided(self) -> int:
        return self.total - self.collectives.get("", 0) - self.individuals.get("", 0)


@dataclass(frozen=True)
class Overview:
    unit: OrgUnit
    members: Structure
    ratings: Ratings | None
    tasks: dict[str, int]
    procedures: dict[str, int]
    as_of: dt.datetime | None = None  # when the figures were counted

    @property
    def tasks_total(self) -> int:
        return sum(self.tasks.values())

    @property
    def tasks_done(self) -> int:
        return self.tasks.get(TaskStatus.DONE_ON_TIME, 0) + self.tasks.get(TaskStatus.DONE_LATE, 0)

    @property
    def on_time_percent(self) -> int | None:
        done = self.tasks_done
        return round(100 * self.tasks.get(TaskStatus.DONE_ON_TIME, 0) / done) if done else None

    @property
    def procedure_rows(self) -> list[tuple[str, str, int]]:
        return [
            (s.value, str(s.label), self.procedures[s.value])
            for s in ProcedureStatus
            if s.value in self.procedures
        ]

    @property
    def procedures_open(self) -> int:
        return sum(self.procedures.get(s, 0) for s in (ProcedureStatus.OPEN, ProcedureStatus.BLOCKED))


def latest_cycles(user: Actor, unit: OrgUnit) -> list[EvaluationCycle]:
    """The latest round of cycles the user sees over ``unit``'s subtree (see ``Ratings``)."""
    ancestors = [unit.path[:end] for end in range(9, len(unit.path) + 1, 9)]
    seen = cycles_for(user).filter(Q(unit__path__in=ancestors) | Q(unit__path__startswith=unit.path))
    latest = seen.select_related("unit").order_by("-year", "-quarter", "-created_at").first()
    if latest is None:
        return []
    if len(latest.unit.path) <= len(unit.path):
        return [latest]
    same_round = seen.filter(year=latest.year, kind=latest.kind, quarter=latest.quarter)
    return list(same_round.select_related("unit").order_by("unit__path"))


def _ratings(user: Actor, unit: OrgUnit) -> Ratings | None:
    """Final ratings of the latest round in ``unit``'s subtree, not-reviewed evaluations left out:
    from the kept figures when the user sees the whole subtree, otherwise counted from the
    evaluations the user sees."""
    cycles = latest_cycles(user, unit)
    if not cycles:
        return None
    if kept_figures_enabled() and can_subtree(user, Action.VIEW, unit):
        return _ratings_kept(unit, cycles)
    return _ratings_raw(user, unit, cycles)


def _ratings_kept(unit: OrgUnit, cycles: list[EvaluationCycle]) -> Ratings:
    collectives: dict[str, int] = {}
    individuals: dict[str, int] = {}
    topics = [Topic.FINAL, Topic.FINAL_COLLECTIVE]
    for (_cycle, topic, rating), n in cycle_sums(
        [(unit.pk, unit.path)], topics, [c.pk for c in cycles]
    ).items():
        into = collectives if topic == Topic.FINAL_COLLECTIVE else individuals
        into[rating] = into.get(rating, 0) + n
    return Ratings(cycles, collectives, individuals)


def _ratings_raw(user: Actor, unit: OrgUnit, cycles: list[EvaluationCycle]) -> Ratings:
    rows = (
        Evaluation.objects.filter(
            scope_q(user, Action.VIEW, "unit__path"),
            cycle__in=cycles,
            unit__path__startswith=unit.path,
        )
        .exclude(stage=Stage.NOT_REVIEWED)
        .order_by()
        .values("subject_kind", "final_rating")
        .annotate(n=Count("pk"))
    )
    collectives: dict[str, int] = {}
    individuals: dict[str, int] = {}
    for row in rows:
        into = collectives if row["subject_kind"] == "collective" else individuals
        into[row["final_rating"]] = into.get(row["final_rating"], 0) + row["n"]
    return Ratings(cycles, collectives, individuals)


def overview(user: Actor, unit: OrgUnit, *, today: dt.date | None = None) -> Overview:
    """Figures of ``unit``'s subtree as ``user`` sees it: members, ratings, tasks, procedures."""
    today = today or timezone.localdate()
    procedure_rows = (
        Procedure.objects.filter(scope_q(user, Action.VIEW, "unit__path"), unit__path__startswith=unit.path)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    tasks = status_counts(user, unit, today=today, by_branch=False)
    return Overview(
        unit=unit,
        members=structure(user, unit, today=today),
        ratings=_ratings(user, unit),
        tasks=tasks.totals,
        procedures={r["status"]: r["n"] for r in procedure_rows},
        as_of=tasks.as_of or timezone.now(),
    )


def _scope_key(user: Actor) -> str:
    """Users whose grants reach the same subtrees see the same figures."""
    parts = [f"{r.path}{'*' if r.include_subtree else ''}" for r in reaches(user, Action.VIEW)]
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


D = TypeVar("D")


@dataclass(frozen=True)
class _Kept:
    data: Overview
    drawn: object = None  # what the page draws from ``data`` (the charts), kept with it


def _kept_key(user: Actor, unit: OrgUnit, today: dt.date) -> str:
    # The cycles shown also depend on who the user is evaluated as, and the labels on the language.
    person = getattr(user, "person_id", None)
    return (
        f"home:overview:{unit.pk}:{unit.path}:{today.isoformat()}:{_scope_key(user)}:"
        f"{person}:{translation.get_language()}"
    )


def overview_kept(user: Actor, unit: OrgUnit, *, today: dt.date | None = None) -> Overview:
    """``overview``, counted at most once per ``TOCHUC_OVERVIEW_CACHE_SECONDS`` for a unit and a scope.

    The home page is opened many times a day by everybody; its figures (members, ratings, tasks,
    procedures of the whole subtree) are read over the whole scope and say when they were counted.
    With the setting at 0 (tests, laptop), every view counts them again.
    """
    seconds = int(getattr(settings, "TOCHUC_OVERVIEW_CACHE_SECONDS", 0))
    if seconds <= 0:
        return overview(user, unit, today=today)
    today = today or timezone.localdate()
    key = _kept_key(user, unit, today)
    found = cache.get(key)
    if not isinstance(found, _Kept):
        found = _Kept(overview(user, unit, today=today))
        cache.set(key, found, seconds)
    return found.data


def overview_drawn(
    user: Actor, unit: OrgUnit, draw: Callable[[Overview], D], *, today: dt.date | None = None
) -> tuple[Overview, D]:
    """``overview_kept`` and what ``draw`` makes of it, kept together: the charts of figures that
    are kept are drawn once, in the same entry and for the same time."""
    seconds = int(getattr(settings, "TOCHUC_OVERVIEW_CACHE_SECONDS", 0))
    if seconds <= 0:
        data = overview(user, unit, today=today)
        return data, draw(data)
    today = today or timezone.localdate()
    key = _kept_key(user, unit, today)
    found = cache.get(key)
    if not isinstance(found, _Kept) or found.drawn is None:
        data = found.data if isinstance(found, _Kept) else overview(user, unit, today=today)
        found = _Kept(data, draw(data))
        cache.set(key, found, seconds)
    return found.data, cast("D", found.drawn)
