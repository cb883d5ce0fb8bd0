"""Reads on inspections, always for a user: an inspection is seen by those who reach the inspecting
unit, sit on its team, or reach one of its targets (so the target's leader follows what was concluded
about it).

Two sides see it differently (``view_for``): the inspecting side (who reaches the inspecting unit, and
the team) sees everything; a target's side sees only what concerns the targets it reaches: those
targets and their people, the self-report, the conclusion once issued and the follow-up tasks its
units lead; never the plan, the findings, the draft report, the other targets or the proposed
discipline."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tochuc.accounts.policy import Action, can, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.directives.models import Task
from tochuc.inspections.errors import InspectionsErrorCode
from tochuc.inspections.models import DisciplineProposal, Inspection, Member, Programme
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.rewards.models import Discipline

STATUS_LABELS = {
    "in_progress": _("Đang tiến hành"),
    "follow_up": _("Đã kết luận, đang khắc phục"),
    "closed": _("Đã hoàn thành"),
}


def _team_person_id(user: Actor) -> int | None:
    return getattr(user, "person_id", None) if getattr(user, "is_authenticated", False) else None


def inspections_for(user: Actor) -> QuerySet[Inspection]:
    targeted = Inspection.targets.through.objects.filter(scope_q(user, Action.VIEW, "orgunit__path")).values(
        "inspection_id"
    )
    seen = scope_q(user, Action.VIEW, "unit__path") | Q(pk__in=targeted)
    person_id = _team_person_id(user)
    if person_id is not None:
        seen |= Q(pk__in=Member.objects.filter(person_id=person_id).values("inspection_id"))
    return (
        Inspection.objects.filter(seen).select_related("unit", "programme", "conclusion_document").distinct()
    )


def is_inspecting_side(user: Actor, inspection: Inspection) -> bool:
    """Whether ``user`` reaches the inspecting unit or sits on the team (sees the whole inspection)."""
    if can(user, Action.VIEW, inspection.unit):
        return True
    person_id = _team_person_id(user)
    return person_id is not None and inspection.members.filter(person_id=person_id).exists()


def get_inspection_for(user: Actor, code: str) -> Inspection:
    found = inspections_for(user).filter(code=code.strip().upper()).first()
    if found is None:
        raise Http404
    return found


def programmes_for(user: Actor) -> QuerySet[Programme]:
    return Programme.objects.filter(scope_q(user, Action.VIEW, "unit__path")).select_related("unit")


def follow_up_tasks(inspection: Inspection) -> QuerySet[Task]:
    if inspection.conclusion_document_id is None:
        return Task.objects.none()
    return (
        Task.objects.filter(directive_id=inspection.conclusion_document_id)
        .select_related("lead_unit", "directive")
        .order_by("id")
    )


def discipline_decided(proposal: DisciplineProposal) -> bool:
    """A proposal is followed up once a decision for the same subject is recorded after the conclusion."""
    concluded = proposal.inspection.concluded_on
    subject = Q(person_id=proposal.person_id) if proposal.person_id else Q(unit_id=proposal.unit_id)
    return concluded is not None and Discipline.objects.filter(subject, decided_on__gte=concluded).exists()


@dataclass
class Progress:
    """How far the follow-ups of a conclusion are."""

    tasks: list[Task] = field(default_factory=list)
    tasks_done: int = 0
    discipline: list[tuple[DisciplineProposal, bool]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.tasks) + len(self.discipline)

    @property
    def done(self) -> int:
        return self.tasks_done + sum(1 for _p, decided in self.discipline if decided)

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else round(100 * self.done / self.total)


def progress(inspection: Inspection) -> Progress:
    tasks = list(follow_up_tasks(inspection))
    proposals = list(
        inspection.discipline_proposals.select_related("person", "unit", "inspection").order_by("id")
    )
    return Progress(
        tasks=tasks,
        tasks_done=sum(1 for t in tasks if t.completed_on is not None),
        discipline=[(p, discipline_decided(p)) for p in proposals],
    )


# The steps a target's side may read; the others are the inspecting side's working drafts.
TARGET_STEPS = frozenset({"self_report"})


@dataclass
class InspectionView:
    """One inspection as one user may see it."""

    inspection: Inspection
    inspecting: bool
    targets: list[OrgUnit]
    target_people: list[Person]
    progress: Progress
    status: str

    def shows_step(self, step: str) -> bool:
        return self.inspecting or step in TARGET_STEPS


def view_for(user: Actor, inspection: Inspection) -> InspectionView:
    """What ``user`` (who already reaches the inspection) may see of it."""
    found = progress(inspection)
    status = status_of(inspection, found)
    targets = list(inspection.targets.order_by("code"))
    people = list(inspection.target_people.select_related("unit").order_by("code"))
    if is_inspecting_side(user, inspection):
        return InspectionView(inspection, True, targets, people, found, status)
    reached = reaches(user, Action.VIEW)

    def mine(path: str) -> bool:
        return any(r.covers(path) for r in reached)

    own = Progress(
        tasks=[t for t in found.tasks if mine(t.lead_path)],
        tasks_done=sum(1 for t in found.tasks if mine(t.lead_path) and t.completed_on is not None),
    )
    return InspectionView(
        inspection,
        False,
        [u for u in targets if mine(u.path)],
        [p for p in people if mine(p.unit.path)],
        own,
        status,
    )


def status_of(inspection: Inspection, found: Progress | None = None) -> str:
    """Never stored: open until concluded, then following up until every follow-up is done."""
    if not inspection.is_concluded:
        return "in_progress"
    found = found or progress(inspection)
    return "closed" if found.done == found.total else "follow_up"


def status_label(status: str) -> str:
    return str(STATUS_LABELS[status])


def units_in(root: OrgUnit, codes: list[str], field: str) -> list[OrgUnit]:
    wanted = {c.strip().upper() for c in codes}
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=wanted, path__startswith=root.path)}
    missing = sorted(wanted - set(found))
    if missing:
        raise DomainError(
            gettext("Không có đơn vị %(codes)s trong %(unit)s.")
            % {"codes": ", ".join(missing), "unit": root.name},
            field=field,
            code=InspectionsErrorCode.TARGET_OUTSIDE,
        )
    return [found[c] for c in sorted(found)]


def people_in(root: OrgUnit, codes: list[str], field: str) -> list[Person]:
    wanted = {c.strip() for c in codes}
    found = {
        p.code: p
        for p in Person.objects.filter(code__in=wanted, unit__path__startswith=root.path).select_related(
            "unit"
        )
    }
    missing = sorted(wanted - set(found))
    if missing:
        raise DomainError(
            gettext("Không có đảng viên %(codes)s trong %(unit)s.")
            % {"codes": ", ".join(missing), "unit": root.name},
            field=field,
            code=InspectionsErrorCode.TARGET_OUTSIDE,
        )
    return [found[c] for c in sorted(found)]
