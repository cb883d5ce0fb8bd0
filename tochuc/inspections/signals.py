"""Signals for supervision: the facts read from evaluations, directives, proposals, feedback,
discipline and the audit trail for one unit's subtree, run through the signal pack.

Each reader narrows by the pack's threshold in SQL (so a province stays fast); the rules decide.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.audit.models import AuditEvent
from tochuc.core.rules import run
from tochuc.directives.models import Task
from tochuc.evaluations.models import CycleStatus, EvaluationCycle, Justification
from tochuc.feedback.models import Feedback, FeedbackStatus
from tochuc.feedback.models import Finding as FeedbackFinding
from tochuc.inspections.models import DisciplineProposal
from tochuc.inspections.rules import Signal, SignalsPack, SupervisionFacts, get_pack
from tochuc.inspections.rules.base import (
    ClosedCycleWrite,
    JustifiedFlag,
    OverdueAnswer,
    OverdueTask,
    PendingDiscipline,
    RatingEditor,
    RevealCount,
    RightFeedback,
)
from tochuc.orgunits.models import OrgUnit
from tochuc.proposals.models import Proposal, ProposalStatus
from tochuc.rewards.models import AppealOutcome, Discipline, DisciplineAppeal

REVEAL_ACTION = "person.reveal_citizen_id"
DECIDE_ACTION = "evaluation.decide"


def _linker(name: str) -> Callable[[int], str]:
    """``reverse(name, args=[pk])`` for thousands of rows: reversed once, the id put in after."""
    sentinel = 987654321
    pattern = reverse(name, args=[sentinel])
    return lambda pk: pattern.replace(str(sentinel), str(pk))


def supervision_signals(root: OrgUnit, *, today: dt.date, pack: SignalsPack | None = None) -> list[Signal]:
    """Every signal of ``root``'s subtree, rule after rule (the caller has checked the reach)."""
    pack = pack or get_pack()
    return run(pack.rules, collect_facts(root, today=today, pack=pack), pack)


def collect_facts(root: OrgUnit, *, today: dt.date, pack: SignalsPack) -> SupervisionFacts:
    return SupervisionFacts(
        today=today,
        justified_flags=_justified_flags(root, pack),
        overdue_tasks=_overdue_tasks(root, today, pack),
        overdue_answers=_overdue_answers(root, today, pack),
        right_feedback=_right_feedback(root, today, pack),
        pending_discipline=_pending_discipline(root, today, pack),
        rating_editors=_rating_editors(root),
        reveal_counts=_reveal_counts(root, today, pack),
        closed_cycle_writes=_closed_cycle_writes(root),
    )


def _justified_flags(root: OrgUnit, pack: SignalsPack) -> list[JustifiedFlag]:
    watched = Q(pk__in=[])
    for rule in pack.watched_flags:
        watched |= Q(rule=rule) | Q(rule__startswith=f"{rule}_")
    rows = (
        Justification.objects.filter(watched, unit__path__startswith=root.path)
        .select_related("cycle", "unit", "person")
        .order_by("cycle_id", "id")
    )
    return [
        JustifiedFlag(
            rule=j.rule,
            cycle=j.cycle.code,
            unit=j.unit.code,
            unit_name=j.unit.name,
            person=j.person.code if j.person else None,
            person_name=j.person.full_name if j.person else "",
            text=j.text,
            link=reverse("evaluations:cycle_unit", args=[j.cycle.code, j.unit.code]),
        )
        for j in rows
    ]


def _overdue_tasks(root: OrgUnit, today: dt.date, pack: SignalsPack) -> list[OverdueTask]:
    rows = (
        Task.objects.filter(
            lead_path__startswith=root.path,
            completed_on__isnull=True,
            deadline__lte=today - dt.timedelta(days=pack.task_overdue_days),
        )
        .order_by("deadline", "id")
        .values_list(
            "pk", "directive__number_symbol", "no", "text", "lead_unit__code", "lead_unit__name", "deadline"
        )
    )
    task_link = _linker("directives:task")
    return [
        OverdueTask(
            label=f"{ns} – {no}",
            text=text,
            unit=code,
            unit_name=name,
            deadline=deadline,
            link=task_link(pk),
        )
        for pk, ns, no, text, code, name, deadline in rows
        if deadline is not None
    ]


def _overdue_answers(root: OrgUnit, today: dt.date, pack: SignalsPack) -> list[OverdueAnswer]:
    limit = today - dt.timedelta(days=pack.answer_overdue_days)
    proposals = (
        Proposal.objects.filter(
            to_unit__path__startswith=root.path,
            status__in=(ProposalStatus.OPEN, ProposalStatus.DRAFTED),
            answer_due__lte=limit,
        )
        .order_by("answer_due", "id")
        .values_list("pk", "subject", "to_unit__code", "to_unit__name", "answer_due")
    )
    proposal_link, feedback_link = _linker("proposals:detail"), _linker("feedback:detail")
    found = [
        OverdueAnswer("proposal", subject[:120], code, name, due, proposal_link(pk))
        for pk, subject, code, name, due in proposals
    ]
    feedback = (
        Feedback.objects.filter(unit__path__startswith=root.path, due_on__lte=limit)
        .exclude(status=FeedbackStatus.ANSWERED)
        .order_by("due_on", "id")
        .values_list("pk", "tracking_code", "unit__code", "unit__name", "due_on")
    )
    found.extend(
        OverdueAnswer("feedback", tracking, code, name, due, feedback_link(pk))
        for pk, tracking, code, name, due in feedback
    )
    return found


def _right_feedback(root: OrgUnit, today: dt.date, pack: SignalsPack) -> list[RightFeedback]:
    rows = (
        Feedback.objects.filter(
            concerned_unit__path__startswith=root.path,
            finding=FeedbackFinding.RIGHT,
            answered_on__gte=today - dt.timedelta(days=pack.feedback_lookback_days),
        )
        .select_related("concerned_unit")
        .prefetch_related("persons")
        .order_by("answered_on", "id")
    )
    found = []
    for item in rows:
        persons = list(item.persons.all())
        person = persons[0] if len(persons) == 1 else None
        assert item.answered_on is not None
        found.append(
            RightFeedback(
                label=item.tracking_code,
                unit=item.concerned_unit.code,
                unit_name=item.concerned_unit.name,
                person=person.code if person else None,
                person_name=person.full_name if person else "",
                answered_on=item.answered_on,
                link=reverse("feedback:detail", args=[item.pk]),
            )
        )
    return found


def _pending_discipline(root: OrgUnit, today: dt.date, pack: SignalsPack) -> list[PendingDiscipline]:
    since_limit = today - dt.timedelta(days=pack.discipline_wait_days)
    found: list[PendingDiscipline] = []
    proposals = (
        DisciplineProposal.objects.filter(
            Q(person__unit__path__startswith=root.path) | Q(unit__path__startswith=root.path),
            inspection__concluded_on__lte=since_limit,
        )
        .select_related("inspection", "person__unit", "unit")
        .order_by("id")
    )
    for proposal in proposals:
        concluded = proposal.inspection.concluded_on
        assert concluded is not None
        decided = Discipline.objects.filter(
            Q(person=proposal.person) if proposal.person_id else Q(unit=proposal.unit),
            decided_on__gte=concluded,
        )
        if decided.exists():
            continue
        subject_unit = proposal.person.unit if proposal.person else proposal.unit
        assert subject_unit is not None
        found.append(
            PendingDiscipline(
                label=_("Đề nghị kỷ luật của cuộc %(code)s") % {"code": proposal.inspection.code},
                unit=subject_unit.code,
                unit_name=subject_unit.name,
                person=proposal.person.code if proposal.person else None,
                person_name=proposal.person.full_name if proposal.person else "",
                since=concluded,
                link=reverse("inspections:detail", args=[proposal.inspection.code]),
            )
        )
    appeals = (
        DisciplineAppeal.objects.filter(
            discipline__subject_path__startswith=root.path,
            outcome=AppealOutcome.PENDING,
            answer_due__lte=since_limit,
        )
        .select_related("discipline__person", "discipline__unit", "discipline__person__unit")
        .order_by("answer_due", "id")
    )
    for appeal in appeals:
        discipline = appeal.discipline
        subject_unit = discipline.person.unit if discipline.person else discipline.unit
        assert subject_unit is not None
        found.append(
            PendingDiscipline(
                label=_("Khiếu nại quyết định kỷ luật %(n)s") % {"n": discipline.decision_number},
                unit=subject_unit.code,
                unit_name=subject_unit.name,
                person=discipline.person.code if discipline.person else None,
                person_name=discipline.person.full_name if discipline.person else "",
                since=appeal.answer_due,
                link=reverse("people:detail", args=[discipline.person.code]) if discipline.person else "",
            )
        )
    return found


def _units_by_path(paths: set[str]) -> dict[str, OrgUnit]:
    return {u.path: u for u in OrgUnit.objects.filter(path__in=paths).only("path", "code", "name")}


def _audit_link(**params: str) -> str:
    return f"{reverse('audit:list')}?{urlencode(params)}"


def _rating_editors(root: OrgUnit) -> list[RatingEditor]:
    """Decisions on an evaluation that was already decided: every decide event after its first."""
    rows = (
        AuditEvent.objects.filter(action=DECIDE_ACTION, unit_path__startswith=root.path)
        .annotate(order=Window(RowNumber(), partition_by=[F("object_id")], order_by=F("seq").asc()))
        .filter(order__gt=1)
        .values_list("actor_label", "summary", "unit_path")
    )
    changes: Counter[tuple[str, str]] = Counter()
    paths: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for actor, summary, path in rows:
        key = (actor, str((summary or {}).get("cycle", "")))
        changes[key] += 1
        paths[key][path] += 1
    units = _units_by_path({p for c in paths.values() for p in c})
    found = []
    for (actor, cycle), n in sorted(changes.items()):
        unit = units.get(paths[(actor, cycle)].most_common(1)[0][0])
        if unit is None:
            continue
        found.append(
            RatingEditor(
                actor=actor,
                cycle=cycle,
                unit=unit.code,
                unit_name=unit.name,
                changes=n,
                link=_audit_link(actor=actor, action=DECIDE_ACTION),
            )
        )
    return found


def _reveal_counts(root: OrgUnit, today: dt.date, pack: SignalsPack) -> list[RevealCount]:
    tz = timezone.get_current_timezone()
    window_start = dt.datetime.combine(today - dt.timedelta(days=pack.reveal_window_days - 1), dt.time(), tz)
    baseline_start = window_start - dt.timedelta(days=pack.reveal_baseline_days)
    rows = (
        AuditEvent.objects.filter(
            action=REVEAL_ACTION, unit_path__startswith=root.path, created_at__gte=baseline_start
        )
        .values("unit_path")
        .annotate(
            recent=Count("id", filter=Q(created_at__gte=window_start)),
            base=Count("id", filter=Q(created_at__lt=window_start)),
        )
        .filter(recent__gte=pack.reveal_min)
    )
    windows = pack.reveal_baseline_days / pack.reveal_window_days
    counts = {r["unit_path"]: (r["recent"], r["base"] / windows) for r in rows}
    units = _units_by_path(set(counts))
    found = []
    for path, (recent, usual) in sorted(counts.items()):
        unit = units.get(path)
        if unit is None:
            continue
        top = (
            AuditEvent.objects.filter(action=REVEAL_ACTION, unit_path=path, created_at__gte=window_start)
            .values("actor_label")
            .annotate(n=Count("id"))
            .order_by("-n", "actor_label")
            .first()
        )
        actor = str(top["actor_label"]) if top else ""
        found.append(
            RevealCount(
                unit=unit.code,
                unit_name=unit.name,
                recent=recent,
                usual=round(usual, 1),
                top_actor=actor,
                link=_audit_link(actor=actor, action=REVEAL_ACTION, unit=unit.code),
            )
        )
    return found


def _closed_cycle_writes(root: OrgUnit) -> list[ClosedCycleWrite]:
    closed = list(
        EvaluationCycle.objects.filter(status=CycleStatus.CLOSED, closed_at__isnull=False).values_list(
            "code", "closed_at"
        )
    )
    if not closed:
        return []
    after_close = Q(pk__in=[])
    for code, closed_at in closed:
        after_close |= Q(summary__cycle=code, created_at__gt=closed_at)
    rows = (
        AuditEvent.objects.filter(
            after_close, action__startswith="evaluation.", unit_path__startswith=root.path
        )
        .exclude(action="evaluation.cycle_close")
        .order_by("seq")
        .values_list("summary", "unit_path", "actor_label", "action", "created_at")
    )
    rows_list = list(rows)
    units = _units_by_path({r[1] for r in rows_list})
    found = []
    for summary, path, actor, action, at in rows_list:
        unit = units.get(path)
        if unit is None:
            continue
        found.append(
            ClosedCycleWrite(
                cycle=str((summary or {}).get("cycle", "")),
                unit=unit.code,
                unit_name=unit.name,
                actor=actor,
                action=action,
                at=timezone.localtime(at),
                link=_audit_link(actor=actor, action=action),
            )
        )
    return found
