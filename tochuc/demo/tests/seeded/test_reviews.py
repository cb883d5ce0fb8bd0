"""Demo review periods: a quarter in every state, a year opened at two levels."""

from __future__ import annotations

import io
import random

import pytest
from django.utils import timezone

from tochuc.demo.reviews import quarter_code, seed_reviews
from tochuc.reviews import register
from tochuc.reviews.models import ReportStatus, ReviewPeriod
from tochuc.reviews.selectors import period_status

pytestmark = pytest.mark.django_db


def test_demo_quarter_has_submitted_late_returned_and_missing(demo_data: str) -> None:
    period = ReviewPeriod.objects.get(code=quarter_code(timezone.localdate()))
    status = period_status(period)
    assert status.submitted and status.missing
    assert len(status.late) == 1
    assert len(status.returned) == 1
    assert ReportStatus.ACCEPTED in {line.report.status for line in status.lines if line.report}


def test_demo_year_is_opened_at_two_levels_and_runs_once(demo_data: str) -> None:
    below = ReviewPeriod.objects.get(parent__isnull=False)
    assert below.parent is not None and below.parent.kind == "year"
    assert period_status(below).submitted
    out = io.StringIO()
    seed_reviews(scale="small", rng=random.Random(1), stdout=out)
    assert "đã có" in out.getvalue()
    assert ReviewPeriod.objects.count() == 3


def test_demo_dates_agree_and_the_report_is_dispatched(demo_data: str) -> None:
    period = ReviewPeriod.objects.get(code=quarter_code(timezone.localdate()))
    status = period_status(period)
    late = next(line.report for line in status.lines if line.is_late and line.report)
    assert late.submitted_at is not None
    sent_on = timezone.localtime(late.submitted_at).date()
    assert (sent_on - period.deadline).days == late.delay_days == 4
    assert sent_on < timezone.localdate()
    for line in status.lines:
        if line.report and line.report.submitted_at and not line.is_late:
            assert timezone.localtime(line.report.submitted_at).date() <= period.deadline
    issued = register.period_number(period)
    assert issued is not None and issued.dispatches.exists()
    accepted = next(line.report for line in status.lines if line.report and line.report.status == "accepted")
    assert accepted.proposal is not None
