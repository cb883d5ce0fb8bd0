"""Demo proposals and feedback: each state is there to show, and a second run adds nothing."""

from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tochuc.demo.voices import seed_voices
from tochuc.feedback.models import Feedback, FeedbackChannel, FeedbackStatus
from tochuc.proposals.models import Proposal, ProposalStatus, Timeliness

pytestmark = pytest.mark.django_db


def test_proposals_and_feedback_in_each_state() -> None:
    call_command("seed_demo", "--no-people", stdout=StringIO())
    seed_voices(scale="small", rng=random.Random(1), stdout=StringIO())
    today = timezone.localdate()
    states = {p.timeliness(today) for p in Proposal.objects.all()}
    assert {Timeliness.ON_TIME, Timeliness.LATE, Timeliness.IN_TIME, Timeliness.OVERDUE} <= states
    assert Proposal.objects.filter(status=ProposalStatus.DUPLICATE).count() == 1
    assert Proposal.objects.filter(published=True).count() == 1
    citizen = Feedback.objects.filter(channel=FeedbackChannel.CITIZEN)
    assert citizen.filter(status=FeedbackStatus.ANSWERED, published=True).exists()
    assert citizen.filter(anonymous=True).exists()
    assert any(f.is_overdue(today) for f in citizen)
    assert any(not f.is_overdue(today) and not f.is_answered for f in citizen)
    press = Feedback.objects.filter(channel=FeedbackChannel.PRESS)
    assert {f.status for f in press} == {FeedbackStatus.RECEIVED, FeedbackStatus.ANSWERED}
    before = (Proposal.objects.count(), Feedback.objects.count())
    seed_voices(scale="small", rng=random.Random(1), stdout=StringIO())
    assert (Proposal.objects.count(), Feedback.objects.count()) == before
