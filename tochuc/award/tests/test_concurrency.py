"""Two requests at the same moment, each on its own connection (PostgreSQL only): entry numbers are
never taken twice, a stage moves once, and a document is sent once to each recipient."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest
from django.db import close_old_connections, connection

from tochuc.accounts.models import User
from tochuc.audit.models import AuditEvent
from tochuc.award import judging, services
from tochuc.award.models import AwardEntry, AwardRound, Panel, RoundStatus
from tochuc.award.services import AuthorInput
from tochuc.conftest import Tree, make_user
from tochuc.core.errors import DomainError

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite's shared in-memory test database refuses concurrent writers ('table is locked'); "
        "there writes are serialized by the database and a race cannot be shown.",
    ),
]

THREADS = 6
PER_THREAD = 4


def _together(work: Callable[[int], None], count: int = THREADS) -> list[BaseException]:
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            start.wait()
            work(i)
        except BaseException as exc:  # reported to the test
            errors.append(exc)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_concurrent_entries_never_take_one_number_twice(award_round: AwardRound, organizer: User) -> None:
    def clerk(i: int) -> None:
        for j in range(PER_THREAD):
            services.entry_record(
                actor=organizer,
                award_round=AwardRound.objects.get(pk=award_round.pk),
                title=f"Tác phẩm {i}-{j}",
                outlet="Báo Nhân Dân",
                form="print",
                published_on=dt.date(2025, 3, 1),
                topic="ideology",
                authors=[AuthorInput(f"Tác giả {i}-{j}")],
            )

    assert _together(clerk) == []
    numbers = sorted(AwardEntry.objects.filter(round=award_round).values_list("number", flat=True))
    assert numbers == list(range(1, THREADS * PER_THREAD + 1))


def test_a_stage_moves_once_when_two_ask_together(
    tree: Tree, award_round: AwardRound, organizer: User
) -> None:
    services.juror_add(
        actor=organizer, award_round=award_round, panel=Panel.PRELIMINARY, user=make_user("giamkhao")
    )

    def move(_i: int) -> None:
        judging.preliminary_start(actor=organizer, award_round=AwardRound.objects.get(pk=award_round.pk))

    errors = _together(move, 2)
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    assert AwardRound.objects.get(pk=award_round.pk).status == RoundStatus.PRELIMINARY
    assert AuditEvent.objects.filter(action="award.preliminary_start").count() == 1


def test_a_document_is_sent_once_to_each_recipient(tree: Tree, inside: User) -> None:
    from tochuc.reviews import dispatch, documents, register, selectors
    from tochuc.reviews import services as review_services
    from tochuc.reviews.models import Dispatch, OutgoingNumber

    period = review_services.period_open(
        actor=inside,
        code="T01-2025-Q1",
        unit=tree.province,
        kind="quarter",
        year=2025,
        quarter=1,
        deadline=dt.date(2025, 4, 10),
    )
    issued = register.period_report_issue(
        actor=inside, period=period, issued_on=dt.date(2025, 4, 15), signer_name="Trần Văn B"
    )
    document = documents.issued_document(selectors.period_status(period), issued, dt.date(2025, 4, 16))

    def send(_i: int) -> None:
        dispatch.dispatch_send(
            actor=inside,
            issued=OutgoingNumber.objects.select_related("register__issuer").get(pk=issued.pk),
            document=document,
            units=[tree.commune, tree.commune2],
            link="/reviews/incoming/",
        )

    assert _together(send, 3) == []
    assert sorted(Dispatch.objects.values_list("unit__code", flat=True)) == ["T01-X01", "T01-X02"]
