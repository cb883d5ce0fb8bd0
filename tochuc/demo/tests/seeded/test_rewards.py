"""Demo rewards and discipline: badges, certificates through their workflow, disciplines and an appeal."""

from __future__ import annotations

import pytest

from tochuc.rewards.models import (
    BadgeStatus,
    CertificateStatus,
    Discipline,
    DisciplineAppeal,
    DisciplineStatus,
    PartyBadge,
    RewardProposal,
)

pytestmark = pytest.mark.django_db


def test_demo_has_rewards_and_discipline_in_every_state(demo_data: str) -> None:
    assert PartyBadge.objects.filter(status=BadgeStatus.AWARDED).exists()
    approved = RewardProposal.objects.filter(status=CertificateStatus.APPROVED, person__isnull=False)
    assert approved.exists()
    assert all(
        p.person is not None and p.person.rewards.filter(decided_by__contains=p.decision_number)
        for p in approved
    )
    assert RewardProposal.objects.filter(status=CertificateStatus.PROPOSED).exists()
    # One proposed by the demo's rewards, one sent on by the demo inspection's conclusion.
    proposed = Discipline.objects.filter(status=DisciplineStatus.PROPOSED, person__isnull=False)
    assert proposed.count() == 2
    assert proposed.filter(inspection_proposal__isnull=False).count() == 1
    assert Discipline.objects.filter(status=DisciplineStatus.DECIDED, person__isnull=False).count() == 2
    assert Discipline.objects.filter(status=DisciplineStatus.DECIDED, unit__isnull=False).count() == 1
    assert DisciplineAppeal.objects.filter(outcome="").count() == 1
    assert "khen thưởng theo kết quả" in demo_data
