"""Who may be appointed or planned: the facts loaded in bulk, then the pack's rules run over them.

The facts are loaded with a handful of queries for thousands of candidates; the rules are the pack's
(``tochuc.personnel.rules``): each condition is a ``Rule`` with its citation, the numbers are the
pack's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tochuc.core.rules import Finding, run
from tochuc.core.rules import blocking as blocking
from tochuc.people.models import Person, PersonDiscipline
from tochuc.personnel.models import ConfidenceVote, EntryStatus, PlanningEntry
from tochuc.personnel.rules.base import PersonnelPack
from tochuc.personnel.rules.checks import DISCIPLINE_LABELS, discipline_key
from tochuc.personnel.rules.facts import PLANNING, Candidacy, CandidateFacts, PlanningStay
from tochuc.positions.models import Position, Title

__all__ = [
    "DISCIPLINE_LABELS",
    "CandidateFacts",
    "Finding",
    "appointment_checks",
    "blocking",
    "discipline_key",
    "load_facts",
    "planning_checks",
    "review_checks",
    "to_json",
]


def load_facts(person_ids: Iterable[int]) -> dict[int, CandidateFacts]:
    """Everything the rules read, for many people at once."""
    from tochuc.evaluations.models import Evaluation
    from tochuc.people.models import CareerEntry

    ids = list(set(person_ids))
    facts = {
        person.pk: CandidateFacts(person=person)
        for person in Person.objects.filter(pk__in=ids).select_related("unit", "membership")
    }
    for person_id, start in (
        CareerEntry.objects.filter(person_id__in=ids)
        .order_by("person_id", "start")
        .values_list("person_id", "start")
    ):
        if facts[person_id].first_career_start is None:
            facts[person_id].first_career_start = start
    for person_id, form, decided_on in PersonDiscipline.objects.filter(person_id__in=ids).values_list(
        "person_id", "form", "decided_on"
    ):
        key = discipline_key(form)
        if key:
            facts[person_id].disciplines.append((key, decided_on))
    for person_id, year, rating in (
        Evaluation.objects.filter(person_id__in=ids)
        .exclude(final_rating="")
        .order_by("cycle__year", "cycle_id")
        .values_list("person_id", "cycle__year", "final_rating")
    ):
        facts[person_id].ratings[year] = rating
    for vote in ConfidenceVote.objects.filter(person_id__in=ids).order_by("person_id", "held_on", "id"):
        facts[vote.person_id].latest_vote = vote
    for person_id, title_id, group in PlanningEntry.objects.filter(
        person_id__in=ids, status=EntryStatus.APPROVED, cycle__is_open=True
    ).values_list("person_id", "title_id", "title__leadership_group"):
        facts[person_id].planned_title_ids.add(title_id)
        facts[person_id].planned_title_groups[title_id] = group
    return facts


def appointment_checks(
    pack: PersonnelPack,
    facts: CandidateFacts,
    *,
    kind: str,
    title: Title,
    position: Position | None,
    is_internal: bool,
    received_on: dt.date,
    term_months: int,
) -> list[Finding]:
    """The pack's appointment rules, on the date the file is received (before the first step)."""
    candidacy = Candidacy(
        facts=facts,
        kind=kind,
        title=title,
        position=position,
        counted_on=received_on,
        record_on=received_on,
        term_months=term_months,
        is_internal=is_internal,
    )
    return run(pack.appointment_rules, candidacy, pack)


def planning_checks(
    pack: PersonnelPack,
    facts: CandidateFacts,
    *,
    title: Title,
    position: Position | None,
    term_start: dt.date,
    assessed_on: dt.date | None = None,
    people_for_title: int,
    titles_for_person: int,
) -> list[Finding]:
    """The pack's planning rules for one person planned for one title (counts exclude this entry).

    Working age and the title's standards are counted to the planned term; the record (discipline,
    ratings) as it stands on the day the person is assessed.
    """
    candidacy = Candidacy(
        facts=facts,
        kind=PLANNING,
        title=title,
        position=position,
        counted_on=term_start,
        record_on=assessed_on or term_start,
        people_for_title=people_for_title,
        titles_for_person=titles_for_person,
    )
    return run(pack.planning_rules, candidacy, pack)


def review_checks(
    pack: PersonnelPack, facts: CandidateFacts, *, added_on: dt.date, on: dt.date
) -> list[Finding]:
    """The pack's review rules for a person in the planning since ``added_on``, on day ``on``."""
    return run(pack.review_rules, PlanningStay(facts=facts, added_on=added_on, on=on), pack)


def to_json(findings: Iterable[Finding]) -> list[dict[str, str | None]]:
    return [finding.as_json() for finding in findings]
