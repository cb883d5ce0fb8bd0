"""The outgoing register (M12): numbers 01, 02… per issuer, document type and committee term.

Numbers are taken under a row lock on the register (``select_for_update``) so two clerks issuing
at the same moment get two numbers; a unique constraint on (register, number) is the last guard.
A number is never reused: a cancelled one stays in the book with its reason, so a gap always has one.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.directives.documents import issuing_body
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews.dispatch import require_components
from tochuc.reviews.documents import consolidated_document
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.models import OutgoingNumber, OutgoingRegister, ReviewPeriod
from tochuc.reviews.selectors import period_status

# Party committees are elected for five years; the terms in the register run 2020-2025, 2025-2030…
TERM_YEARS = 5
TERM_BASE_YEAR = 2020


def term_of(day: dt.date) -> str:
    """The committee term a day falls in, as the register writes it ("2025-2030")."""
    start = TERM_BASE_YEAR + (day.year - TERM_BASE_YEAR) // TERM_YEARS * TERM_YEARS
    return f"{start}-{start + TERM_YEARS}"


def format_number(number: int, doc_type: str, issuer_code: str) -> str:
    """ "01-BC/TU": two digits at least, then the type and the issuer (Hướng dẫn 36-HD/VPTW)."""
    return f"{number:02d}-{doc_type}/{issuer_code}"


def number_issue(
    *,
    actor: Actor | None,
    issuer: OrgUnit,
    doc_type: str,
    subject: str,
    issued_on: dt.date,
    term: str = "",
    period: ReviewPeriod | None = None,
    signer_name: str = "",
) -> OutgoingNumber:
    """Take the next number of the issuer's register for ``doc_type`` in the term of ``issued_on``."""
    enforce(actor, Action.EDIT, issuer)
    if not subject.strip():
        raise DomainError(
            _("Cần ghi trích yếu văn bản."), code=ReviewsErrorCode.SUBJECT_REQUIRED, field="subject"
        )
    term = term or term_of(issued_on)
    with transaction.atomic():
        OutgoingRegister.objects.get_or_create(issuer=issuer, doc_type=doc_type, term=term)
        register = OutgoingRegister.objects.select_for_update().get(
            issuer=issuer, doc_type=doc_type, term=term
        )
        register.last_number += 1
        register.save(update_fields=["last_number"])
        issued = OutgoingNumber.objects.create(
            register=register,
            number=register.last_number,
            number_symbol=format_number(register.last_number, doc_type, issuing_body(issuer).code),
            subject=subject.strip()[:500],
            issued_on=issued_on,
            issued_by=actor if actor is not None and actor.is_authenticated else None,
            period=period,
            signer_name=signer_name.strip()[:150],
        )
        record(
            actor=actor,
            action="outgoing_number.issue",
            target=issued,
            unit_path=issuer.path,
            summary={"number_symbol": issued.number_symbol, "term": term, "subject": issued.subject},
        )
    return issued


def number_cancel(*, actor: Actor | None, issued: OutgoingNumber, reason: str) -> OutgoingNumber:
    """Cancel a number (a document withdrawn before dispatch); it is never given again."""
    enforce(actor, Action.EDIT, issued.register.issuer)
    if not reason.strip():
        raise DomainError(_("Cần ghi lý do hủy số."), code=ReviewsErrorCode.REASON_REQUIRED, field="reason")
    with transaction.atomic():
        issued = OutgoingNumber.objects.select_for_update().get(pk=issued.pk)
        if issued.is_cancelled:
            raise DomainError(_("Số này đã hủy."), code=ReviewsErrorCode.NUMBER_CANCELLED)
        issued.cancelled_at = timezone.now()
        issued.cancel_reason = reason.strip()[:500]
        issued.save(update_fields=["cancelled_at", "cancel_reason"])
        record(
            actor=actor,
            action="outgoing_number.cancel",
            target=issued,
            unit_path=issued.register.issuer.path,
            summary={"number_symbol": issued.number_symbol, "reason": issued.cancel_reason},
        )
    return issued


def gaps(register: OutgoingRegister) -> list[int]:
    """Numbers up to the last one given that are neither in the book nor cancelled with a reason."""
    given = set(register.numbers.values_list("number", flat=True))
    return [n for n in range(1, register.last_number + 1) if n not in given]


def period_number(period: ReviewPeriod) -> OutgoingNumber | None:
    """The number the period's consolidated report took, if it was issued (and not cancelled)."""
    return period.outgoing_numbers.filter(cancelled_at__isnull=True).order_by("-pk").first()


REPORT_TYPE = "BC"


def period_report_issue(
    *, actor: Actor | None, period: ReviewPeriod, issued_on: dt.date, signer_name: str = ""
) -> OutgoingNumber:
    """Give the period's consolidated report its number, once it has every other required component."""
    if period_number(period) is not None:
        raise DomainError(
            _("Báo cáo tổng hợp của kỳ này đã được cấp số."), code=ReviewsErrorCode.ALREADY_NUMBERED
        )
    enforce(actor, Action.EDIT, period.unit)
    draft = consolidated_document(period_status(period), today=issued_on, signer_name=signer_name)
    require_components(draft, ignore=["number_symbol"])
    return number_issue(
        actor=actor,
        issuer=period.unit,
        doc_type=REPORT_TYPE,
        subject=_("Tổng hợp kết quả %(p)s") % {"p": period.label.lower()},
        issued_on=issued_on,
        period=period,
        signer_name=signer_name,
    )
