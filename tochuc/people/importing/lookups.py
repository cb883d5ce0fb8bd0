"""Looking up units, existing records and citizen IDs for all rows at once."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, reaches
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.people.importing.rows import (
    CITIZEN_HEADER,
    CODE_HEADER,
    HEADER_OF,
    MEMBERSHIP_FIELDS,
    PERSON_FIELDS,
    UNIT_HEADER,
    Errors,
    Existing,
    Row,
    in_chunks,
)
from tochuc.people.models import Person
from tochuc.people.services import (
    citizen_id_hash,
)

# --- Looking up units, existing records and citizen IDs in bulk ------------------------------------


def find_units(rows: list[Row], actor: Actor | None, errors: Errors) -> None:
    codes = sorted({r.unit_code for r in rows})
    found: dict[str, OrgUnit] = {}
    for chunk in in_chunks(codes):
        for found_unit in OrgUnit.objects.filter(code__in=chunk).only("id", "code", "path", "valid_to"):
            found[found_unit.code] = found_unit
    if actor is not None:
        reach = reaches(actor, Action.EDIT)
        found = {c: u for c, u in found.items() if any(r.covers(u.path) for r in reach)}
    for row in rows:
        if not row.unit_code:
            continue
        unit = found.get(row.unit_code)
        if unit is None:
            # A unit outside the importer's scope is reported exactly like one that does not exist.
            errors.add(
                row.number,
                UNIT_HEADER,
                _("Không có đơn vị mã «%(code)s» trong phạm vi của bạn.") % {"code": row.unit_code},
            )
        elif not unit.is_active:
            errors.add(
                row.number, UNIT_HEADER, _("Đơn vị «%(code)s» đã chấm dứt hoạt động.") % {"code": unit.code}
            )
        else:
            row.unit = unit


def may_edit(actor: Actor | None, path: str) -> bool:
    return actor is None or any(r.covers(path) for r in reaches(actor, Action.EDIT))


def match_existing(rows: list[Row], actor: Actor | None, errors: Errors) -> dict[int, Existing]:
    """Find the stored record of each row: by person code, else by name, birth date and unit."""
    by_code: dict[str, int] = {}
    paths: dict[int, str] = {}
    codes = sorted({r.code for r in rows if r.code})
    for chunk in in_chunks(codes):
        for pk, code, path in Person.objects.filter(code__in=chunk).values_list("pk", "code", "unit__path"):
            by_code[code] = pk
            paths[pk] = path
    keyless = [r for r in rows if not r.code and r.unit is not None and not r.broken]
    by_key: dict[tuple[str, dt.date, int], list[int]] = defaultdict(list)
    unit_ids = sorted({r.unit.pk for r in keyless if r.unit is not None})
    for id_chunk in in_chunks(unit_ids, 500):
        for person_id, name, birth, unit_id in Person.objects.filter(unit_id__in=id_chunk).values_list(
            "pk", "full_name", "birth_date", "unit_id"
        ):
            by_key[(name.casefold(), birth, unit_id)].append(person_id)
    seen_codes: dict[str, int] = {}
    seen_keys: dict[tuple[str, dt.date, int], int] = {}
    for row in rows:
        if row.broken:
            continue
        if row.code:
            if row.code in seen_codes:
                errors.add(
                    row.number, CODE_HEADER, _("Mã đảng viên trùng với dòng %d.") % seen_codes[row.code]
                )
                continue
            seen_codes[row.code] = row.number
            match_id = by_code.get(row.code)
            if match_id is not None and not may_edit(actor, paths[match_id]):
                errors.add(row.number, CODE_HEADER, _("Mã đảng viên «%s» không dùng được.") % row.code)
            row.match_id = match_id
        elif row.unit is not None:
            key = (row.person["full_name"].casefold(), row.person["birth_date"], row.unit.pk)
            if key in seen_keys:
                errors.add(
                    row.number,
                    HEADER_OF["full_name"],
                    _(
                        "Trùng họ tên, ngày sinh và đơn vị với dòng %d; nếu là hai người, hãy ghi Mã đảng viên."
                    )
                    % seen_keys[key],
                )
                continue
            seen_keys[key] = row.number
            candidates = by_key.get(key, [])
            if len(candidates) > 1:
                errors.add(
                    row.number,
                    HEADER_OF["full_name"],
                    _(
                        "Có nhiều hồ sơ cùng họ tên, ngày sinh và đơn vị; hãy ghi Mã đảng viên để chọn đúng người."
                    ),
                )
            elif candidates:
                row.match_id = candidates[0]
    matched = sorted({r.match_id for r in rows if r.match_id is not None})
    return load_existing(matched)


def load_existing(pks: list[int]) -> dict[int, Existing]:
    existing: dict[int, Existing] = {}
    person_fields = ["pk", "code", "unit_id", "unit__code", "unit__path", *PERSON_FIELDS]
    membership_fields = [f"membership__{name}" for name in MEMBERSHIP_FIELDS]
    for chunk in in_chunks(pks):
        for values in Person.objects.filter(pk__in=chunk).values(
            *person_fields, "membership__person_id", *membership_fields
        ):
            existing[values["pk"]] = Existing(
                pk=values["pk"],
                code=values["code"],
                unit_id=values["unit_id"],
                unit_code=values["unit__code"],
                unit_path=values["unit__path"],
                person={name: values[name] for name in PERSON_FIELDS},
                membership=(
                    {name: values[f"membership__{name}"] for name in MEMBERSHIP_FIELDS}
                    if values["membership__person_id"] is not None
                    else None
                ),
            )
    return existing


def check_citizen_ids(rows: list[Row], errors: Errors) -> None:
    """A citizen ID appears once in the file and belongs to nobody else in the register."""
    first_row: dict[str, int] = {}
    hashes: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        number = row.person.get("citizen_id")
        if not number:
            continue
        if number in first_row:
            errors.add(row.number, CITIZEN_HEADER, _("Số CCCD trùng với dòng %d.") % first_row[number])
            continue
        first_row[number] = row.number
        hashes[citizen_id_hash(number)].append(row)
    for chunk in in_chunks(sorted(hashes)):
        for digest, owner in Person.objects.filter(citizen_id_hash__in=chunk).values_list(
            "citizen_id_hash", "pk"
        ):
            for row in hashes[digest]:
                if not row.broken and row.match_id != owner:
                    errors.add(row.number, CITIZEN_HEADER, _("Số CCCD đã có trong hồ sơ của người khác."))
