"""Deciding what each row changes, and writing it all in one transaction."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import Count
from django.utils import timezone

from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import PATH_STEP
from tochuc.people.importing.rows import (
    BATCH,
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    Errors,
    Existing,
    Progress,
    Row,
    field_error,
    in_chunks,
)
from tochuc.people.models import Membership, MembershipStatus, Person, PersonCorrection, TheoryLevel
from tochuc.people.services import (
    clean_membership_values,
    derive_fields,
)
from tochuc.people.services.codes import code_for
from tochuc.people.services.records import summary_value

# --- Deciding what changes -------------------------------------------------------------------------


@dataclass
class Plan:
    creates: list[Row] = field(default_factory=list)
    # (row, stored record, person values after import, membership values after import or None, changes)
    updates: list[tuple[Row, Existing, dict[str, Any], dict[str, Any] | None, dict[str, list[object]]]] = (
        field(default_factory=list)
    )
    unchanged: int = 0


def membership_after(row: Row, stored: dict[str, Any] | None) -> dict[str, Any] | None:
    if not row.membership and stored is None:
        return None
    values = dict(stored or {"status": "", "admitted_on": None, "full_member_on": None, "card_number": ""})
    values.update(row.membership)
    if not values["status"]:
        values["status"] = (
            MembershipStatus.FULL if values["full_member_on"] else MembershipStatus.PROBATIONARY
        )
    return values


def plan_changes(rows: list[Row], existing: dict[int, Existing], errors: Errors) -> Plan:
    plan = Plan()
    for row in rows:
        if row.broken:
            continue
        stored = existing.get(row.match_id) if row.match_id is not None else None
        person = dict(stored.person) if stored else {}
        person.update(row.person)
        if stored is None:
            person.setdefault("political_theory_level", TheoryLevel.NONE)
        membership = membership_after(row, stored.membership if stored else None)
        if membership is not None:
            try:
                clean_membership_values(membership, birth_date=person["birth_date"])
            except DomainError as exc:
                field_error(row.number, exc, errors)
                continue
        if stored is None:
            row.person = person
            row.membership = membership or {}
            plan.creates.append(row)
            continue
        changes: dict[str, list[object]] = {}
        for name in PERSON_FIELDS:
            if stored.person[name] != person[name]:
                changes[name] = [summary_value(name, stored.person[name]), summary_value(name, person[name])]
        if row.unit is not None and row.unit.pk != stored.unit_id:
            changes["unit"] = [stored.unit_code, row.unit.code]
        if membership is not None:
            before = stored.membership or {}
            for name in MEMBERSHIP_FIELDS:
                if before.get(name) != membership[name]:
                    changes[f"membership.{name}"] = [
                        summary_value(name, before.get(name)),
                        summary_value(name, membership[name]),
                    ]
        if changes:
            plan.updates.append((row, stored, person, membership, changes))
        else:
            plan.unchanged += 1
    return plan


# --- Writing ---------------------------------------------------------------------------------------


def new_codes(rows: list[Row], taken_in_file: set[str]) -> None:
    """``<unit code>-<number>`` for rows without a person code, numbered after the unit's people."""
    by_unit: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        if not row.code and row.unit is not None:
            by_unit[row.unit.pk].append(row)
    if not by_unit:
        return
    counts: dict[int, int] = {}
    for chunk in in_chunks(sorted(by_unit), 500):
        counts.update(
            Person.objects.filter(unit_id__in=chunk)
            .values("unit_id")
            .annotate(n=Count("pk"))
            .values_list("unit_id", "n")
        )
    pending = {unit_id: (counts.get(unit_id, 0) + 1, unit_rows) for unit_id, unit_rows in by_unit.items()}
    while pending:
        proposals: dict[str, Row] = {}
        next_start: dict[int, int] = {}
        for unit_id, (start, unit_rows) in pending.items():
            for offset, row in enumerate(unit_rows):
                assert row.unit is not None
                proposals[code_for(row.unit, start + offset)] = row
            next_start[unit_id] = start + len(unit_rows)
        clashes = {c for c in proposals if c in taken_in_file}
        for code_chunk in in_chunks(sorted(proposals)):
            clashes.update(Person.objects.filter(code__in=code_chunk).values_list("code", flat=True))
        retry: dict[int, tuple[int, list[Row]]] = {}
        for code, row in proposals.items():
            assert row.unit is not None
            if code in clashes:
                start, again = retry.get(row.unit.pk, (next_start[row.unit.pk], []))
                again.append(row)
                retry[row.unit.pk] = (start, again)
            else:
                row.code = code
        pending = retry


NewRow = TypeVar("NewRow", Person, Membership)


def insert_batch(model: type[NewRow], objects: list[NewRow], now: dt.datetime) -> None:
    """Insert new rows: with COPY on PostgreSQL (no SQL to build per value), else ``bulk_create``.

    The people models hold only plain values (text, dates, numbers, keys), which psycopg
    writes as they are; the time stamps are set here since no ``save`` runs.
    """
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects)
        return
    meta = model._meta
    fields = list(meta.concrete_fields)
    with connection.cursor() as cursor:
        if isinstance(meta.pk, models.AutoField | models.BigAutoField):
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(objects)],
            )
            for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                obj.pk = pk
        for obj in objects:
            if isinstance(obj, Person):
                obj.created_at = obj.updated_at = now
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        attnames = [f.attname for f in fields]
        raw = cursor.cursor  # psycopg's own cursor, for COPY
        with raw.copy(f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([getattr(obj, name) for name in attnames])


def write_all(
    *, actor: Actor | None, plan: Plan, rows: list[Row], file_name: str, progress: Progress | None
) -> None:
    now = timezone.now()
    reason = f"Nhập từ Excel {file_name}"[:500]
    new_codes(plan.creates, {r.code for r in rows if r.code})
    for index, batch in enumerate(in_chunks(plan.creates, BATCH)):
        people = []
        for row in batch:
            assert row.unit is not None
            person = Person(code=row.code, unit=row.unit, **row.person)
            derive_fields(person)
            people.append(person)
        insert_batch(Person, people, now)
        memberships = [
            Membership(person=person, **row.membership)
            for person, row in zip(people, batch, strict=True)
            if row.membership
        ]
        insert_batch(Membership, memberships, now)
        if progress is not None:
            progress("writing", min((index + 1) * BATCH, len(plan.creates)), len(plan.creates))
    person_update_fields = [
        *PERSON_FIELDS,
        "unit",
        "family_name",
        "middle_name",
        "given_name",
        "name_folded",
        "sort_key",
        "citizen_id_hash",
        "updated_at",
    ]
    for batch_updates in in_chunks(plan.updates, 500):
        people = []
        corrections = []
        new_memberships: list[Membership] = []
        changed_memberships: list[Membership] = []
        for row, stored, values, membership, changes in batch_updates:
            unit_id = row.unit.pk if row.unit is not None else stored.unit_id
            person = Person(pk=stored.pk, code=stored.code, unit_id=unit_id, updated_at=now, **values)
            derive_fields(person)
            people.append(person)
            corrections.append(
                PersonCorrection(person_id=stored.pk, actor=actor, reason=reason, changes=changes)
            )
            if membership is not None and any(k.startswith("membership.") for k in changes):
                target = changed_memberships if stored.membership is not None else new_memberships
                target.append(Membership(person_id=stored.pk, **membership))
        Person.objects.bulk_update(people, person_update_fields)
        Membership.objects.bulk_create(new_memberships)
        Membership.objects.bulk_update(changed_memberships, list(MEMBERSHIP_FIELDS))
        PersonCorrection.objects.bulk_create(corrections)


def common_path(paths: Iterable[str]) -> str:
    common: str | None = None
    for path in paths:
        if common is None:
            common = path
            continue
        while not path.startswith(common):
            common = common[: len(common) - PATH_STEP]
    return common or ""
