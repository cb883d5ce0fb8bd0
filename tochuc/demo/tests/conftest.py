"""Demo data loaded once for many tests.

The data is loaded inside a transaction that stays open while the tests run and
is rolled back after the last of them. Each test runs in its own savepoint
within it (the ``db`` fixture), so a test that writes (running a seeder again,
deleting a row to see it come back) leaves the data as it was for the next test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import transaction
from pytest_django import DjangoDbBlocker

T = TypeVar("T")


@contextmanager
def loaded_once(django_db_blocker: DjangoDbBlocker, load: Callable[[], T]) -> Iterator[T]:
    """Run ``load`` in a transaction kept open until the block ends, then roll it back."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            loaded = load()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield loaded
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
