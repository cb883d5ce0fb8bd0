"""Reads for review periods, scoped by the user's reach (outside it: not found)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from tochuc.accounts.policy import Action, can, reaches, scope_q
from tochuc.core.actors import Actor
from tochuc.orgunits.models import OrgUnit
from tochuc.reviews import figures as fig
from tochuc.reviews.models import SENT_STATUSES, ExpectedUnit, ReportStatus, ReviewPeriod, UnitReport


def periods_for(user: Actor) -> QuerySet[ReviewPeriod]:
    """Periods opened by a unit the user sees, or asking a unit the user sees to report."""
    asked = ExpectedUnit.objects.filter(scope_q(user, Action.VIEW, "unit__path"), period=OuterRef("pk"))
    return (
        ReviewPeriod.objects.filter(scope_q(user, Action.VIEW, "unit__path") | Exists(asked))
        .select_related("unit", "parent")
        .order_by("-year", "-quarter", "code")
    )


def get_period_for(user: Actor, code: str) -> ReviewPeriod:
    period = periods_for(user).filter(code=code).first()
    if period is None:
        raise Http404
    return period


@dataclass
class UnitLine:
    unit: OrgUnit
    report: UnitReport | None
    child_period: ReviewPeriod | None = None

    @property
    def is_sent(self) -> bool:
        return self.report is not None and self.report.is_sent

    @property
    def is_late(self) -> bool:
        return self.report is not None and self.report.late


@dataclass
class PeriodStatus:
    period: ReviewPeriod
    lines: list[UnitLine]
    removed: list[ExpectedUnit]
    figures: dict[str, int] = field(default_factory=fig.empty)

    @property
    def expected(self) -> list[OrgUnit]:
        return [line.unit for line in self.lines]

    @property
    def submitted(self) -> list[OrgUnit]:
        return [line.unit for line in self.lines if line.is_sent]

    @property
    def late(self) -> list[OrgUnit]:
        return [line.unit for line in self.lines if line.is_late]

    @property
    def missing(self) -> list[OrgUnit]:
        return [line.unit for line in self.lines if not line.is_sent]

    @property
    def returned(self) -> list[OrgUnit]:
        return [
            line.unit for line in self.lines if line.report and line.report.status == ReportStatus.RETURNED
        ]

    @property
    def sent_reports(self) -> list[UnitReport]:
        return [line.report for line in self.lines if line.report is not None and line.is_sent]


def period_status(period: ReviewPeriod) -> PeriodStatus:
    """Who was asked, who sent, who is late, who is missing, and the sum of what was sent."""
    lines_qs = period.expected.select_related("unit").order_by("unit__path")
    active = [line for line in lines_qs if line.removed_at is None]
    removed = [line for line in lines_qs if line.removed_at is not None]
    reports = {
        r.unit_id: r for r in UnitReport.objects.filter(period=period).select_related("unit", "proposal")
    }
    children = {p.unit_id: p for p in ReviewPeriod.objects.filter(parent=period)}
    lines = [UnitLine(line.unit, reports.get(line.unit_id), children.get(line.unit_id)) for line in active]
    status = PeriodStatus(period, lines, removed)
    status.figures = fig.total(r.figures for r in status.sent_reports)
    return status


def consolidates(user: Actor, period: ReviewPeriod) -> bool:
    """Whether ``user`` is on the side that opened the period (sees every unit's report)."""
    return can(user, Action.VIEW, period.unit)


def period_status_for(user: Actor, period: ReviewPeriod) -> PeriodStatus:
    """The period as ``user`` may see it: all of it for the unit that consolidates, otherwise only
    the reporting units the user reaches (their own report, never their siblings')."""
    status = period_status(period)
    if consolidates(user, period):
        return status
    reached = reaches(user, Action.VIEW)

    def mine(unit: OrgUnit) -> bool:
        return any(r.covers(unit.path) for r in reached)

    own = PeriodStatus(
        period,
        [line for line in status.lines if mine(line.unit)],
        [e for e in status.removed if mine(e.unit)],
    )
    own.figures = fig.total(r.figures for r in own.sent_reports)
    return own


def sent_reports(period: ReviewPeriod) -> QuerySet[UnitReport]:
    return (
        UnitReport.objects.filter(period=period, status__in=SENT_STATUSES)
        .select_related("unit")
        .order_by("unit__path")
    )


def get_report_for(user: Actor, period: ReviewPeriod, unit_code: str) -> tuple[OrgUnit, UnitReport | None]:
    """A unit expected in the period and its report; 404 unless the user sees the unit or the period's unit."""
    lines = period.expected.filter(unit__code=unit_code, removed_at__isnull=True).select_related("unit")
    if not can(user, Action.VIEW, period.unit):
        lines = lines.filter(scope_q(user, Action.VIEW, "unit__path"))
    line = lines.first()
    if line is None:
        raise Http404
    return line.unit, UnitReport.objects.filter(period=period, unit=line.unit).first()
