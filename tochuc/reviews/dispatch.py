"""Issuing a document (M12): its required components checked, then dispatched to recipient units.

A document is issued only when nothing the Party layout requires is missing (Quy định 66-QĐ/TW,
Hướng dẫn 36-HD/VPTW); the check names each missing component. Dispatching sends it to the
recipient units' inbox (the people granted a role on the unit itself); each unit acknowledges
it, and the sender sees who has not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.models import RoleGrant
from tochuc.accounts.policy import Action, can, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.documents.word import PartyDocument
from tochuc.core.errors import DomainError, not_found
from tochuc.notifications.services import Message, deliver
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.models import Dispatch, OutgoingNumber

KIND_DISPATCH = "review.dispatch"
NUMBER_SYMBOL = re.compile(r"^\d{2,}-[^\s/]+/\S+$")


@dataclass(frozen=True)
class Component:
    key: str
    label: str
    present: bool


def components(document: PartyDocument) -> list[Component]:
    """Each component a Party document must carry, and whether this one has it."""
    return [
        Component("issuer", _("Tên cơ quan ban hành"), bool(document.issuer.strip())),
        Component(
            "number_symbol", _("Số, ký hiệu văn bản"), bool(NUMBER_SYMBOL.match(document.number_symbol))
        ),
        Component(
            "place_date", _("Địa danh và ngày tháng năm"), bool(document.place.strip() and document.date)
        ),
        Component(
            "subject",
            _("Tên loại và trích yếu"),
            bool(document.doc_type_name.strip() and document.title.strip()),
        ),
        Component("body", _("Nội dung"), bool(document.paragraphs)),
        Component(
            "signer",
            _("Quyền hạn, chức vụ người ký"),
            bool(document.signing_capacity.strip() or document.signer_position.strip()),
        ),
        Component("signer_name", _("Họ tên người ký"), bool(document.signer_name.strip())),
        Component("recipients", _("Nơi nhận"), bool(document.recipients)),
    ]


def missing(document: PartyDocument, *, ignore: Sequence[str] = ()) -> list[str]:
    return [c.label for c in components(document) if not c.present and c.key not in ignore]


def require_components(document: PartyDocument, *, ignore: Sequence[str] = ()) -> None:
    """Refuse, with the list, a document that lacks a required component."""
    absent = missing(document, ignore=ignore)
    if absent:
        raise DomainError(
            _("Văn bản chưa đủ thể thức, còn thiếu: %(list)s.") % {"list": "; ".join(absent)},
            code=ReviewsErrorCode.COMPONENTS_MISSING,
        )


def _inbox_users(units: Sequence[OrgUnit]) -> dict[int, set[int]]:
    """The people who work at each recipient unit (a role granted on the unit itself)."""
    found: dict[int, set[int]] = {u.pk: set() for u in units}
    grants = RoleGrant.objects.filter(unit__in=units, user__is_active=True).values_list("unit_id", "user_id")
    for unit_id, user_id in grants:
        found[unit_id].add(user_id)
    return found


def dispatch_send(
    *,
    actor: Actor | None,
    issued: OutgoingNumber,
    document: PartyDocument,
    units: Sequence[OrgUnit],
    link: str,
) -> list[Dispatch]:
    """Send an issued document to ``units`` (those not sent before); returns the new dispatches."""
    issuer = issued.register.issuer
    enforce(actor, Action.EDIT, issuer)
    if issued.is_cancelled:
        raise DomainError(_("Số này đã hủy."), code=ReviewsErrorCode.NUMBER_CANCELLED)
    require_components(document)
    if not units:
        raise DomainError(
            _("Cần chọn ít nhất một nơi nhận."), code=ReviewsErrorCode.NO_RECIPIENTS, field="units"
        )
    now = timezone.now()
    with transaction.atomic():
        # One sender at a time per number: a second click sends only to whom the first did not.
        locked = OutgoingNumber.objects.select_for_update(of=("self",)).get(pk=issued.pk)
        if locked.is_cancelled:
            raise DomainError(_("Số này đã hủy."), code=ReviewsErrorCode.NUMBER_CANCELLED)
        already = set(issued.dispatches.values_list("unit_id", flat=True))
        new_units = [u for u in units if u.pk not in already]
        sent = Dispatch.objects.bulk_create(
            Dispatch(
                number=issued,
                unit=u,
                sent_at=now,
                sent_by=actor if actor is not None and actor.is_authenticated else None,
            )
            for u in new_units
        )
        inbox = _inbox_users(new_units)
        text = _("Văn bản đến: %(n)s của %(issuer)s — %(s)s") % {
            "n": issued.number_symbol,
            "issuer": issuer.name,
            "s": issued.subject[:200],
        }
        deliver(
            Message(uid, KIND_DISPATCH, text, link, f"dispatch:{issued.pk}:{u.pk}")
            for u in new_units
            for uid in sorted(inbox[u.pk])
        )
        record(
            actor=actor,
            action="outgoing_number.dispatch",
            target=issued,
            unit_path=issuer.path,
            summary={"number_symbol": issued.number_symbol, "units": [u.code for u in new_units]},
        )
    return sent


def can_acknowledge(user: Actor, dispatch: Dispatch) -> bool:
    return can(user, Action.EDIT, dispatch.unit) or can(user, Action.APPROVE, dispatch.unit)


def dispatch_acknowledge(*, actor: Actor, dispatch: Dispatch) -> Dispatch:
    """The recipient unit confirms it received the document."""
    if not can_acknowledge(actor, dispatch):
        raise not_found()
    with transaction.atomic():
        dispatch = Dispatch.objects.select_for_update().select_related("number", "unit").get(pk=dispatch.pk)
        if dispatch.is_acknowledged:
            raise DomainError(
                _("Đơn vị đã xác nhận nhận văn bản này."), code=ReviewsErrorCode.ALREADY_ACKNOWLEDGED
            )
        dispatch.acknowledged_at = timezone.now()
        dispatch.acknowledged_by = actor if actor.is_authenticated else None
        dispatch.save(update_fields=["acknowledged_at", "acknowledged_by"])
        record(
            actor=actor,
            action="outgoing_number.acknowledge",
            target=dispatch.number,
            unit_path=dispatch.unit.path,
            summary={"number_symbol": dispatch.number.number_symbol, "unit": dispatch.unit.code},
        )
    return dispatch


def incoming_link() -> str:
    return reverse("reviews:incoming")
