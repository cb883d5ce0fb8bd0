"""Dated changes in a member's standing (deaths, exclusions, transfers out of the system)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.dates import today
from tochuc.core.errors import DomainError
from tochuc.core.text import nfc
from tochuc.people.errors import PeopleErrorCode
from tochuc.people.models import (
    Membership,
    MembershipEvent,
    MembershipEventKind,
    MembershipStatus,
    Person,
)


@transaction.atomic
def membership_end(
    *, actor: Actor | None, person: Person, kind: str, on: dt.date | None = None, reason: str = ""
) -> MembershipEvent:
    """Record a death, an exclusion or a transfer out of the system; the member leaves the rolls."""
    person = Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
    enforce(actor, Action.EDIT, person.unit)
    if kind not in MembershipEventKind.values:
        raise DomainError(
            _("Loại biến động «%(kind)s» không có.") % {"kind": kind},
            field="kind",
            code=PeopleErrorCode.INVALID_MEMBER_STATUS,
        )
    membership = Membership.objects.filter(person=person).first()
    if membership is None or membership.status == MembershipStatus.LEFT:
        raise DomainError(
            _("%(name)s không còn trong danh sách đảng viên.") % {"name": person.full_name},
            field="kind",
            code=PeopleErrorCode.INVALID_MEMBER_STATUS,
        )
    on = on or today()
    with transaction.atomic():
        event = MembershipEvent.objects.create(
            person=person,
            kind=kind,
            on=on,
            from_unit=person.unit,
            reason=nfc(reason)[:500],
            recorded_by=actor if actor is not None and actor.is_authenticated else None,
        )
        membership.status = MembershipStatus.LEFT
        membership.save(update_fields=["status"])
        record(
            actor=actor,
            action="person.membership_end",
            target=person,
            unit_path=person.unit.path,
            summary={"kind": kind, "on": on.isoformat(), "reason": event.reason},
            object_label=person.full_name,
        )
    return event
