"""A seeder refuses to run before the one it builds on."""

from __future__ import annotations

import io
import random

import pytest

from tochuc.demo.people import seed_people

pytestmark = pytest.mark.django_db


def test_people_refuse_without_the_unit_tree() -> None:
    with pytest.raises(ValueError, match="seed the units first"):
        seed_people(scale="small", rng=random.Random(1), stdout=io.StringIO())
