"""One demo, as ``make run`` loads it, seeded once for every test of this package."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from pytest_django import DjangoDbBlocker

from tochuc.demo.tests.conftest import loaded_once


def _seed_demo() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--scale", "small", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="package")
def demo_database(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[str]:
    """``seed_demo --scale small`` run once for the package; its output."""
    with loaded_once(django_db_blocker, _seed_demo) as output:
        yield output


@pytest.fixture
def demo_data(demo_database: str, db: None) -> str:
    """The loaded demo, for one test (what the test writes is rolled back after it)."""
    return demo_database
