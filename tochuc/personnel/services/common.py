"""What every personnel service shares: today, access, conflicts of interest."""

from __future__ import annotations

from django.utils.translation import gettext as _

from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.orgunits.models import OrgUnit
from tochuc.people.models import Person
from tochuc.people.relations import relation_between
from tochuc.personnel.errors import PersonnelErrorCode
from tochuc.positions.models import Title


def text(value: str, field: str, *, required: bool = True, minimum: int = 1) -> str:
    value = nfc(value or "").strip()
    if required and len(value) < minimum:
        raise DomainError(
            _("Thiếu thông tin bắt buộc.")
            if minimum <= 1
            else _("Cần ghi rõ (ít nhất %(n)s ký tự).") % {"n": minimum},
            field=field,
            code=PersonnelErrorCode.TEXT_REQUIRED,
        )
    return value


def conflict_reason(person_id: int | None, subject: Person) -> str | None:
    """Why ``person_id`` may not act in a matter about ``subject``, or None."""
    if person_id is None:
        return None
    if person_id == subject.pk:
        return f"{subject.full_name} là chính người được xem xét"
    relation = relation_between(subject.pk, person_id)
    if relation is None:
        return None
    other = Person.objects.filter(pk=person_id).values_list("full_name", flat=True).first() or ""
    return f"{other} có quan hệ «{relation}» với {subject.full_name} (theo hồ sơ thân nhân)"


def refuse_conflict(person_id: int | None, subject: Person, what: str) -> None:
    reason = conflict_reason(person_id, subject)
    if reason:
        raise DomainError(
            _("Xung đột lợi ích: %(reason)s, không được %(what)s.") % {"reason": reason, "what": what},
            code=PersonnelErrorCode.CONFLICT_OF_INTEREST,
            field="actor",
        )


def actor_person_id(actor: Actor | None) -> int | None:
    return getattr(actor, "person_id", None) if actor is not None else None


def refuse_title_of_another_level(title: Title, unit: OrgUnit) -> None:
    """A commune's post is not planned or filled in a province, nor the reverse."""
    if not title.fits(unit.kind):
        raise DomainError(
            _("Chức danh «%(title)s» thuộc cấp «%(level)s», không dùng cho %(unit)s.")
            % {"title": title.name, "level": title.get_unit_kind_display(), "unit": unit.name},
            field="title",
            code=PersonnelErrorCode.TITLE_OF_ANOTHER_LEVEL,
        )
