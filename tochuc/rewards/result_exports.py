"""Downloads of discipline decisions and certificates from results; every download is an audit event."""

from __future__ import annotations

import datetime as dt

from tochuc.accounts.policy import Action, can_subtree, enforce
from tochuc.audit.exports import export_record
from tochuc.core.actors import Actor
from tochuc.core.errors import not_found
from tochuc.orgunits.models import OrgUnit
from tochuc.rewards import result_documents
from tochuc.rewards.candidates import reward_candidates
from tochuc.rewards.models import CertificateStatus, Discipline, DisciplineStatus, RewardProposal


def discipline_document(*, actor: Actor, discipline: Discipline) -> bytes:
    """The decision of a decided (or since annulled) discipline, as Word."""
    if discipline.status == DisciplineStatus.PROPOSED or discipline.decided_by is None:
        raise not_found()
    enforce(actor, Action.VIEW, discipline.decided_by)
    content = result_documents.discipline_docx(discipline)
    export_record(
        actor=actor,
        kind="rewards.discipline_document",
        target=discipline,
        unit_path=discipline.subject_path,
        rows=1,
        details={"decision_number": discipline.decision_number},
        label=discipline.subject_name,
    )
    return content


def candidates_export(*, actor: Actor, unit: OrgUnit, year: int) -> bytes:
    enforce(actor, Action.VIEW, unit)
    if not can_subtree(actor, Action.VIEW, unit):
        raise not_found()
    rows = reward_candidates(unit, year=year)
    content = result_documents.candidates_xlsx(unit, year, rows)
    export_record(
        actor=actor,
        kind="rewards.candidates_export",
        target=unit,
        unit_path=unit.path,
        rows=len(rows),
        details={"unit": unit.code, "year": year},
        label=unit.name,
    )
    return content


def certificate_list_document(*, actor: Actor, unit: OrgUnit, year: int, today: dt.date) -> bytes:
    """The Word list of what ``unit`` proposed from the results of ``year``."""
    enforce(actor, Action.VIEW, unit)
    proposals = list(
        RewardProposal.objects.filter(proposed_by=unit, year=year)
        .select_related("person__unit", "unit")
        .order_by("title", "subject_path")
    )
    content = result_documents.certificate_list_docx(unit, year, proposals, today=today)
    export_record(
        actor=actor,
        kind="rewards.certificate_list_document",
        target=unit,
        unit_path=unit.path,
        rows=len(proposals),
        details={"unit": unit.code, "year": year},
        label=unit.name,
    )
    return content


def certificate_decision_document(*, actor: Actor, level: OrgUnit, decision_number: str) -> bytes:
    enforce(actor, Action.VIEW, level)
    proposals = list(
        RewardProposal.objects.filter(
            decided_by=level, decision_number=decision_number, status=CertificateStatus.APPROVED
        )
        .select_related("person__unit", "unit")
        .order_by("title", "subject_path")
    )
    content = result_documents.certificate_decision_docx(level, decision_number, proposals)
    export_record(
        actor=actor,
        kind="rewards.certificate_decision_document",
        target=level,
        unit_path=level.path,
        rows=len(proposals),
        details={"unit": level.code, "decision_number": decision_number},
        label=level.name,
    )
    return content
