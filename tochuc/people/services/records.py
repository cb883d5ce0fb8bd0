"""Parts of the curriculum vitae (2C): career, training, rewards, discipline, family; each a line kept with its audit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import models, transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record, sensitive
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.models import (
    CareerEntry,
    Person,
    PersonCorrection,
    PersonDiscipline,
    PersonReward,
    Relative,
    Training,
)

# Fields whose value the audit trail keeps only as a hash.
SENSITIVE_FIELDS = {"citizen_id"}


def summary_value(field: str, value: object) -> object:
    if field in SENSITIVE_FIELDS:
        return sensitive(str(value)) if value else ""
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return value


# --- Parts of the curriculum vitae: career, training, rewards, discipline, family ---


def _history_dates(start: dt.date, end: dt.date | None) -> None:
    if end is not None and end < start:
        raise DomainError(
            _("Ngày kết thúc phải sau ngày bắt đầu."), field="end", code=PeopleErrorCode.END_BEFORE_START
        )


def _record_part(
    actor: Actor | None, person: Person, action: str, part: models.Model, summary: dict[str, object]
) -> None:
    record(
        actor=actor,
        action=action,
        target=person,
        unit_path=person.unit.path,
        summary={"id": part.pk, **{k: summary_value(k, v) for k, v in summary.items()}},
        object_label=person.full_name,
    )


def editable(actor: Actor | None, person: Person) -> Person:
    person = Person.objects.select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    return person


def _text(value: str, field: str, *, required: bool = True) -> str:
    value = nfc(value or "")
    if required and not value:
        raise DomainError(_("Thiếu thông tin bắt buộc."), field=field, code=PeopleErrorCode.REQUIRED)
    return value


@transaction.atomic
def career_entry_add(
    *, actor: Actor | None, person: Person, start: dt.date, end: dt.date | None, description: str
) -> CareerEntry:
    person = editable(actor, person)
    _history_dates(start, end)
    entry = CareerEntry.objects.create(
        person=person, start=start, end=end, description=_text(description, "description")
    )
    _record_part(
        actor,
        person,
        "person.career_add",
        entry,
        {"start": start, "end": end, "description": entry.description},
    )
    return entry


@transaction.atomic
def training_add(
    *,
    actor: Actor | None,
    person: Person,
    start: dt.date,
    end: dt.date | None,
    institution: str,
    field: str,
    form: str = "",
    qualification: str = "",
) -> Training:
    person = editable(actor, person)
    _history_dates(start, end)
    training = Training.objects.create(
        person=person,
        start=start,
        end=end,
        institution=_text(institution, "institution"),
        field=_text(field, "field"),
        form=_text(form, "form", required=False),
        qualification=_text(qualification, "qualification", required=False),
    )
    _record_part(
        actor,
        person,
        "person.training_add",
        training,
        {"start": start, "end": end, "institution": training.institution, "field": training.field},
    )
    return training


@transaction.atomic
def reward_add(
    *, actor: Actor | None, person: Person, decided_on: dt.date, title: str, decided_by: str = ""
) -> PersonReward:
    person = editable(actor, person)
    reward = PersonReward.objects.create(
        person=person,
        decided_on=decided_on,
        title=_text(title, "title"),
        decided_by=_text(decided_by, "decided_by", required=False),
    )
    _record_part(
        actor, person, "person.reward_add", reward, {"decided_on": decided_on, "title": reward.title}
    )
    return reward


@transaction.atomic
def discipline_add(
    *,
    actor: Actor | None,
    person: Person,
    decided_on: dt.date,
    form: str,
    reason: str = "",
    decided_by: str = "",
) -> PersonDiscipline:
    person = editable(actor, person)
    discipline = PersonDiscipline.objects.create(
        person=person,
        decided_on=decided_on,
        form=_text(form, "form"),
        reason=_text(reason, "reason", required=False),
        decided_by=_text(decided_by, "decided_by", required=False),
    )
    _record_part(
        actor,
        person,
        "person.discipline_add",
        discipline,
        {"decided_on": decided_on, "form": discipline.form},
    )
    return discipline


@transaction.atomic
def relative_add(
    *,
    actor: Actor | None,
    person: Person,
    relation: str,
    full_name: str,
    birth_year: int | None = None,
    occupation: str = "",
    linked_person: Person | None = None,
) -> Relative:
    """Record a family member; one who is in the register is linked (conflicts of interest)."""
    person = editable(actor, person)
    if linked_person is not None and linked_person.pk == person.pk:
        raise DomainError(
            _("Không thể ghi một người là thân nhân của chính mình."),
            field="linked_code",
            code=PeopleErrorCode.SELF_RELATIVE,
        )
    if birth_year is not None and not 1850 <= birth_year <= dt.date.today().year:
        raise DomainError(
            _("Năm sinh không hợp lý."), field="birth_year", code=PeopleErrorCode.IMPLAUSIBLE_BIRTH_YEAR
        )
    relative = Relative.objects.create(
        person=person,
        relation=_text(relation, "relation"),
        full_name=_text(full_name, "full_name"),
        birth_year=birth_year,
        occupation=_text(occupation, "occupation", required=False),
        linked_person=linked_person,
    )
    _record_part(
        actor,
        person,
        "person.relative_add",
        relative,
        {
            "relation": relative.relation,
            "full_name": relative.full_name,
            "linked_code": linked_person.code if linked_person else "",
        },
    )
    return relative


# --- Changing and removing a line: the old values, who, when and why are kept ---

PART_MODELS: dict[str, type[models.Model]] = {
    "career": CareerEntry,
    "training": Training,
    "reward": PersonReward,
    "discipline": PersonDiscipline,
    "relative": Relative,
}
# The fields a line's form may change, in the order of the 2C.
PART_FIELDS: dict[str, tuple[str, ...]] = {
    "career": ("start", "end", "description"),
    "training": ("start", "end", "institution", "field", "form", "qualification"),
    "reward": ("decided_on", "title", "decided_by"),
    "discipline": ("decided_on", "form", "reason", "decided_by"),
    "relative": ("relation", "full_name", "birth_year", "occupation", "linked_person"),
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "career": ("description",),
    "training": ("institution", "field"),
    "reward": ("title",),
    "discipline": ("form",),
    "relative": ("relation", "full_name"),
}


def clean_part_values(kind: str, person: Person, values: Mapping[str, object]) -> dict[str, object]:
    """The values of one line, checked as when it was added; raise DomainError naming the field."""
    cleaned: dict[str, object] = {}
    for name in PART_FIELDS[kind]:
        value = values.get(name)
        if isinstance(value, str) or (value is None and name in _REQUIRED[kind]):
            value = _text(value or "", name, required=name in _REQUIRED[kind])
        cleaned[name] = value
    start = cleaned.get("start")
    if isinstance(start, dt.date):
        end = cleaned.get("end")
        _history_dates(start, end if isinstance(end, dt.date) else None)
    if kind == "relative":
        linked = cleaned.get("linked_person")
        if isinstance(linked, Person) and linked.pk == person.pk:
            raise DomainError(
                _("Không thể ghi một người là thân nhân của chính mình."),
                field="linked_code",
                code=PeopleErrorCode.SELF_RELATIVE,
            )
        year = cleaned.get("birth_year")
        if isinstance(year, int) and not 1850 <= year <= dt.date.today().year:
            raise DomainError(
                _("Năm sinh không hợp lý."), field="birth_year", code=PeopleErrorCode.IMPLAUSIBLE_BIRTH_YEAR
            )
    return cleaned


def _shown(value: object) -> object:
    if isinstance(value, Person):
        return value.code
    return summary_value("", value)


def _line_for_change(
    actor: Actor | None, person: Person, kind: str, part_id: int, reason: str
) -> tuple[Person, models.Model, str]:
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    model = PART_MODELS[kind]
    part = model._default_manager.select_for_update().filter(person=person, pk=part_id).first()
    if part is None:
        raise DomainError(_("Không tìm thấy dòng này."), code=PeopleErrorCode.PART_NOT_FOUND)
    reason = nfc(reason or "")
    if not reason:
        raise DomainError(
            _("Cần ghi lý do sửa hoặc xóa dòng này."),
            field="reason",
            code=PeopleErrorCode.CHANGE_REASON_REQUIRED,
        )
    return person, part, reason


def _keep(
    actor: Actor | None,
    person: Person,
    action: str,
    part_id: int,
    reason: str,
    changes: dict[str, list[object]],
) -> None:
    PersonCorrection.objects.create(person=person, actor=actor, reason=reason, changes=changes)
    record(
        actor=actor,
        action=action,
        target=person,
        unit_path=person.unit.path,
        summary={"id": part_id, "reason": reason, "changes": changes},
        object_label=person.full_name,
    )


@transaction.atomic
def part_update(
    *, actor: Actor | None, person: Person, kind: str, part_id: int, reason: str, values: Mapping[str, object]
) -> models.Model:
    """Change one line of the 2C (career, training, reward, discipline or relative)."""
    person, part, reason = _line_for_change(actor, person, kind, part_id, reason)
    cleaned = clean_part_values(kind, person, values)
    changes: dict[str, list[object]] = {}
    for name, value in cleaned.items():
        old = getattr(part, name)
        if old != value:
            changes[f"{kind}.{name}"] = [_shown(old), _shown(value)]
            setattr(part, name, value)
    if not changes:
        raise DomainError(_("Không có thông tin nào thay đổi."), code=PeopleErrorCode.NOTHING_CHANGED)
    part.save()
    _keep(actor, person, f"person.{kind}_update", part_id, reason, changes)
    return part


@transaction.atomic
def part_delete(*, actor: Actor | None, person: Person, kind: str, part_id: int, reason: str) -> None:
    """Remove one line of the 2C; what it said stays in the history of the record."""
    person, part, reason = _line_for_change(actor, person, kind, part_id, reason)
    changes = {
        f"{kind}.{name}": [_shown(getattr(part, name)), ""]
        for name in PART_FIELDS[kind]
        if getattr(part, name) not in ("", None)
    }
    part.delete()
    _keep(actor, person, f"person.{kind}_delete", part_id, reason, changes)
