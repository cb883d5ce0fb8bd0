from __future__ import annotations

import threading

import pytest
from django.db import close_old_connections, connection

from tochuc.conftest import Tree
from tochuc.core.errors import DomainError
from tochuc.reviews import register
from tochuc.reviews.models import OutgoingNumber, OutgoingRegister
from tochuc.reviews.tests.helpers import D


@pytest.mark.django_db
def test_numbers_count_per_type_and_term_and_cancelled_ones_keep_their_reason(tree: Tree) -> None:
    first = register.number_issue(
        actor=None, issuer=tree.province, doc_type="BC", subject="A", issued_on=D(2025, 11, 2)
    )
    second = register.number_issue(
        actor=None, issuer=tree.province, doc_type="BC", subject="B", issued_on=D(2025, 11, 3)
    )
    plan = register.number_issue(
        actor=None, issuer=tree.province, doc_type="KH", subject="C", issued_on=D(2025, 11, 3)
    )
    next_term = register.number_issue(
        actor=None, issuer=tree.province, doc_type="BC", subject="D", issued_on=D(2030, 11, 3)
    )
    assert [first.number_symbol, second.number_symbol, plan.number_symbol, next_term.number_symbol] == [
        "01-BC/TU",
        "02-BC/TU",
        "01-KH/TU",
        "01-BC/TU",
    ]
    with pytest.raises(DomainError):
        register.number_cancel(actor=None, issued=second, reason=" ")
    register.number_cancel(actor=None, issued=second, reason="Văn bản rút lại trước khi gửi")
    third = register.number_issue(
        actor=None, issuer=tree.province, doc_type="BC", subject="E", issued_on=D(2025, 12, 1)
    )
    assert third.number_symbol == "03-BC/TU"  # the cancelled 02 is never given again
    assert register.gaps(first.register) == []


THREADS = 6
PER_THREAD = 5


@pytest.mark.django_db(transaction=True)
def test_concurrent_issue_never_gives_one_number_twice(tree: Tree) -> None:
    """Clerks issuing at the same moment, each on their own connection."""
    if connection.vendor == "sqlite":
        # SQLite's shared in-memory test database refuses concurrent writers outright ("table is
        # locked"); there the writes are serialized by the database and this proves nothing more.
        thread_count, per_thread = 1, THREADS * PER_THREAD
    else:
        thread_count, per_thread = THREADS, PER_THREAD
    start = threading.Barrier(thread_count)
    errors: list[BaseException] = []

    def clerk() -> None:
        try:
            start.wait()
            for i in range(per_thread):
                register.number_issue(
                    actor=None,
                    issuer=tree.province,
                    doc_type="BC",
                    subject=f"Báo cáo {i}",
                    issued_on=D(2025, 11, 2),
                )
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=clerk) for _ in range(thread_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = list(OutgoingNumber.objects.values_list("number", flat=True))
    assert sorted(numbers) == list(range(1, THREADS * PER_THREAD + 1))
    assert OutgoingRegister.objects.get().last_number == THREADS * PER_THREAD
