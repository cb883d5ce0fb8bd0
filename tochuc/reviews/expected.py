"""Changing who reports in a period: add a unit of the subtree or excuse one, always with the reason."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tochuc.accounts.policy import Action, enforce
from tochuc.audit.services import record
from tochuc.core.actors import Actor
from tochuc.core.errors import DomainError
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews.errors import ReviewsErrorCode
from tochuc.reviews.models import ExpectedUnit, ReviewPeriod


def _invalid(message: str, code: ReviewsErrorCode, field: str) -> DomainError:
    return DomainError(message, code=code, field=field)


def expected_add(*, actor: Actor | None, period: ReviewPeriod, unit: OrgUnit, reason: str) -> ExpectedUnit:
    """Ask one more unit of the subtree to report, with the reason."""
    enforce(actor, Action.EDIT, period.unit)
    if not reason.strip():
        raise _invalid(_("Cần ghi lý do."), ReviewsErrorCode.REASON_REQUIRED, "reason")
    if not unit.is_descendant_of(period.unit):
        raise _invalid(
            _("Đơn vị «%(unit)s» không trực thuộc «%(upper)s».")
            % {"unit": unit.name, "upper": period.unit.name},
            ReviewsErrorCode.NOT_SUBORDINATE,
            "unit",
        )
    with transaction.atomic():
        line, created = ExpectedUnit.objects.select_for_update().get_or_create(period=period, unit=unit)
        if not created and line.is_active:
            raise _invalid(
                _("Đơn vị «%(unit)s» đã thuộc diện báo cáo.") % {"unit": unit.name},
                ReviewsErrorCode.ALREADY_EXPECTED,
                "unit",
            )
        line.added_reason = reason.strip()[:500]
        line.removed_at = None
        line.removed_reason = ""
        line.save()
        record(
            actor=actor,
            action="review_period.expect_add",
            target=period,
            unit_path=period.unit.path,
            summary={"unit": unit.code, "reason": line.added_reason},
        )
    return line


def expected_remove(*, actor: Actor | None, period: ReviewPeriod, unit: OrgUnit, reason: str) -> ExpectedUnit:
    """Excuse a unit from reporting in the period; the line stays, with the reason."""
    enforce(actor, Action.EDIT, period.unit)
    if not reason.strip():
        raise _invalid(_("Cần ghi lý do."), ReviewsErrorCode.REASON_REQUIRED, "reason")
    with transaction.atomic():
        line = (
            ExpectedUnit.objects.select_for_update()
            .filter(period=period, unit=unit, removed_at__isnull=True)
            .first()
        )
        if line is None:
            raise DomainError(
                _("Đơn vị không thuộc diện báo cáo trong kỳ."), code=ReviewsErrorCode.NOT_EXPECTED
            )
        line.removed_at = timezone.now()
        line.removed_reason = reason.strip()[:500]
        line.save(update_fields=["removed_at", "removed_reason"])
        record(
            actor=actor,
            action="review_period.expect_remove",
            target=period,
            unit_path=period.unit.path,
            summary={"unit": unit.code, "reason": line.removed_reason},
        )
    return line
