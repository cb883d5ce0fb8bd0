"""Demo positions use the people already there, and a second run adds nothing."""

from __future__ import annotations

import io
import random

import pytest

from tochuc.demo.positions import seed_positions
from tochuc.positions.models import Assignment, DutyResponsibility, Position, Title
from tochuc.positions.tests.conftest import make_person

pytestmark = pytest.mark.django_db


def test_seed_positions_is_idempotent_and_needs_people(tree):
    out = io.StringIO()
    seed_positions(scale="small", rng=random.Random(1), stdout=out)
    assert not Position.objects.exists()  # nobody there yet: nothing created
    assert Title.objects.count() >= 5
    for i, name in enumerate(
        ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    ):
        make_person(tree.commune if i % 2 else tree.department, name)
    seed_positions(scale="small", rng=random.Random(1), stdout=out)
    units = set(Position.objects.values_list("unit__code", flat=True))
    assert units == {"T01-X01", "BTCTW-V1"}
    assert Assignment.objects.exists() and DutyResponsibility.objects.exists()
    counts = (Position.objects.count(), Assignment.objects.count(), DutyResponsibility.objects.count())
    seed_positions(scale="small", rng=random.Random(2), stdout=out)
    assert (
        Position.objects.count(),
        Assignment.objects.count(),
        DutyResponsibility.objects.count(),
    ) == counts
    assert "vị trí" in out.getvalue()
