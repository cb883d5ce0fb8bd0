"""Demo personnel work: a planning cycle and procedures in every state, made through the services."""

from __future__ import annotations

import io
import random

import pytest

from tochuc.demo import units as unit_demo
from tochuc.demo.personnel import CYCLE_CODE, seed_personnel
from tochuc.personnel.models import (
    EntryStatus,
    PlanningEntry,
    Procedure,
    ProcedureStatus,
    Rotation,
    StepOutcome,
)

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_runs_once(demo_data: str) -> None:
    statuses = set(Procedure.objects.values_list("status", flat=True))
    assert statuses == {
        ProcedureStatus.DECIDED,
        ProcedureStatus.OPEN,
        ProcedureStatus.BLOCKED,
        ProcedureStatus.FAILED,
    }
    blocked = Procedure.objects.get(status=ProcedureStatus.BLOCKED)
    assert "Xung đột lợi ích" in blocked.blocked_reason and "«Bố»" in blocked.blocked_reason
    decided = Procedure.objects.get(status=ProcedureStatus.DECIDED)
    assert decided.steps.filter(outcome=StepOutcome.NO_QUORUM).count() == 1
    assert decided.steps.filter(outcome=StepOutcome.PASSED).count() == 5
    entries = PlanningEntry.objects.filter(cycle__code=CYCLE_CODE)
    assert entries.filter(status=EntryStatus.APPROVED).exists()
    assert set(entries.filter(removed_automatically=True).values_list("removal_reason", flat=True)) == {
        "discipline",
        "low_confidence",
    }
    assert Rotation.objects.count() == 1
    before = Procedure.objects.count()
    out = io.StringIO()
    seed_personnel(scale="small", rng=random.Random(unit_demo.DEFAULT_SEED), stdout=out)
    assert Procedure.objects.count() == before
    assert "đã có" in out.getvalue()
