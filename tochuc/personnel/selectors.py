"""Reads of the personnel capability, always scoped by the acting user."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Count, F, Max, Prefetch, Q, QuerySet
from django.utils import timezone

from tochuc.accounts.policy import Action, scope_q
from tochuc.core.actors import Actor
from tochuc.core.text import fold
from tochuc.orgunits.models import OrgUnit, UnitKind
from tochuc.people.models import Person
from tochuc.personnel.models import (
    ConfidenceVote,
    Override,
    PlanningCycle,
    PlanningEntry,
    Procedure,
    ProcedureKind,
    ProcedureStatus,
    ProcedureStep,
    Rotation,
    StepOutcome,
)
from tochuc.personnel.rules import get_pack
from tochuc.personnel.rules.base import ProcedureStep as PackStep

if TYPE_CHECKING:
    from tochuc.personnel.eligibility import Finding
from tochuc.personnel.services.planning import ACTIVE, term_start
from tochuc.positions.models import Assignment, Position, Title
from tochuc.positions.requirements import age_on


def planning_cycles_for(user: Actor) -> QuerySet[PlanningCycle]:
    return (
        PlanningCycle.objects.filter(scope_q(user, Action.VIEW, "unit__path"))
        .select_related("unit")
        .annotate(active_entries=Count("entries", filter=Q(entries__status__in=ACTIVE)))
        .order_by("-is_open", "-term", "code")
    )


def planning_entries(cycle: PlanningCycle, *, include_removed: bool = False) -> QuerySet[PlanningEntry]:
    entries = PlanningEntry.objects.filter(cycle=cycle).select_related(
        "person__unit", "title", "proposed_by", "approved_by"
    )
    if not include_removed:
        entries = entries.filter(status__in=ACTIVE)
    return entries.order_by("title__leadership_group", "title__name", "person__sort_key")


@dataclass(frozen=True)
class Target:
    label: str
    have: int
    total: int
    need_share: float | None  # None for "at least one in each band"
    met: bool

    @property
    def share(self) -> float:
        return self.have / self.total if self.total else 0.0


def structure_targets(cycle: PlanningCycle) -> list[Target]:
    """Young, women, ethnic minorities and the three age bands of the active entries, met or not."""
    pack = get_pack(cycle.pack)
    start = term_start(cycle)
    people = list(
        PlanningEntry.objects.filter(cycle=cycle, status__in=ACTIVE)
        .values("person_id", "person__birth_date", "person__gender", "person__ethnicity")
        .distinct()
    )
    seen = {row["person_id"]: row for row in people}
    total = len(seen)
    ages = [age_on(row["person__birth_date"], start) for row in seen.values()]
    young = sum(1 for age in ages if age < pack.young_age_limit)
    women = sum(1 for row in seen.values() if row["person__gender"] == "female")
    minorities = sum(1 for row in seen.values() if fold(row["person__ethnicity"] or "kinh") != "kinh")
    targets = [
        Target(
            f"Cán bộ trẻ (dưới {pack.young_age_limit} tuổi)",
            young,
            total,
            float(pack.planning_min_young_share),
            total > 0
            and young * pack.planning_min_young_share.denominator
            >= total * pack.planning_min_young_share.numerator,
        ),
        Target(
            "Cán bộ nữ",
            women,
            total,
            float(pack.planning_min_women_share),
            total > 0
            and women * pack.planning_min_women_share.denominator
            >= total * pack.planning_min_women_share.numerator,
        ),
        Target("Cán bộ người dân tộc thiểu số", minorities, total, None, minorities > 0),
    ]
    lower = 0
    for upper in pack.planning_age_bands:
        count = sum(1 for age in ages if lower <= age < upper)
        label = f"Độ tuổi dưới {upper}" if lower == 0 else f"Độ tuổi {lower}–dưới {upper}"
        targets.append(Target(label, count, total, None, count > 0))
        lower = upper
    return targets


def procedures_for(user: Actor, *, unit: OrgUnit | None = None, status: str = "") -> QuerySet[Procedure]:
    procedures = Procedure.objects.filter(scope_q(user, Action.VIEW, "unit__path")).select_related(
        "unit", "candidate", "title"
    )
    if unit is not None:
        procedures = procedures.filter(unit__path__startswith=unit.path)
    if status:
        procedures = procedures.filter(status=status)
    return procedures.order_by("-file_received_on", "-id")


def leadership_positions(user: Actor) -> QuerySet[Position]:
    """Leadership positions in the units where the user may open a procedure, in tree order."""
    return (
        Position.objects.filter(scope_q(user, Action.EDIT, "unit__path"), title__is_leadership=True)
        .select_related("unit")
        .order_by("unit__path", "name")
    )


def procedure_timeline(procedure: Procedure) -> list[ProcedureStep]:
    """The meetings held, each with its ballot counts, in order."""
    return list(procedure.steps.select_related("recorded_by").prefetch_related("ballots"))


@dataclass(frozen=True)
class Meeting:
    """A meeting held, with the pack's name of its step and its attendance figures."""

    step: ProcedureStep
    label: str
    quorum_min: int  # the fewest present that make the meeting valid
    present_pct: float


@dataclass(frozen=True)
class PlannedStep:
    """A step of the pack's plan and how far the procedure has come with it."""

    order: int
    label: str
    done: bool
    current: bool
    attempts: int


@dataclass(frozen=True)
class ProcedureProgress:
    timeline: list[Meeting]
    plan: list[PlannedStep]
    upcoming: tuple[int, PackStep] | None  # the step to hold next while the procedure is open


def procedure_progress(procedure: Procedure) -> ProcedureProgress:
    """The meetings held and the pack's plan of steps: which passed, which comes next, how often
    each was held."""
    from tochuc.personnel.services.procedures import next_step

    labels = step_labels(procedure)
    steps = procedure_timeline(procedure)
    timeline = [
        Meeting(
            step,
            labels.get(step.order, step.key),
            quorum_minimum(procedure, step.convened),
            round(100 * step.present / step.convened, 1) if step.convened else 0,
        )
        for step in steps
    ]
    passed = {step.order for step in steps if step.outcome == StepOutcome.PASSED}
    upcoming = next_step(procedure) if procedure.is_open else None
    plan = [
        PlannedStep(
            order=order,
            label=label,
            done=order in passed,
            current=upcoming is not None and upcoming[0] == order,
            attempts=sum(1 for step in steps if step.order == order),
        )
        for order, label in labels.items()
    ]
    return ProcedureProgress(timeline, plan, upcoming)


def transparency(user: Actor, unit: OrgUnit) -> QuerySet[Procedure]:
    """Procedures of a subtree: duration, meetings held and repeated, findings overridden and by whom."""
    return (
        procedures_for(user, unit=unit)
        .annotate(
            meetings=Count("steps", distinct=True),
            repeated=Count("steps", filter=Q(steps__attempt__gt=1), distinct=True),
            failed_quorum=Count("steps", filter=Q(steps__outcome=StepOutcome.NO_QUORUM), distinct=True),
            overridden=Count("overrides", distinct=True),
            last_meeting=Max("steps__held_on"),
        )
        .prefetch_related(Prefetch("overrides", queryset=Override.objects.select_related("actor")))
    )


@dataclass(frozen=True)
class Timed:
    """A procedure, the day it ended and the days it took (``None`` while it runs)."""

    procedure: Procedure
    end: dt.date | None
    days: int | None

    @classmethod
    def of(cls, procedure: Procedure) -> Timed:
        end = procedure_end(procedure)
        return cls(procedure, end, (end - procedure.file_received_on).days if end else None)


def procedure_end(procedure: Procedure) -> dt.date | None:
    """The decision, the meeting where the vote failed, or the day it was stopped; ``None`` while it runs."""
    end = procedure.decided_on
    if end is None and procedure.status == ProcedureStatus.FAILED:
        end = (
            getattr(procedure, "last_meeting", None) or procedure.steps.aggregate(last=Max("held_on"))["last"]
        )
    if end is None and procedure.finished_at:
        end = timezone.localtime(procedure.finished_at).date()
    return end


def duration_days(procedure: Procedure) -> int | None:
    """Days from the file received to the end (see ``procedure_end``)."""
    return Timed.of(procedure).days


def rotations_for(user: Actor, *, unit: OrgUnit | None = None, open_only: bool = False) -> QuerySet[Rotation]:
    rotations = Rotation.objects.filter(
        scope_q(user, Action.VIEW, "from_unit__path") | scope_q(user, Action.VIEW, "to_unit__path")
    ).select_related("person", "from_unit", "to_unit", "to_title")
    if unit is not None:
        rotations = rotations.filter(
            Q(from_unit__path__startswith=unit.path) | Q(to_unit__path__startswith=unit.path)
        )
    if open_only:
        rotations = rotations.filter(ended_on__isnull=True)
    return rotations.order_by("planned_end", "id")


class HeadNearLimit(TypedDict):
    candidate_id: int
    candidate__full_name: str
    title__name: str
    unit__name: str
    unit_id: int
    terms: int
    until: dt.date | None


def heads_near_term_limit(user: Actor, unit: OrgUnit) -> list[HeadNearLimit]:
    """Heads in their last allowed consecutive term for the same title in the same unit."""
    limit = get_pack(None).head_max_consecutive_terms
    rows = (
        Procedure.objects.filter(
            scope_q(user, Action.VIEW, "unit__path"),
            unit__path__startswith=unit.path,
            status=ProcedureStatus.DECIDED,
            kind__in=(ProcedureKind.APPOINTMENT, ProcedureKind.REAPPOINTMENT),
            title__is_leadership=True,
        )
        .values("candidate_id", "candidate__full_name", "title__name", "unit__name", "unit_id")
        .annotate(terms=Count("id"), until=F("term_end"))
        .order_by()
    )
    grouped: dict[tuple[int, str, int], HeadNearLimit] = {}
    for row in rows:
        key = (row["candidate_id"], row["title__name"], row["unit_id"])
        entry = grouped.setdefault(
            key,
            HeadNearLimit(
                candidate_id=row["candidate_id"],
                candidate__full_name=row["candidate__full_name"],
                title__name=row["title__name"],
                unit__name=row["unit__name"],
                unit_id=row["unit_id"],
                terms=0,
                until=row["until"],
            ),
        )
        entry["terms"] += row["terms"]
        if row["until"] and (entry["until"] is None or row["until"] > entry["until"]):
            entry["until"] = row["until"]
    return sorted(
        (entry for entry in grouped.values() if entry["terms"] >= limit),
        key=lambda entry: (entry["until"] or dt.date.max, entry["candidate__full_name"]),
    )


def _province_word(unit: OrgUnit) -> str:
    """The locality a unit belongs to, folded: "Đảng bộ tỉnh Hà Tĩnh" → "ha tinh"."""
    province = unit
    for ancestor in OrgUnit.objects.filter(path__in=unit.ancestor_paths()).order_by("depth"):
        if ancestor.kind == UnitKind.PROVINCIAL:
            province = ancestor
            break
    folded = fold(province.name)
    for prefix in ("dang bo thanh pho ", "dang bo tinh ", "dang bo "):
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def local_in_non_local_posts(user: Actor, unit: OrgUnit) -> list[Assignment]:
    """Posts the pack wants held by someone from elsewhere, held by a person from the same locality."""
    pack = get_pack(None)
    locality = _province_word(unit)
    if not locality:
        return []
    open_posts = Assignment.objects.filter(
        scope_q(user, Action.VIEW, "position__unit__path"),
        position__unit__path__startswith=unit.path,
        end__isnull=True,
        position__title__is_leadership=True,
    ).select_related("person", "position__unit", "position__title")
    found = []
    for assignment in open_posts:
        title = fold(
            assignment.position.title.name if assignment.position.title else assignment.position.name
        )
        if any(fragment in title for fragment in pack.non_local_titles) and locality in fold(
            assignment.person.hometown
        ):
            found.append(assignment)
    return found


def confidence_votes_for(user: Actor, *, unit: OrgUnit | None = None) -> QuerySet[ConfidenceVote]:
    votes = ConfidenceVote.objects.filter(scope_q(user, Action.VIEW, "unit__path")).select_related(
        "person", "unit"
    )
    if unit is not None:
        votes = votes.filter(unit__path__startswith=unit.path)
    return votes.order_by("-held_on", "id")


# --- Read-only helpers for the pages ------------------------------------------------------------


def appointment_preview(
    *,
    kind: str,
    unit: OrgUnit,
    title: Title,
    candidate: Person,
    received_on: dt.date,
    position: Position | None = None,
    term_months: int = 60,
    pack: str | None = None,
) -> list[Finding]:
    """The checks ``procedure_open`` would make, without opening anything (to show what needs a reason)."""
    from tochuc.personnel import eligibility

    rules = get_pack(pack)
    facts = eligibility.load_facts([candidate.pk])[candidate.pk]
    return eligibility.appointment_checks(
        rules,
        facts,
        kind=kind,
        title=title,
        position=position,
        is_internal=candidate.unit.path.startswith(unit.path),
        received_on=received_on,
        term_months=term_months,
    )


def step_labels(procedure: Procedure) -> dict[int, str]:
    """The pack's label of each step of ``procedure`` (1-based order → label)."""
    pack = get_pack(procedure.pack)
    steps = pack.internal_steps if procedure.is_internal else pack.external_steps
    return {order: step.label for order, step in enumerate(steps, start=1)}


def quorum_minimum(procedure: Procedure, convened: int) -> int:
    """The fewest people present that make a meeting of ``convened`` valid under the pack."""
    import math

    return math.ceil(get_pack(procedure.pack).quorum * convened)


def procedure_counts(user: Actor) -> dict[str, int]:
    """How many procedures in reach are in each status (one query)."""
    rows = (
        Procedure.objects.filter(scope_q(user, Action.VIEW, "unit__path"))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["status"]: row["n"] for row in rows}
