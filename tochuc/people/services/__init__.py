"""Writes to personnel records. A record is corrected, never silently rewritten."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, can, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.models import (
    Gender,
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipStatus,
    Person,
    PersonCorrection,
    TheoryLevel,
)
from tochuc.people.names import search_form, sort_key, split_name
from tochuc.people.services.checks import check_service_values
from tochuc.people.services.codes import next_person_code as next_person_code
from tochuc.people.services.photo import photo_remove as photo_remove
from tochuc.people.services.photo import photo_set as photo_set
from tochuc.people.services.records import SENSITIVE_FIELDS as SENSITIVE_FIELDS
from tochuc.people.services.records import (
    career_entry_add as career_entry_add,
)
from tochuc.people.services.records import (
    discipline_add as discipline_add,
)
from tochuc.people.services.records import part_delete as part_delete
from tochuc.people.services.records import part_update as part_update
from tochuc.people.services.records import (
    relative_add as relative_add,
)
from tochuc.people.services.records import (
    reward_add as reward_add,
)
from tochuc.people.services.records import summary_value as _summary_value
from tochuc.people.services.records import (
    training_add as training_add,
)

CITIZEN_ID = re.compile(r"^\d{12}$")
PERSON_CODE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")

# Fields a correction may change, in the order of the 2C form.
PERSON_FIELDS = (
    "full_name",
    "other_names",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "place_of_birth",
    "hometown",
    "residence",
    "citizen_id",
    "general_education",
    "professional_qualification",
    "political_theory_level",
    "foreign_language",
    "it_level",
    "current_post",
    "workplace",
    "recruited_on",
    "civil_grade",
    "civil_grade_code",
    "salary_step",
    "salary_coefficient",
    "salary_since",
    "enlisted_on",
    "discharged_on",
    "military_rank",
)
MEMBERSHIP_FIELDS = ("status", "admitted_on", "full_member_on", "card_number")


def citizen_id_hash(number: str) -> str:
    return hashlib.sha256(("tochuc-citizen-id:" + number).encode()).hexdigest() if number else ""


def clean_person_values(values: dict[str, Any], *, current: Person | None = None) -> dict[str, Any]:
    """Check and normalise person values; raise DomainError naming the field."""
    cleaned: dict[str, Any] = {}
    for name, value in values.items():
        if name not in PERSON_FIELDS:
            raise DomainError(
                _("Trường «%(name)s» không sửa được ở đây.") % {"name": name},
                field=name,
                code=PeopleErrorCode.FIELD_NOT_EDITABLE,
            )
        cleaned[name] = nfc(value) if isinstance(value, str) else value
    if "full_name" in cleaned and len(cleaned["full_name"].split(" ")) < 2:
        raise DomainError(
            _("Họ và tên cần có ít nhất họ và tên."),
            field="full_name",
            code=PeopleErrorCode.INVALID_FULL_NAME,
        )
    if "gender" in cleaned and cleaned["gender"] not in Gender.values:
        raise DomainError(
            _("Giới tính phải là Nam hoặc Nữ."), field="gender", code=PeopleErrorCode.INVALID_GENDER
        )
    if "political_theory_level" in cleaned and cleaned["political_theory_level"] not in TheoryLevel.values:
        raise DomainError(
            _("Trình độ lý luận chính trị không hợp lệ."),
            field="political_theory_level",
            code=PeopleErrorCode.INVALID_THEORY_LEVEL,
        )
    birth = cleaned.get("birth_date")
    if birth is not None:
        if not isinstance(birth, dt.date):
            raise DomainError(
                _("Ngày sinh không hợp lệ."), field="birth_date", code=PeopleErrorCode.INVALID_BIRTH_DATE
            )
        if birth > dt.date.today() or birth.year < 1900:
            raise DomainError(
                _("Ngày sinh %(birth)s không hợp lý.") % {"birth": birth.strftime("%d/%m/%Y")},
                field="birth_date",
                code=PeopleErrorCode.IMPLAUSIBLE_BIRTH_DATE,
            )
    check_service_values(cleaned, current=current)
    number = cleaned.get("citizen_id")
    if number:
        if not CITIZEN_ID.match(number):
            raise DomainError(
                _("Số CCCD gồm đúng 12 chữ số."), field="citizen_id", code=PeopleErrorCode.INVALID_CITIZEN_ID
            )
        taken = Person.objects.filter(citizen_id_hash=citizen_id_hash(number))
        if current is not None:
            taken = taken.exclude(pk=current.pk)
        if taken.exists():
            # Only that it cannot be used: the holder may be outside the caller's scope.
            raise DomainError(
                _("Không dùng được số CCCD này."),
                field="citizen_id",
                code=PeopleErrorCode.CITIZEN_ID_TAKEN,
            )
    return cleaned


def clean_membership_values(values: dict[str, Any], *, birth_date: dt.date | None) -> dict[str, Any]:
    for name in values:
        if name not in MEMBERSHIP_FIELDS:
            raise DomainError(
                _("Trường «%(name)s» không sửa được ở đây.") % {"name": name},
                field=name,
                code=PeopleErrorCode.FIELD_NOT_EDITABLE,
            )
    if "status" in values and values["status"] not in MembershipStatus.values:
        raise DomainError(
            _("Tình trạng đảng viên không hợp lệ."),
            field="status",
            code=PeopleErrorCode.INVALID_MEMBER_STATUS,
        )
    admitted, full = values.get("admitted_on"), values.get("full_member_on")
    if admitted and full and full < admitted:
        raise DomainError(
            _("Ngày chính thức phải sau ngày vào Đảng."),
            field="full_member_on",
            code=PeopleErrorCode.FULL_MEMBER_BEFORE_ADMISSION,
        )
    if admitted and birth_date and _age_on(birth_date, admitted) < 18:
        raise DomainError(
            _("Ngày vào Đảng trước khi đủ 18 tuổi."),
            field="admitted_on",
            code=PeopleErrorCode.ADMITTED_UNDER_AGE,
        )
    return dict(values)


def _age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def derive_fields(person: Person) -> None:
    """Fill the columns computed from the name and the citizen ID (search form, order, hash)."""
    parts = split_name(person.full_name)
    person.family_name, person.middle_name, person.given_name = parts.family, parts.middle, parts.given
    person.name_folded = search_form(person.full_name)
    person.sort_key = sort_key(person.full_name)
    person.citizen_id_hash = citizen_id_hash(person.citizen_id)


@transaction.atomic
def person_create(
    *,
    actor: Actor | None,
    unit: OrgUnit,
    code: str,
    values: dict[str, Any],
    membership: dict[str, Any] | None = None,
) -> Person:
    """Add one person; an empty ``code`` takes the unit's next code (as the Excel import numbers them)."""
    enforce(actor, Action.EDIT, unit)
    code = code.strip().upper() or next_person_code(unit)
    if not PERSON_CODE.match(code):
        raise DomainError(
            _("Mã đảng viên chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang."),
            field="code",
            code=PeopleErrorCode.INVALID_CODE,
        )
    if Person.objects.filter(code=code).exists():
        raise DomainError(
            _("Mã «%(code)s» đã được dùng.") % {"code": code}, field="code", code=PeopleErrorCode.CODE_TAKEN
        )
    for required in ("full_name", "birth_date", "gender"):
        if not values.get(required):
            raise DomainError(_("Thiếu thông tin bắt buộc."), field=required, code=PeopleErrorCode.REQUIRED)
    cleaned = clean_person_values(values)
    person = Person(code=code, unit=unit, **cleaned)
    derive_fields(person)
    person.save()
    if membership is not None:
        Membership.objects.create(
            person=person, **clean_membership_values(membership, birth_date=person.birth_date)
        )
    record(
        actor=actor,
        action="person.create",
        target=person,
        unit_path=unit.path,
        summary={"code": code, "fields": sorted(k for k in cleaned if cleaned[k] not in ("", None))},
        object_label=person.full_name,
    )
    return person


@transaction.atomic
def person_correct(
    *,
    actor: Actor | None,
    person: Person,
    reason: str,
    values: dict[str, Any] | None = None,
    membership: dict[str, Any] | None = None,
) -> PersonCorrection:
    """Correct a record: the old values, who, when and why are kept."""
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    reason = nfc(reason)
    if not reason:
        raise DomainError(
            _("Cần ghi lý do sửa hồ sơ."), field="reason", code=PeopleErrorCode.EDIT_REASON_REQUIRED
        )
    changes: dict[str, list[object]] = {}
    cleaned = clean_person_values(values or {}, current=person)
    for name, value in cleaned.items():
        if getattr(person, name) != value:
            changes[name] = [_summary_value(name, getattr(person, name)), _summary_value(name, value)]
            setattr(person, name, value)
    membership_row = Membership.objects.filter(person=person).first()
    if membership:
        new_values = clean_membership_values(
            {**_membership_dict(membership_row), **membership}, birth_date=person.birth_date
        )
        if membership_row is None:
            membership_row = Membership(person=person)
        for name, value in new_values.items():
            if getattr(membership_row, name) != value:
                changes[f"membership.{name}"] = [
                    _summary_value(name, getattr(membership_row, name)),
                    _summary_value(name, value),
                ]
                setattr(membership_row, name, value)
    if not changes:
        raise DomainError(_("Không có thông tin nào thay đổi."), code=PeopleErrorCode.NOTHING_CHANGED)
    derive_fields(person)
    person.save()
    if membership_row is not None and any(k.startswith("membership.") for k in changes):
        membership_row.save()
    correction = PersonCorrection.objects.create(
        person=person, actor=actor if actor is not None else None, reason=reason, changes=changes
    )
    record(
        actor=actor,
        action="person.correct",
        target=person,
        unit_path=person.unit.path,
        summary={"reason": reason, "changes": changes},
        object_label=person.full_name,
    )
    return correction


def _membership_dict(row: Membership | None) -> dict[str, object]:
    if row is None:
        return {}
    return {name: getattr(row, name) for name in MEMBERSHIP_FIELDS}


@transaction.atomic
def person_move(
    *, actor: Actor | None, person: Person, unit: OrgUnit, reason: str, on: dt.date | None = None
) -> Person:
    """Transfer a person to another unit (both must be within the actor's reach).

    A member's transfer is also a dated membership event, counted in the review figures."""
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    enforce(actor, Action.EDIT, unit)
    if not unit.is_active:
        raise DomainError(_("Đơn vị đã chấm dứt hoạt động."), field="unit", code=PeopleErrorCode.UNIT_CLOSED)
    if not nfc(reason):
        raise DomainError(
            _("Cần ghi lý do chuyển sinh hoạt."),
            field="reason",
            code=PeopleErrorCode.TRANSFER_REASON_REQUIRED,
        )
    old = person.unit
    person.unit = unit
    person.save(update_fields=["unit", "updated_at"])
    changes = {"unit": [old.code, unit.code]}
    PersonCorrection.objects.create(person=person, actor=actor, reason=nfc(reason), changes=changes)
    if Membership.objects.filter(person=person).exclude(status=MembershipStatus.LEFT).exists():
        MembershipEvent.objects.create(
            person=person,
            kind=MembershipEventKind.TRANSFER,
            on=on or today(),
            from_unit=old,
            to_unit=unit,
            reason=nfc(reason)[:500],
            recorded_by=actor if actor is not None and actor.is_authenticated else None,
        )
    record(
        actor=actor,
        action="person.move",
        target=person,
        unit_path=unit.path,
        summary={"reason": nfc(reason), "changes": changes, "old_path": old.path},
        object_label=person.full_name,
    )
    return person


@transaction.atomic
def citizen_id_reveal(*, actor: Actor | None, person: Person, reason: str) -> str:
    """The full citizen ID for someone allowed to see it; every reveal is an audit event."""
    person = Person.objects.select_related("unit").get(pk=person.pk)
    if actor is None or not can(actor, Action.REVEAL_CITIZEN_ID, person.unit):
        raise DomainError(_("Không tìm thấy."), code=PeopleErrorCode.PERSON_NOT_FOUND)
    reason = nfc(reason)
    if len(reason) < 5:
        raise DomainError(
            _("Cần ghi rõ lý do xem số CCCD."),
            field="reason",
            code=PeopleErrorCode.CITIZEN_ID_REASON_REQUIRED,
        )
    record(
        actor=actor,
        action="person.reveal_citizen_id",
        target=person,
        unit_path=person.unit.path,
        summary={"reason": reason},
        object_label=person.full_name,
    )
    return person.citizen_id
