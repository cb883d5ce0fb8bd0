"""Demo inspections: one concluded with half of its follow-ups done, one supervision in progress."""

from __future__ import annotations

import io
import random

import pytest

from tochuc.demo.inspections import INSPECTION_CODE, SUPERVISION_CODE, seed_inspections
from tochuc.inspections import selectors
from tochuc.inspections.models import Inspection

pytestmark = pytest.mark.django_db


def test_demo_inspection_concluded_half_followed_up_and_supervision_in_progress(demo_data: str) -> None:
    concluded = Inspection.objects.get(code=INSPECTION_CODE)
    found = selectors.progress(concluded)
    assert (found.tasks_done, len(found.tasks)) == (2, 4)
    assert selectors.status_of(concluded) == "follow_up"
    assert concluded.members.filter(role="head").count() == 1
    supervision = Inspection.objects.get(code=SUPERVISION_CODE)
    assert selectors.status_of(supervision) == "in_progress"
    out = io.StringIO()
    seed_inspections(scale="small", rng=random.Random(1), stdout=out)
    assert "đã có" in out.getvalue()
    assert Inspection.objects.count() == 2
