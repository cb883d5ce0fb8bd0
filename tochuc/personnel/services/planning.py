"""Planning (quy hoạch): propose, approve, remove, and the yearly "open and dynamic" review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.personnel import eligibility
from tochuc.personnel.eligibility import Finding
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.personnel.models import EntryStatus, PlanningCycle, PlanningEntry, RemovalReason
from tochuc.personnel.rules import DEFAULT_PACK, get_pack
from tochuc.personnel.services.common import (
    actor_person_id,
    refuse_conflict,
    refuse_title_of_another_level,
    text,
)
from tochuc.positions.models import Position, Title

ACTIVE = (EntryStatus.PROPOSED, EntryStatus.APPROVED)
# The reason recorded for each rule of the yearly review.
REVIEW_REASONS = {
    "review_over_age": RemovalReason.OVER_AGE,
    "review_discipline": RemovalReason.DISCIPLINE,
    "review_low_confidence": RemovalReason.LOW_CONFIDENCE,
}


class PlanningRefused(DomainError):
    """The pack's conditions refuse the entry; ``checks`` say why."""

    def __init__(self, checks: Sequence[Finding]) -> None:
        super().__init__(
            "; ".join(check.message for check in checks),
            code=PersonnelErrorCode.PLANNING_REFUSED,
            field="person",
        )
        self.checks = list(checks)


def term_start(cycle: PlanningCycle) -> dt.date:
    """The first day of the planned term ("2025-2030" → 01/01/2025... the term's first year)."""
    try:
        return dt.date(int(cycle.term.split("-")[0]), 1, 1)
    except ValueError:
        return cycle.created_at.date() if cycle.created_at else today()


@transaction.atomic
def planning_cycle_open(
    *, actor: Actor | None, code: str, name: str, unit: OrgUnit, term: str, pack: str = DEFAULT_PACK
) -> PlanningCycle:
    enforce(actor, Action.EDIT, unit)
    get_pack(pack)
    code = text(code, "code").upper()
    if PlanningCycle.objects.filter(code=code).exists():
        raise DomainError(
            _("Đã có đợt quy hoạch mã %(code)s.") % {"code": code},
            code=PersonnelErrorCode.PLANNING_CODE_TAKEN,
            field="code",
        )
    parts = term.split("-")
    if (
        len(parts) != 2
        or not all(p.isdigit() and len(p) == 4 for p in parts)
        or int(parts[1]) <= int(parts[0])
    ):
        raise DomainError(
            _("Nhiệm kỳ phải có dạng 2025-2030."), field="term", code=PersonnelErrorCode.INVALID_TERM
        )
    cycle = PlanningCycle.objects.create(
        code=code,
        name=text(name, "name"),
        unit=unit,
        term=term,
        pack=pack,
        opened_by=actor if actor else None,
    )
    record(
        actor=actor,
        action="planning.cycle_open",
        target=cycle,
        unit_path=unit.path,
        summary={"code": code, "term": term, "pack": pack},
        object_label=cycle.name,
    )
    return cycle


def entry_checks(
    cycle: PlanningCycle, person: Person, title: Title, position: Position | None = None
) -> list[Finding]:
    """The pack's conditions for ``person`` planned for ``title`` in ``cycle``, counting the others."""
    active = PlanningEntry.objects.filter(cycle=cycle, status__in=ACTIVE)
    facts = eligibility.load_facts([person.pk])[person.pk]
    return eligibility.planning_checks(
        get_pack(cycle.pack),
        facts,
        title=title,
        position=position,
        term_start=term_start(cycle),
        assessed_on=today(),
        people_for_title=active.filter(title=title).exclude(person=person).count(),
        titles_for_person=active.filter(person=person).exclude(title=title).count(),
    )


@transaction.atomic
def planning_entry_propose(
    *,
    actor: Actor | None,
    cycle: PlanningCycle,
    person: Person,
    title: Title,
    position: Position | None = None,
    justification: str = "",
) -> PlanningEntry:
    """Propose a person for a title; blocking conditions refuse, others need a justification."""
    cycle = PlanningCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)
    enforce(actor, Action.EDIT, cycle.unit)
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.VIEW, person.unit)
    if not cycle.is_open:
        raise DomainError(_("Đợt quy hoạch đã kết thúc."), code=PersonnelErrorCode.PLANNING_CLOSED)
    refuse_conflict(actor_person_id(actor), person, _("đề xuất quy hoạch"))
    refuse_title_of_another_level(title, cycle.unit)
    if PlanningEntry.objects.filter(cycle=cycle, person=person, title=title, status__in=ACTIVE).exists():
        raise DomainError(
            _("%(person)s đã có trong quy hoạch chức danh «%(title)s».")
            % {"person": person.full_name, "title": title.name},
            code=PersonnelErrorCode.ALREADY_PLANNED,
        )
    checks = entry_checks(cycle, person, title, position)
    blocks = eligibility.blocking(checks)
    if blocks:
        raise PlanningRefused(blocks)
    needs_reason = [check for check in checks if check.severity == "justify"]
    justification = text(justification, "justification", required=bool(needs_reason), minimum=10)
    entry = PlanningEntry.objects.create(
        cycle=cycle,
        person=person,
        title=title,
        is_external=not person.unit.path.startswith(cycle.unit.path),
        added_on=today(),
        findings=eligibility.to_json(checks),
        justification=justification if needs_reason else "",
        proposed_by=actor if actor else None,
    )
    record(
        actor=actor,
        action="planning.entry_propose",
        target=entry,
        unit_path=cycle.unit.path,
        summary={
            "cycle": cycle.code,
            "person": person.code,
            "title": title.name,
            "findings": [check.message for check in checks if check.severity != "info"],
            "justification": entry.justification,
        },
        object_label=f"{person.full_name} — {title.name}",
    )
    return entry


def _locked_entry(entry: PlanningEntry) -> PlanningEntry:
    return (
        PlanningEntry.objects.select_for_update(of=("self",))
        .select_related("cycle__unit", "person", "title")
        .get(pk=entry.pk)
    )


@transaction.atomic
def planning_entry_approve(*, actor: Actor | None, entry: PlanningEntry) -> PlanningEntry:
    entry = _locked_entry(entry)
    enforce(actor, Action.APPROVE, entry.cycle.unit)
    if entry.status != EntryStatus.PROPOSED:
        raise DomainError(
            _("Chỉ phê duyệt người đang ở trạng thái đề xuất."), code=PersonnelErrorCode.NOT_PROPOSED
        )
    if actor is not None and entry.proposed_by_id == actor.pk:
        raise DomainError(
            _("Người đề xuất không đồng thời phê duyệt."),
            code=PersonnelErrorCode.PROPOSER_APPROVES,
            field="actor",
        )
    refuse_conflict(actor_person_id(actor), entry.person, _("phê duyệt quy hoạch"))
    entry.status = EntryStatus.APPROVED
    entry.approved_by = actor if actor else None
    entry.save(update_fields=["status", "approved_by", "updated_at"])
    record(
        actor=actor,
        action="planning.entry_approve",
        target=entry,
        unit_path=entry.cycle.unit.path,
        summary={"cycle": entry.cycle.code, "person": entry.person.code, "title": entry.title.name},
        object_label=f"{entry.person.full_name} — {entry.title.name}",
    )
    return entry


def _remove(entry: PlanningEntry, *, reason: str, note: str, on: dt.date, automatic: bool) -> None:
    entry.status = EntryStatus.REMOVED
    entry.removal_reason = reason
    entry.removal_note = note
    entry.removed_on = on
    entry.removed_automatically = automatic
    entry.save(
        update_fields=[
            "status",
            "removal_reason",
            "removal_note",
            "removed_on",
            "removed_automatically",
            "updated_at",
        ]
    )


@transaction.atomic
def planning_entry_remove(
    *, actor: Actor | None, entry: PlanningEntry, reason: str, note: str = ""
) -> PlanningEntry:
    entry = _locked_entry(entry)
    enforce(actor, Action.EDIT, entry.cycle.unit)
    if entry.status == EntryStatus.REMOVED:
        raise DomainError(
            _("Người này đã được đưa ra khỏi quy hoạch."), code=PersonnelErrorCode.ALREADY_REMOVED
        )
    if reason not in RemovalReason.values:
        raise DomainError(
            _("Cần chọn lý do đưa ra khỏi quy hoạch."),
            field="reason",
            code=PersonnelErrorCode.REMOVAL_REASON_REQUIRED,
        )
    note = text(note, "note", required=reason == RemovalReason.OTHER, minimum=5)
    _remove(entry, reason=reason, note=note, on=today(), automatic=False)
    record(
        actor=actor,
        action="planning.entry_remove",
        target=entry,
        unit_path=entry.cycle.unit.path,
        summary={"person": entry.person.code, "title": entry.title.name, "reason": reason, "note": note},
        object_label=f"{entry.person.full_name} — {entry.title.name}",
    )
    return entry


def automatic_removal(
    pack_code: str, facts: eligibility.CandidateFacts, *, added_on: dt.date, on: dt.date
) -> tuple[str, str] | None:
    """The rule that takes a person out of the planning on day ``on``, if any: (reason, note)."""
    for finding in eligibility.review_checks(get_pack(pack_code), facts, added_on=added_on, on=on):
        return REVIEW_REASONS.get(finding.rule, RemovalReason.OTHER), finding.message
    return None


@transaction.atomic
def planning_review(
    *, actor: Actor | None, cycle: PlanningCycle, on: dt.date | None = None
) -> list[PlanningEntry]:
    """The yearly review: the rules take out who no longer qualifies; each removal states its reason."""
    cycle = PlanningCycle.objects.select_for_update().select_related("unit").get(pk=cycle.pk)
    enforce(actor, Action.EDIT, cycle.unit)
    on = on or today()
    entries = list(
        PlanningEntry.objects.select_for_update(of=("self",))
        .filter(cycle=cycle, status__in=ACTIVE)
        .select_related("person", "title")
    )
    facts = eligibility.load_facts(entry.person_id for entry in entries)
    removed: list[PlanningEntry] = []
    for entry in entries:
        found = automatic_removal(cycle.pack, facts[entry.person_id], added_on=entry.added_on, on=on)
        if found:
            _remove(entry, reason=found[0], note=found[1], on=on, automatic=True)
            removed.append(entry)
    record(
        actor=actor,
        action="planning.review",
        target=cycle,
        unit_path=cycle.unit.path,
        summary={
            "on": on.strftime("%d/%m/%Y"),
            "removed": [
                {"person": e.person.code, "title": e.title.name, "reason": e.removal_reason} for e in removed
            ],
        },
        object_label=cycle.name,
    )
    return removed
